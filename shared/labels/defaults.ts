// The templates the app ships. Users edit copies; these stay as they are (keys are stable, names are shown).
import { MIN_TEXT_PT, type LabelTemplate, type TextElement } from './model';

/** `nameEn` is the name an English screen shows; the label itself prints in Vietnamese (Decree 43). */
export type DefaultTemplate = { key: string; nameEn: string; template: LabelTemplate };

// The longer mandatory items of Decree 43 for food (net quantity and origin sit beside them; the applied
// standard is optional and left to larger labels).
const decree43Instructions =
  'Thành phần: {ingredients}\nHướng dẫn sử dụng: {usage}\nBảo quản: {storage}\nCảnh báo: {warnings}';

// A lot's Digital Link QR holds up to version 5 (37 modules: a 20-character lot code under a trace address as long
// as the demo's) with its 4-module quiet zones, at GS1's target module: 4 dots (0.500 mm) at 203 dpi make 22.5 mm,
// 6 dots (0.508 mm) at 300 dpi 22.9 mm.
const QR_BOX_MM = 22.9;

// Sizes: barcode boxes hold the symbol at GS1 size (shared/labels/symbol-specs.ts) with its quiet zones at 203 and
// 300 dpi; no text is smaller than MIN_TEXT_PT, the smallest size whose Vietnamese marks survive 203 dpi
// (scripts/measure-text.mjs). Lot codes sit on a line of their own, so they never break inside the code.
export const DEFAULT_TEMPLATES: DefaultTemplate[] = [
  {
    // A small package (Decree 43, art. 10): name, responsible business, net quantity, dates and lot on the label;
    // the other mandatory items (the full address among them: it needs two lines more than 30 mm holds) are on the
    // accompanying document, and the label says so.
    key: 'food-50x30',
    nameEn: 'Food label 50×30',
    template: {
      name: 'Tem thực phẩm 50×30',
      purpose: 'consumer',
      widthMm: 50,
      heightMm: 30,
      elements: [
        // Eleven lines of the smallest legible size fill the 30 mm: the name on two lines beside the symbol, the
        // facts, the lot code on a line of its own, the business name, and the items left to the document.
        text('name', 1, 0.2, 35, 5.4, '{productName}', 7, { bold: true }),
        {
          type: 'barcode',
          id: 'dm',
          x: 36.5,
          y: 0.5,
          w: 13,
          h: 13,
          symbology: 'gs1-datamatrix',
          ais: ['01', '17', '10'],
        },
        text('facts', 1, 5.6, 35, 8.1, 'Định lượng: {netQuantity}\nNSX: {productionDate}\nHSD: {expiryDate}', 6.5, {
          bold: true,
        }),
        text('lot', 1, 13.7, 48, 2.75, 'Lô: {lotCode}', 6.5, { bold: true, wrap: false }),
        text('biz', 1, 16.45, 48, 5.4, '{businessName}', 6.5),
        text('doc', 1, 21.9, 48, 8.1, '{onDocument}', 6.5),
      ],
    },
  },
  {
    key: 'food-100x50',
    nameEn: 'Food label 100×50 (EAN-13 barcode and QR)',
    template: {
      name: 'Tem thực phẩm 100×50 (có mã vạch EAN-13 và QR)',
      purpose: 'consumer',
      widthMm: 100,
      heightMm: 50,
      elements: [
        text('name', 1.5, 0.8, 97, 5.2, '{productName}', 12, { bold: true, wrap: false, minFontSize: 9 }),
        text('lot', 1.5, 6.6, 42, 12.6, 'Lô: {lotCode}\nNSX: {productionDate}\nHSD: {expiryDate}', 8, { bold: true }),
        { type: 'barcode', id: 'ean', x: 0.5, y: 20, w: 43.5, h: 29.8, symbology: 'ean13' },
        {
          type: 'barcode',
          id: 'qr',
          x: 44.5,
          y: 6.5,
          w: 23,
          h: 23,
          symbology: 'qr-digital-link',
          ais: ['01', '10', '17'],
        },
        // Beside the QR the responsible business (its full address wraps there) and the short items; the longer
        // Decree 43 items across the right half below, with the height for seven lines at their own 7 pt: shrunk
        // to 6.75 pt, "vật" read "vặt" and "thoáng" "thoảng" at 203 dpi (test/unit/labels-ocr.test.ts).
        text('biz', 68, 6.6, 31.5, 16.4, 'Chịu trách nhiệm: {businessName}\n{businessAddress}', 6.5),
        text('facts', 68, 23, 31.5, 6.4, 'Định lượng: {netQuantity}\nXuất xứ: {origin}', 6.5),
        text('body', 45, 29.5, 54.5, 20.3, decree43Instructions, 7),
      ],
    },
  },
  {
    key: 'lot-40x30',
    nameEn: 'Small lot label 40×30',
    template: {
      name: 'Tem lô nhỏ 40×30',
      purpose: 'lot',
      widthMm: 40,
      heightMm: 30,
      elements: [
        // The lot code on the top line, across the whole width, so even the longest (20 characters) stays on
        // one line; the QR under it with the product's name and the dates beside it.
        text('lot', 1, 0.4, 38, 2.8, 'Lô: {lotCode}', 6.5, { bold: true, wrap: false }),
        {
          type: 'barcode',
          id: 'qr',
          x: 0.1,
          y: 3.3,
          w: QR_BOX_MM,
          h: QR_BOX_MM,
          symbology: 'qr-digital-link',
          ais: ['01', '10', '17'],
        },
        text('name', 23.2, 3.4, 16.6, 14.8, '{productName}', 7, { bold: true }),
        text('dates', 23.2, 18.4, 16.6, 11.2, 'NSX:\n{productionDate}\nHSD:\n{expiryDate}', 6.5, { bold: true }),
      ],
    },
  },
  {
    // A GS1 logistic label: every GS1-128 at 0.495 mm or more and 31.75 mm high (one symbol per key so each fits
    // 100 mm), the lot's full element string in a GS1 DataMatrix beside the text.
    key: 'carton-100x150',
    nameEn: 'Carton label 100×150 (GS1-128)',
    template: {
      name: 'Tem thùng 100×150 (GS1-128)',
      purpose: 'carton',
      widthMm: 100,
      heightMm: 150,
      elements: [
        text('from', 4, 3, 92, 13, 'Từ: {businessName}\n{businessAddress}', 10, { minFontSize: 7 }),
        { type: 'line', id: 'r1', x: 0, y: 17, x2: 100, y2: 17, thickness: 0.5 },
        text('name', 4, 19, 92, 11, '{productName}', 14, { bold: true, minFontSize: 10 }),
        text(
          'facts',
          4,
          31,
          62,
          22,
          'Lô: {lotCode}\nNSX: {productionDate}\nHSD: {expiryDate}\nĐịnh lượng: {netQuantity}',
          11,
          { minFontSize: 8 },
        ),
        {
          type: 'barcode',
          id: 'dm',
          x: 70,
          y: 30,
          w: 26,
          h: 26,
          symbology: 'gs1-datamatrix',
          ais: ['01', '17', '10'],
          moduleMm: 0.99,
        },
        { type: 'line', id: 'r2', x: 0, y: 57, x2: 100, y2: 57, thickness: 0.5 },
        { type: 'barcode', id: 'goods', x: 0, y: 60, w: 100, h: 38, symbology: 'gs1-128', ais: ['01'] },
        { type: 'line', id: 'r3', x: 0, y: 101, x2: 100, y2: 101, thickness: 0.5 },
        text('ssccCaption', 4, 102.5, 92, 4, 'SSCC (mã thùng)', 8, { bold: true }),
        { type: 'barcode', id: 'sscc', x: 0, y: 108, w: 100, h: 38, symbology: 'gs1-128', ais: ['00'] },
      ],
    },
  },
  {
    key: 'a4-3x7',
    nameEn: 'A4 sheet (3×7 labels 63.5×38.1)',
    template: {
      name: 'Tem tờ A4 (3×7 tem 63,5×38,1)',
      purpose: 'consumer',
      widthMm: 63.5,
      heightMm: 38.1,
      sheet: { paper: 'A4', cols: 3, rows: 7, marginTopMm: 15.15, marginLeftMm: 7.2, gapXMm: 2.5, gapYMm: 0 },
      elements: [
        // The name wraps beside the QR; the business name and its full address take four lines below the facts.
        text('name', 1.5, 0.5, 39, 5.5, '{productName}', 8, { bold: true }),
        {
          type: 'barcode',
          id: 'qr',
          x: 40.6,
          y: 0.6,
          w: QR_BOX_MM,
          h: QR_BOX_MM,
          symbology: 'qr-digital-link',
          ais: ['01', '10', '17'],
        },
        text('lot', 1.5, 6, 39, 8.1, 'Lô: {lotCode}\nNSX: {productionDate}\nHSD: {expiryDate}', 6.5, {
          bold: true,
        }),
        text('facts', 1.5, 14.1, 39, 5.5, 'Định lượng: {netQuantity}\nXuất xứ: {origin}', 6.5),
        text('biz', 1.5, 19.6, 39, 10.8, '{businessName} – {businessAddress}', 6.5),
        text('doc', 1.5, 30.5, 60.5, 7.5, '{onDocument}', 6.5),
      ],
    },
  },
];

type TextOptions = Partial<Omit<TextElement, 'type' | 'id' | 'content' | 'fontSize'>>;

/** A text element; its size never shrinks below MIN_TEXT_PT unless a larger minimum is given. */
function text(
  id: string,
  x: number,
  y: number,
  w: number,
  h: number,
  content: string,
  fontSize: number,
  o: TextOptions = {},
): TextElement {
  return { type: 'text', id, x, y, w, h, content, fontSize, minFontSize: MIN_TEXT_PT, ...o };
}

export function defaultTemplate(key: string): LabelTemplate | undefined {
  return DEFAULT_TEMPLATES.find((t) => t.key === key)?.template;
}
