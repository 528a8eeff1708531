// The label engine: templates → 1-bit bitmaps at exact printer resolution, barcodes that decode to exactly the
// GS1 data, Vietnamese text with its diacritics, and the checks that run before anything prints.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { DEFAULT_TEMPLATES, defaultTemplate } from '../../shared/labels/defaults';
import {
  checkLabel,
  decree43Report,
  fieldValue,
  onDocumentText,
  resolveText,
  type LabelData,
} from '../../shared/labels/fields';
import { labelTemplate, mmToDots, type LabelTemplate } from '../../shared/labels/model';
import { getDot, LUMA_PRINTED, renderLabel, textLayout, type Bitmap } from '../../main/labels/render';
import { diffDots } from '../helpers/decoders/bitmap';
import { readCodes } from '../helpers/decoders/barcodes';
import { FOOD, LONGEST_LOT } from '../helpers/label-data';
const CTX = { today: '2026-11-29', serial: 1 };

function errorsOf(t: LabelTemplate, d: LabelData, dpi = 203) {
  const r = renderLabel(t, d, CTX, dpi);
  return [...r.problems, ...checkLabel(t, d, CTX)].filter((p) => p.severity === 'error').map((p) => p.code);
}

describe('templates', () => {
  it('every default template is valid and renders at the exact dot size at 203 and 300 dpi, with no errors', () => {
    for (const d of DEFAULT_TEMPLATES) {
      expect(labelTemplate.safeParse(d.template).success, d.key).toBe(true);
      for (const dpi of [203, 300]) {
        const r = renderLabel(d.template, FOOD, CTX, dpi);
        expect([r.bitmap.width, r.bitmap.height], d.key).toEqual([
          mmToDots(d.template.widthMm, dpi),
          mmToDots(d.template.heightMm, dpi),
        ]);
        expect(
          r.problems.filter((p) => p.severity === 'error'),
          `${d.key} @${dpi}`,
        ).toEqual([]);
        expect(checkLabel(d.template, FOOD, CTX), d.key).toEqual([]);
      }
    }
    // 50×30 mm at 203 dpi is the 400×240-dot label of the commonest roll.
    const r = renderLabel(defaultTemplate('food-50x30')!, FOOD, CTX, 203);
    expect([r.bitmap.width, r.bitmap.height]).toEqual([400, 240]);
  });
});

describe('barcodes decode to exactly the expected data', () => {
  const cases: [string, string[]][] = [
    ['food-50x30', ['(01)09520000000011(17)271129(10)L261129-01']],
    ['food-100x50', ['https://id.gs1.org/01/09520000000011/10/L261129-01?17=271129', '9520000000011']],
    ['lot-40x30', ['https://id.gs1.org/01/09520000000011/10/L261129-01?17=271129']],
    ['carton-100x150', ['(01)09520000000011(17)271129(10)L261129-01', '(01)09520000000011', '(00)095200000000000011']],
    ['a4-3x7', ['https://id.gs1.org/01/09520000000011/10/L261129-01?17=271129']],
  ];
  for (const dpi of [203, 300]) {
    for (const [key, expected] of cases) {
      it(`${key} @ ${dpi} dpi`, async () => {
        const r = renderLabel(defaultTemplate(key)!, FOOD, CTX, dpi);
        const codes = await readCodes(r.bitmap);
        expect(codes.map((c) => c.text).sort()).toEqual([...expected].sort());
        for (const c of codes) if (c.text.startsWith('(')) expect(c.gs1).toBe(true);
      });
    }
  }

  it('paints modules at a whole number of dots (0.5 mm DataMatrix = 4 dots at 203 dpi, 6 at 300)', () => {
    for (const [dpi, dots] of [
      [203, 4],
      [300, 6],
    ] as const) {
      const t = defaultTemplate('food-50x30')!;
      const dm = t.elements.find((e) => e.id === 'dm')!;
      if (dm.type !== 'barcode') throw new Error('dm');
      const b = renderLabel(t, FOOD, CTX, dpi).bitmap;
      const x0 = mmToDots(dm.x, dpi);
      const y0 = mmToDots(dm.y, dpi);
      const runs = new Set<number>();
      for (let y = y0; y < y0 + mmToDots(dm.h, dpi); y++) {
        let run = 0;
        for (let x = x0; x <= x0 + mmToDots(dm.w, dpi); x++) {
          if (getDot(b, x, y)) run++;
          else if (run) {
            runs.add(run % dots);
            run = 0;
          }
        }
      }
      expect([...runs]).toEqual([0]);
    }
  });
});

