// Vietnamese enterprise tax code (mã số thuế, MST): 10 digits, the 10th a check digit, optionally
// followed by "-NNN" for a dependent unit/branch (13 digits in all).
// Check digit: A = 31·N1 + 29·N2 + 23·N3 + 19·N4 + 17·N5 + 13·N6 + 7·N7 + 5·N8 + 3·N9;
// N10 = 10 − (A mod 11); A mod 11 = 0 would need 10, so such numbers are never issued.
const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];

export type TaxCodeProblem = { code: 'TAX_CODE_FORMAT' } | { code: 'TAX_CODE_CHECK_DIGIT'; expected: string };

/** Canonical form: "0312345673" or "0312345673-001" (spaces removed, branch digits joined by a dash). */
export function normalizeTaxCode(input: string): string {
  const compact = input.replace(/[\s.]/g, '');
  const m = /^(\d{10})-?(\d{3})$/.exec(compact);
  return m ? `${m[1]}-${m[2]}` : compact;
}

export function taxCodeProblem(input: string): TaxCodeProblem | null {
  const tc = normalizeTaxCode(input);
  const m = /^(\d{10})(?:-(\d{3}))?$/.exec(tc);
  if (!m) return { code: 'TAX_CODE_FORMAT' };
  if (m[2] === '000') return { code: 'TAX_CODE_FORMAT' };
  const d = m[1];
  const a = WEIGHTS.reduce((s, w, i) => s + w * (d.charCodeAt(i) - 48), 0);
  const r = a % 11;
  const expected = 10 - r;
  if (r === 0) return { code: 'TAX_CODE_CHECK_DIGIT', expected: '-' };
  return expected === Number(d[9]) ? null : { code: 'TAX_CODE_CHECK_DIGIT', expected: String(expected) };
}
