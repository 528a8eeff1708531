// Reading scanner input at receiving: one scan fills product, supplier lot, dates and quantity.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  GS1_ERROR_CODES,
  aiName,
  gs1ErrorMessage,
  parseScan,
  withCheckDigit,
  yymmddToIso,
  gs1Century,
  checkAssociations,
} from '../../shared/gs1';

const today = '2026-11-29';
const GS = '\u001d';
// GTIN of the GS1 General Specifications / Digital Link examples (GS1 Global Office prefix 950).
const GTIN = '09506000134352';
const DEMO = withCheckDigit('0952000000001'); // 09520000000011

describe('scanner input forms', () => {
  const expected = {
    ok: true,
    gtin: GTIN,
    lot: 'ABC123',
    expiryDate: '2026-12-25',
    elements: [
      { ai: '01', value: GTIN },
      { ai: '10', value: 'ABC123' },
      { ai: '17', value: '261225' },
    ],
  };
  const separators: [string, string, { caretAsGs?: boolean }][] = [
    ['GS (0x1D)', GS, {}],
    ['the text <GS>', '<GS>', {}],
    ['the text \\u001d', '\\u001d', {}],
    ['the text {GS}', '{GS}', {}],
    ['the caret notation ^]', '^]', {}],
    ['^ when configured', '^', { caretAsGs: true }],
  ];
  const prefixes: [string, string][] = [
    [']d2', 'GS1 DataMatrix'],
    [']C1', 'GS1-128'],
    [']Q3', 'GS1 QR Code'],
    [']e0', 'GS1 DataBar'],
    ['', 'no symbology identifier'],
  ];
  for (const [sepName, sep, opts] of separators) {
    for (const [prefix, symName] of prefixes) {
      it(`reads ${symName} with ${sepName} after the lot`, () => {
        const scan = parseScan(`${prefix}01${GTIN}10ABC123${sep}17261225\r\n`, { today, ...opts });
        expect(scan).toMatchObject({ ...expected, form: 'element-string', symbology: prefix || null });
      });
    }
  }

  it('reads bracketed HRI text, with spaces people type and "(" inside data', () => {
    expect(parseScan(`(01)${GTIN}(17)261225(10)ABC123`, { today })).toMatchObject({
      ok: true,
      form: 'hri',
      gtin: GTIN,
      lot: 'ABC123',
      expiryDate: '2026-12-25',
    });
    expect(parseScan(`(01) ${GTIN} (10) AB(C)`, { today })).toMatchObject({ ok: true, lot: 'AB(C)' });
    expect(parseScan(`(01)${GTIN}(10)A\\(10)B`, { today })).toMatchObject({ ok: true, lot: 'A(10)B' });
  });

  it('reads a GS1 Digital Link from a QR code, on any domain, with short names and GTIN-13', () => {
    expect(parseScan(`https://id.gs1.org/01/${GTIN}/10/ABC123?17=261225`, { today })).toMatchObject({
      ...expected,
      form: 'digital-link',
    });
    expect(
      parseScan(`]Q1https://nongsan.example.vn/p/01/9506000134352/10/A%2FB?17=261225&linkType=gs1:pip`, { today }),
    ).toMatchObject({ ok: true, gtin: GTIN, lot: 'A/B' });
    expect(parseScan(`https://example.com/gtin/${GTIN}/lot/L1`, { today })).toMatchObject({
      ok: true,
      gtin: GTIN,
      lot: 'L1',
    });
    expect(parseScan(`https://example.com/01/${GTIN}/21/S1/10/L1`, { today }).errors).toEqual([
      { code: 'GS1_DL_ORDER', params: { ai: '10', key: '01' } },
    ]);
    expect(parseScan(`https://example.com/01/${GTIN}?21=S1`, { today }).errors).toEqual([
      { code: 'GS1_DL_NOT_ATTRIBUTE', params: { ai: '21' } },
    ]);
    expect(parseScan('https://example.com/products/123', { today }).errors).toEqual([
      { code: 'GS1_DL_NO_KEY', params: {} },
    ]);
  });

  it('reads a plain EAN-13 / EAN-8 / ITF-14 as a GTIN', () => {
    expect(parseScan('9506000134352')).toMatchObject({ ok: true, form: 'gtin', gtin: GTIN });
    expect(parseScan(']E09506000134352')).toMatchObject({ ok: true, gtin: GTIN });
    expect(parseScan('96385074')).toMatchObject({ ok: true, gtin: '00000096385074' });
    expect(parseScan('9506000134353').errors).toEqual([
      { code: 'GS1_CHECK_DIGIT', params: { ai: '01', expected: '2' } },
    ]);
  });

  it('reads the GS1 General Specifications and EPC Tag Data Standard examples', () => {
    // GS1-128 with a GTIN and net weight 0.123 kg (3103 = three decimals).
    expect(parseScan(']C1019501234567890331030001' + '23', { today })).toMatchObject({
      ok: true,
      gtin: '95012345678903',
      netWeightKg: 0.123,
    });
    expect(parseScan('(01)95012345678903(3103)000123', { today })).toMatchObject({ ok: true, netWeightKg: 0.123 });
    // SSCC of the EPC Tag Data Standard example urn:epc:id:sscc:0614141.1234567890.
    expect(parseScan('(00)106141412345678908(403)ROUTE-7', { today })).toMatchObject({
      ok: true,
      sscc: '106141412345678908',
    });
  });

  it('reads a carton label: SSCC, contained GTIN, count, lot, net weight', () => {
    const sscc = withCheckDigit('39520000000012345');
    const content = withCheckDigit('1952000000001');
    const scan = parseScan(`]C100${sscc}02${content}3103012500${GS}3724${GS}10L240501`, { today, associations: true });
    expect(scan).toMatchObject({ ok: true, sscc, gtin: content, count: 24, lot: 'L240501', netWeightKg: 12.5 });
  });

  it('refuses what is not GS1 data', () => {
    expect(parseScan('')).toMatchObject({ ok: false, errors: [{ code: 'GS1_EMPTY' }] });
    expect(parseScan('hello world').errors[0].code).toBe('GS1_NOT_GS1');
    expect(parseScan(']Q1some text').errors[0].code).toBe('GS1_NOT_GS1');
  });
});

