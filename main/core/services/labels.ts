// Labels and printing: templates (built-in + saved), label data from a lot's frozen snapshot, preview with the
// Decree 43 and GS1 checks, printer profiles, and the print queue/log (sending happens in main/printing/queue.ts
// after the submitting transaction commits).
import type { PartialHandlers, ServiceContext } from '../core';
import { AppError } from '../../../shared/api/errors';
import { errorMessage, type Lang } from '../../../shared/i18n/messages';
import type { LabelProblemView, PrintJob, Printer, TemplateInfo } from '../../../shared/api/labels';
import { DEFAULT_TEMPLATES } from '../../../shared/labels/defaults';
import {
  checkLabel,
  DECREE43_FIELDS,
  decree43Report,
  decree43Word,
  placeholders,
  requiredFields,
  labelData as labelDataSchema,
  traceCode,
  type LabelData,
  type LabelProblem,
} from '../../../shared/labels/fields';
import { A4, isA4, labelTemplate, layoutProblems, type LabelTemplate } from '../../../shared/labels/model';
import { elementWords } from '../../../shared/labels/words';
import { pageTransport, readPrinterUri } from '../../../shared/domain/printer-uri';
import { nowIso, todayLocal } from '../../clock';
import { bitmapToPng, renderLabel, type RenderProblem } from '../../labels/render';
import { isSerialized, type JobSpec } from '../../printing/job';
import { isRunning, scheduleJob } from '../../printing/queue';
import { listInstalledPrintersSync, parsePrinterUri } from '../../printing/transports';
import { resolveLots } from '../../trace/resolve';
import { appFolder } from '../../store/folders';
import { audit } from './records';
import { checkUsable, lotRow } from './events';
import { lotBlock } from '../../../shared/domain/lots';
import { STATE_WORDS } from '../../../shared/i18n/records';
import { allocateSscc, peekSscc } from './sscc';
import { q } from '../../store/statements';

type Row = Record<string, unknown>;

// ---------- templates ----------
function builtInInfo(d: (typeof DEFAULT_TEMPLATES)[number], lang: Lang = 'vi'): TemplateInfo {
  const t = d.template;
  return {
    ref: `default:${d.key}`,
    id: null,
    key: d.key,
    name: lang === 'en' ? d.nameEn : t.name,
    purpose: t.purpose,
    widthMm: t.widthMm,
    heightMm: t.heightMm,
    builtIn: true,
    basedOn: null,
    updatedAt: null,
    template: t,
  };
}

function savedInfo(r: Row): TemplateInfo {
  const t = JSON.parse(String(r.definition)) as LabelTemplate;
  return {
    ref: String(r.id),
    id: Number(r.id),
    key: null,
    name: t.name,
    purpose: t.purpose,
    widthMm: t.widthMm,
    heightMm: t.heightMm,
    builtIn: false,
    basedOn: (r.based_on as string | null) ?? null,
    updatedAt: String(r.updated_at),
    template: t,
  };
}

function allTemplates(ctx: ServiceContext, includeArchived = false): TemplateInfo[] {
  const rows = q(
    ctx.db,
    `SELECT * FROM label_templates ${includeArchived ? '' : 'WHERE archived = 0'} ORDER BY name`,
  ).all() as Row[];
  return [...DEFAULT_TEMPLATES.map((d) => builtInInfo(d, ctx.lang)), ...rows.map(savedInfo)];
}

/** A template by id, 'default:key', key or name (what a CLI user types). */
export function findTemplate(ctx: ServiceContext, ref: string | number): TemplateInfo {
  if (typeof ref === 'number' || /^\d+$/.test(ref)) {
    const r = q(ctx.db, 'SELECT * FROM label_templates WHERE id = ?').get(Number(ref)) as Row | undefined;
    if (r) return savedInfo(r);
  } else {
    const key = ref.replace(/^default:/, '');
    const d = DEFAULT_TEMPLATES.find((x) => x.key === key);
    if (d) return builtInInfo(d);
    const lower = ref.trim().toLowerCase();
    const hit = allTemplates(ctx).find((t) => t.name.toLowerCase() === lower);
    if (hit) return hit;
  }
  const choices = allTemplates(ctx)
    .map((t) => t.key ?? t.name)
    .join(', ');
  throw new AppError('LABEL_TEMPLATE_NOT_FOUND', { name: String(ref), choices }, { status: 404 });
}

// ---------- label data ----------
/** The lot a label is for (by id or as typed), or null when the label has given data. */
function labelLotId(ctx: ServiceContext, input: { lotId?: number; lot?: string }): number | null {
  if (input.lotId === undefined && !input.lot) return null;
  const found = resolveLots(
    ctx.db,
    input.lotId !== undefined ? { lotIds: [input.lotId] } : { lots: [input.lot as string] },
    ctx.lang,
  );
  if (found.length > 1) {
    const choices = found.map((f) => `${f.productCode}/${f.code}`);
    throw new AppError(
      'LOT_CODE_AMBIGUOUS',
      { code: input.lot ?? '', choices: choices.join(', '), example: choices[0] },
      { status: 409 },
    );
  }
  return found[0].id;
}

