// The templates the app ships. Users edit copies; these stay as they are (keys are stable, names are shown).
import type { LabelTemplate } from './model';

export type DefaultTemplate = { key: string; template: LabelTemplate };

const decree43Block =
  'Thành phần: {ingredients}\nĐịnh lượng: {netQuantity}\nHướng dẫn sử dụng: {usage}\nBảo quản: {storage}\nCảnh báo: {warnings}\nXuất xứ: {origin}\nTiêu chuẩn: {standard}';

export const DEFAULT_TEMPLATES: DefaultTemplate[] = [
  {
    // Everything Decree 43/2017 asks of a food label on the commonest roll, with a GS1 DataMatrix for the lot.
    key: 'food-50x30',
    template: {
      name: 'Tem thực phẩm 50×30',
      purpose: 'consumer',
      widthMm: 50,
      heightMm: 30,
      elements: [
        { type: 'text', id: 'name', x: 1, y: 0.8, w: 48, h: 3.6, content: '{productName}', fontSize: 8, minFontSize: 5, bold: true, wrap: false },
        { type: 'text', id: 'body', x: 1, y: 4.6, w: 34.5, h: 19.2, content: decree43Block, fontSize: 5, minFontSize: 3.5 },
        { type: 'barcode', id: 'dm', x: 36.5, y: 4.6, w: 12.5, h: 12.5, symbology: 'gs1-datamatrix', ais: ['01', '17', '10'], moduleMm: 0.5 },
        { type: 'text', id: 'lot', x: 36, y: 18, w: 13.5, h: 5.6, content: 'Lô:\n{lotCode}', fontSize: 5, minFontSize: 3.5, bold: true, align: 'center' },
        { type: 'text', id: 'dates', x: 1, y: 24, w: 48, h: 2.8, content: 'NSX: {productionDate}   HSD: {expiryDate}', fontSize: 6.5, minFontSize: 4.5, bold: true, wrap: false },
        { type: 'text', id: 'biz', x: 1, y: 26.9, w: 48, h: 2.9, content: '{businessName} – {businessAddress}', fontSize: 4.5, minFontSize: 3.5 },
      ],
    },
  },
  {
    key: 'food-100x50',
    template: {
      name: 'Tem thực phẩm 100×50 (có mã vạch EAN-13 và QR)',
      purpose: 'consumer',
      widthMm: 100,
      heightMm: 50,
      elements: [
        { type: 'text', id: 'name', x: 2, y: 1.5, w: 96, h: 6, content: '{productName}', fontSize: 14, minFontSize: 9, bold: true, wrap: false },
        { type: 'line', id: 'rule', x: 2, y: 8, x2: 98, y2: 8, thickness: 0.25 },
        { type: 'text', id: 'body', x: 2, y: 9, w: 62, h: 30, content: decree43Block, fontSize: 8, minFontSize: 5 },
        { type: 'barcode', id: 'qr', x: 67, y: 9, w: 31, h: 21, symbology: 'qr-digital-link', ais: ['01', '10', '17'], moduleMm: 0.5 },
        { type: 'text', id: 'lot', x: 67, y: 31, w: 31, h: 8, content: 'Lô: {lotCode}\nNSX: {productionDate}\nHSD: {expiryDate}', fontSize: 7.5, minFontSize: 5, bold: true },
        { type: 'barcode', id: 'ean', x: 2, y: 39.5, w: 40, h: 10, symbology: 'ean13', moduleMm: 0.33 },
        { type: 'text', id: 'biz', x: 44, y: 40, w: 54, h: 9.5, content: 'Chịu trách nhiệm: {businessName}\n{businessAddress}\nĐT: {businessPhone}', fontSize: 6.5, minFontSize: 4.5 },
      ],
    },
  },
  {
    key: 'lot-40x30',
    template: {
      name: 'Tem lô nhỏ 40×30',
      purpose: 'lot',
      widthMm: 40,
      heightMm: 30,
      elements: [
        { type: 'text', id: 'name', x: 1, y: 1, w: 38, h: 7, content: '{productName}', fontSize: 8, minFontSize: 5, bold: true },
        { type: 'barcode', id: 'qr', x: 1, y: 9, w: 17, h: 17, symbology: 'qr', data: '{traceCode}', moduleMm: 0.5 },
        { type: 'text', id: 'lot', x: 19.5, y: 9, w: 19.5, h: 20, content: 'Lô:\n{lotCode}\nNSX: {productionDate}\nHSD: {expiryDate}', fontSize: 7, minFontSize: 4.5, bold: true },
      ],
    },
  },
  {
    // Logistic carton: GS1-128 with (01)(17)(10) for the goods and a second GS1-128 with the carton's SSCC (00).
    key: 'carton-100x150',
    template: {
      name: 'Tem thùng 100×150 (GS1-128)',
      purpose: 'carton',
      widthMm: 100,
      heightMm: 150,
      elements: [
        { type: 'text', id: 'from', x: 4, y: 4, w: 92, h: 14, content: 'Từ: {businessName}\n{businessAddress}', fontSize: 10, minFontSize: 7 },
        { type: 'line', id: 'r1', x: 0, y: 20, x2: 100, y2: 20, thickness: 0.5 },
        { type: 'text', id: 'name', x: 4, y: 23, w: 92, h: 12, content: '{productName}', fontSize: 16, minFontSize: 10, bold: true },
        { type: 'text', id: 'facts', x: 4, y: 36, w: 92, h: 22, content: 'Lô: {lotCode}\nNSX: {productionDate}   HSD: {expiryDate}\nĐịnh lượng: {netQuantity}', fontSize: 12, minFontSize: 8 },
        { type: 'line', id: 'r2', x: 0, y: 60, x2: 100, y2: 60, thickness: 0.5 },
        { type: 'barcode', id: 'goods', x: 4, y: 64, w: 92, h: 36, symbology: 'gs1-128', ais: ['01', '17', '10'], moduleMm: 0.38 },
        { type: 'barcode', id: 'sscc', x: 4, y: 106, w: 92, h: 36, symbology: 'gs1-128', ais: ['00'], moduleMm: 0.38 },
      ],
    },
  },
  {
    key: 'a4-3x7',
    template: {
      name: 'Tem tờ A4 (3×7 tem 63,5×38,1)',
      purpose: 'consumer',
      widthMm: 63.5,
      heightMm: 38.1,
      sheet: { paper: 'A4', cols: 3, rows: 7, marginTopMm: 15.15, marginLeftMm: 7.2, gapXMm: 2.5, gapYMm: 0 },
      elements: [
        { type: 'text', id: 'name', x: 2, y: 1.5, w: 59.5, h: 4.5, content: '{productName}', fontSize: 9, minFontSize: 6, bold: true, wrap: false },
        { type: 'text', id: 'body', x: 2, y: 6.3, w: 43, h: 22.5, content: decree43Block, fontSize: 5.5, minFontSize: 3.5 },
        { type: 'barcode', id: 'qr', x: 46.5, y: 6.3, w: 15, h: 15, symbology: 'qr-digital-link', ais: ['01', '10', '17'], moduleMm: 0.4 },
        { type: 'text', id: 'lot', x: 46, y: 22, w: 16, h: 6.5, content: 'Lô:\n{lotCode}', fontSize: 5.5, minFontSize: 3.5, bold: true, align: 'center' },
        { type: 'text', id: 'dates', x: 2, y: 29.2, w: 59.5, h: 3.4, content: 'NSX: {productionDate}   HSD: {expiryDate}', fontSize: 7, minFontSize: 5, bold: true, wrap: false },
        { type: 'text', id: 'biz', x: 2, y: 32.8, w: 59.5, h: 4.5, content: '{businessName} – {businessAddress}', fontSize: 5, minFontSize: 3.5 },
      ],
    },
  },
];

export function defaultTemplate(key: string): LabelTemplate | undefined {
  return DEFAULT_TEMPLATES.find((t) => t.key === key)?.template;
}
