// Error messages and field names in Vietnamese (default) and English. Plain words a shop owner
// understands: say what is wrong and what to do. Placeholders use i18next's {{name}} syntax so the
// renderer's i18next instance can use the same dictionaries.
import { actionWords, roleListWords } from './roles';

export type Lang = 'vi' | 'en';
export const LANGS: Lang[] = ['vi', 'en'];

type Dict = Record<string, string>;

export const errorsVi: Dict = {
  VALIDATION: 'Dữ liệu chưa đúng.',
  BAD_REQUEST: 'Yêu cầu không hợp lệ.',
  UNKNOWN_METHOD: 'Không có chức năng "{{method}}".',
  NOT_FOUND: 'Không tìm thấy {{entity}} (mã {{id}}).',
  UNAUTHORIZED: 'Chưa đăng nhập hoặc mã truy cập (token) không đúng.',
  FORBIDDEN: 'Bạn không có quyền làm việc này.',
  FOREIGN_ORIGIN: 'Yêu cầu đến từ trang web khác nên bị từ chối.',
  METHOD_NOT_IN_APP:
    'Việc này không làm được từ màn hình của phần mềm. Nếu thật cần, hãy nhờ người quản lý máy chạy lệnh nguongoc trên máy tính này.',
  PAYLOAD_TOO_LARGE: 'Dữ liệu gửi lên quá lớn.',
  INTERNAL: 'Có lỗi bất ngờ trong phần mềm. Dữ liệu chưa bị thay đổi. Chi tiết: {{detail}}',
  DB_NOT_SQLITE: 'Tệp "{{path}}" không phải là cơ sở dữ liệu của Nguồn Gốc (không phải tệp SQLite).',
  DB_NOT_OURS: 'Tệp "{{path}}" là cơ sở dữ liệu của một phần mềm khác, không mở được.',
  DB_TOO_NEW:
    'Dữ liệu này được tạo bởi phiên bản Nguồn Gốc mới hơn (phiên bản dữ liệu {{found}}, phần mềm này hiểu đến {{supported}}). Hãy cập nhật phần mềm.',
  DB_CORRUPT: 'Cơ sở dữ liệu bị hỏng: {{detail}}',
  DB_OPEN_FAILED: 'Không mở được cơ sở dữ liệu "{{path}}": {{detail}}',
  DUPLICATE: 'Đã có {{entity}} với {{field}} "{{value}}".',
  ARCHIVED: '{{entity}} này đã lưu trữ. Bấm "Dùng lại" ở danh sách để dùng tiếp.',
  // field-level codes
  REQUIRED: 'Không được để trống.',
  TOO_LONG: 'Dài quá, tối đa {{max}} ký tự.',
  TOO_SHORT: 'Ngắn quá, tối thiểu {{min}} ký tự.',
  TOO_SMALL: 'Phải từ {{min}} trở lên.',
  TOO_BIG: 'Phải không quá {{max}}.',
  INVALID_TYPE: 'Kiểu dữ liệu không đúng (cần {{expected}}).',
  INVALID_CHOICE: 'Giá trị không nằm trong danh sách cho phép.',
  UNKNOWN_FIELD: 'Trường "{{key}}" không được hỗ trợ.',
  INVALID: 'Giá trị không hợp lệ.',
  NOT_INTEGER: 'Phải là số nguyên.',
  TOO_MANY_DECIMALS: 'Tối đa 3 chữ số sau dấu phẩy.',
  NOT_POSITIVE: 'Phải lớn hơn 0.',
  NEGATIVE: 'Không được âm.',
  GTIN_FORMAT: 'Mã GTIN phải gồm 8, 12, 13 hoặc 14 chữ số.',
  GTIN_CHECK_DIGIT: 'Số kiểm tra của mã GTIN sai (số cuối phải là {{expected}}). Hãy xem lại mã vạch trên bao bì.',
  GLN_FORMAT: 'Mã địa điểm GLN phải gồm đúng 13 chữ số.',
  GLN_CHECK_DIGIT: 'Số kiểm tra của mã GLN sai (số cuối phải là {{expected}}).',
  GS1_PREFIX_FORMAT: 'Mã doanh nghiệp GS1 phải gồm 6 đến 12 chữ số.',
  TAX_CODE_FORMAT:
    'Mã số thuế phải gồm 10 chữ số, hoặc 10 chữ số - 3 chữ số (chi nhánh), ví dụ 0312345673 hoặc 0312345673-001.',
  TAX_CODE_CHECK_DIGIT:
    'Mã số thuế sai số kiểm tra (chữ số thứ 10 phải là {{expected}}). Hãy xem lại giấy phép kinh doanh.',
  EMAIL_FORMAT: 'Địa chỉ email không đúng dạng (ví dụ: ten@congty.vn).',
  PHONE_FORMAT: 'Số điện thoại không đúng dạng (ví dụ: 0912 345 678).',
  IMAGE_FORMAT: 'Ảnh phải là tệp PNG, JPEG hoặc WEBP.',
  TRACE_ADDRESS_FORMAT: 'Địa chỉ trang truy xuất phải là một địa chỉ web, ví dụ https://truyxuat.congty.vn.',
  IMAGE_TOO_LARGE: 'Ảnh lớn quá, tối đa {{max}} KB.',
  PACK_SIZE_REQUIRED: 'Đơn vị đếm (hộp, thùng…) cần ghi số lượng trong một gói.',
  LOT_PATTERN: 'Mẫu mã lô chỉ được dùng chữ, số, dấu - và các ô {CODE} {YYMMDD} {YYYYMMDD} {SEQ}.',
  DATE_FORMAT: 'Ngày không đúng dạng (năm-tháng-ngày, ví dụ 2026-11-29).',
};

