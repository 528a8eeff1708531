// Labels, printers and printing: templates, preview with the checks, printer profiles, the print queue and log.
import { z } from 'zod';
import { id, optText, text } from './fields';
import { method } from './method';
import { override } from './lots';
import { labelTemplate, type LabelTemplate } from '../labels/model';
import { labelData, type Decree43Report, type LabelData } from '../labels/fields';
import { pageTransport, readPrinterUri } from '../domain/printer-uri';
import { gs1CheckDigit } from '../gs1/checkdigit';
import '../i18n/labels';

export type { LabelTemplate, LabelData };

/** A template by reference: 'default:<key>' for a built-in one, or the id of a saved one. */
export const templateRef = z.union([z.string().trim().min(1).max(100), id]);

export type TemplateInfo = {
  ref: string;
  id: number | null;
  key: string | null;
  name: string;
  purpose: LabelTemplate['purpose'];
  widthMm: number;
  heightMm: number;
  builtIn: boolean;
  basedOn: string | null;
  updatedAt: string | null;
  template: LabelTemplate;
};

/** An SSCC-18 typed or scanned (spaces and brackets of "(00)" dropped), its GS1 check digit verified. */
export const sscc = z
  .string({ error: 'INVALID_TYPE' })
  .transform((v) => v.replace(/^\s*\(00\)/, '').replace(/\s/g, ''))
  .superRefine((v, ctx) => {
    if (!/^\d{18}$/.test(v)) return void ctx.addIssue({ code: 'custom', message: 'SSCC_FORMAT' });
    const expected = gs1CheckDigit(v.slice(0, 17));
    if (Number(v[17]) !== expected) ctx.addIssue({ code: 'custom', message: 'SSCC_CHECK_DIGIT', params: { expected } });
  });
/** A carton label's SSCC: one given, or 'next' for the next from the business's GS1 prefix (allocated once). */
export const ssccChoice = z.union([z.literal('next'), sscc]);
/** GS1 extension digit of allocated SSCCs (0–9, the business's own use: e.g. 0 cartons, 1 pallets). */
const ssccExtension = z.number().int().min(0).max(9).optional();

/** Where a label's data comes from: a lot (by id or as typed: CODE or PRODUCT-CODE/CODE), or given data. */
const source = {
  lotId: id.optional(),
  lot: z.string().trim().min(1).max(100).optional(),
  data: labelData.optional(),
};

export const PRINT_LANGS = ['tspl', 'zpl', 'escpos', 'driver'] as const;
export const printLang = z.enum(PRINT_LANGS, { error: 'INVALID_CHOICE' });
export const dpi = z.union([z.literal(203), z.literal(300), z.literal(600)], { error: 'INVALID_CHOICE' });
const copies = z
  .number({ error: 'INVALID_TYPE' })
  .int({ error: 'NOT_INTEGER' })
  .min(1, { error: 'TOO_SMALL' })
  .max(10000, { error: 'TOO_BIG' });

export const previewInput = z
  .object({
    ...source,
    template: z.union([templateRef, labelTemplate]),
    dpi: dpi.optional(),
    /** Render for this printer's dpi (and check the head width). */
    printerId: id.optional(),
    serial: z.number().int().min(0).max(1e12).optional(),
    /** Leave out the PNG (checks only). */
    checkOnly: z.boolean().optional(),
    /** The carton's SSCC (AI 00) on a carton label. */
    sscc: sscc.optional(),
  })
  .strict();

export type LabelProblemView = { code: string; message: string; severity: 'error' | 'warning'; element?: string };

export type Preview = {
  ok: boolean;
  /** data:image/png;base64,… of the 1-bit bitmap that prints (null with checkOnly). */
  png: string | null;
  dpi: number;
  widthDots: number;
  heightDots: number;
  widthMm: number;
  heightMm: number;
  problems: LabelProblemView[];
  /** What of Decree 43 the label carries; `complete` alone allows saying the label has all of it. */
  decree43: Decree43Report;
  data: LabelData;
  templateName: string;
};