describe('Vietnamese text', () => {
  const phrase = 'Bảo quản nơi khô ráo – ắ ằ ẳ ẵ ặ ế ệ ờ ở ỷ ữ Đ';
  const t: LabelTemplate = {
    name: 'vi',
    purpose: 'lot',
    widthMm: 100,
    heightMm: 10,
    elements: [{ type: 'text', id: 't', x: 0, y: 0, w: 100, h: 10, content: phrase, fontSize: 12, wrap: false }],
  };

  it('matches a reference rendering of the string with the bundled font, dot for dot', () => {
    const dpi = 203;
    const b = renderLabel(t, FOOD, CTX, dpi).bitmap;
    // Reference: the bundled TTF drawn straight onto a canvas under another family name, thresholded the same way.
    GlobalFonts.registerFromPath(path.resolve('resources/fonts/DejaVuSans.ttf'), 'Reference DejaVu');
    const px = (12 * dpi) / 72;
    const c = createCanvas(b.width, b.height);
    const ctx = c.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, b.width, b.height);
    ctx.fillStyle = '#000';
    ctx.font = `${px}px "Reference DejaVu"`;
    ctx.fillText(phrase, 0, px * 0.93);
    const rgba = ctx.getImageData(0, 0, b.width, b.height).data;
    const ref: Bitmap = {
      width: b.width,
      height: b.height,
      bytesPerRow: b.bytesPerRow,
      bits: new Uint8Array(b.bits.length),
    };
    for (let y = 0; y < b.height; y++)
      for (let x = 0; x < b.width; x++) {
        const i = (y * b.width + x) * 4;
        if (rgba[i] * 77 + rgba[i + 1] * 150 + rgba[i + 2] * 29 < LUMA_PRINTED * 256)
          ref.bits[y * ref.bytesPerRow + (x >> 3)] |= 0x80 >> (x & 7);
      }
    expect(diffDots(b, ref)).toBe(0);
  });

  it('draws the marks: "ệ" has dots above and below the "e", and is not a missing-glyph box', () => {
    const one = (s: string) =>
      renderLabel(
        { ...t, elements: [{ ...(t.elements[0] as object), content: s } as LabelTemplate['elements'][0]] },
        FOOD,
        CTX,
        300,
      ).bitmap;
    const e = one('e');
    const ee = one('ệ');
    const missing = one('\uE000');
    const rows = (b: Bitmap) => {
      const r: number[] = [];
      for (let y = 0; y < b.height; y++)
        for (let x = 0; x < b.width; x++)
          if (getDot(b, x, y)) {
            r.push(y);
            break;
          }
      return r;
    };
    const re = rows(e);
    const ree = rows(ee);
    expect(Math.min(...ree)).toBeLessThan(Math.min(...re) - 3); // circumflex above
    expect(Math.max(...ree)).toBeGreaterThan(Math.max(...re) + 3); // dot below
    expect(diffDots(ee, missing)).toBeGreaterThan(20);
  });
});

