// Reading what a barcode scanner types into the app (a USB scanner acts as a keyboard): GS1 element strings
// with GS separators, bracketed HRI text, GS1 Digital Link URIs (a QR code), or a plain GTIN (EAN-13…).
import { aiAtStart, aiEntry } from './ai-dictionary';
import { gs1CheckDigit } from './checkdigit';
import { yymmddToIso } from './dates';
import { parseDigitalLink } from './digital-link';
import { checkAssociations, gs1Error, validateAiValue, type AiValue, type Gs1Error } from './validate';

/** The ASCII group separator that stands for FNC1 inside barcode data. */
export const GS = '\u001d';

export interface ScanOptions {
  /** The "today" of the two-digit-year century rule (default: now). Pass it in tests. */
  today?: Date | string;
  /** Treat "^" as GS: some scanners are set up to send "^" for FNC1 ("^" is not a GS1 data character). */
  caretAsGs?: boolean;
  /**
   * Check the pairing rules (`req=`, `ex=`) on this scan alone (default true). Turn off when one item carries
   * several barcodes (GS1-128 often splits GTIN and lot) and run `checkAssociations` on the merged elements.
   */
  associations?: boolean;
}

export type ScanForm = 'element-string' | 'hri' | 'digital-link' | 'gtin';

/** What one scan says. Dates are ISO `YYYY-MM-DD`; fields are filled only from values that passed validation. */
export interface Gs1Scan {
  /**
   * True when there is no error at all. Pairing errors (GS1_REQUIRES, GS1_EXCLUDED) leave the fields usable;
   * a value error (check digit, date, length…) or GS1_MISSING_GS keeps that AI out of the fields.
   */
  ok: boolean;
  form: ScanForm;
  /** Symbology identifier sent by the scanner, e.g. "]d2" (GS1 DataMatrix), or null. */
  symbology: string | null;
  /** Every AI read, in scan order (an exact repeat is listed once). */
  elements: AiValue[];
  errors: Gs1Error[];
  /** GTIN-14 from AI 01, or from AI 02 (GTIN of the trade items inside a logistic unit) when 01 is absent. */
  gtin?: string;
  lot?: string; // AI 10
  productionDate?: string; // AI 11
  expiryDate?: string; // AI 17
  bestBefore?: string; // AI 15
  serial?: string; // AI 21
  netWeightKg?: number; // AI 3100–3105
  count?: number; // AI 37
  sscc?: string; // AI 00
}

/**
 * Symbology identifiers that announce GS1 data: ]C1 GS1-128, ]e0 GS1 DataBar, ]d2 GS1 DataMatrix,
 * ]Q3 GS1 QR Code, ]J1 GS1 DotCode. ]E0/]E4 (EAN-13/8) and ]I1 (ITF-14) carry a bare GTIN.
 */
const GS1_SYMBOLOGIES = new Set([']C1', ']e0', ']d2', ']Q3', ']J1']);
const GTIN_SYMBOLOGIES = new Set([']E0', ']E3', ']E4', ']I1', ']A0']);

/**
 * Text some scanners and keyboard wedges send instead of the GS control character. Accepted everywhere:
 * "<GS>", "{GS}", "[GS]", "^]" (caret notation of Ctrl+]), "\u001d", "\x1d", "␝" (U+241D); a lone "^" only with
 * `caretAsGs`. "{", "[", "\", "^" and "␝" are not GS1 data characters, so only "<GS>" could clash with real data
 * (CSET 82 has "<" and ">"), which no real lot or serial contains in practice.
 */
function normaliseSeparators(s: string, caretAsGs: boolean): string {
  let out = s.replace(/<GS>|\{GS\}|\[GS\]|\\u001d|\\x1d|\u241d|\^\]/gi, GS);
  if (caretAsGs) out = out.replace(/\^/g, GS);
  return out;
}

/**
 * Reads one scan. Accepts, with or without a symbology identifier (]d2, ]C1, ]Q3, ]e0, ]J1):
 * - raw element strings `0109520000000011` `10ABC` GS `17261231` (GS = 0x1D or a substitute, see above);
 * - bracketed HRI `(01)09520000000011(10)ABC(17)261231`;
 * - a GS1 Digital Link URI `https://any.domain/01/09520000000011/10/ABC?17=261231`;
 * - a plain GTIN-8/12/13/14 (EAN/UPC/ITF-14 barcodes).
 * Never throws: problems are returned as `errors` with codes.
 */
