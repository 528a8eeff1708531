// Words of trace, recall, drills and completeness: error messages (registered with the core's
// dictionaries) and the labels used by the exported files (XLSX, CSV, PDF) and the screens.
import { interpolate, registerMessages, type Lang } from './messages';

registerMessages(
  'vi',
  {
    TRACE_NO_LOTS: 'Hãy nhập ít nhất một mã lô để truy xuất.',
    LOT_NOT_FOUND_CODE: 'Không tìm thấy lô "{{code}}".{{hint}}',
    LOT_CODE_AMBIGUOUS:
      'Mã lô "{{code}}" có ở nhiều sản phẩm: {{choices}}. Hãy ghi rõ theo dạng MÃ-SẢN-PHẨM/MÃ-LÔ, ví dụ "{{example}}".',
    RECALL_LIFTED: 'Đợt thu hồi {{ref}} đã kết thúc (đã gỡ phong tỏa), không thay đổi được nữa.',
    RECALL_NOT_HELD: 'Đợt thu hồi {{ref}} chưa phong tỏa lô nào nên không có gì để gỡ.',
    RECALL_REF_TAKEN: 'Số quyết định thu hồi "{{ref}}" đã dùng cho một đợt khác.',
    DRILL_CONFIRMED: 'Buổi diễn tập này đã chốt phạm vi lúc {{at}}.',
    TRACE_TOO_LARGE: 'Kết quả quá lớn (hơn {{max}} lô). Hãy truy xuất từng lô nhỏ hơn.',
  },
  {},
  { recall: 'đợt thu hồi', drill: 'buổi diễn tập thu hồi' },
);
registerMessages(
  'en',
  {
    TRACE_NO_LOTS: 'Enter at least one lot code to trace.',
    LOT_NOT_FOUND_CODE: 'No lot "{{code}}".{{hint}}',
    LOT_CODE_AMBIGUOUS:
      'The lot code "{{code}}" is used by several products: {{choices}}. Write it as PRODUCT-CODE/LOT-CODE, e.g. "{{example}}".',
    RECALL_LIFTED: 'Recall {{ref}} is over (the hold was lifted) and cannot change any more.',
    RECALL_NOT_HELD: 'Recall {{ref}} has not put any lot on hold, so there is nothing to lift.',
    RECALL_REF_TAKEN: 'The recall reference "{{ref}}" is already used by another recall.',
    DRILL_CONFIRMED: 'This drill was already confirmed at {{at}}.',
    TRACE_TOO_LARGE: 'The result is too large (more than {{max}} lots). Trace smaller lots one by one.',
  },
  {},
  { recall: 'recall', drill: 'recall drill' },
);

/** "Did you mean …" appended to LOT_NOT_FOUND_CODE. */
export function suggestionHint(specs: string[], lang: Lang): string {
  if (!specs.length) return lang === 'vi' ? ' Hãy kiểm tra lại mã trên tem.' : ' Check the code on the label.';
  return lang === 'vi' ? ` Có phải: ${specs.join(', ')}?` : ` Did you mean: ${specs.join(', ')}?`;
}