/** The label data of a lot: its frozen snapshot (reprints match the original), plus the print-time settings. */
export function lotLabelData(
  ctx: ServiceContext,
  input: { lotId?: number; lot?: string; data?: LabelData },
): { lotId: number | null; data: LabelData } {
  const lotId = labelLotId(ctx, input);
  let data: LabelData;
  if (lotId !== null) {
    const r = q(
      ctx.db,
      'SELECT l.code, l.production_date, l.expiry_date, l.label_data, p.name, p.code AS product_code FROM lots l JOIN products p ON p.id = l.product_id WHERE l.id = ?',
    ).get(lotId) as Row;
    if (!r.label_data) throw new AppError('LABEL_NO_LABEL_DATA', { code: String(r.code) }, { status: 409 });
    const snap = JSON.parse(String(r.label_data)) as Row;
    const parsed = labelDataSchema.safeParse(snap);
    if (!parsed.success) throw new AppError('LABEL_NO_LABEL_DATA', { code: String(r.code) }, { status: 409 });
    data = parsed.data;
  } else if (input.data) {
    data = input.data;
  } else {
    throw new AppError('LABEL_NO_SOURCE', {}, { fields: [{ path: 'lot', code: 'REQUIRED' }] });
  }
  // The logo is not legal content: the current one is used (a data URL in the business settings). The QR leads to
  // the trace address as it is now, where the pages are published (id.gs1.org when none is set).
  const biz = q(ctx.db, 'SELECT logo, digital_link_domain FROM business WHERE id = 1').get() as
    { logo: string | null; digital_link_domain: string | null } | undefined;
  if (data.business && biz?.logo && !(data.business as Row).logo)
    data = { ...data, business: { ...data.business, logo: biz.logo } };
  if (data.business && biz)
    data = { ...data, business: { ...data.business, digitalLinkDomain: biz.digital_link_domain } };
  if (!data.traceUri) {
    const tpl = (
      q(ctx.db, "SELECT value FROM settings WHERE key = 'labels.traceUri'").get() as { value: string } | undefined
    )?.value;
    if (tpl) data = { ...data, traceUri: tpl.replace('{traceCode}', encodeURIComponent(traceCode(data))) };
  }
  return { lotId, data };
}

// ---------- checks ----------
/** A problem's params in words: the Decree 43 items and the element named as the reader says them. */
function paramsInWords(p: RenderProblem, t: LabelTemplate, lang: Lang): Record<string, string | number> {
  const fieldWords =
    typeof p.params.field === 'string'
      ? {
          ...p.params,
          field: p.params.field
            .split(', ')
            .map((w) => decree43Word(w, lang))
            .join(', '),
        }
      : p.params;
  const el = p.params.element ? t.elements.find((e) => e.id === p.params.element) : undefined;
  return el ? { ...fieldWords, element: elementWords(el, lang) } : fieldWords;
}

function problemView(p: RenderProblem, t: LabelTemplate, lang: Lang): LabelProblemView {
  // The message names the element in words; the view keeps its id so the designer can point at it.
  const v: LabelProblemView = {
    code: p.code,
    message: errorMessage(p.code, paramsInWords(p, t, lang), lang),
    severity: p.severity,
  };
  if (p.params.element) v.element = String(p.params.element);
  return v;
}

/**
 * A template that cuts the business's own name or address (as its profile holds them) at 203 or 300 dpi: known
 * when the template is saved, before any lot is chosen. Product texts vary by product and are checked per label.
 */
function businessCut(ctx: ServiceContext, t: LabelTemplate): RenderProblem[] {
  const b = q(ctx.db, 'SELECT name, address, ward, province, phone FROM business WHERE id = 1').get() as
    LabelData['business'] | undefined;
  if (!b) return [];
  const data: LabelData = { product: { name: '' }, business: b, lot: { code: '' } };
  const today = todayLocal(ctx.clock);
  const seen = new Set<string>();
  return ([203, 300] as const)
    .flatMap((dpi) => cutText(t, data, renderLabel(t, data, { today }, dpi).problems))
    .filter((p) => p.code === 'LABEL_MANDATORY_TEXT_CUT')
    .filter((p) => !seen.has(String(p.params.element)) && !!seen.add(String(p.params.element)));
}

/** The mandatory Decree 43 items of each text box the renderer found too small (element id → item keys). */
function cutItems(t: LabelTemplate, d: LabelData, problems: RenderProblem[]): Map<string, string[]> {
  const required = new Set(requiredFields(t, d).map((f) => f.key as string));
  const out = new Map<string, string[]>();
  for (const p of problems) {
    if (p.code !== 'LABEL_TEXT_DOES_NOT_FIT') continue;
    const e = t.elements.find((x) => x.id === p.params.element);
    const keys = e?.type === 'text' ? placeholders(e.content).filter((k) => required.has(k)) : [];
    if (keys.length) out.set(String(p.params.element), keys);
  }
  return out;
}

/** Every mandatory item whose text is cut somewhere on the label: the label does not carry it. */
function cutKeys(cut: Map<string, string[]>): Set<string> {
  return new Set([...cut.values()].flat());
}

/**
 * Text cut in a box holding a mandatory Decree 43 item refuses the label: the label would not carry the item. It is
 * named with the items and the height the box needs; every built-in template holds the demo business's full address.
 */
