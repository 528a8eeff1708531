// Label templates: sizes and element positions in millimetres, so one template prints the same physical label
// on a 203 dpi and a 300 dpi printer. Pure data + zod schemas (shared by the designer, the API and the renderer).
import { z } from 'zod';
import { text } from '../api/fields';

const mm = (max = 400) =>
  z.number({ error: 'INVALID_TYPE' }).min(0, { error: 'NEGATIVE' }).max(max, { error: 'TOO_BIG' });
const posMm = mm(400);
const sizeMm = z.number({ error: 'INVALID_TYPE' }).gt(0, { error: 'TOO_SMALL' }).max(400, { error: 'TOO_BIG' });

/** Text: `content` mixes literal words and `{field}` placeholders (see FIELD_KEYS). */
export const textElement = z
  .object({
    type: z.literal('text'),
    id: z.string().max(40),
    x: posMm,
    y: posMm,
    w: sizeMm,
    h: sizeMm,
    content: z.string().max(2000),
    /** Size in typographic points (1 pt = 0.3528 mm). */
    fontSize: z.number().min(3).max(144),
    /** Long text shrinks down to this size before it is reported as not fitting. */
    minFontSize: z.number().min(3).max(144).optional(),
    bold: z.boolean().optional(),
    align: z.enum(['left', 'center', 'right']).optional(),
    /** false: one line, shrunk to fit its width. */
    wrap: z.boolean().optional(),
    /** White text on a black box (headers). */
    invert: z.boolean().optional(),
  })
  .strict();

export const SYMBOLOGIES = ['ean13', 'gs1-128', 'gs1-datamatrix', 'qr-digital-link', 'qr', 'code128'] as const;
export type Symbology = (typeof SYMBOLOGIES)[number];

/** AIs a GS1 barcode element can carry; the value of each comes from the label data (see fields.ts). */
export const BARCODE_AIS = ['00', '01', '10', '11', '13', '15', '17', '21', '37'] as const;
export type BarcodeAi = (typeof BARCODE_AIS)[number];

export const barcodeElement = z
  .object({
    type: z.literal('barcode'),
    id: z.string().max(40),
    x: posMm,
    y: posMm,
    /** Box the symbol must fit in; the symbol is drawn at a whole number of dots per module, top-left aligned. */
    w: sizeMm,
    h: sizeMm,
    symbology: z.enum(SYMBOLOGIES),
    /** GS1 symbologies: which AIs to encode (in this order for Digital Link qualifiers/attributes). */
    ais: z.array(z.enum(BARCODE_AIS)).max(9).optional(),
    /** qr / code128: the data, with `{field}` placeholders. */
    data: z.string().max(1000).optional(),
    /** Wanted module (narrow bar / cell) size in mm: the whole number of dots nearest to it inside GS1's range. */
    moduleMm: z.number().min(0.1).max(5).optional(),
    /** Print the human-readable text under a linear barcode (default true). */
    hri: z.boolean().optional(),
  })
  .strict();

export const imageElement = z
  .object({
    type: z.literal('image'),
    id: z.string().max(40),
    x: posMm,
    y: posMm,
    w: sizeMm,
    h: sizeMm,
    /** A PNG/JPEG data URL, or 'business-logo' for the logo in the business settings. */
    src: z.string().max(2_000_000),
  })
  .strict();

export const lineElement = z
  .object({
    type: z.literal('line'),
    id: z.string().max(40),
    x: posMm,
    y: posMm,
    x2: posMm,
    y2: posMm,
    thickness: z.number().min(0.1).max(10),
  })
  .strict();

export const boxElement = z
  .object({
    type: z.literal('box'),
    id: z.string().max(40),
    x: posMm,
    y: posMm,
    w: sizeMm,
    h: sizeMm,
    thickness: z.number().min(0.1).max(50),
    fill: z.boolean().optional(),
  })
  .strict();

export const labelElement = z.discriminatedUnion('type', [
  textElement,
  barcodeElement,
  imageElement,
  lineElement,
  boxElement,
]);

/** A4 sheet of decal labels: the template is one label; the sheet repeats it cols × rows. */
export const sheetLayout = z
  .object({
    paper: z.literal('A4'),
    cols: z.number().int().min(1).max(10),
    rows: z.number().int().min(1).max(20),
    marginTopMm: mm(100),
    marginLeftMm: mm(100),
    gapXMm: mm(50),
    gapYMm: mm(50),
  })
  .strict();

/** What a template is for: decides which checks run (Decree 43 applies to what a consumer sees). */
export const TEMPLATE_PURPOSES = ['consumer', 'lot', 'carton'] as const;
export type TemplatePurpose = (typeof TEMPLATE_PURPOSES)[number];