export const errorsEn: Dict = {
  VALIDATION: 'Some data is not right.',
  BAD_REQUEST: 'The request is not valid.',
  UNKNOWN_METHOD: 'There is no function "{{method}}".',
  NOT_FOUND: '{{entity}} not found (id {{id}}).',
  UNAUTHORIZED: 'Not signed in, or the access token is wrong.',
  FORBIDDEN: 'You are not allowed to do this.',
  FOREIGN_ORIGIN: 'The request comes from another web site and was refused.',
  METHOD_NOT_IN_APP:
    'This cannot be done from the app screens. If it is really needed, ask whoever looks after this PC to run the nguongoc command on it.',
  PAYLOAD_TOO_LARGE: 'The data sent is too large.',
  INTERNAL: 'Something unexpected went wrong. Nothing was changed. Detail: {{detail}}',
  DB_NOT_SQLITE: 'The file "{{path}}" is not a Nguồn Gốc database (not an SQLite file).',
  DB_NOT_OURS: 'The file "{{path}}" belongs to another program and cannot be opened.',
  DB_TOO_NEW:
    'This data was made by a newer version of Nguồn Gốc (data version {{found}}, this program knows up to {{supported}}). Please update the program.',
  DB_CORRUPT: 'The database is damaged: {{detail}}',
  DB_OPEN_FAILED: 'Could not open the database "{{path}}": {{detail}}',
  DUPLICATE: 'There is already a {{entity}} with {{field}} "{{value}}".',
  ARCHIVED: 'This {{entity}} is archived.',
  REQUIRED: 'This cannot be empty.',
  TOO_LONG: 'Too long, at most {{max}} characters.',
  TOO_SHORT: 'Too short, at least {{min}} characters.',
  TOO_SMALL: 'Must be {{min}} or more.',
  TOO_BIG: 'Must be at most {{max}}.',
  INVALID_TYPE: 'Wrong type of data (expected {{expected}}).',
  INVALID_CHOICE: 'The value is not one of the allowed choices.',
  UNKNOWN_FIELD: 'The field "{{key}}" is not supported.',
  INVALID: 'The value is not valid.',
  NOT_INTEGER: 'Must be a whole number.',
  TOO_MANY_DECIMALS: 'At most 3 digits after the decimal point.',
  NOT_POSITIVE: 'Must be greater than 0.',
  NEGATIVE: 'Cannot be negative.',
  GTIN_FORMAT: 'A GTIN has 8, 12, 13 or 14 digits.',
  GTIN_CHECK_DIGIT:
    'The GTIN check digit is wrong (the last digit should be {{expected}}). Check the barcode on the pack.',
  GLN_FORMAT: 'A GLN has exactly 13 digits.',
  GLN_CHECK_DIGIT: 'The GLN check digit is wrong (the last digit should be {{expected}}).',
  GS1_PREFIX_FORMAT: 'A GS1 company prefix has 6 to 12 digits.',
  TAX_CODE_FORMAT: 'A tax code has 10 digits, or 10 digits - 3 digits for a branch, e.g. 0312345673 or 0312345673-001.',
  TAX_CODE_CHECK_DIGIT: 'The tax code check digit is wrong (the 10th digit should be {{expected}}).',
  EMAIL_FORMAT: 'The email address is not valid (e.g. name@company.vn).',
  PHONE_FORMAT: 'The phone number is not valid (e.g. 0912 345 678).',
  IMAGE_FORMAT: 'The image must be a PNG, JPEG or WEBP file.',
  TRACE_ADDRESS_FORMAT: 'The trace address must be a web address, e.g. https://trace.company.vn.',
  IMAGE_TOO_LARGE: 'The image is too large, at most {{max}} KB.',
  PACK_SIZE_REQUIRED: 'Count units (box, carton…) need the quantity in one pack.',
  LOT_PATTERN: 'A lot-code pattern may use letters, digits, - and the fields {CODE} {YYMMDD} {YYYYMMDD} {SEQ}.',
  DATE_FORMAT: 'The date is not valid (year-month-day, e.g. 2026-11-29).',
};