export const printerInput = z
  .object({
    id: id.optional(),
    name: text(100),
    /** One of the forms in shared/domain/printer-uri.ts; anything else is refused. */
    uri: text(300).refine((v) => readPrinterUri(v) !== null, { message: 'PRINTER_URI_FORM' }),
    language: printLang,
    dpi,
    media: z.enum(['gap', 'black_mark', 'continuous'], { error: 'INVALID_CHOICE' }).default('gap'),
    gapMm: z.number().min(0).max(20).default(2),
    labelWidthMm: z.number().min(10).max(300).default(50),
    labelHeightMm: z.number().min(5).max(1000).default(30),
    headWidthMm: z.number().min(20).max(300).default(104),
    offsetXMm: z.number().min(-20).max(20).default(0),
    offsetYMm: z.number().min(-20).max(20).default(0),
    darkness: z.number().int().min(0).max(15).default(8),
    speed: z.number().int().min(1).max(12).default(4),
    isDefault: z.boolean().default(false),
    /** 'receipt': a 58/80 mm receipt printer on continuous paper, for delivery slips. 'page': an office printer
     * taking A4 pages (A4 decal sheets), through its driver, CUPS or a PDF file. */
    kind: z.enum(['label', 'receipt', 'page'], { error: 'INVALID_CHOICE' }).default('label'),
    paperWidthMm: z.union([z.literal(58), z.literal(80)], { error: 'INVALID_CHOICE' }).nullish(),
    /** The printer's firmware: Epson ESC/POS (Epson, Xprinter and most others) or Star line mode. */
    commandSet: z.enum(['epson', 'star'], { error: 'INVALID_CHOICE' }).default('epson'),
    cut: z.enum(['partial', 'full', 'none'], { error: 'INVALID_CHOICE' }).default('partial'),
    beep: z.boolean().default(false),
    cashDrawer: z.boolean().default(false),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.kind === 'page') {
      // An A4 page goes as a PDF or through the OS driver; a raw spooler or port passes bytes most office printers
      // cannot read.
      const a = readPrinterUri(p.uri);
      if (a && !pageTransport(a)) ctx.addIssue({ code: 'custom', path: ['uri'], message: 'PAGE_PRINTER_URI' });
      return;
    }
    if (p.kind !== 'receipt') return;
    if (!p.paperWidthMm) ctx.addIssue({ code: 'custom', path: ['paperWidthMm'], message: 'REQUIRED' });
    if (p.language !== 'escpos' && p.language !== 'driver')
      ctx.addIssue({ code: 'custom', path: ['language'], message: 'RECEIPT_PRINTER_LANGUAGE' });
  });

export type Printer = {
  id: number;
  name: string;
  uri: string;
  language: (typeof PRINT_LANGS)[number];
  dpi: 203 | 300 | 600;
  media: 'gap' | 'black_mark' | 'continuous';
  gapMm: number;
  labelWidthMm: number;
  labelHeightMm: number;
  headWidthMm: number;
  offsetXMm: number;
  offsetYMm: number;
  darkness: number;
  speed: number;
  isDefault: boolean;
  kind: 'label' | 'receipt' | 'page';
  /** Receipt printers: paper width, firmware command set and what follows a slip. */
  paperWidthMm: 58 | 80 | null;
  commandSet: 'epson' | 'star';
  cut: 'partial' | 'full' | 'none';
  beep: boolean;
  cashDrawer: boolean;
};

export const printInput = z
  .object({
    ...source,
    template: templateRef,
    /** A saved printer (the owner sets printers up; a print never names an address). */
    printerId: id,
    dpi: dpi.optional(),
    copies: copies.default(1),
    /** First serial number when the template prints {serial} or AI 21 (each label gets the next). */
    serialFrom: z.number().int().min(0).max(1e12).optional(),
    /** Idempotency key: the same key submits one job (double click). */
    requestKey: z.string().trim().min(1).max(100).optional(),
    /** The owner's reason to label a lot that is on hold, recalled or expired (audited). */
    override,
    /** A carton label's SSCC; 'next' allocates one (never reused, audited). Copies carry the same SSCC. */
    sscc: ssccChoice.optional(),
    ssccExtension,
  })
  .strict();

export type PrintJobStatus = 'queued' | 'sending' | 'done' | 'failed' | 'cancelled';
export type PrintJob = {
  id: number;
  createdAt: string;
  user: string;
  lotId: number | null;
  lotCode: string | null;
  productName: string | null;
  templateRef: string;
  templateName: string;
  /** Delivery slips: the shipment printed. */
  shipmentId: number | null;
  printerId: number | null;
  printerName: string | null;
  printerUri: string;
  language: string;
  dpi: number;
  copies: number;
  serialFrom: number | null;
  status: PrintJobStatus;
  attempts: number;
  error: { code: string; message: string } | null;
  bytes: number | null;
  sha256: string | null;
  reprintOf: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** Warnings found when the job was made (shrunk text…). */
  warnings: LabelProblemView[];
  /** The SSCC the labels carry (carton labels). */
  sscc: string | null;
};

