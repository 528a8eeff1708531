// Writing element strings for labels: the bracketed HRI text printed under a barcode, and the barcode data with
// FNC1/GS only where the reader needs one.
import { aiEntry } from './ai-dictionary';
import { GS } from './element-string';
import { firstBadChar } from './linters';
import { checkAssociations, gs1Error, validateAiValue, type AiValue, type Gs1Error } from './validate';

export interface BuildOptions {
  /**
   * 'fixed-first' (default, GS1's recommendation): pre-defined length AIs first, then the others, keeping the
   * given order within each group — fewer separators, and the only field without a GS is the last one.
   * 'as-given': keep the order.
   */
  order?: 'fixed-first' | 'as-given';
  /** Separator written for FNC1 in `data` (default GS, 0x1D). */
  separator?: string;
  /** Check `req=` / `ex=` pairing rules too (default true). */
  associations?: boolean;
}

export type BuildResult =
  | {
      ok: true;
      /** The elements in the order written. */
      elements: AiValue[];
      /** Human-readable text: `(01)09520000000011(10)ABC` (a "(" inside data is written "\("). */
      hri: string;
      /** Barcode data without the leading FNC1: `010952000000001110ABC` + GS only after variable fields not last. */
      data: string;
    }
  | { ok: false; errors: Gs1Error[] };

/** Builds HRI text and barcode data from AI values, validating every value with the dictionary's linters. */
export function buildElementString(elements: readonly AiValue[], opts: BuildOptions = {}): BuildResult {
  const errors: Gs1Error[] = [];
  if (elements.length === 0) return { ok: false, errors: [gs1Error('GS1_EMPTY')] };
  for (const { ai, value } of elements) {
    const p = validateAiValue(ai, value);
    if (p) errors.push(p);
  }
  if (opts.associations !== false) errors.push(...checkAssociations(elements));
  if (errors.length) return { ok: false, errors };
  const predefined = (e: AiValue) => aiEntry(e.ai)?.fnc1 === false;
  const ordered =
    opts.order === 'as-given'
      ? [...elements]
      : [...elements.filter(predefined), ...elements.filter((e) => !predefined(e))];
  const sep = opts.separator ?? GS;
  let data = '';
  ordered.forEach((e, i) => {
    data += e.ai + e.value;
    if (i < ordered.length - 1 && !predefined(e)) data += sep;
  });
  // "(" in HRI data is escaped so the text reads back unambiguously (GS1 Syntax Engine convention).
  const hri = ordered.map((e) => `(${e.ai})${e.value.replace(/\(/g, '\\(')}`).join('');
  return { ok: true, elements: ordered, hri, data };
}

/** Longest lot code AI 10 can carry. */
export const LOT_MAX_LENGTH = 20;

/** Null when `lot` can be printed as AI 10 (1–20 characters of GS1 CSET 82: letters, digits, - . / and a few more). */
export function lotCodeProblem(lot: string): Gs1Error | null {
  return validateAiValue('10', lot);
}

/**
 * Turns a free-text lot code into one AI 10 accepts: Vietnamese letters lose their marks (đ → d), spaces become
 * "-", other characters outside CSET 82 are dropped, cut to 20. Returns '' when nothing usable is left.
 */
export function toGs1LotCode(text: string): string {
  const folded = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .trim()
    .replace(/\s+/g, '-');
  let out = '';
  for (const c of folded) if (firstBadChar(c, 'X') < 0) out += c;
  return out.slice(0, LOT_MAX_LENGTH);
}
