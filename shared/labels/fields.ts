// Label data and field resolution: the text and barcode data a template shows for one lot, and the checks that
// run BEFORE anything prints (Decree 43/2017 completeness, GS1 validity of every barcode).
import { z } from 'zod';
import {
  buildDigitalLink,
  buildElementString,
  DEFAULT_DL_DOMAIN,
  gtinProblem,
  isoToYymmdd,
  type AiValue,
  type Gs1Error,
} from '../gs1';
import type { BarcodeElement, LabelTemplate } from './model';

/**
 * What a label is built from: the lot's frozen label-data snapshot (main/core/services/events.ts writes it when
 * the lot is made, so a reprint matches the original) plus a few print-time facts.
 */
export const labelData = z
  .object({
    product: z
      .object({
        name: z.string(),
        code: z.string().nullish(),
        gtin: z.string().nullish(),
        netQuantity: z.string().nullish(),
        ingredients: z.string().nullish(),
        storage: z.string().nullish(),
        usage: z.string().nullish(),
        warnings: z.string().nullish(),
        brand: z.string().nullish(),
        standard: z.string().nullish(),
        declarationNo: z.string().nullish(),
        origin: z.string().nullish(),
        price: z.string().nullish(),
        kind: z.string().nullish(),
      })
      .passthrough(),
    business: z
      .object({
        name: z.string(),
        address: z.string().nullish(),
        /** Ward/commune and province (two-level addresses since 2025), completed onto the street line. */
        ward: z.string().nullish(),
        province: z.string().nullish(),
        phone: z.string().nullish(),
        digitalLinkDomain: z.string().nullish(),
        gln: z.string().nullish(),
      })
      .passthrough()
      .nullish(),
    lot: z
      .object({ code: z.string(), productionDate: z.string().nullish(), expiryDate: z.string().nullish() })
      .passthrough(),
    /** SSCC of a carton (AI 00), when the label is for a shipped carton. */
    sscc: z.string().nullish(),
    /** Units in a carton (AI 37). */
    count: z.number().int().positive().nullish(),
    /** Our trace URI for products without a GTIN (QR content); built from the business's domain otherwise. */
    traceUri: z.string().nullish(),
  })
  .passthrough();
export type LabelData = z.infer<typeof labelData>;

/** Per-label facts that change between copies. */
export type PrintContext = {
  today: string;
  serial?: number;
  /** The sentence naming the Decree 43 items printed on the accompanying document (field {onDocument}). */
  onDocument?: string;
};

/** Placeholders a text element can use: `{productName}`, `{expiryDate}`, `{date+30}`, `{serial}`, `{serial:6}`. */
export const FIELD_KEYS = [
  'productName',
  'brand',
  'businessName',
  'businessAddress',
  'businessPhone',
  'origin',
  'netQuantity',
  'ingredients',
  'storage',
  'usage',
  'warnings',
  'standard',
  'declarationNo',
  'productionDate',
  'expiryDate',
  'lotCode',
  'gtin',
  'price',
  'date',
  'serial',
  'traceCode',
  'onDocument',
] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];

