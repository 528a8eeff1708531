// Roles and refused actions in words, for refusals ("Chỉ chủ cơ sở mới được sửa thông tin cơ sở").
// Kept apart from messages.ts (which imports it) so the renderer can use the same words for the
// reasons beside disabled buttons, and one term per role is used everywhere.
import type { Lang } from './messages';

type Words = Record<string, string>;

/** Role names inside a sentence (lower case in Vietnamese, as they are read mid-sentence). */
export const ROLE_WORDS: Record<Lang, Words> = {
  vi: { owner: 'chủ cơ sở', staff: 'nhân viên', trainer: 'người đào tạo', auditor: 'người kiểm tra' },
  en: { owner: 'the owner', staff: 'staff', trainer: 'a trainer', auditor: 'an auditor' },
};

const ACTIONS_VI: Words = {
  'audit.export': 'xuất nhật ký hoạt động',
  'audit.facets': 'xem nhật ký hoạt động',
  'audit.list': 'xem nhật ký hoạt động',
  'backup.check': 'kiểm tra bản sao lưu',
  'backup.create': 'sao lưu dữ liệu',
  'backup.download': 'tải bản sao lưu về',
  'backup.list': 'xem các bản sao lưu',
  'backup.restore': 'khôi phục dữ liệu từ bản sao lưu',
  'backup.upload': 'đưa bản sao lưu vào máy',
  'batches.record': 'ghi mẻ sản xuất',
  'business.update': 'sửa thông tin cơ sở',
  'drill.confirm': 'xác nhận diễn tập thu hồi',
  'drill.start': 'bắt đầu diễn tập thu hồi',
  'events.correct': 'sửa một bản ghi',
  'events.reverse': 'huỷ một bản ghi',
  'imports.commit': 'nhập dữ liệu từ Excel',
  'imports.preview': 'nhập dữ liệu từ Excel',
  'labels.allocateSscc': 'cấp số SSCC cho thùng hàng',
  'labels.archiveTemplate': 'ngừng dùng mẫu tem',
  'labels.checkLot': 'làm tem cho một lô',
  'labels.saveTemplate': 'thiết kế mẫu tem',
  'labels.updateSettings': 'đổi cài đặt tem nhãn',
  'locations.archive': 'ngừng dùng địa điểm',
  'locations.create': 'thêm địa điểm',
  'locations.restore': 'dùng lại địa điểm',
  'locations.update': 'sửa địa điểm',
  'lots.createOpening': 'ghi tồn kho đầu kỳ',
  'lots.setStatus': 'đổi trạng thái lô',
  'partners.archive': 'ngừng dùng đối tác',
  'partners.create': 'thêm đối tác',
  'partners.restore': 'dùng lại đối tác',
  'partners.update': 'sửa đối tác',
  'print.cancel': 'huỷ lệnh in',
  'print.retry': 'in lại',
  'print.slip': 'in phiếu giao hàng',
  'print.slipPreview': 'xem phiếu giao hàng',
  'print.submit': 'in tem',
  'print.test': 'in thử',
  'printers.archive': 'ngừng dùng máy in',
  'printers.save': 'cài đặt máy in',
  'products.archive': 'ngừng dùng sản phẩm',
  'products.create': 'thêm sản phẩm',
  'products.restore': 'dùng lại sản phẩm',
  'products.update': 'sửa sản phẩm',
  'publish.run': 'đăng trang truy xuất',
  'publish.updateSettings': 'đổi cài đặt trang truy xuất',
  'recall.check': 'đánh dấu đã liên hệ khách hàng khi thu hồi',
  'recall.export': 'xuất danh sách thu hồi',
  'recall.hold': 'tạm giữ lô',
  'recall.lift': 'bỏ tạm giữ lô',
  'recall.start': 'bắt đầu thu hồi',
  'receipts.create': 'ghi phiếu nhập hàng',
  'recipes.archive': 'ngừng dùng công thức',
  'recipes.create': 'thêm công thức',
  'recipes.restore': 'dùng lại công thức',
  'recipes.update': 'sửa công thức',
  'settings.update': 'đổi cài đặt',
  'shipments.create': 'ghi phiếu xuất hàng',
  'stock.rebuild': 'tính lại tồn kho',
  'sync.retryRejected': 'gửi lại bản ghi bị cổng từ chối',
  'sync.run': 'đồng bộ lên cổng truy xuất',
  'sync.settings.save': 'đổi cài đặt cổng truy xuất',
  'users.create': 'thêm người dùng',
  'users.list': 'quản lý người dùng',
  'users.newRecoveryCode': 'tạo mã khôi phục mới',
  'users.setPin': 'đặt mã PIN cho người khác',
  'users.update': 'sửa người dùng',
  'workshop.reset': 'làm lại dữ liệu đào tạo',
  'workshop.tick': 'đánh dấu bước đào tạo',
};

