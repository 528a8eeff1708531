import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatNumber, parseNumber, rangeProblem } from '../../shared/domain/number';
import { formatQuantity } from '../../shared/domain/quantity';
import { matchesSearch } from '../../shared/domain/text';

const value = (text: string, lang: 'vi' | 'en' = 'vi', decimals = 3) => {
  const r = parseNumber(text, lang, decimals);
  return r.ok ? r.value : r.problem;
};

describe('numbers as Vietnamese people type them', () => {
  it('reads a dot as thousands and a comma as decimals', () => {
    expect(value('2.000')).toBe(2000);
    expect(value('1.234,5')).toBe(1234.5);
    expect(value('1234,5')).toBe(1234.5);
    expect(value('2.500.000')).toBe(2500000);
    expect(value('0,25')).toBe(0.25);
    expect(value(' 2 000 ')).toBe(2000);
    expect(value('')).toBeNull();
  });

  it('reads English the other way round', () => {
    expect(value('2,000', 'en')).toBe(2000);
    expect(value('1,234.5', 'en')).toBe(1234.5);
    expect(value('2.000', 'en')).toBe(2);
  });

  it('refuses what it cannot read for sure instead of guessing', () => {
    expect(value('2.5')).toBe('DECIMAL_SEPARATOR');
    expect(value('2,5', 'en')).toBe('DECIMAL_SEPARATOR');
    expect(value('12.34.5')).toBe('NOT_A_NUMBER');
    expect(value('abc')).toBe('NOT_A_NUMBER');
    expect(value('1,2345')).toBe('TOO_MANY_DECIMALS');
    expect(value('3,5', 'vi', 0)).toBe('NOT_INTEGER');
    expect(value('1e3')).toBe('NOT_A_NUMBER');
  });

  it('reads a negative number so the range check can name it, never as 0', () => {
    expect(value('-5')).toBe(-5);
    expect(rangeProblem(-5, { min: 0 })).toBe('NEGATIVE');
    expect(rangeProblem(0, { min: 0, minExclusive: true })).toBe('NOT_POSITIVE');
    expect(rangeProblem(0, { min: 0 })).toBeNull();
    expect(rangeProblem(-25, { min: -20, max: 20 })).toBe('TOO_SMALL');
    expect(rangeProblem(101, { min: 0, max: 100 })).toBe('TOO_BIG');
  });

  it('formats as the screens show quantities', () => {
    expect(formatNumber(2000)).toBe('2.000');
    expect(formatNumber(1234.5)).toBe('1.234,5');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatQuantity(2000)).toBe('2.000');
  });

  it('reads back every number it formats, in both languages', () => {
    const milli = fc.integer({ min: -1e12, max: 1e12 }).map((m) => m / 1000);
    for (const lang of ['vi', 'en'] as const) {
      fc.assert(
        fc.property(milli, (n) => {
          const r = parseNumber(formatNumber(n, lang), lang);
          expect(r).toEqual({ ok: true, value: n });
        }),
        { numRuns: 2000 },
      );
    }
  });

  it('reads whole numbers formatted without decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), (n) => {
        expect(parseNumber(formatNumber(n, 'vi', 0), 'vi', 0)).toEqual({ ok: true, value: n });
      }),
    );
  });
});

describe('search that ignores accents and case', () => {
  it('finds Vietnamese names typed without accents', () => {
    expect(matchesSearch('Hạt điều thô', 'hat dieu')).toBe(true);
    expect(matchesSearch('HTX Bù Đăng', 'bu dang')).toBe(true);
    expect(matchesSearch('Siêu thị Sài Gòn', 'SAI GON')).toBe(true);
    expect(matchesSearch('Cà phê', 'ca  phe')).toBe(true);
    expect(matchesSearch('Cà phê', 'tra')).toBe(false);
    expect(matchesSearch('Cà phê', '')).toBe(true);
    // A phrase, not loose words: "muối hạt" is not "Hạt điều rang muối".
    expect(matchesSearch('Hạt điều rang muối', 'muoi hat')).toBe(false);
  });
});