function cutText(t: LabelTemplate, d: LabelData, problems: RenderProblem[]): RenderProblem[] {
  const cut = cutItems(t, d, problems);
  const what = new Map<string, string>(DECREE43_FIELDS.map((f) => [f.key, f.what]));
  return problems.map((p) => {
    const keys = p.code === 'LABEL_TEXT_DOES_NOT_FIT' ? cut.get(String(p.params.element)) : undefined;
    if (!keys) return p;
    return {
      code: 'LABEL_MANDATORY_TEXT_CUT',
      params: { ...p.params, field: keys.map((k) => what.get(k)!).join(', ') },
      severity: 'error',
    };
  });
}

/** Render problems and the label checks together, each once, errors first. */
function mergeProblems(
  t: LabelTemplate,
  render: RenderProblem[],
  checks: LabelProblem[],
  lang: Lang,
): LabelProblemView[] {
  const seen = new Set<string>();
  const out: LabelProblemView[] = [];
  for (const p of [...checks, ...render]) {
    const k = `${p.code}|${JSON.stringify(p.params)}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(problemView(p, t, lang));
  }
  return out.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}

/** An office printer takes A4 pages only, and an A4 sheet needs one: a roll printer would print a 297 mm label. */
function pageProblem(t: LabelTemplate, printer: Printer): RenderProblem | null {
  const page = t.sheet ? A4 : { widthMm: t.widthMm, heightMm: t.heightMm };
  const a4 = isA4(page.widthMm, page.heightMm);
  if (printer.kind === 'page' && !a4)
    return {
      code: 'LABEL_NOT_A4_SHEET',
      params: { width: t.widthMm, height: t.heightMm, printer: printer.name },
      severity: 'error',
    };
  if (t.sheet && printer.kind !== 'page')
    return {
      code: 'LABEL_SHEET_NOT_PRINTER_MEDIA',
      params: {
        width: A4.widthMm,
        height: A4.heightMm,
        printer: printer.name,
        mediaWidth: printer.labelWidthMm,
        mediaHeight: printer.labelHeightMm,
      },
      severity: 'error',
    };
  return null;
}

function headProblem(t: LabelTemplate, printer: Printer | null): RenderProblem | null {
  if (!printer) return null;
  if (t.sheet || printer.kind === 'page') return pageProblem(t, printer);
  if (printer.language === 'driver') return null;
  if (t.widthMm > printer.headWidthMm + 0.01)
    return {
      code: 'LABEL_TOO_WIDE_FOR_PRINTER',
      params: { width: t.widthMm, printer: printer.name, head: printer.headWidthMm },
      severity: 'error',
    };
  // A roll printer prints what it is sent on the media it has: a 100×50 label on a 60×40 roll is cut or runs over.
  if (Math.abs(t.widthMm - printer.labelWidthMm) > 0.5 || Math.abs(t.heightMm - printer.labelHeightMm) > 0.5)
    return {
      code: 'LABEL_SIZE_NOT_PRINTER_MEDIA',
      params: {
        width: t.widthMm,
        height: t.heightMm,
        printer: printer.name,
        mediaWidth: printer.labelWidthMm,
        mediaHeight: printer.labelHeightMm,
      },
      severity: 'error',
    };
  return null;
}

// ---------- printers ----------
function printerView(r: Row): Printer {
  return {
    id: Number(r.id),
    name: String(r.name),
    uri: String(r.uri),
    language: r.language as Printer['language'],
    dpi: Number(r.dpi) as Printer['dpi'],
    media: r.media as Printer['media'],
    gapMm: Number(r.gap_mm),
    labelWidthMm: Number(r.label_width_mm),
    labelHeightMm: Number(r.label_height_mm),
    headWidthMm: Number(r.head_width_mm),
    offsetXMm: Number(r.offset_x_mm),
    offsetYMm: Number(r.offset_y_mm),
    darkness: Number(r.darkness),
    speed: Number(r.speed),
    isDefault: r.is_default === 1,
    kind: r.paper_width_mm ? 'receipt' : isPagePrinter(r) ? 'page' : 'label',
    paperWidthMm: (r.paper_width_mm as Printer['paperWidthMm']) ?? null,
    commandSet: (r.command_set as Printer['commandSet']) ?? 'epson',
    cut: (r.cut as Printer['cut']) ?? 'partial',
    beep: r.beep === 1,
    cashDrawer: r.cash_drawer === 1,
  };
}

// An office printer is a profile that prints pages (its driver, CUPS or a PDF) on A4 paper: the form saves it so.
const isPagePrinter = (r: Row) => r.language === 'driver' && isA4(Number(r.label_width_mm), Number(r.label_height_mm));

// A profile with a receipt_printers row is a receipt printer (migration 010).
const PRINTER_SELECT =
  'SELECT p.*, r.paper_width_mm, r.command_set, r.cut, r.beep, r.cash_drawer FROM printers p LEFT JOIN receipt_printers r ON r.printer_id = p.id';

/** The receipt-printer settings of a profile: kept when it is one, removed when it is not (any more). */
function saveReceiptSettings(ctx: ServiceContext, id: number, input: Record<string, unknown>): void {
  if (input.kind !== 'receipt') {
    q(ctx.db, 'DELETE FROM receipt_printers WHERE printer_id = ?').run(id);
    return;
  }
  q(
    ctx.db,
    'INSERT OR REPLACE INTO receipt_printers (printer_id, paper_width_mm, command_set, cut, beep, cash_drawer) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(id, input.paperWidthMm, input.commandSet, input.cut, input.beep ? 1 : 0, input.cashDrawer ? 1 : 0);
}

export function loadPrinter(ctx: ServiceContext, id: number): Printer {
  const r = q(ctx.db, `${PRINTER_SELECT} WHERE p.id = ? AND p.archived = 0`).get(id) as Row | undefined;
  if (!r) throw new AppError('NOT_FOUND', { entity: 'printer', id }, { status: 404 });
  return printerView(r);
}

// ---------- jobs ----------
export function jobView(r: Row, lang: Lang): PrintJob {
  const spec = JSON.parse(String(r.spec)) as JobSpec & { warnings?: LabelProblemView[] };
  const code = r.error_code as string | null;
  return {
    id: Number(r.id),
    createdAt: String(r.created_at),
    user: String(r.user),
    lotId: (r.lot_id as number | null) ?? null,
    lotCode: (r.lot_code as string | null) ?? null,
    productName: (r.product_name as string | null) ?? null,
    templateRef: String(r.template_ref),
    templateName: String(r.template_name),
    shipmentId: (r.shipment_id as number | null) ?? null,
    printerId: (r.printer_id as number | null) ?? null,
    printerName: (r.printer_name as string | null) ?? null,
    printerUri: String(r.printer_uri),
    language: String(r.language),
    dpi: Number(r.dpi),
    copies: Number(r.copies),
    serialFrom: (r.serial_from as number | null) ?? null,
    status: r.status as PrintJob['status'],
    attempts: Number(r.attempts),
    error: code
      ? {
          code,
          message: errorMessage(code, jobErrorParams(r, lang), lang),
        }
      : null,
    bytes: (r.bytes as number | null) ?? null,
    sha256: (r.sha256 as string | null) ?? null,
    reprintOf: (r.reprint_of as number | null) ?? null,
    startedAt: (r.started_at as string | null) ?? null,
    finishedAt: (r.finished_at as string | null) ?? null,
    warnings: spec.warnings ?? [],
    sscc: (spec.data?.sscc as string | null | undefined) ?? null,
  };
}

/** A job's error parameters in the reader's words (a lot state is kept as its key, shown as a word). */
function jobErrorParams(r: Row, lang: Lang): Record<string, string | number> {
  const p = JSON.parse(String(r.error_params ?? '{}')) as Record<string, string | number>;
  return typeof p.state === 'string' ? { ...p, state: STATE_WORDS[lang][p.state] ?? p.state } : p;
}

// A slip's job names its shipment in print_job_shipments (migration 010).
const JOB_SELECT =
  'SELECT j.*, (SELECT s.shipment_id FROM print_job_shipments s WHERE s.job_id = j.id) AS shipment_id FROM print_jobs j';

export function loadJob(ctx: ServiceContext, id: number): Row {
  const r = q(ctx.db, `${JOB_SELECT} WHERE j.id = ?`).get(id) as Row | undefined;
  if (!r) throw new AppError('NOT_FOUND', { entity: 'print_job', id }, { status: 404 });
  return r;
}

type NewJob = {
  lotId: number | null;
  templateRef: string;
  template: LabelTemplate;
  data: LabelData;
  printer: Printer | null;
  uri: string;
  language: JobSpec['language'];
  dpi: number;
  copies: number;
  serialFrom: number | null;
  requestKey?: string;
  reprintOf?: number | null;
  /** Printer set-up labels (calibration, test) carry no product: the Decree 43 field check does not apply. */
  setupLabel?: boolean;
  /** The lot state the owner allowed this print in. */
  lotOverride?: string | null;
};

/** An office printer's pages go as a PDF or through the driver; a raw spooler, TCP port or printer port cannot
 * take them (most office printers do not read a PDF sent raw). */
function checkPageTransport(uri: string, printer: string): void {
  const a = readPrinterUri(uri);
  if (a && pageTransport(a)) return;
  if (a?.kind === 'windows') throw new AppError('LABEL_SHEET_WINDOWS_RAW', { printer, name: a.name });
  throw new AppError('LABEL_SHEET_RAW_PORT', { printer });
}

/** Records on the job which lot state the owner allowed now (the queue refuses to send in any other). */
function setLotOverride(ctx: ServiceContext, id: number, state: string | null): void {
  q(ctx.db, "UPDATE print_jobs SET spec = json_set(spec, '$.lotOverride', ?) WHERE id = ?").run(state, id);
}

/** Checks, records and schedules a job. Any error in the checks: nothing is recorded, nothing prints. */
function createJob(ctx: ServiceContext, j: NewJob): PrintJob {
  if (j.requestKey) {
    const prior = q(ctx.db, 'SELECT * FROM print_jobs WHERE request_key = ?').get(j.requestKey) as Row | undefined;
    if (prior) return jobView(prior, ctx.lang);
  }
  const uri = parsePrinterUri(j.uri, appFolder(ctx.dbPath, 'prints'));
  if (j.printer?.kind === 'page') checkPageTransport(j.uri, j.printer.name);
  const today = todayLocal(ctx.clock);
  const serialFrom = isSerialized(j.template) ? (j.serialFrom ?? 1) : null;
  const first = renderLabel(j.template, j.data, { today, serial: serialFrom ?? undefined }, j.dpi);
  const checks = j.setupLabel ? [] : checkLabel(j.template, j.data, { today, serial: serialFrom ?? undefined });
  const head = headProblem(j.template, j.printer);
  const drawn = cutText(j.template, j.data, first.problems);
  const problems = mergeProblems(j.template, head ? [head, ...drawn] : drawn, checks, ctx.lang);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) {
    throw new AppError('LABEL_CHECK_FAILED', { first: errors[0].message }, { status: 422, details: { problems } });
  }
  const p = j.printer;
  const spec: JobSpec & { warnings: LabelProblemView[] } = {
    template: j.template,
    data: j.data,
    language: j.language,
    profile: {
      dpi: j.dpi,
      widthMm: j.template.widthMm,
      heightMm: j.template.heightMm,
      media: p?.media ?? 'gap',
      gapMm: p?.gapMm ?? 2,
      darkness: p?.darkness ?? 8,
      speed: p?.speed ?? 4,
    },
    offsetXMm: p?.offsetXMm ?? 0,
    offsetYMm: p?.offsetYMm ?? 0,
    copies: j.copies,
    serialFrom,
    today,
    warnings: problems,
    lotOverride: j.lotOverride ?? null,
  };
  const r = q(
    ctx.db,
    `INSERT INTO print_jobs (created_at, user, lot_id, lot_code, product_name, template_ref, template_name, printer_id, printer_name, printer_uri, language, dpi, copies, serial_from, status, spec, reprint_of, request_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)`,
  ).run(
    nowIso(ctx.clock),
    ctx.user,
    j.lotId,
    j.data.lot.code,
    j.data.product.name,
    j.templateRef,
    j.template.name,
    p?.id ?? null,
    p?.name ?? null,
    uri.kind === 'tcp' ? `tcp://${uri.host}:${uri.port}` : j.uri,
    j.language,
    j.dpi,
    j.copies,
    serialFrom,
    JSON.stringify(spec),
    j.reprintOf ?? null,
    j.requestKey ?? null,
  );
  const id = Number(r.lastInsertRowid);
  scheduleJob(ctx.db, id, ctx.clock);
  return jobView(loadJob(ctx, id), ctx.lang);
}

