// The audit log in words: what was done ("Sửa sản phẩm", "In tem") and what changed, field by field
// ("Tên: Hạt điều → Hạt điều rang"), for the audit screen and its exports. Secrets are already replaced
// by forAudit before they are stored; this only chooses words for codes and keys.
import { fieldName, type Lang } from './messages';
import { ACTION_WORDS, roleListWords } from './roles';
import { STATE_WORDS } from './records';
import { unitLabel } from '../domain/units';

type Words = Record<string, string>;

/** Actions that are not a method name, written by services with an entity beside them. */
const VERBS: Record<Lang, Words> = {
  vi: {
    create: 'Thêm',
    update: 'Sửa',
    archive: 'Ngừng dùng',
    restore: 'Dùng lại',
    logout: 'Đăng xuất',
    login: 'Đăng nhập',
    'login.failed': 'Nhập sai mã PIN',
    'pin.change': 'Đổi mã PIN của mình',
    'pin.reset': 'Đặt lại mã PIN',
    'recovery.new': 'Tạo mã khôi phục mới',
    'lots.override': 'Dùng lô đang bị chặn, có lý do',
  },
  en: {
    create: 'Add',
    update: 'Change',
    archive: 'Archive',
    restore: 'Restore',
    logout: 'Sign out',
    login: 'Sign in',
    'login.failed': 'Wrong PIN typed',
    'pin.change': 'Change own PIN',
    'pin.reset': 'Reset a PIN',
    'recovery.new': 'Make a new recovery code',
    'lots.override': 'Use a blocked lot, with a reason',
  },
};

const ENTITIES: Record<Lang, Words> = {
  vi: {
    business: 'thông tin cơ sở',
    location: 'địa điểm',
    product: 'sản phẩm',
    partner: 'đối tác',
    user: 'người dùng',
    recipe: 'công thức',
    label_template: 'mẫu tem',
    printer: 'máy in',
    settings: 'cài đặt',
    lot: 'lô',
  },
  en: {
    business: 'business profile',
    location: 'location',
    product: 'product',
    partner: 'partner',
    user: 'user',
    recipe: 'recipe',
    label_template: 'label template',
    printer: 'printer',
    settings: 'setting',
    lot: 'lot',
  },
};

/** Methods the core audits that are not refusable (so not in ACTION_WORDS): reads that hand data out. */
const MORE_ACTIONS: Record<Lang, Words> = {
  vi: {
    'export.circular': 'xuất sổ theo Thông tư 02',
    'export.download': 'tải tệp xuất về',
    'export.start': 'xuất dữ liệu',
    'trace.export': 'xuất kết quả truy xuất',
    'print.job': 'xem một lệnh in',
    'print.jobs': 'xem các lệnh in',
    'printers.installed': 'xem các máy in đã cài trong Windows',
    'printers.list': 'xem danh sách máy in',
    'users.setup': 'đặt chủ cơ sở',
    'users.logout': 'đăng xuất',
    'users.changePin': 'đổi mã PIN của mình',
  },
  en: {
    'export.circular': 'export the Circular 02 book',
    'export.download': 'download an export',
    'export.start': 'export data',
    'trace.export': 'export a trace',
    'print.job': 'look at a print job',
    'print.jobs': 'look at the print jobs',
    'printers.installed': 'look at the printers installed in Windows',
    'printers.list': 'look at the printer list',
    'users.setup': 'set up the owner',
    'users.logout': 'sign out',
    'users.changePin': 'change own PIN',
  },
};

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The words of a method the core audits, or undefined when none are known. */
export function methodWords(method: string, lang: Lang): string | undefined {
  return ACTION_WORDS[lang][method] ?? MORE_ACTIONS[lang][method];
}

/** "Sửa sản phẩm", "In tem", "Ghi phiếu xuất hàng (vượt quy tắc, có lý do)". */
export function entityWords(entity: string, lang: Lang): string {
  return capital(ENTITIES[lang][entity] ?? methodWords(`${entity}.list`, lang) ?? '');
}

export function auditActionWords(action: string, entity: string, lang: Lang): string {
  const override = / \(override\)$/.test(action);
  const base = action.replace(/ \(override\)$/, '');
  const verb = VERBS[lang][base];
  let words: string;
  if (verb) {
    const what = base.includes('.') ? '' : ENTITIES[lang][entity];
    words = what ? `${verb} ${what}` : verb;
  } else {
    words = capital(methodWords(base, lang) ?? (lang === 'en' ? 'Other action' : 'Việc khác'));
  }
  if (override) words += lang === 'en' ? ' (rule overridden, with a reason)' : ' (vượt quy tắc, có lý do)';
  return words;
}