/** ISO date → dd/mm/yyyy, as Decree 43 wants dates written. */
export function formatDateVi(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** "Xuất xứ: Việt Nam" unless the product says otherwise (Decree 43: country names never abbreviated). */
function originText(v: string | null | undefined): string {
  return v && v.trim() ? v.trim() : '';
}

/**
 * The responsible business's address as Decree 43 wants it: the street line completed with the ward/commune and
 * the province the business profile holds, each added only when the line does not already name it.
 */
export function fullAddress(b: LabelData['business']): string {
  if (!b?.address) return '';
  let out = b.address.trim();
  for (const part of [b.ward, b.province]) {
    const p = part?.trim();
    if (p && !out.toLowerCase().includes(p.toLowerCase())) out = `${out}, ${p}`;
  }
  return out;
}

/** The lot's trace code as humans read it: PRODUCT-CODE/LOT-CODE. */
export function traceCode(d: LabelData): string {
  return d.product.code ? `${d.product.code}/${d.lot.code}` : d.lot.code;
}

/** Value of one field for one label ('' when the data has none). */
export function fieldValue(key: string, d: LabelData, ctx: PrintContext): string {
  const p = d.product;
  const dateOffset = /^date([+-]\d+)?$/.exec(key);
  if (dateOffset) return formatDateVi(addDays(ctx.today, dateOffset[1] ? Number(dateOffset[1]) : 0));
  const serial = /^serial(?::(\d+))?$/.exec(key);
  if (serial)
    return ctx.serial === undefined ? '' : String(ctx.serial).padStart(serial[1] ? Number(serial[1]) : 0, '0');
  switch (key as FieldKey) {
    case 'productName':
      return p.name;
    case 'brand':
      return p.brand ?? '';
    case 'businessName':
      return d.business?.name ?? '';
    case 'businessAddress':
      return fullAddress(d.business);
    case 'businessPhone':
      return d.business?.phone ?? '';
    case 'origin':
      return originText(p.origin);
    case 'netQuantity':
      return p.netQuantity ?? '';
    case 'ingredients':
      return p.ingredients ?? '';
    case 'storage':
      return p.storage ?? '';
    case 'usage':
      return p.usage ?? '';
    case 'warnings':
      return p.warnings ?? '';
    case 'standard':
      return p.standard ?? '';
    case 'declarationNo':
      return p.declarationNo ?? '';
    case 'productionDate':
      return formatDateVi(d.lot.productionDate);
    case 'expiryDate':
      return formatDateVi(d.lot.expiryDate);
    case 'lotCode':
      return d.lot.code;
    case 'gtin':
      return p.gtin ?? '';
    case 'price':
      return p.price ?? '';
    case 'traceCode':
      return traceCode(d);
    case 'onDocument':
      return ctx.onDocument ?? '';
    default:
      return '';
  }
}

const PLACEHOLDER = /\{([a-zA-Z]+(?:[+-]\d+|:\d+)?)\}/g;

/** Fields a piece of content refers to. */
export function placeholders(content: string): string[] {
  return [...content.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/**
 * Fills `{field}` placeholders. A line whose placeholders are all empty is dropped, so "HSD: {expiryDate}" leaves
 * no dangling caption when a product has no expiry (the completeness check names what is missing).
 */
export function resolveText(content: string, d: LabelData, ctx: PrintContext): string {
  return content
    .split('\n')
    .map((line) => {
      const keys = placeholders(line);
      if (keys.length && keys.every((k) => fieldValue(k, d, ctx) === '')) return null;
      return line.replace(PLACEHOLDER, (_, k: string) => fieldValue(k, d, ctx));
    })
    .filter((l): l is string => l !== null)
    .join('\n');
}

export type BarcodeContent =
  | { ok: true; symbology: string; data: string; hri: string; elements?: AiValue[] }
  | { ok: false; errors: { code: string; params: Record<string, string | number> }[] };

function aiValues(
  e: BarcodeElement,
  d: LabelData,
  ctx: PrintContext,
): { values: AiValue[]; errors: { code: string; params: Record<string, string | number> }[] } {
  const values: AiValue[] = [];
  const errors: { code: string; params: Record<string, string | number> }[] = [];
  for (const ai of e.ais ?? ['01', '10', '17']) {
    switch (ai) {
      case '00':
        if (d.sscc) values.push({ ai, value: d.sscc });
        else errors.push({ code: 'LABEL_NO_SSCC', params: { element: e.id } });
        break;
      case '01': {
        const g = d.product.gtin;
        if (!g) errors.push({ code: 'LABEL_NO_GTIN', params: { element: e.id } });
        else values.push({ ai, value: g.padStart(14, '0') });
        break;
      }
      case '10':
        values.push({ ai, value: d.lot.code });
        break;
      case '11':
      case '13':
      case '15':
      case '17': {
        const iso = ai === '17' || ai === '15' ? d.lot.expiryDate : d.lot.productionDate;
        if (!iso)
          errors.push({
            code: 'LABEL_BARCODE_DATA_MISSING',
            params: { field: ai === '17' || ai === '15' ? 'HSD' : 'NSX', element: e.id },
          });
        else values.push({ ai, value: isoToYymmdd(iso) ?? iso });
        break;
      }
      case '21':
        if (ctx.serial === undefined)
          errors.push({ code: 'LABEL_BARCODE_DATA_MISSING', params: { field: 'serial', element: e.id } });
        else values.push({ ai, value: String(ctx.serial) });
        break;
      case '37':
        if (d.count) values.push({ ai, value: String(d.count) });
        else errors.push({ code: 'LABEL_BARCODE_DATA_MISSING', params: { field: 'count', element: e.id } });
        break;
    }
  }
  return { values, errors };
}

const gs1Errs = (errs: Gs1Error[], element: string) =>
  errs.map((g) => ({ code: g.code, params: { ...g.params, element } }));

/** The exact data a barcode element encodes for one label, validated with the GS1 library. */
export function barcodeContent(e: BarcodeElement, d: LabelData, ctx: PrintContext): BarcodeContent {
  switch (e.symbology) {
    case 'ean13': {
      const g = d.product.gtin;
      if (!g) return { ok: false, errors: [{ code: 'LABEL_NO_GTIN', params: { element: e.id } }] };
      const p = gtinProblem(g);
      if (p)
        return {
          ok: false,
          errors: [
            {
              code: p.code === 'GTIN_CHECK_DIGIT' ? 'GS1_CHECK_DIGIT' : 'LABEL_EAN13_FORMAT',
              params: { ai: '01', expected: 'expected' in p ? p.expected : '', element: e.id },
            },
          ],
        };
      // EAN-13 carries a GTIN-13 (or a GTIN-14/12 with leading zeros).
      const g13 = g.padStart(14, '0');
      if (!g13.startsWith('0'))
        return { ok: false, errors: [{ code: 'LABEL_EAN13_FORMAT', params: { element: e.id } }] };
      return { ok: true, symbology: e.symbology, data: g13.slice(1), hri: g13.slice(1) };
    }
    case 'gs1-128':
    case 'gs1-datamatrix': {
      const { values, errors } = aiValues(e, d, ctx);
      if (errors.length) return { ok: false, errors };
      const r = buildElementString(values);
      if (!r.ok) return { ok: false, errors: gs1Errs(r.errors, e.id) };
      return { ok: true, symbology: e.symbology, data: r.data, hri: r.hri, elements: r.elements };
    }
    case 'qr-digital-link': {
      const domain = d.business?.digitalLinkDomain || DEFAULT_DL_DOMAIN;
      if (!d.product.gtin) {
        // No GTIN, so no Digital Link: the trace code, in the URI the business chose when it has one.
        const data = d.traceUri || traceCode(d);
        return { ok: true, symbology: e.symbology, data, hri: data };
      }
      const { values, errors } = aiValues({ ...e, ais: e.ais ?? ['01', '10', '17'] }, d, ctx);
      if (errors.length) return { ok: false, errors };
      const r = buildDigitalLink(values, { domain });
      if (!r.ok) return { ok: false, errors: gs1Errs(r.errors, e.id) };
      return { ok: true, symbology: e.symbology, data: r.uri, hri: r.uri };
    }
    case 'qr':
    case 'code128': {
      const data = resolveText(e.data ?? '{traceCode}', d, ctx);
      if (!data) return { ok: false, errors: [{ code: 'LABEL_BARCODE_EMPTY', params: { element: e.id } }] };
      // Code 128 encodes ASCII only; Vietnamese letters would be silently wrong.
      if (e.symbology === 'code128' && /[^\x20-\x7e]/.test(data))
        return { ok: false, errors: [{ code: 'LABEL_CODE128_CHARS', params: { element: e.id } }] };
      return { ok: true, symbology: e.symbology, data, hri: data };
    }
  }
}

/** What Decree 43/2017 (amended by Decree 111/2021) asks a food label to show, and where it comes from. */
export const DECREE43_FIELDS: { key: FieldKey; what: string; short: string; en: string }[] = [
  { key: 'productName', what: 'tên sản phẩm', short: 'tên sản phẩm', en: 'product name' },
  {
    key: 'businessName',
    what: 'tên tổ chức chịu trách nhiệm',
    short: 'tên cơ sở',
    en: 'name of the responsible business',
  },
  {
    key: 'businessAddress',
    what: 'địa chỉ tổ chức chịu trách nhiệm',
    short: 'địa chỉ',
    en: 'address of the responsible business',
  },
  { key: 'origin', what: 'xuất xứ', short: 'xuất xứ', en: 'origin' },
  { key: 'netQuantity', what: 'định lượng', short: 'định lượng', en: 'net quantity' },
  { key: 'productionDate', what: 'ngày sản xuất (NSX)', short: 'NSX', en: 'production date' },
  { key: 'expiryDate', what: 'hạn sử dụng (HSD)', short: 'HSD', en: 'expiry date' },
  { key: 'ingredients', what: 'thành phần', short: 'thành phần', en: 'ingredients' },
  { key: 'warnings', what: 'thông tin cảnh báo', short: 'cảnh báo', en: 'warnings' },
  { key: 'storage', what: 'hướng dẫn bảo quản', short: 'cách bảo quản', en: 'storage instructions' },
  { key: 'usage', what: 'hướng dẫn sử dụng', short: 'cách dùng', en: 'directions for use' },
  { key: 'lotCode', what: 'số lô', short: 'số lô', en: 'lot number' },
];

/** A Decree 43 item (as a report names it) in the reader's language; the label itself stays Vietnamese. */
export function decree43Word(what: string, lang: 'vi' | 'en'): string {
  return lang === 'en' ? (DECREE43_FIELDS.find((f) => f.what === what)?.en ?? what) : what;
}

export type LabelProblem = { code: string; params: Record<string, string | number>; severity: 'error' | 'warning' };

/**
 * Decree 43, art. 10: a package too small for every mandatory item carries at least these on the label, the others
 * on the document that goes with the goods.
 */
const SMALL_PACKAGE_MINIMUM: FieldKey[] = ['productName', 'businessName', 'netQuantity', 'expiryDate'];
const GENERAL_FIELDS: FieldKey[] = ['productName', 'businessName', 'businessAddress', 'origin', 'lotCode'];

/** Which Decree 43 items the label carries, which it lacks, and which the accompanying document carries. */
export type Decree43Report = {
  onLabel: string[];
  missing: string[];
  notOnTemplate: string[];
  onDocument: string[];
  /** On the template with a value, but the box is too small and the text is cut: not carried. */
  cut: string[];
  /** Every mandatory item is on the label with a value, uncut: only then may the label be called complete. */
  complete: boolean;
};

function shownFields(t: LabelTemplate): Set<string> {
  const shown = new Set<string>();
  for (const e of t.elements) if (e.type === 'text') for (const k of placeholders(e.content)) shown.add(k);
  return shown;
}

/** The Decree 43 items this label must carry (by purpose and product kind). */
export function requiredFields(t: LabelTemplate, d: LabelData): { key: FieldKey; what: string }[] {
  if (t.purpose !== 'consumer') return DECREE43_FIELDS.filter((f) => f.key === 'productName' || f.key === 'lotCode');
  // Food needs all of them; non-food products (kind 'material'/'packaging'…) only the general ones.
  const food = !d.product.kind || ['finished', 'semi', 'food'].includes(d.product.kind);
  return DECREE43_FIELDS.filter((f) => food || GENERAL_FIELDS.includes(f.key));
}

/**
 * `cutKeys`: the fields whose box the renderer found too small (a cut address is no address), known only once the
 * label is drawn.
 */
export function decree43Report(
  t: LabelTemplate,
  d: LabelData,
  ctx: PrintContext,
  cutKeys: ReadonlySet<string> = new Set(),
): Decree43Report {
  const shown = shownFields(t);
  const usesDocument = shown.has('onDocument');
  const r: Decree43Report = { onLabel: [], missing: [], notOnTemplate: [], onDocument: [], cut: [], complete: false };
  for (const f of requiredFields(t, d)) {
    if (shown.has(f.key))
      (!fieldValue(f.key, d, ctx) ? r.missing : cutKeys.has(f.key) ? r.cut : r.onLabel).push(f.what);
    else if (usesDocument && !SMALL_PACKAGE_MINIMUM.includes(f.key) && f.key !== 'lotCode') r.onDocument.push(f.what);
    else r.notOnTemplate.push(f.what);
  }
  r.complete = !r.missing.length && !r.notOnTemplate.length && !r.onDocument.length && !r.cut.length;
  return r;
}

/** The {onDocument} sentence: the items this template leaves to the accompanying document. */
export function onDocumentText(t: LabelTemplate, d: LabelData, ctx: PrintContext): string {
  const items = decree43Report(t, d, ctx).onDocument;
  if (!items.length) return '';
  const list = items.map((what) => DECREE43_FIELDS.find((f) => f.what === what)?.short ?? what).join(', ');
  return `${list.charAt(0).toUpperCase()}${list.slice(1)}: xem tài liệu kèm theo.`;
}

/**
 * The checks before printing. Consumer labels: every Decree 43 item is on the template (or, on a small package,
 * on the accompanying document) AND has a value; every label: the lot code and trace data, every barcode's data
 * valid by GS1 rules.
 */
export function checkLabel(t: LabelTemplate, d: LabelData, ctx: PrintContext): LabelProblem[] {
  const problems: LabelProblem[] = [];
  for (const e of t.elements) {
    if (e.type !== 'barcode') continue;
    const c = barcodeContent(e, d, ctx);
    if (!c.ok) for (const err of c.errors) problems.push({ ...err, severity: 'error' });
  }
  const report = decree43Report(t, d, ctx);
  for (const field of report.notOnTemplate)
    problems.push({ code: 'LABEL_FIELD_NOT_ON_TEMPLATE', params: { field }, severity: 'error' });
  for (const field of report.missing)
    problems.push({ code: 'LABEL_FIELD_MISSING', params: { field, element: '' }, severity: 'error' });
  if (d.lot.expiryDate && d.lot.productionDate && d.lot.expiryDate < d.lot.productionDate) {
    problems.push({
      code: 'LABEL_EXPIRY_BEFORE_PRODUCTION',
      params: { nsx: formatDateVi(d.lot.productionDate), hsd: formatDateVi(d.lot.expiryDate) },
      severity: 'error',
    });
  }
  return problems;
}
