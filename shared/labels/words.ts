// Label fields and template elements in words, for the designer and for the checks' messages: a person
// reads «Tên cơ sở» and «mã vạch EAN-13», never an element id ("biz", "ean") or a placeholder key.
import type { Lang } from '../i18n/messages';
import { FIELD_KEYS, type FieldKey } from './fields';
import type { LabelElement, Symbology } from './model';

export const LABEL_FIELD_WORDS: Record<Lang, Record<FieldKey, string>> = {
  vi: {
    productName: 'Tên sản phẩm',
    brand: 'Nhãn hiệu',
    businessName: 'Tên cơ sở',
    businessAddress: 'Địa chỉ cơ sở',
    businessPhone: 'Điện thoại',
    origin: 'Xuất xứ',
    netQuantity: 'Định lượng',
    ingredients: 'Thành phần',
    storage: 'Bảo quản',
    usage: 'Hướng dẫn sử dụng',
    warnings: 'Cảnh báo',
    standard: 'Tiêu chuẩn',
    declarationNo: 'Số tự công bố',
    productionDate: 'NSX',
    expiryDate: 'HSD',
    lotCode: 'Số lô',
    gtin: 'GTIN',
    price: 'Giá',
    date: 'Ngày in',
    serial: 'Số sê-ri',
    traceCode: 'Mã truy xuất',
    onDocument: 'Ghi chú "xem chứng từ kèm theo"',
  },
  en: {
    productName: 'Product name',
    brand: 'Brand',
    businessName: 'Business name',
    businessAddress: 'Business address',
    businessPhone: 'Phone',
    origin: 'Origin',
    netQuantity: 'Net quantity',
    ingredients: 'Ingredients',
    storage: 'Storage',
    usage: 'Usage',
    warnings: 'Warnings',
    standard: 'Standard',
    declarationNo: 'Declaration no.',
    productionDate: 'Production date',
    expiryDate: 'Expiry date',
    lotCode: 'Lot code',
    gtin: 'GTIN',
    price: 'Price',
    date: 'Print date',
    serial: 'Serial',
    traceCode: 'Trace code',
    onDocument: 'Note "see the accompanying document"',
  },
};

const SYMBOLOGY_WORDS: Record<Lang, Record<Symbology, string>> = {
  vi: {
    ean13: 'mã vạch EAN-13',
    'gs1-128': 'mã vạch GS1-128',
    'gs1-datamatrix': 'mã GS1 DataMatrix',
    'qr-digital-link': 'mã QR truy xuất',
    qr: 'mã QR',
    code128: 'mã vạch Code 128',
  },
  en: {
    ean13: 'EAN-13 barcode',
    'gs1-128': 'GS1-128 barcode',
    'gs1-datamatrix': 'GS1 DataMatrix',
    'qr-digital-link': 'trace QR code',
    qr: 'QR code',
    code128: 'Code 128 barcode',
  },
};

const SHAPES: Record<Lang, Record<'image' | 'line' | 'box' | 'text', string>> = {
  vi: { image: 'ảnh', line: 'đường kẻ', box: 'khung', text: 'chữ' },
  en: { image: 'picture', line: 'line', box: 'box', text: 'text' },
};

const PLACEHOLDER = /\{(\w+)([+:][^}]*)?\}/g;
const isField = (k: string): k is FieldKey => (FIELD_KEYS as readonly string[]).includes(k);

/** `{businessName} – {date+30}` → `{Tên cơ sở} – {Ngày in+30}`: what the designer shows in a text box. */
export function placeholdersToWords(content: string, lang: Lang): string {
  return content.replace(PLACEHOLDER, (all, k: string, rest = '') =>
    isField(k) ? `{${LABEL_FIELD_WORDS[lang][k]}${rest}}` : all,
  );
}

/** The reverse of placeholdersToWords: what the person typed back into the template's placeholders. */
export function wordsToPlaceholders(text: string, lang: Lang): string {
  const byWord = new Map(FIELD_KEYS.map((k) => [LABEL_FIELD_WORDS[lang][k].toLowerCase(), k]));
  return text.replace(/\{([^{}+:]+)([+:][^}]*)?\}/g, (all, w: string, rest = '') => {
    const k = byWord.get(w.trim().toLowerCase());
    return k ? `{${k}${rest}}` : all;
  });
}

/** An element in words: "Tên cơ sở, Địa chỉ cơ sở" for a text box, "mã vạch EAN-13", "khung". */
export function elementWords(e: LabelElement, lang: Lang): string {
  if (e.type === 'barcode') return SYMBOLOGY_WORDS[lang][e.symbology];
  if (e.type !== 'text') return SHAPES[lang][e.type];
  const fields = [...e.content.matchAll(PLACEHOLDER)].map((m) => m[1]).filter(isField);
  if (fields.length) return [...new Set(fields)].map((k) => LABEL_FIELD_WORDS[lang][k]).join(', ');
  const literal = e.content.replace(/\s+/g, ' ').trim();
  return literal ? (literal.length > 30 ? `${literal.slice(0, 30)}…` : literal) : SHAPES[lang].text;
}
