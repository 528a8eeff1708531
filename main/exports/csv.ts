// One CSV cell, as every CSV the app writes spells it. A text beginning with = + - @, a tab or a carriage
// return would be run as a formula by a spreadsheet (OWASP "CSV injection"): it gets a leading apostrophe
// so it opens as text, unless it is a plain number (-12.5 stays a number). Then RFC 4180 quoting.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)([eE][+-]?\d+)?$/;

export function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const raw = String(v);
  const s = typeof v === 'string' && FORMULA_START.test(raw) && !PLAIN_NUMBER.test(raw) ? `'${raw}` : raw;
  return /[",\r\n;\t]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
