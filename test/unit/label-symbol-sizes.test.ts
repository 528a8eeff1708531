// Every symbol of every built-in template, measured in the rendered bitmap at 203 and 300 dpi, against GS1's symbol
// specification tables (shared/labels/symbol-specs.ts): X-dimension inside [min, max], bars at least the minimum
// height for that X, quiet zones at least the table's, and every run a whole number of modules.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '../../shared/labels/defaults';
import type { Symbology } from '../../shared/labels/model';
import { GS1_GENSPECS_RELEASE, dotMm, symbolSpec } from '../../shared/labels/symbol-specs';
import { renderLabel } from '../../main/labels/render';
import { readCodes } from '../helpers/decoders/barcodes';
import { measureLinear, measureSquare } from '../helpers/decoders/symbol-size';
import { FOOD, LONGEST_LOT } from '../helpers/label-data';

const CTX = { today: '2026-11-29', serial: 1 };
const SYMBOLOGY: Record<string, Symbology> = {
  EAN13: 'ean13',
  Code128: 'gs1-128',
  DataMatrix: 'gs1-datamatrix',
  QRCode: 'qr-digital-link',
};
const aisOf = (text: string) => [...text.matchAll(/\((\d{2,4})\)/g)].map((m) => m[1]);

describe('symbol sizes measured in the bitmap meet the GS1 tables', () => {
  for (const { key, template } of DEFAULT_TEMPLATES) {
    for (const [dpi, data, what] of [203, 300].flatMap((dpi) => [
      [dpi, FOOD, ''] as const,
      [dpi, LONGEST_LOT, ', longest lot code under an own trace address'] as const,
    ])) {
      it(`${key} @ ${dpi} dpi${what}`, async () => {
        const r = renderLabel(template, data, CTX, dpi);
        expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
        const codes = await readCodes(r.bitmap);
        expect(codes.length).toBe(template.elements.filter((e) => e.type === 'barcode').length);
        for (const code of codes) {
          const symbology = SYMBOLOGY[code.format];
          const spec = symbolSpec(symbology, template.purpose, aisOf(code.text));
          const linear = symbology === 'ean13' || symbology === 'gs1-128';
          const m = linear ? measureLinear(r.bitmap, code) : measureSquare(r.bitmap, code);
          const xMm = m.x * dotMm(dpi);
          const what = `${key} @${dpi} ${code.format} ${code.text}: X ${xMm.toFixed(3)} mm`;
          expect(m.wholeModules, what).toBe(true);
          expect(xMm, what).toBeGreaterThanOrEqual(spec.xMinMm);
          expect(xMm, what).toBeLessThanOrEqual(spec.xMaxMm);
          if (symbology === 'ean13') expect(m.widthModules, what).toBe(95);
          if (spec.minHeightMm) {
            const min = spec.heightScales ? (spec.minHeightMm * xMm) / spec.xTargetMm : spec.minHeightMm;
            expect(m.heightDots * dotMm(dpi), `${what}: bar height`).toBeGreaterThanOrEqual(min - 1e-9);
          }
          for (const side of ['left', 'right', 'top', 'bottom'] as const)
            expect(m.quiet[side], `${what}: quiet zone ${side}`).toBeGreaterThanOrEqual(spec.quiet[side]);
        }
      });
    }
  }

  it('picks whole dots inside the range: EAN-13 3 dots at 203 dpi (0.375 mm), GS1-128 on a carton 4 (0.500 mm)', () => {
    const at = (key: string, dpi: number) =>
      Object.fromEntries(
        renderLabel(DEFAULT_TEMPLATES.find((d) => d.key === key)!.template, FOOD, CTX, dpi).symbols.map((s) => [
          s.element,
          s.dots,
        ]),
      );
    expect(at('food-100x50', 203)).toEqual({ ean: 3, qr: 4 });
    expect(at('food-100x50', 300)).toEqual({ ean: 4, qr: 6 });
    expect(at('carton-100x150', 203)).toMatchObject({ goods: 4, sscc: 4 });
    expect(at('carton-100x150', 300)).toMatchObject({ goods: 6, sscc: 6 });
  });
});

describe('each row names its table of GS1 General Specifications §5.12.3', () => {
  it('retail EAN-13 and DataMatrix: Table 1; Digital Link QR: Table 1 addendum 2; GS1-128: Table 2, on a carton Table 5', () => {
    const rows = {
      ean13: symbolSpec('ean13', 'consumer'),
      datamatrix: symbolSpec('gs1-datamatrix', 'consumer'),
      qr: symbolSpec('qr-digital-link', 'consumer'),
      gs1_128: symbolSpec('gs1-128', 'lot'),
      sscc: symbolSpec('gs1-128', 'lot', ['00']),
      carton: symbolSpec('gs1-128', 'carton', ['01', '17', '10']),
    };
    expect(Object.fromEntries(Object.entries(rows).map(([k, r]) => [k, r.table]))).toEqual({
      ean13: 'Table 1',
      datamatrix: 'Table 1',
      qr: 'Table 1 addendum 2',
      gs1_128: 'Table 2',
      sscc: 'Table 5',
      carton: 'Table 5',
    });
    for (const r of Object.values(rows)) {
      expect(r.source).toContain(GS1_GENSPECS_RELEASE);
      expect(r.source).toContain(r.table.toLowerCase());
    }
  });
});

describe('the measurement sees what a renderer gets wrong', () => {
  it('a box printed 1 mm left of the QR leaves less than its 4X quiet zone', async () => {
    const base = DEFAULT_TEMPLATES.find((d) => d.key === 'lot-40x30')!.template;
    const qr = base.elements.find((e) => e.id === 'qr')!;
    if (qr.type !== 'barcode') throw new Error('qr');
    const t = {
      ...base,
      elements: [
        ...base.elements,
        { type: 'box' as const, id: 'mark', x: qr.x + 1, y: qr.y + 3, w: 0.5, h: 10, thickness: 0.5, fill: true },
      ],
    };
    const r = renderLabel(t, FOOD, CTX, 203);
    const [code] = await readCodes(r.bitmap);
    expect(measureSquare(r.bitmap, code).quiet.left).toBeLessThan(4);
  });
});
