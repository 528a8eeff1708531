// Numbers as people type and read them. Vietnamese writes two thousand as "2.000" and one and a half as
// "1,5"; English the reverse. One parser and one formatter serve every field, so what a screen shows can
// always be typed back and mean the same. The parser refuses what it cannot read with certainty instead
// of guessing: "2.5" in Vietnamese is neither 2,5 nor 25 for sure, so it is refused with a hint.
export type NumberLang = 'vi' | 'en';

export type NumberProblem = 'NOT_A_NUMBER' | 'DECIMAL_SEPARATOR' | 'TOO_MANY_DECIMALS' | 'NOT_INTEGER';

export type ParsedNumber = { ok: true; value: number | null } | { ok: false; problem: NumberProblem };

const SEPARATORS: Record<NumberLang, { group: string; decimal: string }> = {
  vi: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

const FORMATTERS = new Map<string, Intl.NumberFormat>();

/** 2000 → "2.000" (vi) or "2,000" (en); at most `decimals` decimals, never trailing zeros. */
export function formatNumber(n: number, lang: NumberLang = 'vi', decimals = 3): string {
  const key = `${lang}:${decimals}`;
  let f = FORMATTERS.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: decimals });
    FORMATTERS.set(key, f);
  }
  // Intl writes a Unicode minus sign in some locales; people type "-".
  return f.format(n).replace('\u2212', '-');
}

function escape(c: string): string {
  return c === '.' ? '\\.' : c;
}

/**
 * Reads a number typed in `lang`: "2.000" = 2000 and "1.234,5" = 1234.5 in Vietnamese. Spaces may group
 * thousands too. An empty text is `value: null`. `decimals` caps the digits after the separator (0 for
 * whole numbers). Negative numbers are read (the caller's range check refuses them where they make no sense).
 */
export function parseNumber(text: string, lang: NumberLang = 'vi', decimals = 3): ParsedNumber {
  const s = text.replace(/[\s\u00a0\u202f]/g, '').replace('\u2212', '-');
  if (s === '') return { ok: true, value: null };
  const { group, decimal } = SEPARATORS[lang];
  const g = escape(group);
  const d = escape(decimal);
  const sign = s.startsWith('-') ? -1 : 1;
  const body = s.replace(/^[-+]/, '');
  const grouped = new RegExp(`^(\\d{1,3}(?:${g}\\d{3})+|\\d+)(?:${d}(\\d+))?$`);
  const m = grouped.exec(body);
  if (!m) {
    // "2.5" in Vietnamese (or "2,5" in English): the other locale's decimal separator.
    const other = new RegExp(`^\\d+${g}\\d{1,2}$|^\\d+${g}\\d{4,}$`);
    return { ok: false, problem: other.test(body) ? 'DECIMAL_SEPARATOR' : 'NOT_A_NUMBER' };
  }
  const whole = m[1].split(group).join('');
  const frac = m[2] ?? '';
  if (frac.length > decimals) return { ok: false, problem: decimals === 0 ? 'NOT_INTEGER' : 'TOO_MANY_DECIMALS' };
  const value = sign * Number(frac ? `${whole}.${frac}` : whole);
  if (!Number.isSafeInteger(Math.trunc(value))) return { ok: false, problem: 'NOT_A_NUMBER' };
  return { ok: true, value: Object.is(value, -0) ? 0 : value };
}

export type NumberRange = { min?: number; max?: number; minExclusive?: boolean };
export type RangeProblem = 'NEGATIVE' | 'NOT_POSITIVE' | 'TOO_SMALL' | 'TOO_BIG';

/** Why `value` is outside the range, or null when it is inside. */
export function rangeProblem(value: number, r: NumberRange): RangeProblem | null {
  if (r.min !== undefined) {
    if (value < 0 && r.min >= 0) return 'NEGATIVE';
    if (r.minExclusive ? value <= r.min : value < r.min) return r.min === 0 ? 'NOT_POSITIVE' : 'TOO_SMALL';
  }
  if (r.max !== undefined && value > r.max) return 'TOO_BIG';
  return null;
}
