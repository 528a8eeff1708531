// Scanner input → the facts a receipt line needs. The GS1 library (shared/gs1) reads the scan — element
// strings with GS or a symbology identifier (]d2, ]C1…), bracketed text, Digital Link URIs, bare GTINs —
// and checks every AI and value against the GS1 Syntax Dictionary; here its problems become receipt errors.
import { AppError } from '../../../shared/api/errors';
import { gs1ErrorMessage, parseScan as parseGs1, type Gs1Error } from '../../../shared/gs1';
import type { Lang } from '../../../shared/i18n/messages';

export type ScanFacts = {
  gtin: string | null;
  lot: string | null;
  productionDate: string | null;
  expiryDate: string | null;
  qty: number | null;
  unit: string | null;
  elements: { ai: string; value: string }[];
  /** Problems that leave the fields usable (e.g. an AI that should come with another). */
  remarks: string[];
};

// Pairing rules (req=/ex=) concern the whole item; a single scan can still fill the line.
const SOFT = new Set(['GS1_REQUIRES', 'GS1_EXCLUDED']);

function toAppError(e: Gs1Error, lang: Lang): AppError {
  const ai = String(e.params.ai ?? '');
  const field = (code: string, params: Record<string, string | number>) =>
    new AppError(code, params, { fields: [{ path: 'scan', code, params }], details: { gs1: e.code, ...e.params } });
  switch (e.code) {
    case 'GS1_EMPTY':
      return field('SCAN_EMPTY', {});
    case 'GS1_UNKNOWN_AI':
      return field('SCAN_UNKNOWN_AI', { ai });
    case 'GS1_CHECK_DIGIT':
      return field('SCAN_CHECK_DIGIT', { ai, expected: String(e.params.expected ?? '?') });
    case 'GS1_NOT_GS1':
    case 'GS1_HRI_SYNTAX':
    case 'GS1_DL_SYNTAX':
    case 'GS1_DL_NO_KEY':
    case 'GS1_MISSING_GS':
      return field('SCAN_FORMAT', { detail: gs1ErrorMessage(e, lang) });
    default:
      return field('SCAN_BAD_VALUE', { ai, value: String(e.params.value ?? ''), detail: gs1ErrorMessage(e, lang) });
  }
}

/** Reads a scan; `today` anchors two-digit years (GS1 century rule). Throws SCAN_* errors. */
export function parseScan(raw: string, today: string, lang: Lang = 'vi'): ScanFacts {
  const s = parseGs1(raw, { today });
  const hard = s.errors.filter((e) => !SOFT.has(e.code));
  if (hard.length) throw toAppError(hard[0], lang);
  let qty: number | null = null;
  let unit: string | null = null;
  if (s.netWeightKg !== undefined) {
    qty = s.netWeightKg;
    unit = 'kg';
  } else if (s.count !== undefined) {
    qty = s.count;
  } else {
    const n = s.elements.find((e) => e.ai === '30');
    if (n) qty = Number(n.value);
  }
  return {
    gtin: s.gtin ?? null,
    lot: s.lot ?? null,
    productionDate: s.productionDate ?? null,
    expiryDate: s.expiryDate ?? s.bestBefore ?? null,
    qty,
    unit,
    elements: s.elements.map((e) => ({ ai: e.ai, value: e.value })),
    remarks: s.errors.map((e) => gs1ErrorMessage(e, lang)),
  };
}