const ACTIONS_EN: Words = {
  'audit.export': 'export the activity log',
  'audit.facets': 'see the activity log',
  'audit.list': 'see the activity log',
  'backup.check': 'check a backup',
  'backup.create': 'back up the data',
  'backup.download': 'download a backup',
  'backup.list': 'see the backups',
  'backup.restore': 'restore data from a backup',
  'backup.upload': 'bring in a backup',
  'batches.record': 'record a batch',
  'business.update': 'change the business profile',
  'drill.confirm': 'confirm a recall drill',
  'drill.start': 'start a recall drill',
  'events.correct': 'correct a record',
  'events.reverse': 'cancel a record',
  'imports.commit': 'import data from Excel',
  'imports.preview': 'import data from Excel',
  'labels.allocateSscc': 'allocate a carton SSCC',
  'labels.archiveTemplate': 'archive a label template',
  'labels.checkLot': 'make labels for a lot',
  'labels.saveTemplate': 'design label templates',
  'labels.updateSettings': 'change the label settings',
  'locations.archive': 'archive a location',
  'locations.create': 'add a location',
  'locations.restore': 'restore a location',
  'locations.update': 'change a location',
  'lots.createOpening': 'record opening stock',
  'lots.setStatus': 'change the status of a lot',
  'partners.archive': 'archive a partner',
  'partners.create': 'add a partner',
  'partners.restore': 'restore a partner',
  'partners.update': 'change a partner',
  'print.cancel': 'cancel a print job',
  'print.retry': 'print again',
  'print.slip': 'print a delivery slip',
  'print.slipPreview': 'preview a delivery slip',
  'print.submit': 'print labels',
  'print.test': 'print a test page',
  'printers.archive': 'archive a printer',
  'printers.save': 'set up printers',
  'products.archive': 'archive a product',
  'products.create': 'add a product',
  'products.restore': 'restore a product',
  'products.update': 'change a product',
  'publish.run': 'publish the trace pages',
  'publish.updateSettings': 'change the trace page settings',
  'recall.check': 'tick off customers in a recall',
  'recall.export': 'export the recall list',
  'recall.hold': 'put a lot on hold',
  'recall.lift': 'lift a hold',
  'recall.start': 'start a recall',
  'receipts.create': 'record a receipt',
  'recipes.archive': 'archive a recipe',
  'recipes.create': 'add a recipe',
  'recipes.restore': 'restore a recipe',
  'recipes.update': 'change a recipe',
  'settings.update': 'change the settings',
  'shipments.create': 'record a shipment',
  'stock.rebuild': 'recount the stock',
  'sync.retryRejected': 'resend records the portal refused',
  'sync.run': 'sync with the portal',
  'sync.settings.save': 'change the portal settings',
  'users.create': 'add users',
  'users.list': 'manage users',
  'users.newRecoveryCode': 'make a new recovery code',
  'users.setPin': "set another user's PIN",
  'users.update': 'change users',
  'workshop.reset': 'reset the training data',
  'workshop.tick': 'tick off a training step',
};

export const ACTION_WORDS: Record<Lang, Words> = { vi: ACTIONS_VI, en: ACTIONS_EN };

/** What a method does, in words ("sửa thông tin cơ sở"); a generic phrase for one not listed. */
export function actionWords(method: string, lang: Lang): string {
  return ACTION_WORDS[lang][method] ?? (lang === 'en' ? 'do this' : 'làm việc này');
}

/** "chủ cơ sở hoặc nhân viên" from "owner,staff". */
export function roleListWords(roles: string, lang: Lang): string {
  const words = roles
    .split(',')
    .filter(Boolean)
    .map((r) => ROLE_WORDS[lang][r] ?? r);
  if (words.length <= 1) return words.join('');
  const or = lang === 'en' ? ' or ' : ' hoặc ';
  return `${words.slice(0, -1).join(', ')}${or}${words[words.length - 1]}`;
}