/** Field names, used in one-line error messages (CLI, HTTP) and as form labels. */
export const fieldsVi: Dict = {
  name: 'Tên',
  taxCode: 'Mã số thuế',
  address: 'Địa chỉ',
  province: 'Tỉnh/thành phố',
  ward: 'Phường/xã',
  phone: 'Điện thoại',
  email: 'Email',
  gln: 'Mã địa điểm GLN',
  gs1CompanyPrefix: 'Mã doanh nghiệp GS1',
  logo: 'Logo',
  kind: 'Loại',
  code: 'Mã nội bộ',
  gtin: 'Mã GTIN (mã vạch)',
  unit: 'Đơn vị tính',
  packSize: 'Số lượng mỗi gói',
  packUnit: 'Đơn vị trong gói',
  declarationNo: 'Số tự công bố',
  digitalLinkDomain: 'Địa chỉ trang truy xuất (mã QR)',
  netQuantity: 'Định lượng',
  shelfLifeDays: 'Hạn dùng (số ngày)',
  ingredients: 'Thành phần',
  storage: 'Bảo quản',
  usage: 'Hướng dẫn sử dụng',
  warnings: 'Cảnh báo',
  brand: 'Nhãn hiệu',
  standard: 'Tiêu chuẩn áp dụng',
  origin: 'Xuất xứ',
  image: 'Ảnh sản phẩm',
  lotPattern: 'Mẫu mã lô',
  contactPerson: 'Người liên hệ',
  roles: 'Vai trò',
  id: 'Mã',
  note: 'Ghi chú',
  language: 'Ngôn ngữ',
};

export const fieldsEn: Dict = {
  name: 'Name',
  taxCode: 'Tax code',
  address: 'Address',
  province: 'Province/city',
  ward: 'Ward/commune',
  phone: 'Phone',
  email: 'Email',
  gln: 'Location GLN',
  gs1CompanyPrefix: 'GS1 company prefix',
  logo: 'Logo',
  kind: 'Kind',
  code: 'Internal code',
  gtin: 'GTIN (barcode)',
  unit: 'Unit',
  packSize: 'Quantity per pack',
  packUnit: 'Unit inside the pack',
  declarationNo: 'Declaration number',
  digitalLinkDomain: 'Trace address (QR codes)',
  netQuantity: 'Net quantity',
  shelfLifeDays: 'Shelf life (days)',
  ingredients: 'Ingredients',
  storage: 'Storage',
  usage: 'Instructions for use',
  warnings: 'Warnings',
  brand: 'Brand',
  standard: 'Applied standard',
  origin: 'Origin',
  image: 'Product image',
  lotPattern: 'Lot-code pattern',
  contactPerson: 'Contact person',
  roles: 'Roles',
  id: 'Id',
  note: 'Note',
  language: 'Language',
};

/** Entity names used in NOT_FOUND / DUPLICATE messages. */
export const entitiesVi: Dict = {
  business: 'thông tin doanh nghiệp',
  location: 'địa điểm',
  product: 'sản phẩm',
  partner: 'đối tác',
};
export const entitiesEn: Dict = {
  business: 'business profile',
  location: 'location',
  product: 'product',
  partner: 'partner',
};

const dicts: Record<Lang, { errors: Dict; fields: Dict; entities: Dict }> = {
  vi: { errors: errorsVi, fields: fieldsVi, entities: entitiesVi },
  en: { errors: errorsEn, fields: fieldsEn, entities: entitiesEn },
};

/**
 * Extra dictionaries registered by feature modules (lots, labels, sync…) so each keeps its own words.
 * A word already defined is kept: a feature cannot change what another feature's code or field says.
 */
export function registerMessages(lang: Lang, errors: Dict, fields: Dict = {}, entities: Dict = {}): void {
  const addNew = (target: Dict, extra: Dict) => {
    for (const [k, v] of Object.entries(extra)) if (!(k in target)) target[k] = v;
  };
  addNew(dicts[lang].errors, errors);
  addNew(dicts[lang].fields, fields);
  addNew(dicts[lang].entities, entities);
}

export function interpolate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) =>
    params[k] === undefined ? `{{${k}}}` : String(params[k]),
  );
}

/**
 * The message for an error code in a language. `FIELD.x` codes look up field names.
 * Entity params are translated so services can pass `entity: 'product'`.
 */
export function errorMessage(
  code: string,
  params: Record<string, string | number>,
  lang: Lang,
  fallback?: string,
): string {
  const d = dicts[lang] ?? dicts.vi;
  if (code.startsWith('FIELD.')) return d.fields[code.slice(6)] ?? fallback ?? code.slice(6);
  const p = { ...params };
  if (typeof p.entity === 'string') p.entity = d.entities[p.entity] ?? p.entity;
  if (typeof p.field === 'string') p.field = d.fields[p.field] ?? p.field;
  // Refusals carry the method and role codes; people read what was refused and who may do it.
  if (typeof p.action === 'string') p.action = actionWords(p.action, lang);
  if (typeof p.roles === 'string') p.roles = roleListWords(p.roles, lang);
  if (typeof p.role === 'string') p.role = roleListWords(p.role, lang);
  const template = d.errors[code] ?? dicts.vi.errors[code] ?? fallback ?? code;
  return interpolate(template, p);
}

export function fieldName(key: string, lang: Lang): string {
  return dicts[lang].fields[key] ?? key;
}

export function parseLang(v: unknown): Lang {
  return typeof v === 'string' && v.toLowerCase().startsWith('en') ? 'en' : 'vi';
}
