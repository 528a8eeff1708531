// Words for the GS1 library: error messages for every Gs1ErrorCode, and names of the AIs a food business meets.
// "Mục (17)" = the field with Application Identifier 17; the UI may add `aiName` next to it.
import { aiEntry } from '../gs1/ai-dictionary';
import type { Gs1Error, Gs1ErrorCode } from '../gs1/validate';
import { errorMessage, registerMessages, type Lang } from './messages';

const vi: Record<Gs1ErrorCode, string> = {
  GS1_EMPTY: 'Chưa đọc được gì từ mã vạch. Hãy quét lại.',
  GS1_NOT_GS1: 'Mã vừa quét không phải mã vạch GS1 (không có mã sản phẩm, số lô, hạn dùng…).',
  GS1_UNKNOWN_AI: 'Mã vạch có mục ({{ai}}) không có trong danh mục GS1. Hãy xem lại mã vạch hoặc cài đặt máy quét.',
  GS1_LENGTH: 'Mục ({{ai}}) dài {{length}} ký tự, nhưng phải dài {{expected}} ký tự.',
  GS1_BAD_CHAR: 'Mục ({{ai}}) có ký tự không được dùng "{{char}}" ở vị trí {{position}}.',
  GS1_CHECK_DIGIT:
    'Số kiểm tra của mục ({{ai}}) sai (số cuối phải là {{expected}}). Mã vạch có thể bị in sai hoặc quét sai.',
  GS1_BAD_DATE: 'Ngày trong mục ({{ai}}) không có thật: {{value}} (dạng năm-tháng-ngày YYMMDD).',
  GS1_BAD_VALUE: 'Giá trị "{{value}}" của mục ({{ai}}) không hợp lệ.',
  GS1_MISSING_GS:
    'Không rõ mục ({{ai}}) kết thúc ở đâu vì máy quét không gửi dấu phân cách GS. Hãy cài máy quét gửi GS (hoặc "<GS>") rồi quét lại.',
  GS1_DUPLICATE_AI: 'Mục ({{ai}}) xuất hiện hai lần với giá trị khác nhau: "{{first}}" và "{{second}}".',
  GS1_EXCLUDED: 'Mục ({{ai}}) và mục ({{other}}) không được đi cùng nhau.',
  GS1_REQUIRES: 'Mục ({{ai}}) phải đi kèm {{needs}}.',
  GS1_HRI_SYNTAX: 'Dòng chữ dưới mã vạch phải có dạng (01)…(10)…; sai ở ký tự thứ {{position}}.',
  GS1_DL_SYNTAX: 'Không đọc được đường dẫn GS1 Digital Link trong mã QR: {{detail}}',
  GS1_DL_NO_KEY: 'Đường dẫn trong mã QR không có mã GS1 (ví dụ /01/ và mã GTIN của sản phẩm).',
  GS1_DL_ORDER: 'Trong đường dẫn GS1, mục ({{ai}}) đặt sai thứ tự hoặc không được đi sau mục ({{key}}).',
  GS1_DL_NOT_ATTRIBUTE: 'Mục ({{ai}}) không được đặt sau dấu "?" của đường dẫn GS1 Digital Link.',
  GS1_PREFIX_LENGTH: 'Độ dài mã doanh nghiệp GS1 ({{length}}) không đúng: phải từ 6 đến 12 chữ số.',
};

