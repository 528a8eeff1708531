// GS1 dates (YYMMDD) ↔ ISO calendar dates (YYYY-MM-DD).

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** A reference date as a UTC calendar year; accepts a Date or an ISO date string. */
function referenceYear(today: Date | string | undefined): number {
  if (typeof today === 'string') return Number(today.slice(0, 4));
  return (today ?? new Date()).getUTCFullYear();
}

/**
 * The full year for a two-digit GS1 year (GS1 General Specifications §7.12): the year lies from 49 years
 * before to 50 years after the reference year.
 */
export function gs1Century(yy: number, today?: Date | string): number {
  const current = referenceYear(today);
  const diff = yy - (current % 100);
  const century = current - (current % 100);
  if (diff >= 51) return century - 100 + yy;
  if (diff <= -50) return century + 100 + yy;
  return century + yy;
}

/**
 * `YYMMDD` → `YYYY-MM-DD`, or null when not a real date. `DD=00` (allowed where `allowDayZero`, i.e. the
 * dictionary's `yymmd0` linter: AIs 11–17) means the last day of that month.
 */
export function yymmddToIso(yymmdd: string, today?: Date | string, allowDayZero = true): string | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const year = gs1Century(Number(yymmdd.slice(0, 2)), today);
  const month = Number(yymmdd.slice(2, 4));
  let day = Number(yymmdd.slice(4, 6));
  if (month < 1 || month > 12) return null;
  const last = daysInMonth(year, month);
  if (day === 0) {
    if (!allowDayZero) return null;
    day = last;
  }
  if (day > last) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** `YYYYMMDD` → `YYYY-MM-DD`, or null. */
export function yyyymmddToIso(v: string): string | null {
  if (!/^\d{8}$/.test(v)) return null;
  const year = Number(v.slice(0, 4));
  const month = Number(v.slice(4, 6));
  const day = Number(v.slice(6, 8));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;
}

/**
 * `YYYY-MM-DD` → `YYMMDD` for AIs 11/13/15/16/17. With `endOfMonthAsZero`, the last day of a month is
 * written as DD=00 (the GS1 way to say "end of month" when only month precision is meant). Returns null for
 * an invalid date.
 */
export function isoToYymmdd(iso: string, opts: { endOfMonthAsZero?: boolean } = {}): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const dd = opts.endOfMonthAsZero && day === daysInMonth(year, month) ? '00' : m[3];
  return `${m[1].slice(2)}${m[2]}${dd}`;
}

/** Linter form of a YYMMDD check without a reference date: leap years by YY % 4 (right for 2001–2099). */
export function isValidYymmdd(v: string, allowDayZero: boolean): boolean {
  if (!/^\d{6}$/.test(v)) return false;
  const yy = Number(v.slice(0, 2));
  const month = Number(v.slice(2, 4));
  const day = Number(v.slice(4, 6));
  if (month < 1 || month > 12) return false;
  if (day === 0) return allowDayZero;
  const feb = yy % 4 === 0 ? 29 : 28;
  const days = [31, feb, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}
