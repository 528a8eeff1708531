// Exact quantities. The API speaks decimal numbers with at most 3 decimals (e.g. 12.345 kg); the store
// keeps integers in thousandths of the unit ("milli"), so sums never drift as floats do.
import { formatNumber } from './number';

export const MILLI = 1000;
/** The largest quantity the API takes: a billion units, far beyond any shop, and exact in thousandths. */
export const QUANTITY_MAX = 1_000_000_000;

/** 12.345 → 12345. Throws on more than 3 decimals; callers validate first with `isExactQuantity`. */
export function toMilli(q: number): number {
  const m = Math.round(q * MILLI);
  if (Math.abs(m - q * MILLI) > 1e-6 * Math.max(1, Math.abs(q))) throw new RangeError(`more than 3 decimals: ${q}`);
  return m;
}

export function fromMilli(m: number): number {
  return m / MILLI;
}

/** True when q has at most 3 decimals and stays within safe integer range once scaled. */
export function isExactQuantity(q: number): boolean {
  if (!Number.isFinite(q)) return false;
  const m = q * MILLI;
  return Math.abs(m - Math.round(m)) <= 1e-6 * Math.max(1, Math.abs(q)) && Math.abs(m) <= Number.MAX_SAFE_INTEGER;
}

/** Formats a quantity for people: Vietnamese uses a comma for decimals and a dot between thousands. */
export function formatQuantity(q: number, lang: 'vi' | 'en' = 'vi'): string {
  return formatNumber(q, lang, 3);
}