export const labelMethods = {
  'labels.templates': method(z.object({ includeArchived: z.boolean().optional() }).strict(), 'read').returns<
    TemplateInfo[]
  >(),
  'labels.template': method(z.object({ ref: templateRef }).strict(), 'read').returns<TemplateInfo>(),
  'labels.saveTemplate': method(
    z.object({ id: id.optional(), template: labelTemplate, basedOn: optText(100) }).strict(),
    'write',
  ).returns<TemplateInfo>(),
  'labels.archiveTemplate': method(z.object({ id }).strict(), 'write').returns<TemplateInfo>(),
  'labels.data': method(z.object(source).strict(), 'read').returns<{ lotId: number | null; data: LabelData }>(),
  'labels.preview': method(previewInput, 'read').returns<Preview>(),
  /** The SSCC `sscc: 'next'` would allocate now (nothing is reserved). */
  'labels.nextSscc': method(z.object({ extension: ssccExtension }).strict(), 'read').returns<{ sscc: string }>(),
  /**
   * Allocates the next SSCC: GS1 company prefix of the business + extension digit + the serial counter kept in the
   * database, check digit computed; one transaction, never handed out twice, audited.
   */
  'labels.allocateSscc': method(z.object({ extension: ssccExtension }).strict(), 'write').returns<{
    sscc: string;
  }>(),
  /**
   * Before a label of a lot leaves the app other than through the print queue (a file from the CLI): refuses a
   * held, quarantined, recalled or expired lot unless the owner gives a reason, which is audited. A usable lot
   * passes without an override.
   */
  'labels.checkLot': method(
    z
      .object({
        lotId: source.lotId,
        lot: source.lot,
        override,
        format: z.enum(['png', 'pdf', 'tspl', 'zpl', 'escpos'], { error: 'INVALID_CHOICE' }).optional(),
      })
      .strict(),
    'write',
  ).returns<{ lotId: number; lotCode: string; blocked: string | null }>(),
  /** Label settings: the trace page address for QR codes of products without a GTIN ('{traceCode}' is replaced). */
  'labels.settings': method(z.object({}).strict(), 'read').returns<{ traceUri: string | null }>(),
  'labels.updateSettings': method(
    z
      .object({
        traceUri: z
          .string()
          .trim()
          .max(300, { error: 'TOO_LONG' })
          .regex(/^https?:\/\/[^\s]+\{traceCode\}/, { error: 'INVALID' })
          .nullable(),
      })
      .strict(),
    'write',
  ).returns<{ traceUri: string | null }>(),
  'printers.list': method(z.object({}).strict(), 'read').returns<Printer[]>(),
  /** Printers installed in the OS (CUPS queues; Windows printers through the desktop shell). */
  'printers.installed': method(z.object({}).strict(), 'read').returns<
    { name: string; uri: string; isDefault?: boolean }[]
  >(),
  'printers.save': method(printerInput, 'write').returns<Printer>(),
  'printers.archive': method(z.object({ id }).strict(), 'write').returns<Printer>(),
  'print.submit': method(printInput, 'write').returns<PrintJob>(),
  /** Calibration label (frame, mm rulers, crosshair) or a one-label test print on a saved printer. */
  'print.test': method(
    z.object({ printerId: id, kind: z.enum(['calibration', 'test']) }).strict(),
    'write',
  ).returns<PrintJob>(),
  /** Sends a failed job again; a job that printed is printed again only with `again: true` (as a new job). */
  /** Also the owner's `override` when the job's lot has since been held, recalled or has expired (audited). */
  'print.retry': method(
    z.object({ id, again: z.boolean().optional(), override }).strict(),
    'write',
  ).returns<PrintJob>(),
  'print.cancel': method(z.object({ id }).strict(), 'write').returns<PrintJob>(),
  'print.job': method(z.object({ id }).strict(), 'read').returns<PrintJob>(),
  'print.jobs': method(
    z
      .object({
        status: z.enum(['queued', 'sending', 'done', 'failed', 'cancelled']).optional(),
        lotId: id.optional(),
        limit: z.number().int().min(1).max(1000).optional(),
        offset: z.number().int().min(0).optional(),
      })
      .strict(),
    'read',
  ).returns<{ items: PrintJob[]; total: number }>(),
};