describe('where lines break', () => {
  it('a lot code stays whole on one line on every built-in template, even the longest (20 characters), at 203 and 300 dpi', () => {
    let seen = 0;
    for (const { key, template } of DEFAULT_TEMPLATES)
      for (const dpi of [203, 300])
        for (const e of template.elements) {
          if (e.type !== 'text' || !e.content.includes('{lotCode}')) continue;
          const { lines } = textLayout(e, resolveText(e.content, LONGEST_LOT, CTX), dpi);
          expect(
            lines.some((l) => l.includes(LONGEST_LOT.lot!.code)),
            `${key} @ ${dpi} dpi: ${lines.join(' | ')}`,
          ).toBe(true);
          seen++;
        }
    expect(seen).toBe(2 * DEFAULT_TEMPLATES.length);
  });

  it('shrinks a word too long for its box before breaking it, and breaks it only at the minimum size', () => {
    const e = { type: 'text' as const, id: 'c', x: 0, y: 0, w: 26, h: 20, content: '', fontSize: 9, minFontSize: 6.5 };
    const code = 'CPB500-261203-002';
    const fits = textLayout(e, `Lô: ${code}`, 203);
    expect(fits.lines).toEqual(['Lô:', code]);
    expect(fits.px).toBeLessThan((9 * 203) / 72);
    const tooLong = textLayout({ ...e, w: 10 }, code, 203);
    expect(tooLong.lines.length).toBeGreaterThan(1);
    expect(tooLong.px).toBeCloseTo((6.5 * 203) / 72);
  });
});

describe('fields', () => {
  it('writes dates day/month/year, offsets dates, pads serials, and drops a caption whose fields are empty', () => {
    expect(fieldValue('expiryDate', FOOD, CTX)).toBe('29/11/2027');
    expect(fieldValue('date+30', FOOD, CTX)).toBe('29/12/2026');
    expect(fieldValue('serial:6', FOOD, { today: '2026-11-29', serial: 42 })).toBe('000042');
    expect(
      resolveText(
        'Lô: {lotCode}\nTiêu chuẩn: {standard}',
        { ...FOOD, product: { ...FOOD.product, standard: null } },
        CTX,
      ),
    ).toBe('Lô: L261129-01');
  });
});