describe('dates', () => {
  it('DD=00 is the last day of the month for expiry, best before and production dates', () => {
    expect(parseScan(`01${GTIN}17260200`, { today }).expiryDate).toBe('2026-02-28');
    expect(parseScan(`01${GTIN}17280200`, { today }).expiryDate).toBe('2028-02-29');
    expect(parseScan(`01${GTIN}15261100`, { today }).bestBefore).toBe('2026-11-30');
    expect(parseScan(`01${GTIN}11260400`, { today }).productionDate).toBe('2026-04-30');
    // AI 7006 (first freeze date) uses yymmdd: day 00 is not allowed there.
    expect(parseScan(`01${GTIN}7006260400`, { today }).errors).toEqual([
      { code: 'GS1_BAD_DATE', params: { ai: '7006', value: '260400' } },
    ]);
  });

  it('puts a two-digit year within 49 years back and 50 years ahead (GS1 General Specifications §7.12)', () => {
    expect(yymmddToIso('761231', '2026-11-29')).toBe('2076-12-31');
    expect(yymmddToIso('770101', '2026-11-29')).toBe('1977-01-01');
    expect(gs1Century(30, '2080-01-01')).toBe(2130);
    expect(gs1Century(31, '2080-01-01')).toBe(2031);
    expect(gs1Century(99, '2000-06-01')).toBe(1999);
    expect(gs1Century(50, '2000-06-01')).toBe(2050);
    expect(gs1Century(51, '2000-06-01')).toBe(1951);
  });

  it('refuses dates that do not exist', () => {
    expect(parseScan(`01${GTIN}17261331`, { today }).errors).toEqual([
      { code: 'GS1_BAD_DATE', params: { ai: '17', value: '261331' } },
    ]);
    expect(parseScan(`01${GTIN}17270229`, { today }).errors[0].code).toBe('GS1_BAD_DATE');
  });
});