/** Keys of audited records and inputs that are not form fields elsewhere. */
const KEYS: Record<Lang, Words> = {
  vi: {
    status: 'Trạng thái',
    reason: 'Lý do',
    lot: 'Lô',
    lotIds: 'Các lô',
    use: 'Việc dùng',
    user: 'Người dùng',
    disabled: 'Ngừng dùng',
    archived: 'Ngừng dùng',
    fileName: 'Tệp',
    productName: 'Sản phẩm',
    byProducts: 'Sản phẩm phụ',
    inputs: 'Nguyên liệu',
    current: 'Phiên bản',
    uri: 'Nơi in',
    printerId: 'Máy in',
    templateId: 'Mẫu tem',
    copies: 'Số tem',
    language: 'Ngôn ngữ',
    lines: 'Các dòng',
    quantity: 'Số lượng',
    date: 'Ngày',
    traceUri: 'Địa chỉ trang truy xuất',
    pin: 'Mã PIN',
    format: 'Định dạng',
    tolerancePct: 'Mức lệch cho phép (%)',
  },
  en: {
    status: 'Status',
    reason: 'Reason',
    lot: 'Lot',
    lotIds: 'Lots',
    use: 'Use',
    user: 'User',
    disabled: 'Disabled',
    archived: 'Archived',
    fileName: 'File',
    productName: 'Product',
    byProducts: 'By-products',
    inputs: 'Inputs',
    current: 'Version',
    uri: 'Prints to',
    printerId: 'Printer',
    templateId: 'Label template',
    copies: 'Labels',
    language: 'Language',
    lines: 'Lines',
    quantity: 'Quantity',
    date: 'Date',
    traceUri: 'Trace page address',
    pin: 'PIN',
    format: 'Format',
    tolerancePct: 'Allowed deviation (%)',
  },
};

/** Ids, times, pictures and copies of a name's code say nothing to a reader of the log. */
const SKIP =
  /^(id|createdAt|updatedAt|archivedAt|logo|image|base64|definition|host|search|productCode|productUnit|inputMode|toleranceDefault|versions|version)$|Id$/;

const KINDS: Record<Lang, Words> = {
  vi: {
    raw: 'nguyên liệu',
    intermediate: 'bán thành phẩm',
    finished: 'thành phẩm',
    packaging: 'bao bì',
    supplier: 'nhà cung cấp',
    customer: 'khách hàng',
    production: 'nơi sản xuất',
    warehouse: 'kho',
    shop: 'cửa hàng',
    farm: 'vùng trồng / trang trại',
  },
  en: {
    raw: 'raw material',
    intermediate: 'intermediate',
    finished: 'finished product',
    packaging: 'packaging',
    supplier: 'supplier',
    customer: 'customer',
    production: 'production site',
    warehouse: 'warehouse',
    shop: 'shop',
    farm: 'farm',
  },
};

/** Values that are codes, by the key they sit under: roles, units, kinds, lot states. */
function codeWords(key: string, v: string, lang: Lang): string {
  if (key === 'role' || (key === 'user' && v === 'owner')) return roleListWords(v, lang);
  if (/^(unit|batchUnit|packUnit)$/.test(key)) return unitLabel(v, lang);
  if (key === 'kind' || key === 'kinds') return KINDS[lang][v] ?? v;
  if (key === 'status' || key === 'state') return STATE_WORDS[lang][v] ?? v;
  return v;
}

function keyLabel(key: string, lang: Lang): string | null {
  const known = KEYS[lang][key] ?? fieldName(key, lang);
  return known === key ? null : known;
}

function valueText(v: unknown, lang: Lang, key = ''): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? (lang === 'en' ? 'yes' : 'có') : lang === 'en' ? 'no' : 'không';
  if (typeof v === 'string') return codeWords(key, v, lang);
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x !== 'object' || x === null)) return v.map((x) => valueText(x, lang, key)).join(', ');
    return lang === 'en' ? `${v.length} items` : `${v.length} mục`;
  }
  // Inside a nested record only what has a name is shown: a bare value there would be a code.
  const parts = Object.entries(v as Record<string, unknown>)
    .filter(([k]) => !SKIP.test(k) && keyLabel(k, lang) !== null)
    .map(([k, x]) => `${keyLabel(k, lang)}: ${valueText(x, lang, k)}`);
  return parts.join('; ');
}

export type AuditChange = { label: string | null; before?: string; after?: string };

const asRecord = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/**
 * What an entry changed, one line per field: both sides for an update, the new values for a creation,
 * the input for an action the core logged ({input: …}). Unchanged fields are left out.
 */
export function auditChanges(before: unknown, after: unknown, lang: Lang): AuditChange[] {
  const a = asRecord(after);
  const unwrapped =
    a && 'input' in a && before === null
      ? { ...asRecord(a.input), ...(a.fileName ? { fileName: a.fileName } : {}) }
      : after;
  const b = asRecord(before);
  const n = asRecord(unwrapped);
  if (!b && !n) {
    if (before === null && unwrapped === null) return [];
    return [
      {
        label: null,
        before: before === null ? undefined : valueText(before, lang),
        after: unwrapped === null ? undefined : valueText(unwrapped, lang),
      },
    ];
  }
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(n ?? {})])].filter((k) => !SKIP.test(k));
  const out: AuditChange[] = [];
  for (const k of keys) {
    const was = b?.[k];
    const now = n?.[k];
    if (b && n && JSON.stringify(was) === JSON.stringify(now)) continue;
    if (!b && (now === null || now === undefined || now === '')) continue;
    out.push({
      label: keyLabel(k, lang),
      before: b ? valueText(was, lang, k) : undefined,
      after: n ? valueText(now, lang, k) : undefined,
    });
  }
  return out;
}

/** One line of text per change, for the exports: "Tên: A → B". */
export function auditChangesText(before: unknown, after: unknown, lang: Lang): string {
  return auditChanges(before, after, lang)
    .map((c) => {
      const value =
        c.before !== undefined && c.after !== undefined ? `${c.before} → ${c.after}` : (c.after ?? c.before);
      return c.label ? `${c.label}: ${value}` : value;
    })
    .join('\n');
}