const vi = {
  traceTitle: 'Truy xuất nguồn gốc',
  recallTitle: 'Hồ sơ thu hồi',
  drillTitle: 'Diễn tập thu hồi',
  direction_back: 'Truy xuất ngược (nguồn gốc)',
  direction_forward: 'Truy xuất xuôi (đi đâu)',
  direction_both: 'Truy xuất hai chiều',
  group: 'Nhóm',
  side_root: 'Lô gốc',
  side_back: 'Nguyên liệu',
  side_forward: 'Thành phẩm',
  level: 'Cấp',
  product: 'Sản phẩm',
  productCode: 'Mã SP',
  lot: 'Lô',
  lotCode: 'Mã lô',
  supplierLot: 'Lô NCC',
  supplier: 'Nhà cung cấp',
  customer: 'Khách hàng',
  qty: 'Số lượng',
  unit: 'ĐVT',
  date: 'Ngày',
  batch: 'Mẻ SX',
  madeFrom: 'Làm từ',
  usedIn: 'Dùng cho',
  receivedFrom: 'Nhập từ',
  shippedTo: 'Xuất cho',
  transferTo: 'Chuyển kho đến',
  openingStock: 'Tồn đầu kỳ',
  balance: 'Tồn',
  status: 'Trạng thái',
  production: 'Ngày SX',
  expiry: 'Hạn dùng',
  document: 'Chứng từ',
  location: 'Địa điểm',
  phone: 'Điện thoại',
  email: 'Email',
  address: 'Địa chỉ',
  contact: 'Người liên hệ',
  generated: 'Lập lúc {{at}} bởi {{user}}',
  page: 'Trang {{n}}/{{total}}',
  lots: 'Lô',
  links: 'Liên kết',
  customers: 'Khách hàng',
  partners: 'Đối tác',
  shipments: 'Xuất hàng',
  receipts: 'Nhập hàng',
  ref: 'Số thu hồi',
  reason: 'Lý do',
  startedAt: 'Bắt đầu',
  step_hold: 'Phong tỏa các lô',
  step_isolate: 'Cách ly hàng tồn',
  step_contact: 'Liên hệ khách hàng',
  step_export: 'Xuất hồ sơ',
  elapsed: 'Thời gian thực hiện',
  openStock: 'Hàng còn tồn có thể chặn',
  affectedLots: 'Lô bị ảnh hưởng',
  summary: 'Tóm tắt',
  truncated: 'Kết quả bị cắt bớt (quá {{max}} lô).',
  notDone: 'chưa làm',
  status_available: 'Dùng được',
  status_on_hold: 'Phong tỏa',
  status_quarantined: 'Cách ly',
  status_rejected: 'Loại bỏ',
  status_recalled: 'Thu hồi',
  status_destroyed: 'Đã hủy',
  check_batchInputs: 'Mẻ sản xuất ghi đủ lô nguyên liệu',
  check_outputQty: 'Lô thành phẩm có số lượng',
  check_shipmentLots: 'Phiếu xuất có khách hàng và lô',
  check_receiptSupplier: 'Lô nhập có nhà cung cấp và mã lô NCC',
  gap_batchInputs: 'Mẻ {{label}} không ghi lô nguyên liệu nào',
  gap_outputQty: 'Lô {{label}} của mẻ sản xuất không có số lượng',
  gap_shipmentLots: 'Phiếu xuất {{label}} thiếu khách hàng hoặc lô',
  gap_receiptSupplier: 'Lô nhập {{label}} thiếu nhà cung cấp hoặc mã lô của nhà cung cấp',
};
type Words = typeof vi;
const en: Words = {
  traceTitle: 'Traceability report',
  recallTitle: 'Recall record',
  drillTitle: 'Recall drill',
  direction_back: 'Backward trace (where it came from)',
  direction_forward: 'Forward trace (where it went)',
  direction_both: 'Trace both ways',
  group: 'Group',
  side_root: 'Traced lot',
  side_back: 'Input',
  side_forward: 'Output',
  level: 'Level',
  product: 'Product',
  productCode: 'Product code',
  lot: 'Lot',
  lotCode: 'Lot code',
  supplierLot: 'Supplier lot',
  supplier: 'Supplier',
  customer: 'Customer',
  qty: 'Quantity',
  unit: 'Unit',
  date: 'Date',
  batch: 'Batch',
  madeFrom: 'Made from',
  usedIn: 'Used in',
  receivedFrom: 'Received from',
  shippedTo: 'Shipped to',
  transferTo: 'Transferred to',
  openingStock: 'Opening stock',
  balance: 'On hand',
  status: 'Status',
  production: 'Produced',
  expiry: 'Expiry',
  document: 'Document',
  location: 'Location',
  phone: 'Phone',
  email: 'Email',
  address: 'Address',
  contact: 'Contact person',
  generated: 'Generated at {{at}} by {{user}}',
  page: 'Page {{n}}/{{total}}',
  lots: 'Lots',
  links: 'Links',
  customers: 'Customers',
  partners: 'Partners',
  shipments: 'Shipments',
  receipts: 'Receipts',
  ref: 'Recall ref',
  reason: 'Reason',
  startedAt: 'Started',
  step_hold: 'Put lots on hold',
  step_isolate: 'Isolate stock',
  step_contact: 'Contact customers',
  step_export: 'Export the record',
  elapsed: 'Time taken',
  openStock: 'Stock on hand that can still be stopped',
  affectedLots: 'Affected lots',
  summary: 'Summary',
  truncated: 'The result was cut (more than {{max}} lots).',
  notDone: 'not done',
  status_available: 'Available',
  status_on_hold: 'On hold',
  status_quarantined: 'Quarantined',
  status_rejected: 'Rejected',
  status_recalled: 'Recalled',
  status_destroyed: 'Destroyed',
  check_batchInputs: 'Batches record their input lots',
  check_outputQty: 'Output lots have a quantity',
  check_shipmentLots: 'Shipments have a customer and lots',
  check_receiptSupplier: 'Received lots have a supplier and supplier lot code',
  gap_batchInputs: 'Batch {{label}} records no input lot',
  gap_outputQty: 'Lot {{label}} of a batch has no quantity',
  gap_shipmentLots: 'Shipment {{label}} lacks a customer or lots',
  gap_receiptSupplier: 'Received lot {{label}} lacks a supplier or the supplier lot code',
};

export const traceWords: Record<Lang, Words> = { vi, en };
export type TraceWord = keyof Words;

/** A label of the trace/recall words, with {{placeholders}} filled. */
export function tw(lang: Lang, key: TraceWord, params: Record<string, string | number> = {}): string {
  return interpolate((traceWords[lang] ?? vi)[key], params);
}

/** Milliseconds as people read them: "3 phút 12 giây" / "3 min 12 s". */
export function formatDuration(ms: number, lang: Lang): string {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const parts =
    lang === 'vi' ? [h && `${h} giờ`, m && `${m} phút`, `${sec} giây`] : [h && `${h} h`, m && `${m} min`, `${sec} s`];
  return parts.filter(Boolean).join(' ');
}
