// GS1 mod-10 check digit, shared by GTIN-8/12/13/14, GLN-13 and SSCC-18 (GS1 General Specifications §7.9.1).

/** The check digit for a string of digits that does not yet include it. */
export function gs1CheckDigit(digitsWithoutCheck: string): number {
  let sum = 0;
  // Weights alternate 3,1,3,… starting from the rightmost digit.
  for (let i = digitsWithoutCheck.length - 1, w = 3; i >= 0; i--, w = w === 3 ? 1 : 3) {
    sum += (digitsWithoutCheck.charCodeAt(i) - 48) * w;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of a digit string is its correct GS1 check digit. */
export function hasValidCheckDigit(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  return gs1CheckDigit(digits.slice(0, -1)) === Number(digits[digits.length - 1]);
}

export type GtinProblem = { code: 'GTIN_FORMAT' } | { code: 'GTIN_CHECK_DIGIT'; expected: number };

/** Checks a GTIN-8/12/13/14; returns null when valid. */
export function gtinProblem(gtin: string): GtinProblem | null {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(gtin)) return { code: 'GTIN_FORMAT' };
  const expected = gs1CheckDigit(gtin.slice(0, -1));
  return expected === Number(gtin[gtin.length - 1]) ? null : { code: 'GTIN_CHECK_DIGIT', expected };
}

export type GlnProblem = { code: 'GLN_FORMAT' } | { code: 'GLN_CHECK_DIGIT'; expected: number };

export function glnProblem(gln: string): GlnProblem | null {
  if (!/^\d{13}$/.test(gln)) return { code: 'GLN_FORMAT' };
  const expected = gs1CheckDigit(gln.slice(0, -1));
  return expected === Number(gln[12]) ? null : { code: 'GLN_CHECK_DIGIT', expected };
}

/** GTIN-14 form (left-padded with zeros), the form used in element strings and Digital Link URIs. */
export function toGtin14(gtin: string): string {
  return gtin.padStart(14, '0');
}

/** Appends the check digit: `withCheckDigit('952000000001')` → a valid GTIN-13. */
export function withCheckDigit(digitsWithoutCheck: string): string {
  return digitsWithoutCheck + String(gs1CheckDigit(digitsWithoutCheck));
}