/** Calibration label: a frame on the label edge, mm rulers along the top and left, a crosshair in the middle. */
export function calibrationTemplate(w: number, h: number): LabelTemplate {
  const elements: LabelTemplate['elements'] = [{ type: 'box', id: 'frame', x: 0, y: 0, w, h, thickness: 0.25 }];
  for (let x = 1; x < w; x++)
    elements.push({
      type: 'line',
      id: `tx${x}`,
      x,
      y: 0,
      x2: x,
      y2: x % 10 === 0 ? 4 : x % 5 === 0 ? 3 : 1.5,
      thickness: 0.13,
    });
  for (let y = 1; y < h; y++)
    elements.push({
      type: 'line',
      id: `ty${y}`,
      x: 0,
      y,
      x2: y % 10 === 0 ? 4 : y % 5 === 0 ? 3 : 1.5,
      y2: y,
      thickness: 0.13,
    });
  elements.push({ type: 'line', id: 'cx', x: w / 2 - 5, y: h / 2, x2: w / 2 + 5, y2: h / 2, thickness: 0.25 });
  elements.push({ type: 'line', id: 'cy', x: w / 2, y: h / 2 - 5, x2: w / 2, y2: h / 2 + 5, thickness: 0.25 });
  elements.push({
    type: 'text',
    id: 'size',
    x: 5,
    y: 5,
    w: Math.max(5, w / 2 - 7),
    h: Math.max(3, h / 2 - 6),
    content: `${w}×${h} mm\nCăn chỉnh`,
    fontSize: 7,
    minFontSize: 3,
  });
  return { name: 'Tem căn chỉnh', purpose: 'lot', widthMm: w, heightMm: h, elements };
}