export function parseScan(input: string, opts: ScanOptions = {}): Gs1Scan {
  // Keyboard wedges end a scan with Enter (CR/LF, sometimes Tab); spaces are never GS1 data, so pasted
  // padding goes too. A leading GS is FNC1 in first position.
  let s = input.replace(/[\r\n\t ]+$/, '').replace(/^[\r\n\t ]+/, '');
  s = normaliseSeparators(s, opts.caretAsGs ?? false);
  let symbology: string | null = null;
  const sym = /^\][A-Za-z][0-9A-Za-z]/.exec(s);
  if (sym) {
    symbology = sym[0];
    s = s.slice(3);
  }
  s = s.replace(new RegExp(`^${GS}+`), '');
  const done = (form: ScanForm, elements: AiValue[], errors: Gs1Error[]) =>
    finish(form, symbology, elements, errors, opts);

  if (!s) return done('element-string', [], [gs1Error('GS1_EMPTY')]);
  if (/^https?:\/\//i.test(s)) {
    const dl = parseDigitalLink(s);
    return done('digital-link', dl.elements, dl.errors);
  }
  if (symbology && GTIN_SYMBOLOGIES.has(symbology)) return done('gtin', ...plainGtin(s));
  if (symbology && !GS1_SYMBOLOGIES.has(symbology)) return done('element-string', [], [gs1Error('GS1_NOT_GS1')]);
  if (s.startsWith('(')) {
    const hri = parseHri(s);
    return done('hri', hri.elements, hri.errors);
  }
  // A bare EAN-13 / UPC-A / EAN-8 / ITF-14 number typed by the scanner. Element strings of only 8, 12, 13 or 14
  // digits are rare on real labels (a GTIN alone is 16), while EAN-13 is on every retail pack: read a GTIN.
  if (!symbology && /^(\d{8}|\d{12,14})$/.test(s)) return done('gtin', ...plainGtin(s));
  if (!/^\d{2}/.test(s)) return done('element-string', [], [gs1Error('GS1_NOT_GS1')]);
  const raw = parseElementString(s);
  return done('element-string', raw.elements, raw.errors);
}

function plainGtin(s: string): [AiValue[], Gs1Error[]] {
  if (!/^(\d{8}|\d{12,14})$/.test(s)) return [[], [gs1Error('GS1_NOT_GS1')]];
  const gtin = s.padStart(14, '0');
  const expected = String(gs1CheckDigit(gtin.slice(0, -1)));
  return expected === gtin[13]
    ? [[{ ai: '01', value: gtin }], []]
    : [[], [gs1Error('GS1_CHECK_DIGIT', { ai: '01', expected })]];
}

/**
 * Splits barcode data (GS-separated, no symbology identifier) into AIs. Pre-defined length AIs take their
 * fixed length; any other AI runs to the next GS or the end.
 */
export function parseElementString(data: string): { elements: AiValue[]; errors: Gs1Error[] } {
  const elements: AiValue[] = [];
  const errors: Gs1Error[] = [];
  const sawGs = data.includes(GS);
  let pos = 0;
  while (pos < data.length) {
    if (data[pos] === GS) {
      pos++;
      continue;
    }
    const entry = aiAtStart(data.slice(pos, pos + 4));
    if (!entry) {
      const m = /^\d{2,4}/.exec(data.slice(pos, pos + 4));
      errors.push(gs1Error('GS1_UNKNOWN_AI', { ai: m ? m[0] : data.slice(pos, pos + 4) }));
      break; // without a known AI there is no telling where the next field starts
    }
    pos += entry.ai.length;
    let end: number;
    if (!entry.fnc1) {
      end = Math.min(pos + entry.maxLength, data.length);
      const gs = data.indexOf(GS, pos);
      if (gs >= 0 && gs < end) end = gs;
    } else {
      end = data.indexOf(GS, pos);
      if (end < 0) end = data.length;
      if (end - pos > entry.maxLength && aiAtStart(data.slice(pos + entry.maxLength, pos + entry.maxLength + 4))) {
        // Longer than the AI allows and the rest starts like another AI: the scanner left out the GS.
        errors.push(gs1Error('GS1_MISSING_GS', { ai: entry.ai }));
        end = pos + entry.maxLength;
      } else if (!sawGs && end === data.length && ambiguousTail(data.slice(pos, end), elements)) {
        // No GS anywhere, and the end of this field also reads as complete dated/fixed AIs:
        // "10ABC17261231" may be lot "ABC17261231" or lot "ABC" + expiry 2026-12-31.
        errors.push(gs1Error('GS1_MISSING_GS', { ai: entry.ai }));
      }
    }
    elements.push({ ai: entry.ai, value: data.slice(pos, end) });
    pos = end;
  }
  return { elements, errors };
}

/**
 * True when some proper suffix of a variable-length value parses cleanly as pre-defined-length AIs that were
 * not read already (a repeat would make the scan invalid, so it is not a plausible reading).
 */