const en: typeof vi = {
  GS1_EMPTY: 'Nothing was read from the barcode. Please scan again.',
  GS1_NOT_GS1: 'This is not a GS1 barcode (no product code, lot or expiry in it).',
  GS1_UNKNOWN_AI:
    'The barcode has a field ({{ai}}) that is not in the GS1 list. Check the barcode or the scanner settings.',
  GS1_LENGTH: 'Field ({{ai}}) is {{length}} characters long, but must be {{expected}} characters.',
  GS1_BAD_CHAR: 'Field ({{ai}}) has a character that is not allowed, "{{char}}", at position {{position}}.',
  GS1_CHECK_DIGIT:
    'The check digit of field ({{ai}}) is wrong (the last digit should be {{expected}}). The barcode may be misprinted or misread.',
  GS1_BAD_DATE: 'The date in field ({{ai}}) does not exist: {{value}} (format YYMMDD).',
  GS1_BAD_VALUE: 'The value "{{value}}" of field ({{ai}}) is not valid.',
  GS1_MISSING_GS:
    'Cannot tell where field ({{ai}}) ends because the scanner does not send the GS separator. Set the scanner to send GS (or "<GS>") and scan again.',
  GS1_DUPLICATE_AI: 'Field ({{ai}}) appears twice with different values: "{{first}}" and "{{second}}".',
  GS1_EXCLUDED: 'Fields ({{ai}}) and ({{other}}) may not appear together.',
  GS1_REQUIRES: 'Field ({{ai}}) must come with {{needs}}.',
  GS1_HRI_SYNTAX: 'Barcode text must look like (01)…(10)…; error at character {{position}}.',
  GS1_DL_SYNTAX: 'The GS1 Digital Link in the QR code cannot be read: {{detail}}',
  GS1_DL_NO_KEY: 'The link in the QR code has no GS1 key (for example /01/ and the product GTIN).',
  GS1_DL_ORDER: 'In the GS1 link, field ({{ai}}) is out of order or may not follow field ({{key}}).',
  GS1_DL_NOT_ATTRIBUTE: 'Field ({{ai}}) may not be placed after the "?" of a GS1 Digital Link.',
  GS1_PREFIX_LENGTH: 'The GS1 company prefix length ({{length}}) is wrong: it must be 6 to 12 digits.',
};

registerMessages('vi', vi);
registerMessages('en', en);

/** The message for a GS1 error, in Vietnamese or English. */
export function gs1ErrorMessage(error: Gs1Error, lang: Lang = 'vi'): string {
  return errorMessage(error.code, error.params, lang);
}

const namesVi: Record<string, string> = {
  '00': 'Mã thùng/kiện (SSCC)',
  '01': 'Mã sản phẩm (GTIN)',
  '02': 'Mã sản phẩm bên trong (GTIN)',
  '10': 'Số lô',
  '11': 'Ngày sản xuất',
  '13': 'Ngày đóng gói',
  '15': 'Sử dụng tốt nhất trước',
  '16': 'Hạn bán',
  '17': 'Hạn sử dụng',
  '21': 'Số sê-ri',
  '30': 'Số lượng',
  '37': 'Số đơn vị trong thùng',
  '400': 'Số đơn đặt hàng',
  '414': 'Mã địa điểm (GLN)',
  '416': 'Mã nơi sản xuất (GLN)',
  '422': 'Nước xuất xứ',
  '7007': 'Ngày thu hoạch',
};
const namesEn: Record<string, string> = {
  '00': 'Carton/pallet code (SSCC)',
  '01': 'Product code (GTIN)',
  '02': 'Contained product (GTIN)',
  '10': 'Lot',
  '11': 'Production date',
  '13': 'Packaging date',
  '15': 'Best before',
  '16': 'Sell by',
  '17': 'Expiry date',
  '21': 'Serial number',
  '30': 'Quantity',
  '37': 'Units in the carton',
  '400': 'Order number',
  '414': 'Location (GLN)',
  '416': 'Production location (GLN)',
  '422': 'Country of origin',
  '7007': 'Harvest date',
};

/** A short name for an AI ("Hạn sử dụng" for 17); the GS1 dictionary title for the rarer ones. */
export function aiName(ai: string, lang: Lang = 'vi'): string {
  const names = lang === 'en' ? namesEn : namesVi;
  if (names[ai]) return names[ai];
  if (/^310\d$/.test(ai)) return lang === 'en' ? 'Net weight (kg)' : 'Khối lượng tịnh (kg)';
  return aiEntry(ai)?.title ?? ai;
}