function testTemplate(p: Printer): LabelTemplate {
  const w = p.labelWidthMm;
  const h = p.labelHeightMm;
  return {
    name: 'In thử',
    purpose: 'lot',
    widthMm: w,
    heightMm: h,
    elements: [
      { type: 'box', id: 'frame', x: 0.5, y: 0.5, w: w - 1, h: h - 1, thickness: 0.3 },
      {
        type: 'text',
        id: 'text',
        x: 2,
        y: 2,
        w: w * 0.5,
        h: h - 4,
        content: `In thử — ${p.name}\n${p.language.toUpperCase()} ${p.dpi} dpi\nTiếng Việt: ắ ằ ẳ ẵ ặ ế ệ ờ ở ỷ ữ\n{date}`,
        fontSize: 8,
        minFontSize: 3,
      },
      {
        type: 'barcode',
        id: 'qr',
        // The QR at GS1 size with its 4-module quiet zone needs about 21 mm at 300 dpi.
        x: w * 0.55,
        y: 1,
        w: w * 0.45 - 1,
        h: h - 2,
        symbology: 'qr',
        data: 'Nguồn Gốc {date}',
        moduleMm: 0.5,
      },
    ],
  };
}

const SAMPLE: LabelData = { product: { name: 'In thử' }, business: null, lot: { code: 'TEST' } };

