// Lot codes, lot usability and first-expired-first-out (FEFO) picking. Pure functions shared by the
// services, the UI and the tests.

/** GS1 AI (10) allows at most 20 characters of GS1 "CSET 82" (GS1 General Specifications §7.11, Figure 7.11-1). */
export const LOT_CODE_MAX = 20;
const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;

export type LotCodeProblem = 'REQUIRED' | 'LOT_CODE_TOO_LONG' | 'LOT_CODE_CHARSET';

/** Null when `code` can be printed as AI (10); otherwise the error code. */
export function lotCodeProblem(code: string): LotCodeProblem | null {
  if (!code) return 'REQUIRED';
  if (code.length > LOT_CODE_MAX) return 'LOT_CODE_TOO_LONG';
  if (!CSET82.test(code)) return 'LOT_CODE_CHARSET';
  return null;
}

/** The characters of `code` that are outside CSET 82 (to tell the user which one is wrong). */
export function nonCset82Chars(code: string): string[] {
  return [...new Set([...code].filter((c) => !CSET82.test(c)))];
}

/** A product code made printable in a lot code: accents folded, other characters dropped, upper case. */
export function lotCodePart(productCode: string): string {
  return productCode
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toUpperCase()
    .replace(/[^A-Z0-9-]/g, '');
}

export type LotPatternInput = { pattern: string; productCode: string; date: string /* YYYY-MM-DD */ };

/**
 * The fixed part of a pattern once the date and product code are filled in, with `{SEQ}` left as the
 * marker — the key of the sequence counter (each prefix counts from 1).
 */
export function lotPatternPrefix({ pattern, productCode, date }: LotPatternInput): string {
  const [y, m, d] = date.split('-');
  return pattern
    .replace(/\{CODE\}/g, lotCodePart(productCode))
    .replace(/\{YYYYMMDD\}/g, `${y}${m}${d}`)
    .replace(/\{YYMMDD\}/g, `${y.slice(2)}${m}${d}`);
}

/** Fills `{SEQ}` (3 digits, more when needed); a pattern without `{SEQ}` gets `-seq` appended from the 2nd lot. */
export function lotCodeFromPrefix(prefix: string, seq: number): string {
  const s = String(seq).padStart(3, '0');
  if (prefix.includes('{SEQ}')) return prefix.replace(/\{SEQ\}/g, s);
  return seq <= 1 ? prefix : `${prefix}-${s}`;
}

/** Days from `from` to `to` (YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** Days since 1970-01-01 of a YYYY-MM-DD date; Date.UTC on the parts (FEFO lists compute this for every lot). */
function dayNumber(date: string): number {
  return Math.round(
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000,
  );
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export const LOT_STATUSES = ['available', 'on_hold', 'quarantined', 'rejected', 'recalled', 'destroyed'] as const;
export type LotStatus = (typeof LOT_STATUSES)[number];
/** What the user sees: the stored status, or the derived states expired / used_up. */
export type LotState = LotStatus | 'expired' | 'used_up';

export function isExpired(expiryDate: string | null, today: string): boolean {
  return expiryDate !== null && expiryDate < today;
}

export function lotState(
  l: { status: LotStatus; expiryDate: string | null; balanceMilli: number },
  today: string,
): LotState {
  if (l.status !== 'available') return l.status;
  if (l.balanceMilli <= 0) return 'used_up';
  if (isExpired(l.expiryDate, today)) return 'expired';
  return 'available';
}

/** Why a lot cannot be used or shipped without an override: its status, or 'expired'; null when usable. */
export function lotBlock(
  l: { status: LotStatus; expiryDate: string | null },
  today: string,
): LotStatus | 'expired' | null {
  if (l.status !== 'available') return l.status;
  if (isExpired(l.expiryDate, today)) return 'expired';
  return null;
}

export type FefoCandidate = {
  lotId: number;
  expiryDate: string | null;
  productionDate: string | null;
  availableMilli: number;
  createdOrder: number;
};
export type FefoPick = { lotId: number; takeMilli: number };

/**
 * First-expired-first-out: the earliest expiry first (lots without expiry last), then the oldest
 * production date, then the first recorded. Takes from each lot until `needMilli` is covered; the
 * shortfall is what stock cannot cover.
 */
export function pickFefo(
  candidates: FefoCandidate[],
  needMilli: number,
): { picks: FefoPick[]; shortfallMilli: number } {
  const sorted = [...candidates].filter((c) => c.availableMilli > 0).sort(fefoCompare);
  const picks: FefoPick[] = [];
  let left = needMilli;
  for (const c of sorted) {
    if (left <= 0) break;
    const take = Math.min(left, c.availableMilli);
    picks.push({ lotId: c.lotId, takeMilli: take });
    left -= take;
  }
  return { picks, shortfallMilli: Math.max(0, left) };
}

export function fefoCompare(a: FefoCandidate, b: FefoCandidate): number {
  const ea = a.expiryDate ?? '9999-12-31';
  const eb = b.expiryDate ?? '9999-12-31';
  if (ea !== eb) return ea < eb ? -1 : 1;
  const pa = a.productionDate ?? '9999-12-31';
  const pb = b.productionDate ?? '9999-12-31';
  if (pa !== pb) return pa < pb ? -1 : 1;
  return a.createdOrder - b.createdOrder;
}

/**
 * Splits `totalMilli` over parts proportionally to `weights` in whole thousandths, the remainder going to
 * the largest parts first, so the pieces always add up exactly (used to attribute a batch's inputs to
 * each output lot).
 */
export function splitProportional(totalMilli: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map((_, i) => (i === 0 ? totalMilli : 0));
  const raw = weights.map((w) => (totalMilli * w) / sum);
  const out = raw.map(Math.floor);
  let rest = totalMilli - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) out[order[k].i]++;
  return out;
}
