// Validation of AI values and AI combinations against the GS1 Syntax Dictionary.
import { aiEntry, aiMatchesPattern, type AiEntry } from './ai-dictionary';
import { firstBadChar, runLinter } from './linters';

/** Error codes; every one has a Vietnamese and an English message in shared/i18n/gs1.ts. */
export const GS1_ERROR_CODES = [
  'GS1_EMPTY', // nothing to read
  'GS1_NOT_GS1', // the scan is not GS1 data (plain text, unknown URL…)
  'GS1_UNKNOWN_AI', // {ai}
  'GS1_LENGTH', // {ai, length, min, max, expected}
  'GS1_BAD_CHAR', // {ai, char, position}
  'GS1_CHECK_DIGIT', // {ai, expected}
  'GS1_BAD_DATE', // {ai, value}
  'GS1_BAD_VALUE', // {ai, value, linter}
  'GS1_MISSING_GS', // {ai}: a variable-length field runs into what looks like the next AI
  'GS1_DUPLICATE_AI', // {ai, first, second}
  'GS1_EXCLUDED', // {ai, other}: the two AIs may not appear together
  'GS1_REQUIRES', // {ai, needs}: the AI needs another AI with it
  'GS1_HRI_SYNTAX', // {position}: bracketed text is malformed
  'GS1_DL_SYNTAX', // {detail}: a Digital Link URI could not be read
  'GS1_DL_NO_KEY', // a Digital Link URI has no primary key (01, 00, 414…)
  'GS1_DL_ORDER', // {ai, key}: a key qualifier is out of order or not allowed for that key
  'GS1_DL_NOT_ATTRIBUTE', // {ai}: this AI may not be a Digital Link query attribute
  'GS1_PREFIX_LENGTH', // {length}: company prefix length does not fit the key
] as const;

export type Gs1ErrorCode = (typeof GS1_ERROR_CODES)[number];

export interface Gs1Error {
  code: Gs1ErrorCode;
  params: Record<string, string | number>;
}

/** An AI with its data, as read from or written to a barcode. */
export interface AiValue {
  ai: string;
  value: string;
}

/** Params of GS1_LENGTH; `expected` reads "14" or "1–20" so one message fits fixed and variable fields. */
export function lengthParams(ai: string, length: number, min: number, max: number): Record<string, string | number> {
  return { ai, length, min, max, expected: min === max ? String(max) : `${min}–${max}` };
}

export function gs1Error(code: Gs1ErrorCode, params: Record<string, string | number> = {}): Gs1Error {
  return { code, params };
}

/**
 * Checks one AI value against the dictionary: known AI, length, character set and every linter
 * (check digits, dates, country codes…). Returns the first problem, or null when the value is valid.
 */
export function validateAiValue(ai: string, value: string): Gs1Error | null {
  const entry = aiEntry(ai);
  if (!entry) return gs1Error('GS1_UNKNOWN_AI', { ai });
  return checkValue(entry, value);
}

function checkValue(entry: AiEntry, value: string): Gs1Error | null {
  const { ai } = entry;
  const lengthError = () => gs1Error('GS1_LENGTH', lengthParams(ai, value.length, entry.minLength, entry.maxLength));
  if (value.length < entry.minLength || value.length > entry.maxLength) return lengthError();
  let pos = 0;
  for (const comp of entry.components) {
    if (pos >= value.length && comp.optional) break;
    const variable = comp.min !== comp.max;
    const take = variable ? Math.min(comp.max, value.length - pos) : comp.max;
    if (pos + take > value.length || take < comp.min) return lengthError();
    const part = value.slice(pos, pos + take);
    const bad = firstBadChar(part, comp.cset);
    if (bad >= 0) return gs1Error('GS1_BAD_CHAR', { ai, char: part[bad], position: pos + bad + 1 });
    for (const linter of comp.linters) {
      const p = runLinter(linter, part);
      if (!p) continue;
      if (p.code === 'GS1_CHECK_DIGIT') return gs1Error('GS1_CHECK_DIGIT', { ai, expected: p.expected });
      if (p.code === 'GS1_BAD_DATE') return gs1Error('GS1_BAD_DATE', { ai, value: part });
      return gs1Error('GS1_BAD_VALUE', { ai, value: part, linter: p.linter });
    }
    pos += take;
  }
  return pos === value.length ? null : lengthError();
}

const presentMatch = (ais: string[], pattern: string) => ais.some((a) => aiMatchesPattern(a, pattern));

/**
 * Checks the pairing rules over all AIs read from one item (all its barcodes together): duplicates with
 * different values, `ex=` (may not appear together) and `req=` (needs another AI).
 */
export function checkAssociations(elements: readonly AiValue[]): Gs1Error[] {
  const errors: Gs1Error[] = [];
  const seen = new Map<string, string>();
  for (const { ai, value } of elements) {
    const first = seen.get(ai);
    if (first === undefined) seen.set(ai, value);
    else if (first !== value) errors.push(gs1Error('GS1_DUPLICATE_AI', { ai, first, second: value }));
  }
  const ais = [...seen.keys()];
  const reportedPairs = new Set<string>();
  for (const ai of ais) {
    const entry = aiEntry(ai);
    if (!entry) continue;
    for (const other of ais) {
      if (other === ai || !entry.ex.some((p) => aiMatchesPattern(other, p))) continue;
      const pair = [ai, other].sort().join('+');
      if (reportedPairs.has(pair)) continue;
      reportedPairs.add(pair);
      errors.push(gs1Error('GS1_EXCLUDED', { ai, other }));
    }
    for (const clause of entry.req) {
      if (clause.some((alt) => alt.every((p) => presentMatch(ais, p)))) continue;
      errors.push(
        gs1Error('GS1_REQUIRES', { ai, needs: clause.map((alt) => alt.map((p) => `(${p})`).join(' + ')).join(' / ') }),
      );
    }
  }
  return errors;
}
