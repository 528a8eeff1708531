import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  lotBlock,
  lotCodeFromPrefix,
  lotCodePart,
  lotCodeProblem,
  lotPatternPrefix,
  lotState,
  pickFefo,
  splitProportional,
} from '../../shared/domain/lots';
import { parseScan } from '../../main/core/services/scan';
import { AppError } from '../../shared/api/errors';
import { withCheckDigit } from '../../shared/gs1/checkdigit';

describe('lot codes', () => {
  it('allows at most 20 characters of CSET 82', () => {
    expect(lotCodeProblem('HDRM-261129-001')).toBeNull();
    expect(lotCodeProblem(`A"%&'()*+,-./:;<=>?_z`.slice(0, 20))).toBeNull();
    expect(lotCodeProblem('A'.repeat(20))).toBeNull();
    expect(lotCodeProblem('A'.repeat(21))).toBe('LOT_CODE_TOO_LONG');
    expect(lotCodeProblem('LÔ 1')).toBe('LOT_CODE_CHARSET');
    expect(lotCodeProblem('A#1')).toBe('LOT_CODE_CHARSET');
    expect(lotCodeProblem('')).toBe('REQUIRED');
  });

  it('fills the product pattern', () => {
    expect(lotCodePart('Giò-lụa.Đặc biệt')).toBe('GIO-LUADACBIET');
    const prefix = lotPatternPrefix({ pattern: '{CODE}-{YYMMDD}-{SEQ}', productCode: 'hdrm', date: '2026-11-29' });
    expect(prefix).toBe('HDRM-261129-{SEQ}');
    expect(lotCodeFromPrefix(prefix, 7)).toBe('HDRM-261129-007');
    expect(lotCodeFromPrefix(prefix, 1234)).toBe('HDRM-261129-1234');
    expect(lotCodeFromPrefix('L{YYYYMMDD}'.replace('{YYYYMMDD}', '20261129'), 1)).toBe('L20261129');
    expect(lotCodeFromPrefix('L20261129', 2)).toBe('L20261129-002');
  });
});

describe('states and FEFO', () => {
  it('derives expired and used up', () => {
    expect(lotState({ status: 'available', expiryDate: '2026-11-28', balanceMilli: 5 }, '2026-11-29')).toBe('expired');
    expect(lotState({ status: 'available', expiryDate: '2026-11-29', balanceMilli: 5 }, '2026-11-29')).toBe(
      'available',
    );
    expect(lotState({ status: 'available', expiryDate: null, balanceMilli: 0 }, '2026-11-29')).toBe('used_up');
    expect(lotState({ status: 'recalled', expiryDate: null, balanceMilli: 0 }, '2026-11-29')).toBe('recalled');
    expect(lotBlock({ status: 'on_hold', expiryDate: null }, '2026-11-29')).toBe('on_hold');
    expect(lotBlock({ status: 'available', expiryDate: '2020-01-01' }, '2026-11-29')).toBe('expired');
  });

  it('picks the earliest expiry first, lots without expiry last', () => {
    const c = (lotId: number, expiryDate: string | null, availableMilli: number) => ({
      lotId,
      expiryDate,
      productionDate: null,
      availableMilli,
      createdOrder: lotId,
    });
    const r = pickFefo([c(1, null, 100), c(2, '2027-01-01', 50), c(3, '2026-12-01', 30), c(4, '2026-12-01', 0)], 120);
    expect(r.picks).toEqual([
      { lotId: 3, takeMilli: 30 },
      { lotId: 2, takeMilli: 50 },
      { lotId: 1, takeMilli: 40 },
    ]);
    expect(pickFefo([c(1, null, 10)], 25).shortfallMilli).toBe(15);
  });

  it('splits exactly', () => {
    expect(splitProportional(1000, [1, 1, 1])).toEqual([334, 333, 333]);
    expect(splitProportional(7, [90, 5])).toEqual([7, 0]);
    expect(splitProportional(100, [0, 0])).toEqual([100, 0]);
    for (const [t, w] of [
      [12345, [3, 7, 11]],
      [1, [5, 5]],
      [999, [1, 2, 3, 4]],
    ] as [number, number[]][])
      expect(splitProportional(t, w).reduce((a, b) => a + b, 0)).toBe(t);
  });

  it('counts days', () => {
    expect(daysBetween('2026-11-29', '2026-12-06')).toBe(7);
    expect(addDays('2026-11-29', 180)).toBe('2027-05-28');
  });
});

describe('scanner input', () => {
  const gtin14 = withCheckDigit('0952000000901'.slice(0, 13)).padStart(14, '0');
  it('reads a GS1 DataMatrix element string with ]d2 and GS separators', () => {
    const s = parseScan(`]d201${gtin14}17271231` + `10BP-0911\u001d11261101`, '2026-11-29');
    expect(s).toMatchObject({ gtin: gtin14, lot: 'BP-0911', productionDate: '2026-11-01', expiryDate: '2027-12-31' });
  });
  it('reads a Digital Link URI and a bare EAN-13', () => {
    expect(parseScan(`https://id.gs1.org/01/${gtin14}/10/L1?17=271231`, '2026-11-29')).toMatchObject({
      gtin: gtin14,
      lot: 'L1',
      expiryDate: '2027-12-31',
    });
    expect(parseScan(gtin14.slice(1), '2026-11-29').gtin).toBe(gtin14);
  });
  it('reads the bracketed form and net weight', () => {
    const s = parseScan(`(01)${gtin14}(3103)025000(10)ABC`, '2026-11-29');
    expect(s).toMatchObject({ qty: 25, unit: 'kg', lot: 'ABC' });
  });
  it('reads DD=00 as the end of the month', () => {
    expect(parseScan(`01${gtin14}17270200`, '2026-11-29').expiryDate).toBe('2027-02-28');
  });
  it('refuses a wrong check digit and an unknown AI', () => {
    const bad = gtin14.slice(0, 13) + String((Number(gtin14[13]) + 1) % 10);
    expect(() => parseScan(`]d201${bad}10X`, '2026-11-29')).toThrow(AppError);
    try {
      parseScan(`]d201${bad}10X`, '2026-11-29');
    } catch (e) {
      expect((e as AppError).code).toBe('SCAN_CHECK_DIGIT');
    }
    try {
      parseScan(']d2231234', '2026-11-29');
      throw new Error('should fail');
    } catch (e) {
      expect((e as AppError).code).toBe('SCAN_UNKNOWN_AI');
    }
    expect(() => parseScan('   ', '2026-11-29')).toThrow(/SCAN_EMPTY/);
  });
});
