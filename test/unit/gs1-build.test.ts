// Writing GS1 data for labels (element strings, Digital Link QR) and EPCIS identifiers, and reading it back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildDigitalLink,
  buildElementString,
  lotEpcClass,
  epcEscape,
  gs1ErrorMessage,
  isoToYymmdd,
  lgtinDigitalLink,
  lgtinUrn,
  lotCodeProblem,
  parseEpcUrn,
  parseScan,
  productDigitalLink,
  sglnUrn,
  sgtinUrn,
  sscc18,
  ssccUrn,
  toGs1LotCode,
  validateAiValue,
  withCheckDigit,
} from '../../shared/gs1';
import { CSET82 } from '../../shared/gs1/linters';

const GS = '\u001d';
const DEMO = withCheckDigit('0952000000001'); // 09520000000011, company prefix 9520000 (7 digits)
const today = '2026-11-29';

describe('element strings for labels', () => {
  it('writes HRI and barcode data: pre-defined length AIs first, GS only after variable fields that are not last', () => {
    const r = buildElementString([
      { ai: '10', value: 'L01' },
      { ai: '01', value: DEMO },
      { ai: '21', value: 'S9' },
      { ai: '17', value: '261231' },
    ]);
    expect(r).toEqual({
      ok: true,
      elements: [
        { ai: '01', value: DEMO },
        { ai: '17', value: '261231' },
        { ai: '10', value: 'L01' },
        { ai: '21', value: 'S9' },
      ],
      hri: `(01)${DEMO}(17)261231(10)L01(21)S9`,
      data: `01${DEMO}17261231` + `10L01${GS}21S9`,
    });
    // Fixed-length but not in the pre-defined table (422 country of origin): needs a GS when not last.
    const origin = buildElementString(
      [
        { ai: '01', value: DEMO },
        { ai: '422', value: '704' },
        { ai: '10', value: 'L1' },
      ],
      { order: 'as-given', separator: '<GS>' },
    );
    expect(origin).toMatchObject({ ok: true, data: `01${DEMO}422704<GS>10L1` });
  });

  it('validates every value with the dictionary linters', () => {
    const r = buildElementString([
      { ai: '01', value: DEMO.slice(0, -1) + '0' },
      { ai: '17', value: '261232' },
      { ai: '10', value: 'LÔ 1' },
    ]);
    expect(r).toEqual({
      ok: false,
      errors: [
        { code: 'GS1_CHECK_DIGIT', params: { ai: '01', expected: '1' } },
        { code: 'GS1_BAD_DATE', params: { ai: '17', value: '261232' } },
        { code: 'GS1_BAD_CHAR', params: { ai: '10', char: 'Ô', position: 2 } },
      ],
    });
    expect(buildElementString([])).toMatchObject({ ok: false, errors: [{ code: 'GS1_EMPTY' }] });
    expect(validateAiValue('3103', '000500')).toBeNull();
  });

  it('helps with lot codes and dates', () => {
    expect(lotCodeProblem('L2405-01/A')).toBeNull();
    expect(lotCodeProblem('Lô 1')?.code).toBe('GS1_BAD_CHAR');
    expect(gs1ErrorMessage(lotCodeProblem('X'.repeat(21))!, 'vi')).toBe(
      'Mục (10) dài 21 ký tự, nhưng phải dài 1–20 ký tự.',
    );
    expect(toGs1LotCode('  Lô Đồng Tháp 05 ')).toBe('Lo-Dong-Thap-05');
    expect(toGs1LotCode('Mẻ #12 (sáng)')).toBe('Me-12-(sang)');
    expect(isoToYymmdd('2026-12-31')).toBe('261231');
    expect(isoToYymmdd('2026-02-28', { endOfMonthAsZero: true })).toBe('260200');
    expect(isoToYymmdd('2026-02-27', { endOfMonthAsZero: true })).toBe('260227');
    expect(isoToYymmdd('2026-02-30')).toBeNull();
  });
});