function ambiguousTail(value: string, before: readonly AiValue[]): boolean {
  for (let k = 1; k < value.length - 1; k++) {
    const tail = value.slice(k);
    let pos = 0;
    let ok = true;
    while (pos < tail.length && ok) {
      const e = aiAtStart(tail.slice(pos, pos + 4));
      if (!e || e.fnc1 || before.some((b) => b.ai === e.ai)) {
        ok = false;
        break;
      }
      const v = tail.slice(pos + e.ai.length, pos + e.ai.length + e.maxLength);
      ok = v.length === e.maxLength && validateAiValue(e.ai, v) === null;
      pos += e.ai.length + e.maxLength;
    }
    if (ok && pos === tail.length) return true;
  }
  return false;
}

/**
 * Reads bracketed human-readable text `(01)09520000000011(10)AB(C)`: a bracket opens an AI only when it
 * holds a known AI, so "(" and ")" inside data survive; "\(" is always data.
 */
export function parseHri(text: string): { elements: AiValue[]; errors: Gs1Error[] } {
  const elements: AiValue[] = [];
  const opener = /\((\d{2,4})\)/y;
  const readAi = (at: number): string | null => {
    opener.lastIndex = at;
    const m = opener.exec(text);
    return m && aiEntry(m[1]) ? m[1] : null;
  };
  let pos = 0;
  if (readAi(0) === null) {
    const m = /^\((\d{2,4})\)/.exec(text);
    return {
      elements,
      errors: [m ? gs1Error('GS1_UNKNOWN_AI', { ai: m[1] }) : gs1Error('GS1_HRI_SYNTAX', { position: 1 })],
    };
  }
  while (pos < text.length) {
    const ai = readAi(pos) as string;
    pos += ai.length + 2;
    let value = '';
    while (pos < text.length) {
      if (text[pos] === '\\' && text[pos + 1] === '(') {
        value += '(';
        pos += 2;
        continue;
      }
      if (text[pos] === '(' && readAi(pos) !== null) break;
      value += text[pos++];
    }
    // Spaces are never GS1 data, so spaces people type around bracketed fields are dropped.
    elements.push({ ai, value: value.trim() });
  }
  return { elements, errors: [] };
}

/** Validates values, de-duplicates exact repeats, checks pairings and fills the convenience fields. */
function finish(
  form: ScanForm,
  symbology: string | null,
  read: AiValue[],
  readErrors: Gs1Error[],
  opts: ScanOptions,
): Gs1Scan {
  const errors = [...readErrors];
  const elements: AiValue[] = [];
  const valid = new Map<string, string>();
  // A field whose end is uncertain (GS1_MISSING_GS) is listed but not trusted for the convenience fields.
  const uncertain = new Set(readErrors.filter((e) => e.code === 'GS1_MISSING_GS').map((e) => String(e.params.ai)));
  for (const el of read) {
    if (elements.some((e) => e.ai === el.ai && e.value === el.value)) continue;
    elements.push(el);
    const problem = validateAiValue(el.ai, el.value);
    if (problem) errors.push(problem);
    else if (!valid.has(el.ai) && !uncertain.has(el.ai)) valid.set(el.ai, el.value);
  }
  if (opts.associations !== false) errors.push(...checkAssociations(elements));
  const scan: Gs1Scan = { ok: errors.length === 0, form, symbology, elements, errors };
  Object.assign(scan, convenienceFields(valid, opts.today));
  return scan;
}

type Convenience = Pick<
  Gs1Scan,
  'gtin' | 'lot' | 'productionDate' | 'expiryDate' | 'bestBefore' | 'serial' | 'netWeightKg' | 'count' | 'sscc'
>;

/** The everyday fields from validated AI values (`valid`: AI → value). */
export function convenienceFields(valid: ReadonlyMap<string, string>, today?: Date | string): Convenience {
  const out: Convenience = {};
  const gtin = valid.get('01') ?? valid.get('02');
  if (gtin) out.gtin = gtin;
  const set = <K extends keyof Convenience>(key: K, v: Convenience[K] | null | undefined) => {
    if (v !== undefined && v !== null) out[key] = v;
  };
  set('lot', valid.get('10'));
  set('serial', valid.get('21'));
  set('sscc', valid.get('00'));
  const date = (ai: string) => {
    const v = valid.get(ai);
    return v ? yymmddToIso(v, today) : undefined;
  };
  set('productionDate', date('11'));
  set('expiryDate', date('17'));
  set('bestBefore', date('15'));
  for (let d = 0; d <= 5; d++) {
    const v = valid.get(`310${d}`);
    if (v) set('netWeightKg', Number((Number(v) / 10 ** d).toFixed(d)));
  }
  const count = valid.get('37');
  if (count) set('count', Number(count));
  return out;
}
