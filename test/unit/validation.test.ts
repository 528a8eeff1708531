import { describe, expect, it } from 'vitest';
import { gs1CheckDigit, gtinProblem, glnProblem, toGtin14, withCheckDigit } from '../../shared/gs1/checkdigit';
import { normalizeTaxCode, taxCodeProblem } from '../../shared/domain/taxcode';
import { conversionFactor } from '../../shared/domain/units';
import { isExactQuantity, toMilli, fromMilli } from '../../shared/domain/quantity';
import { foldVietnamese } from '../../shared/domain/text';

describe('GS1 check digits', () => {
  it('accepts real GTINs of every length and refuses a wrong last digit', () => {
    expect(gtinProblem('4006381333931')).toBeNull(); // EAN-13 from GS1's examples
    expect(gtinProblem('96385074')).toBeNull(); // GTIN-8
    expect(gtinProblem('036000291452')).toBeNull(); // UPC-A
    expect(gtinProblem('10012345678902')).toBeNull(); // GTIN-14
    expect(gtinProblem('4006381333932')).toEqual({ code: 'GTIN_CHECK_DIGIT', expected: 1 });
    expect(gtinProblem('40063813339')).toEqual({ code: 'GTIN_FORMAT' });
    expect(gtinProblem('40063813339a1')).toEqual({ code: 'GTIN_FORMAT' });
  });
  it('computes GLN check digits and pads GTINs to 14 digits', () => {
    expect(glnProblem(withCheckDigit('952000000001'))).toBeNull();
    expect(glnProblem('9520000000010')).toEqual({ code: 'GLN_CHECK_DIGIT', expected: gs1CheckDigit('952000000001') });
    expect(toGtin14('96385074')).toBe('00000096385074');
  });
});

describe('Vietnamese tax code', () => {
  it('accepts real enterprise codes and branch codes', () => {
    expect(taxCodeProblem('0300588569')).toBeNull(); // Vinamilk
    expect(taxCodeProblem('0101248141')).toBeNull(); // FPT
    expect(taxCodeProblem('0300588569-001')).toBeNull();
    expect(normalizeTaxCode('0300588569 001')).toBe('0300588569-001');
  });
  it('refuses a wrong check digit, wrong length and branch 000', () => {
    expect(taxCodeProblem('0300588568')).toEqual({ code: 'TAX_CODE_CHECK_DIGIT', expected: '9' });
    expect(taxCodeProblem('030058856')).toEqual({ code: 'TAX_CODE_FORMAT' });
    expect(taxCodeProblem('0300588569-000')).toEqual({ code: 'TAX_CODE_FORMAT' });
  });
});

describe('units and exact quantities', () => {
  it('converts mass and volume, and counts through a pack size', () => {
    expect(conversionFactor('kg', 'g')).toBe(1000);
    expect(conversionFactor('ml', 'l')).toBe(0.001);
    expect(conversionFactor('kg', 'l')).toBeNull();
    expect(conversionFactor('hop', 'kg')).toBeNull();
    expect(conversionFactor('hop', 'g', { unit: 'hop', packSize: 0.5, packUnit: 'kg' })).toBe(500);
    expect(conversionFactor('kg', 'hop', { unit: 'hop', packSize: 0.5, packUnit: 'kg' })).toBe(2);
  });
  it('keeps three decimals exactly and refuses more', () => {
    expect(toMilli(0.1) + toMilli(0.2)).toBe(toMilli(0.3));
    expect(fromMilli(toMilli(12.345))).toBe(12.345);
    expect(isExactQuantity(1.2345)).toBe(false);
    expect(isExactQuantity(Number.NaN)).toBe(false);
  });
  it('folds Vietnamese for search', () => {
    expect(foldVietnamese('Cà phê Đồng Nai')).toBe('ca phe dong nai');
  });
});