/** Any valid GTIN-14 (indicator + 12 digits + check digit). */
const gtinArb = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 13, maxLength: 13 }).map(withCheckDigit);
const lotArb = fc.string({ unit: fc.constantFrom(...CSET82), minLength: 1, maxLength: 20 });
const dateArb = fc
  .date({ min: new Date('1980-01-01T00:00:00Z'), max: new Date('2075-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('round trips (fast-check)', () => {
  it('build → scan gives back the same GTIN, lot, serial, dates and weight', () => {
    fc.assert(
      fc.property(
        gtinArb,
        lotArb,
        lotArb,
        dateArb,
        dateArb,
        fc.integer({ min: 1, max: 999999 }),
        fc.constantFrom(']d2', ']C1', ''),
        (gtin, lot, serial, exp, prod, grams, sym) => {
          const elements = [
            { ai: '10', value: lot },
            { ai: '21', value: serial },
            { ai: '01', value: gtin },
            { ai: '17', value: isoToYymmdd(exp)! },
            { ai: '11', value: isoToYymmdd(prod)! },
            { ai: '3103', value: String(grams).padStart(6, '0') },
          ];
          const built = buildElementString(elements);
          if (!built.ok) throw new Error(JSON.stringify(built.errors));
          for (const input of [sym + built.data, built.hri]) {
            const scan = parseScan(input, { today });
            expect(scan).toMatchObject({
              ok: true,
              gtin,
              lot,
              serial,
              expiryDate: exp,
              productionDate: prod,
              netWeightKg: grams / 1000,
            });
            expect(scan.elements).toEqual(built.elements);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('Digital Link build → scan keeps any lot, including / % ? & # and quotes', () => {
    fc.assert(
      fc.property(gtinArb, lotArb, dateArb, (gtin, lot, exp) => {
        const dl = productDigitalLink({ gtin, lot, expiryDate: exp, domain: 'https://qr.nongsan.example.vn/' });
        if (!dl.ok) throw new Error(JSON.stringify(dl.errors));
        expect(dl.uri.startsWith(`https://qr.nongsan.example.vn/01/${gtin}/10/`)).toBe(true);
        expect(dl.uri.slice(8)).toMatch(/^[A-Za-z0-9\-._~%/?=&]+$/);
        expect(parseScan(dl.uri, { today })).toMatchObject({ ok: true, gtin, lot, expiryDate: exp });
      }),
      { numRuns: 300 },
    );
  });

  it('EPC URN → keys gives back GTIN, lot and serial for any prefix length', () => {
    fc.assert(
      fc.property(gtinArb, lotArb, fc.integer({ min: 6, max: 12 }), (gtin, lot, len) => {
        const l = lgtinUrn(gtin, lot, len);
        const s = sgtinUrn(gtin, lot, len);
        if (!l.ok || !s.ok) throw new Error('not built');
        expect(parseEpcUrn(l.value)).toEqual({ kind: 'lgtin', gtin, lot });
        expect(parseEpcUrn(s.value)).toEqual({ kind: 'sgtin', gtin, serial: lot });
      }),
      { numRuns: 300 },
    );
  });
});

describe('GS1 Digital Link', () => {
  it('builds the label QR: key, qualifiers in dictionary order, other AIs as query; default domain id.gs1.org', () => {
    expect(productDigitalLink({ gtin: '9520000000011', lot: 'L01', serial: 'S1', expiryDate: '2026-12-31' })).toEqual({
      ok: true,
      uri: `https://id.gs1.org/01/${DEMO}/10/L01/21/S1?17=261231`,
    });
    const dl = buildDigitalLink(
      [
        { ai: '3103', value: '000500' },
        { ai: '21', value: 'S1' },
        { ai: '22', value: 'V1' },
        { ai: '01', value: DEMO },
        { ai: '10', value: 'L' },
      ],
      { domain: 'example.com' },
    );
    expect(dl).toEqual({ ok: true, uri: `https://example.com/01/${DEMO}/22/V1/10/L/21/S1?3103=000500` });
    expect(buildDigitalLink([{ ai: '10', value: 'L' }])).toEqual({
      ok: false,
      errors: [{ code: 'GS1_DL_NO_KEY', params: {} }],
    });
    expect(
      buildDigitalLink([
        { ai: '00', value: withCheckDigit('39520000000012345') },
        { ai: '8011', value: '1' },
      ]),
    ).toMatchObject({ ok: false, errors: [{ code: 'GS1_DL_NOT_ATTRIBUTE', params: { ai: '8011' } }] });
  });

  it('percent-encodes reserved characters in lots; spaces are not GS1 lot characters', () => {
    expect(productDigitalLink({ gtin: DEMO, lot: 'A/B%1' })).toEqual({
      ok: true,
      uri: `https://id.gs1.org/01/${DEMO}/10/A%2FB%251`,
    });
    expect(productDigitalLink({ gtin: DEMO, lot: `(x)*!'?&=#` })).toMatchObject({
      ok: false,
      errors: [{ code: 'GS1_BAD_CHAR', params: { char: '#' } }],
    });
    expect(productDigitalLink({ gtin: DEMO, lot: `(x)*!'?&=` })).toEqual({
      ok: true,
      uri: `https://id.gs1.org/01/${DEMO}/10/%28x%29%2A%21%27%3F%26%3D`,
    });
    expect(productDigitalLink({ gtin: DEMO, lot: 'LO 1' })).toMatchObject({
      ok: false,
      errors: [{ code: 'GS1_BAD_CHAR', params: { ai: '10', char: ' ' } }],
    });
    expect(productDigitalLink({ gtin: DEMO, lot: toGs1LotCode('LO 1') })).toEqual({
      ok: true,
      uri: `https://id.gs1.org/01/${DEMO}/10/LO-1`,
    });
    // A lot arriving as %20 in a scanned link is read, then refused as AI 10 data.
    expect(parseScan(`https://id.gs1.org/01/${DEMO}/10/LO%201`).errors[0]).toMatchObject({
      code: 'GS1_BAD_CHAR',
      params: { char: ' ' },
    });
  });
});

describe('EPC identifiers for EPCIS', () => {
  it('matches the EPC Tag Data Standard examples', () => {
    const gtin = withCheckDigit('8061414112345');
    expect(sgtinUrn(gtin, '6789', 7)).toEqual({ ok: true, value: 'urn:epc:id:sgtin:0614141.812345.6789' });
    expect(sglnUrn(withCheckDigit('061414112345'), 7, '400')).toEqual({
      ok: true,
      value: 'urn:epc:id:sgln:0614141.12345.400',
    });
    expect(ssccUrn(withCheckDigit('10614141234567890'), 7)).toEqual({
      ok: true,
      value: 'urn:epc:id:sscc:0614141.1234567890',
    });
    expect(parseEpcUrn('urn:epc:id:sscc:0614141.1234567890')).toEqual({
      kind: 'sscc',
      sscc: withCheckDigit('10614141234567890'),
    });
    expect(parseEpcUrn('urn:epc:id:sgln:0614141.12345.0')).toEqual({
      kind: 'sgln',
      gln: withCheckDigit('061414112345'),
      extension: null,
    });
  });

  it('writes lot URNs for our products, escaping the characters TDS reserves', () => {
    expect(lgtinUrn(DEMO, 'L01', 7)).toEqual({ ok: true, value: 'urn:epc:class:lgtin:9520000.000001.L01' });
    expect(epcEscape(`A/B"%&<>?!'()*+,-.:;=_`)).toBe(`A%2FB%22%25%26%3C%3E%3F!'()*+,-.:;=_`);
    expect(lgtinUrn(DEMO, 'A/B?', 7)).toEqual({ ok: true, value: 'urn:epc:class:lgtin:9520000.000001.A%2FB%3F' });
    expect(sglnUrn(withCheckDigit('952000000001'), 7)).toEqual({ ok: true, value: 'urn:epc:id:sgln:9520000.00001.0' });
    expect(lgtinDigitalLink(DEMO, 'A/B')).toEqual({ ok: true, value: `https://id.gs1.org/01/${DEMO}/10/A%2FB` });
    expect(lgtinUrn(DEMO, 'L01', 13)).toEqual({
      ok: false,
      errors: [{ code: 'GS1_PREFIX_LENGTH', params: { length: 13 } }],
    });
    expect(lgtinUrn(DEMO.slice(0, -1) + '0', 'L01', 7)).toMatchObject({
      ok: false,
      errors: [{ code: 'GS1_CHECK_DIGIT' }],
    });
  });

  it("uses the lgtin URN for our own GTINs and the Digital Link form for suppliers' GTINs", () => {
    expect(lotEpcClass(DEMO, 'L01', '9520000')).toEqual({ ok: true, value: 'urn:epc:class:lgtin:9520000.000001.L01' });
    expect(lotEpcClass('9506000134352', 'A/1', '9520000')).toEqual({
      ok: true,
      value: 'https://id.gs1.org/01/09506000134352/10/A%2F1',
    });
    expect(lotEpcClass(DEMO, 'L01', null)).toEqual({ ok: true, value: `https://id.gs1.org/01/${DEMO}/10/L01` });
  });

  it('makes SSCC-18 numbers for carton labels', () => {
    const r = sscc18(3, '9520000', 12345);
    expect(r).toEqual({ ok: true, value: withCheckDigit('39520000000012345') });
    expect(r.ok && validateAiValue('00', r.value)).toBeNull();
    expect(r.ok && ssccUrn(r.value, 7)).toEqual({ ok: true, value: 'urn:epc:id:sscc:9520000.3000012345' });
    expect(sscc18(0, '9520000', '1234567890')).toMatchObject({
      ok: false,
      errors: [{ code: 'GS1_LENGTH', params: { max: 9 } }],
    });
    expect(sscc18(10, '9520000', 1)).toMatchObject({ ok: false });
  });
});