describe('checks before printing (plain Vietnamese)', () => {
  const food = defaultTemplate('food-100x50')!;

  it('names each missing Decree 43 item', () => {
    const d = { ...FOOD, product: { ...FOOD.product, ingredients: null, warnings: '' } };
    const p = checkLabel(food, d, CTX);
    expect(p.map((x) => [x.code, x.params.field])).toEqual([
      ['LABEL_FIELD_MISSING', 'thành phần'],
      ['LABEL_FIELD_MISSING', 'thông tin cảnh báo'],
    ]);
  });

  it('names what the template does not show', () => {
    const t = { ...food, elements: food.elements.filter((e) => e.id !== 'lot') };
    const codes = checkLabel(t, FOOD, CTX).map((x) => `${x.code}:${x.params.field}`);
    expect(codes).toEqual([
      'LABEL_FIELD_NOT_ON_TEMPLATE:ngày sản xuất (NSX)',
      'LABEL_FIELD_NOT_ON_TEMPLATE:hạn sử dụng (HSD)',
      'LABEL_FIELD_NOT_ON_TEMPLATE:số lô',
    ]);
  });

  it('on a small package, says which items are on the accompanying document and does not call the label complete', () => {
    const small = defaultTemplate('food-50x30')!;
    const report = decree43Report(small, FOOD, CTX);
    // The full address needs two lines more than 30 mm hold: it goes to the document, said in words.
    expect(report.onDocument).toEqual([
      'địa chỉ tổ chức chịu trách nhiệm',
      'xuất xứ',
      'thành phần',
      'thông tin cảnh báo',
      'hướng dẫn bảo quản',
      'hướng dẫn sử dụng',
    ]);
    expect(report.complete).toBe(false);
    expect(onDocumentText(small, FOOD, CTX)).toBe(
      'Địa chỉ, xuất xứ, thành phần, cảnh báo, cách bảo quản, cách dùng: xem tài liệu kèm theo.',
    );
    expect(checkLabel(small, FOOD, CTX)).toEqual([]);
    expect(decree43Report(food, FOOD, CTX).complete).toBe(true);
    // Net quantity and expiry must be on even the smallest label.
    const t = { ...small, elements: small.elements.filter((e) => e.id !== 'facts') };
    expect(checkLabel(t, FOOD, CTX).map((x) => x.params.field)).toEqual(
      expect.arrayContaining(['định lượng', 'hạn sử dụng (HSD)']),
    );
  });

  it('prints the full address: the street line completed with the ward and province of the business profile', () => {
    const b = { name: 'Cơ sở Hạt điều', address: '12 Đường 30/4', ward: 'Phường Trấn Biên', province: 'Đồng Nai' };
    expect(fieldValue('businessAddress', { ...FOOD, business: b }, CTX)).toBe(
      '12 Đường 30/4, Phường Trấn Biên, Đồng Nai',
    );
    expect(fieldValue('businessAddress', FOOD, CTX)).toBe('12 Đường 30/4, Phường Trấn Biên, Đồng Nai');
  });

  it('an SSCC is asked for as a GS1 carton code, not as a Decree 43 item', () => {
    const carton = defaultTemplate('carton-100x150')!;
    const p = checkLabel(carton, { ...FOOD, sscc: null }, CTX);
    expect(p.map((x) => x.code)).toEqual(['LABEL_NO_SSCC']);
  });

  it('refuses a wrong GTIN check digit, a lot code too long for AI 10, and a product without GTIN on a GS1 barcode', () => {
    expect(errorsOf(food, { ...FOOD, product: { ...FOOD.product, gtin: '9520000000012' } })).toContain(
      'GS1_CHECK_DIGIT',
    );
    expect(errorsOf(food, { ...FOOD, lot: { ...FOOD.lot, code: 'L'.repeat(21) } })).toContain('GS1_LENGTH');
    expect(errorsOf(food, { ...FOOD, product: { ...FOOD.product, gtin: null } })).toContain('LABEL_NO_GTIN');
  });

  it('refuses an element outside the label and warns when text cannot fit even at its minimum size', () => {
    const outside = {
      ...food,
      elements: [...food.elements, { type: 'box' as const, id: 'x', x: 95, y: 45, w: 10, h: 10, thickness: 0.3 }],
    };
    expect(errorsOf(outside, FOOD)).toContain('LABEL_ELEMENT_OUTSIDE');
    const long = { ...FOOD, product: { ...FOOD.product, ingredients: 'Hạt điều rang muối, '.repeat(40) } };
    const r = renderLabel(food, long, CTX, 203);
    expect(r.problems).toContainEqual({
      code: 'LABEL_TEXT_DOES_NOT_FIT',
      params: { element: 'body', min: 6.5, needMm: expect.any(Number) },
      severity: 'warning',
    });
    const need = r.problems.find((p) => p.code === 'LABEL_TEXT_DOES_NOT_FIT')!.params.needMm as number;
    expect(need).toBeGreaterThan((food.elements.find((e) => e.id === 'body') as { h: number }).h);
  });

  it('refuses a box too small for the symbol at GS1 size and names the smallest box that works', () => {
    const t: LabelTemplate = {
      name: 'tiny',
      purpose: 'lot',
      widthMm: 20,
      heightMm: 20,
      elements: [
        { type: 'barcode', id: 'b', x: 0, y: 0, w: 1.5, h: 1.5, symbology: 'gs1-datamatrix', ais: ['01', '10'] },
      ],
    };
    const p = renderLabel(t, FOOD, CTX, 203).problems;
    expect(p).toContainEqual({
      code: 'LABEL_BARCODE_TOO_SMALL_BOX',
      params: { element: 'b', needW: '10,1', needH: '10,1', x: '0,5', dots: 4, dpi: 203 },
      severity: 'error',
    });
  });
});