export const labelHandlers: PartialHandlers = {
  'labels.templates': (input, ctx) => allTemplates(ctx, input.includeArchived),
  'labels.template': (input, ctx) => findTemplate(ctx, input.ref),
  'labels.saveTemplate': (input, ctx) => {
    const t = labelTemplate.parse(input.template);
    const layout = [...layoutProblems(t), ...businessCut(ctx, t)];
    if (layout.length)
      throw new AppError(
        'VALIDATION',
        {},
        {
          fields: layout.map((p) => ({
            path: 'template',
            code: p.code,
            params: paramsInWords({ ...p, severity: 'error' }, t, ctx.lang),
          })),
        },
      );
    const now = nowIso(ctx.clock);
    const dup = q(ctx.db, 'SELECT id FROM label_templates WHERE name = ? AND archived = 0 AND id IS NOT ?').get(
      t.name,
      input.id ?? null,
    ) as Row | undefined;
    if (dup || DEFAULT_TEMPLATES.some((d) => d.template.name === t.name))
      throw new AppError(
        'DUPLICATE',
        { entity: 'label_template', name: t.name },
        { fields: [{ path: 'name', code: 'DUPLICATE', params: { name: t.name } }] },
      );
    if (input.id) {
      const before = q(ctx.db, 'SELECT * FROM label_templates WHERE id = ?').get(input.id) as Row | undefined;
      if (!before) throw new AppError('NOT_FOUND', { entity: 'label_template', id: input.id }, { status: 404 });
      q(ctx.db, 'UPDATE label_templates SET name = ?, purpose = ?, definition = ?, updated_at = ? WHERE id = ?').run(
        t.name,
        t.purpose,
        JSON.stringify(t),
        now,
        input.id,
      );
      audit(ctx, 'update', 'label_template', input.id, JSON.parse(String(before.definition)), t);
      return findTemplate(ctx, input.id);
    }
    const r = q(
      ctx.db,
      'INSERT INTO label_templates (name, purpose, definition, based_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(t.name, t.purpose, JSON.stringify(t), input.basedOn, now, now);
    audit(ctx, 'create', 'label_template', Number(r.lastInsertRowid), null, t);
    return findTemplate(ctx, Number(r.lastInsertRowid));
  },
  'labels.archiveTemplate': (input, ctx) => {
    const info = findTemplate(ctx, input.id);
    q(ctx.db, 'UPDATE label_templates SET archived = 1, updated_at = ? WHERE id = ?').run(nowIso(ctx.clock), input.id);
    audit(ctx, 'archive', 'label_template', input.id, info.template, null);
    return info;
  },
  'labels.data': (input, ctx) => lotLabelData(ctx, input),
  'labels.nextSscc': (input, ctx) => ({ sscc: peekSscc(ctx, input.extension) }),
  'labels.allocateSscc': (input, ctx) => ({ sscc: allocateSscc(ctx, input.extension) }),
  'labels.checkLot': (input, ctx) => {
    const lotId = labelLotId(ctx, input);
    if (lotId === null) throw new AppError('LABEL_NO_SOURCE', {}, { fields: [{ path: 'lot', code: 'REQUIRED' }] });
    const lot = lotRow(ctx, lotId);
    const blocked = lotBlock({ status: lot.status, expiryDate: lot.expiry_date }, todayLocal(ctx.clock));
    checkUsable(ctx, lot, input.override, 'lot', undefined, 'label', { file: input.format ?? null });
    return { lotId, lotCode: lot.code, blocked };
  },
  'labels.preview': (input, ctx) => {
    const info = typeof input.template === 'object' ? null : findTemplate(ctx, input.template);
    const t = info ? info.template : (input.template as LabelTemplate);
    const { data: lotData } = lotLabelData(ctx, input);
    const data = input.sscc ? { ...lotData, sscc: input.sscc } : lotData;
    const printer = input.printerId ? loadPrinter(ctx, input.printerId) : null;
    const dpi = input.dpi ?? printer?.dpi ?? 203;
    const today = todayLocal(ctx.clock);
    const serial = input.serial ?? (isSerialized(t) ? 1 : undefined);
    const r = renderLabel(t, data, { today, serial }, dpi);
    const head = headProblem(t, printer);
    const drawn = cutText(t, data, r.problems);
    const problems = mergeProblems(
      t,
      head ? [head, ...drawn] : drawn,
      checkLabel(t, data, { today, serial }),
      ctx.lang,
    );
    return {
      ok: !problems.some((p) => p.severity === 'error'),
      png: input.checkOnly ? null : `data:image/png;base64,${bitmapToPng(r.bitmap).toString('base64')}`,
      dpi,
      widthDots: r.bitmap.width,
      heightDots: r.bitmap.height,
      widthMm: t.widthMm,
      heightMm: t.heightMm,
      problems,
      decree43: decree43Report(t, data, { today, serial }, cutKeys(cutItems(t, data, r.problems))),
      data,
      templateName: t.name,
    };
  },
  'labels.settings': (_input, ctx) => ({
    traceUri:
      (q(ctx.db, "SELECT value FROM settings WHERE key = 'labels.traceUri'").get() as { value: string } | undefined)
        ?.value ?? null,
  }),
  'labels.updateSettings': (input, ctx) => {
    const before =
      (q(ctx.db, "SELECT value FROM settings WHERE key = 'labels.traceUri'").get() as { value: string } | undefined)
        ?.value ?? null;
    if (input.traceUri)
      q(
        ctx.db,
        "INSERT INTO settings (key, value) VALUES ('labels.traceUri', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      ).run(input.traceUri);
    else q(ctx.db, "DELETE FROM settings WHERE key = 'labels.traceUri'").run();
    audit(ctx, 'update', 'settings', 'labels.traceUri', before, input.traceUri);
    return { traceUri: input.traceUri };
  },
  'printers.list': (_input, ctx) =>
    (q(ctx.db, `${PRINTER_SELECT} WHERE p.archived = 0 ORDER BY p.is_default DESC, p.name`).all() as Row[]).map(
      printerView,
    ),
  'printers.installed': () => listInstalledPrintersSync(),
  'printers.save': (input, ctx) => {
    const dup = q(ctx.db, 'SELECT id FROM printers WHERE name = ? AND archived = 0 AND id IS NOT ?').get(
      input.name,
      input.id ?? null,
    );
    if (dup)
      throw new AppError(
        'PRINTER_NAME_TAKEN',
        { name: input.name },
        { fields: [{ path: 'name', code: 'PRINTER_NAME_TAKEN', params: { name: input.name } }], status: 409 },
      );
    const now = nowIso(ctx.clock);
    if (input.isDefault) q(ctx.db, 'UPDATE printers SET is_default = 0 WHERE is_default = 1').run();
    // An office printer prints A4 pages through its driver: that is what makes a profile one (isPagePrinter).
    const page = input.kind === 'page';
    const vals = [
      input.name,
      input.uri,
      page ? 'driver' : input.language,
      input.dpi,
      // A receipt printer runs continuous paper: the slip is as long as its content.
      input.kind === 'receipt' ? 'continuous' : input.media,
      input.gapMm,
      page ? A4.widthMm : input.labelWidthMm,
      page ? A4.heightMm : input.labelHeightMm,
      page ? A4.widthMm : input.headWidthMm,
      input.offsetXMm,
      input.offsetYMm,
      input.darkness,
      input.speed,
      input.isDefault ? 1 : 0,
    ];
    let id = input.id;
    if (id) {
      const before = loadPrinter(ctx, id);
      q(
        ctx.db,
        'UPDATE printers SET name = ?, uri = ?, language = ?, dpi = ?, media = ?, gap_mm = ?, label_width_mm = ?, label_height_mm = ?, head_width_mm = ?, offset_x_mm = ?, offset_y_mm = ?, darkness = ?, speed = ?, is_default = ?, updated_at = ? WHERE id = ?',
      ).run(...vals, now, id);
      saveReceiptSettings(ctx, id, input);
      audit(ctx, 'update', 'printer', id, before, loadPrinter(ctx, id));
    } else {
      const r = q(
        ctx.db,
        'INSERT INTO printers (name, uri, language, dpi, media, gap_mm, label_width_mm, label_height_mm, head_width_mm, offset_x_mm, offset_y_mm, darkness, speed, is_default, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(...vals, now, now);
      id = Number(r.lastInsertRowid);
      saveReceiptSettings(ctx, id, input);
      audit(ctx, 'create', 'printer', id, null, loadPrinter(ctx, id));
    }
    return loadPrinter(ctx, id);
  },
  'printers.archive': (input, ctx) => {
    const p = loadPrinter(ctx, input.id);
    q(ctx.db, 'UPDATE printers SET archived = 1, is_default = 0, updated_at = ? WHERE id = ?').run(
      nowIso(ctx.clock),
      input.id,
    );
    audit(ctx, 'archive', 'printer', input.id, p, null);
    return p;
  },
  'print.submit': (input, ctx) => {
    // The same form sent twice is one job: answered before an SSCC is allocated for it.
    const prior = input.requestKey
      ? (q(ctx.db, 'SELECT * FROM print_jobs WHERE request_key = ?').get(input.requestKey) as Row | undefined)
      : undefined;
    if (prior) return jobView(prior, ctx.lang);
    const info = findTemplate(ctx, input.template);
    const { lotId, data: lotData } = lotLabelData(ctx, input);
    const printer = loadPrinter(ctx, input.printerId);
    // A label puts a lot on the shelf: a held, recalled or expired lot gets one only by the owner's decision.
    const allowed =
      lotId === null
        ? null
        : checkUsable(ctx, lotRow(ctx, lotId), input.override, 'lotId', undefined, 'label', {
            template: info.ref,
            copies: input.copies,
            printer: printer.name,
          });
    // Copies of one job carry one SSCC (GS1 puts the same label on two sides of a carton).
    const sscc =
      input.sscc === 'next'
        ? allocateSscc(ctx, input.ssccExtension, { lot: lotData.lot.code, template: info.ref })
        : input.sscc;
    const data = sscc ? { ...lotData, sscc } : lotData;
    return createJob(ctx, {
      lotId,
      templateRef: info.ref,
      template: info.template,
      data,
      printer,
      uri: printer.uri,
      language: printer.language,
      dpi: input.dpi ?? printer.dpi,
      copies: input.copies,
      serialFrom: input.serialFrom ?? null,
      requestKey: input.requestKey,
      lotOverride: allowed?.status ?? null,
    });
  },
  'print.test': (input, ctx) => {
    const p = loadPrinter(ctx, input.printerId);
    const t = input.kind === 'calibration' ? calibrationTemplate(p.labelWidthMm, p.labelHeightMm) : testTemplate(p);
    return createJob(ctx, {
      lotId: null,
      templateRef: `builtin:${input.kind}`,
      template: t,
      data: SAMPLE,
      printer: p,
      uri: p.uri,
      language: p.language,
      dpi: p.dpi,
      copies: 1,
      serialFrom: null,
      setupLabel: true,
    });
  },
  'print.retry': (input, ctx) => {
    const r = loadJob(ctx, input.id);
    const status = String(r.status);
    // The lot may have been held or recalled since the job was made: a reprint is a new label on the shelf.
    const sends = input.again || status === 'failed' || status === 'queued';
    const allowed =
      r.lot_id !== null && sends
        ? checkUsable(ctx, lotRow(ctx, Number(r.lot_id)), input.override, 'id', undefined, 'label', {
            reprintOf: input.id,
            copies: Number(r.copies),
          })
        : null;
    if (input.again) {
      // "Print again": a new job with the same spec (the same bytes), logged on its own.
      if (status === 'queued' || status === 'sending')
        throw new AppError('PRINT_JOB_BUSY', { id: input.id }, { status: 409 });
      const ins = q(
        ctx.db,
        `INSERT INTO print_jobs (created_at, user, lot_id, lot_code, product_name, template_ref, template_name, printer_id, printer_name, printer_uri, language, dpi, copies, serial_from, status, spec, reprint_of)
           SELECT ?, ?, lot_id, lot_code, product_name, template_ref, template_name, printer_id, printer_name, printer_uri, language, dpi, copies, serial_from, 'queued', spec, id FROM print_jobs WHERE id = ?`,
      ).run(nowIso(ctx.clock), ctx.user, input.id);
      const id = Number(ins.lastInsertRowid);
      if (sends) setLotOverride(ctx, id, allowed?.status ?? null);
      q(
        ctx.db,
        'INSERT INTO print_job_shipments (job_id, shipment_id) SELECT ?, shipment_id FROM print_job_shipments WHERE job_id = ?',
      ).run(id, input.id);
      scheduleJob(ctx.db, id, ctx.clock);
      return jobView(loadJob(ctx, id), ctx.lang);
    }
    if (isRunning(input.id)) throw new AppError('PRINT_JOB_BUSY', { id: input.id }, { status: 409 });
    if (status === 'done') throw new AppError('PRINT_JOB_DONE', { id: input.id }, { status: 409 });
    if (status === 'cancelled') throw new AppError('PRINT_JOB_CANCELLED', { id: input.id }, { status: 409 });
    // 'sending' here means the app stopped mid-job (nothing is sending in this process): it may have printed.
    if (status === 'sending') throw new AppError('PRINT_JOB_UNCERTAIN', { id: input.id }, { status: 409 });
    if (status === 'failed')
      q(ctx.db, "UPDATE print_jobs SET status = 'queued' WHERE id = ? AND status = 'failed'").run(input.id);
    if (sends) setLotOverride(ctx, input.id, allowed?.status ?? null);
    scheduleJob(ctx.db, input.id, ctx.clock);
    return jobView(loadJob(ctx, input.id), ctx.lang);
  },
  'print.cancel': (input, ctx) => {
    const r = loadJob(ctx, input.id);
    if (r.status === 'done') throw new AppError('PRINT_JOB_DONE', { id: input.id }, { status: 409 });
    if (r.status === 'queued' || r.status === 'failed')
      q(ctx.db, "UPDATE print_jobs SET status = 'cancelled', finished_at = ? WHERE id = ?").run(
        nowIso(ctx.clock),
        input.id,
      );
    return jobView(loadJob(ctx, input.id), ctx.lang);
  },
  'print.job': (input, ctx) => jobView(loadJob(ctx, input.id), ctx.lang),
  'print.jobs': (input, ctx) => {
    const where: string[] = [];
    const args: unknown[] = [];
    if (input.status) {
      where.push('status = ?');
      args.push(input.status);
    }
    if (input.lotId) {
      where.push('lot_id = ?');
      args.push(input.lotId);
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (q(ctx.db, `SELECT COUNT(*) AS n FROM print_jobs ${w}`).get(...args) as { n: number }).n;
    const rows = q(ctx.db, `${JOB_SELECT} ${w} ORDER BY j.id DESC LIMIT ? OFFSET ?`).all(
      ...args,
      input.limit ?? 100,
      input.offset ?? 0,
    ) as Row[];
    return { items: rows.map((r) => jobView(r, ctx.lang)), total };
  },
};