describe('errors a shop owner can act on', () => {
  it('wrong check digit: gives the expected digit, in Vietnamese and English', () => {
    const scan = parseScan(`01${DEMO.slice(0, -1)}2`, { today });
    expect(scan.errors).toEqual([{ code: 'GS1_CHECK_DIGIT', params: { ai: '01', expected: '1' } }]);
    expect(scan.gtin).toBeUndefined();
    expect(gs1ErrorMessage(scan.errors[0], 'vi')).toBe(
      'Số kiểm tra của mục (01) sai (số cuối phải là 1). Mã vạch có thể bị in sai hoặc quét sai.',
    );
    expect(gs1ErrorMessage(scan.errors[0], 'en')).toContain('should be 1');
  });

  it('unknown AI', () => {
    const scan = parseScan(`01${DEMO}2399`, { today });
    expect(scan.errors).toEqual([{ code: 'GS1_UNKNOWN_AI', params: { ai: '2399' } }]);
    expect(gs1ErrorMessage(scan.errors[0], 'vi')).toBe(
      'Mã vạch có mục (2399) không có trong danh mục GS1. Hãy xem lại mã vạch hoặc cài đặt máy quét.',
    );
    expect(parseScan('(23)123').errors).toEqual([{ code: 'GS1_UNKNOWN_AI', params: { ai: '23' } }]);
  });

  it('wrong length and bad characters', () => {
    expect(parseScan(`(01)${DEMO}(10)${'A'.repeat(21)}`).errors[0]).toMatchObject({
      code: 'GS1_LENGTH',
      params: { ai: '10', length: 21 },
    });
    expect(parseScan(`(01)${DEMO}(10)LÔ1`).errors[0]).toMatchObject({
      code: 'GS1_BAD_CHAR',
      params: { ai: '10', char: 'Ô' },
    });
    expect(gs1ErrorMessage(parseScan(`(01)${DEMO}(10)LÔ1`).errors[0], 'vi')).toContain('"Ô" ở vị trí 2');
  });

  it('missing GS: a lot longer than 20 characters that runs into the next AI', () => {
    const scan = parseScan(`01${DEMO}10${'A'.repeat(20)}17261231`, { today });
    expect(scan.errors).toEqual([{ code: 'GS1_MISSING_GS', params: { ai: '10' } }]);
    expect(scan.expiryDate).toBe('2026-12-31');
    expect(gs1ErrorMessage(scan.errors[0], 'vi')).toContain('dấu phân cách GS');
  });

  it('missing GS: a scanner that sends no GS at all, where the lot could end in an expiry date', () => {
    const scan = parseScan(`01${DEMO}10ABC17261231`, { today });
    expect(scan.errors).toEqual([{ code: 'GS1_MISSING_GS', params: { ai: '10' } }]);
    expect(scan.lot).toBeUndefined(); // not trusted: "ABC" or "ABC17261231"?
    // With a GS elsewhere in the scan, the scanner does send separators: the last field runs to the end.
    expect(parseScan(`10ABC17261231${GS}01${DEMO}`, { today })).toMatchObject({ ok: true, lot: 'ABC17261231' });
    // A lot that cannot end in a complete AI is not ambiguous.
    expect(parseScan(`01${DEMO}10L2405-01`, { today })).toMatchObject({ ok: true, lot: 'L2405-01' });
  });

  it('duplicate AI with different values; an exact repeat is fine', () => {
    expect(parseScan(`(01)${DEMO}(10)A(10)B`).errors).toEqual([
      { code: 'GS1_DUPLICATE_AI', params: { ai: '10', first: 'A', second: 'B' } },
    ]);
    expect(parseScan(`(01)${DEMO}(10)A(10)A`)).toMatchObject({ ok: true, elements: [{ ai: '01' }, { ai: '10' }] });
  });

  it('ex= and req= pairing rules', () => {
    const both = parseScan(`(01)${DEMO}(37)10`);
    expect(both.errors).toContainEqual({ code: 'GS1_EXCLUDED', params: { ai: '01', other: '37' } });
    expect(both.errors).toContainEqual({
      code: 'GS1_REQUIRES',
      params: { ai: '37', needs: '(00) + (02) / (00) + (8026)' },
    });
    expect(parseScan('(3103)000500(3102)001000(01)' + DEMO).errors).toContainEqual({
      code: 'GS1_EXCLUDED',
      params: { ai: '3103', other: '3102' },
    });
    const lotOnly = parseScan('(10)ABC');
    expect(lotOnly.errors).toEqual([
      { code: 'GS1_REQUIRES', params: { ai: '10', needs: '(01) / (02) / (03) / (8006) / (8026)' } },
    ]);
    expect(gs1ErrorMessage(lotOnly.errors[0], 'vi')).toBe('Mục (10) phải đi kèm (01) / (02) / (03) / (8006) / (8026).');
    // A GS1-128 label split over two barcodes: check the pairing over both scans together.
    const first = parseScan(`]C101${DEMO}17261231`, { today });
    const second = parseScan(']C110ABC', { today, associations: false });
    expect(second).toMatchObject({ ok: true, lot: 'ABC' });
    expect(checkAssociations([...first.elements, ...second.elements])).toEqual([]);
  });
});

describe('messages', () => {
  it('every GS1 error code has its own Vietnamese and English message', () => {
    for (const code of GS1_ERROR_CODES) {
      const vi = gs1ErrorMessage({ code, params: {} }, 'vi');
      const en = gs1ErrorMessage({ code, params: {} }, 'en');
      expect(vi, code).not.toBe(code);
      expect(en, code).not.toBe(code);
      expect(vi, code).not.toBe(en);
    }
    expect(aiName('17')).toBe('Hạn sử dụng');
    expect(aiName('3102', 'en')).toBe('Net weight (kg)');
    expect(aiName('8200')).toBe('PRODUCT URL');
  });
});

describe('robustness', () => {
  it('never throws, whatever a scanner or a person types', () => {
    const noisy = fc.string({
      unit: fc.constantFrom(...'0123456789()[]/%?=&:ABCxyz-\u001d^<>GS .', '<GS>', 'https://', ']d2', '/01/', '(01)'),
      maxLength: 60,
    });
    fc.assert(
      fc.property(fc.oneof(fc.string(), noisy), (input) => {
        const scan = parseScan(input, { today });
        expect(scan.ok).toBe(scan.errors.length === 0);
        for (const e of scan.errors) expect(gs1ErrorMessage(e, 'vi')).not.toContain(e.code);
      }),
      { numRuns: 1000 },
    );
  });
});