export const labelTemplate = z
  .object({
    name: text(100),
    purpose: z.enum(TEMPLATE_PURPOSES),
    widthMm: sizeMm,
    heightMm: sizeMm,
    sheet: sheetLayout.optional(),
    elements: z.array(labelElement).max(200),
  })
  .strict();

export type TextElement = z.infer<typeof textElement>;
export type BarcodeElement = z.infer<typeof barcodeElement>;
export type ImageElement = z.infer<typeof imageElement>;
export type LineElement = z.infer<typeof lineElement>;
export type BoxElement = z.infer<typeof boxElement>;
export type LabelElement = z.infer<typeof labelElement>;
export type SheetLayout = z.infer<typeof sheetLayout>;
export type LabelTemplate = z.infer<typeof labelTemplate>;

/** Roll sizes seen in Vietnamese shops (DOMAIN §7) and A4 decal sheets. */
export const SIZE_PRESETS: { key: string; widthMm: number; heightMm: number; sheet?: SheetLayout }[] = [
  { key: '40x30', widthMm: 40, heightMm: 30 },
  { key: '50x30', widthMm: 50, heightMm: 30 },
  { key: '60x40', widthMm: 60, heightMm: 40 },
  { key: '100x50', widthMm: 100, heightMm: 50 },
  { key: '100x150', widthMm: 100, heightMm: 150 },
  // A4 = 210 × 297 mm. Label size = (paper − margins − gaps) / count, rounded down to 0.1 mm.
  {
    key: 'A4-3x7',
    widthMm: 63.5,
    heightMm: 38.1,
    sheet: { paper: 'A4', cols: 3, rows: 7, marginTopMm: 15.15, marginLeftMm: 7.2, gapXMm: 2.5, gapYMm: 0 },
  },
  {
    key: 'A4-3x8',
    widthMm: 70,
    heightMm: 37,
    sheet: { paper: 'A4', cols: 3, rows: 8, marginTopMm: 0.5, marginLeftMm: 0, gapXMm: 0, gapYMm: 0 },
  },
  {
    key: 'A4-4x10',
    widthMm: 48.5,
    heightMm: 25.4,
    sheet: { paper: 'A4', cols: 4, rows: 10, marginTopMm: 21.5, marginLeftMm: 8, gapXMm: 0, gapYMm: 0 },
  },
];

export const A4 = { widthMm: 210, heightMm: 297 };

/** True when a media size is an A4 page (an office printer's paper), within half a millimetre. */
export function isA4(widthMm: number, heightMm: number): boolean {
  return Math.abs(widthMm - A4.widthMm) <= 0.5 && Math.abs(heightMm - A4.heightMm) <= 0.5;
}

/** Dots for a length in mm at a resolution (203 dpi ≈ 8 dots/mm). */
export function mmToDots(v: number, dpi: number): number {
  return Math.round((v * dpi) / 25.4);
}

/**
 * The smallest text size (points) whose Vietnamese tone marks, horns and hooks survive a 203 dpi raster: below it
 * OCR of the 203 dpi label reads "o" for "ơ" and "á" for "ả" (measured by scripts/measure-text.mjs).
 */
export const MIN_TEXT_PT = 6.5;

export function ptToDots(pt: number, dpi: number): number {
  return (pt * dpi) / 72;
}

/** Problems with where elements sit: outside the label, or an A4 sheet that does not fit the paper. */
export function layoutProblems(t: LabelTemplate): { code: string; params: Record<string, string | number> }[] {
  const out: { code: string; params: Record<string, string | number> }[] = [];
  const eps = 0.01;
  for (const e of t.elements) {
    const right = e.type === 'line' ? Math.max(e.x, e.x2) : e.x + e.w;
    const bottom = e.type === 'line' ? Math.max(e.y, e.y2) : e.y + e.h;
    if (right > t.widthMm + eps || bottom > t.heightMm + eps)
      out.push({ code: 'LABEL_ELEMENT_OUTSIDE', params: { element: e.id, width: t.widthMm, height: t.heightMm } });
  }
  if (t.sheet) {
    const s = t.sheet;
    const w = s.marginLeftMm + s.cols * t.widthMm + (s.cols - 1) * s.gapXMm;
    const h = s.marginTopMm + s.rows * t.heightMm + (s.rows - 1) * s.gapYMm;
    if (w > A4.widthMm + eps || h > A4.heightMm + eps)
      out.push({ code: 'LABEL_SHEET_TOO_BIG', params: { cols: s.cols, rows: s.rows } });
  }
  return out;
}
