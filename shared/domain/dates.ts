// The window of plausible calendar dates for records. A date outside it is a typing mistake (0000-01-01,
// 9999-12-31) that would sort, age and expire lots wrongly. Change the window here; the schemas follow.
export const DATE_WINDOW = {
  /** No shop kept digital traceability records before this day. */
  min: '2000-01-01',
  /** Events (received, made, shipped) may be entered ahead of time, up to a year. */
  recordYearsAhead: 1,
  /** Long-life goods (canned food, rice wine) carry expiry dates years ahead. */
  expiryYearsAhead: 20,
};

/** Today's calendar date (UTC) as YYYY-MM-DD. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** YYYY-MM-DD plus whole years (29 February becomes 28 February in a common year). */
export function addYears(ymd: string, years: number): string {
  const y = Number(ymd.slice(0, 4)) + years;
  const md = ymd.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${y}-${md === '02-29' && !leap ? '02-28' : md}`;
}
