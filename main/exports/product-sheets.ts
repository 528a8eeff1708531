// Product sheets for registering products on the national portal and verigoods.vn by copy and paste: per product
// the fields their product registration asks for as far as it is public (name, GTIN, unit, origin, description,
// image, producer identity), as one CSV for all products, one text sheet per product and its photo as a file
// (both portals want images as files or at public URLs, not inside a form).
import { unitLabel } from '../../shared/domain/units';
import type { Lang } from '../../shared/i18n/messages';
import type { Db } from '../store/db';
import { q } from '../store/statements';

type Row = Record<string, unknown>;

const FIELDS = [
  ['name', 'Tên sản phẩm', 'Product name'],
  ['gtin', 'Mã GTIN', 'GTIN'],
  ['unit', 'Đơn vị tính', 'Unit'],
  ['origin', 'Xuất xứ', 'Origin'],
  ['brand', 'Nhãn hiệu', 'Brand'],
  ['netQuantity', 'Định lượng', 'Net quantity'],
  ['description', 'Mô tả', 'Description'],
  ['standard', 'Tiêu chuẩn áp dụng', 'Standards applied'],
  ['declarationNo', 'Số tự công bố', 'Self-declaration no.'],
  ['shelfLife', 'Hạn sử dụng (ngày)', 'Shelf life (days)'],
  ['image', 'Ảnh (tệp)', 'Image (file)'],
  ['producer', 'Tên doanh nghiệp', 'Producer'],
  ['taxCode', 'Mã số thuế', 'Tax code'],
  ['address', 'Địa chỉ', 'Address'],
  ['gln', 'Mã địa điểm GLN', 'GLN'],
] as const;

export type ProductSheet = {
  code: string;
  values: Record<string, string>;
  image: { file: string; bytes: Buffer } | null;
};

const csv = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const fileSafe = (code: string) => code.replace(/[^\p{L}\p{N}._-]+/gu, '_');

export function productSheets(db: Db, lang: Lang): ProductSheet[] {
  const b = (q(db, 'SELECT name, tax_code, address, province, gln FROM business').get() as Row | undefined) ?? {};
  const products = q(
    db,
    "SELECT * FROM products WHERE archived_at IS NULL AND kind <> 'packaging' ORDER BY code",
  ).all() as Row[];
  return products.map((p) => {
    const img = /^data:image\/(png|jpeg|webp);base64,(.+)$/.exec(String(p.image ?? ''));
    const image = img
      ? {
          file: `${fileSafe(String(p.code))}.${img[1] === 'jpeg' ? 'jpg' : img[1]}`,
          bytes: Buffer.from(img[2], 'base64'),
        }
      : null;
    const description = [
      p.ingredients && `${lang === 'en' ? 'Ingredients' : 'Thành phần'}: ${p.ingredients}`,
      p.usage && `${lang === 'en' ? 'Use' : 'Sử dụng'}: ${p.usage}`,
      p.storage && `${lang === 'en' ? 'Storage' : 'Bảo quản'}: ${p.storage}`,
      p.warnings && `${lang === 'en' ? 'Warnings' : 'Cảnh báo'}: ${p.warnings}`,
    ]
      .filter(Boolean)
      .join('. ');
    const values: Record<string, string> = {
      name: String(p.name),
      gtin: String(p.gtin14 ?? ''),
      unit: unitLabel(String(p.unit), lang),
      origin: String(p.origin ?? ''),
      brand: String(p.brand ?? ''),
      netQuantity: String(p.net_quantity ?? ''),
      description,
      standard: String(p.standard ?? ''),
      declarationNo: String(p.declaration_no ?? ''),
      shelfLife: p.shelf_life_days === null ? '' : String(p.shelf_life_days),
      image: image ? `san-pham/${image.file}` : '',
      producer: String(b.name ?? ''),
      taxCode: String(b.tax_code ?? ''),
      address: [b.address, b.province].filter(Boolean).join(', '),
      gln: String(b.gln ?? ''),
    };
    return { code: String(p.code), values, image };
  });
}

/** The files of the sheets inside the package: san-pham.csv, san-pham/<code>.txt and the photos. */
export function productSheetFiles(sheets: ProductSheet[], lang: Lang): Map<string, string | Buffer> {
  const label = (f: (typeof FIELDS)[number]) => (lang === 'en' ? f[2] : f[1]);
  const files = new Map<string, string | Buffer>();
  files.set(
    'san-pham.csv',
    '\ufeff' +
      [
        ['code', ...FIELDS.map(label)].map(csv).join(','),
        ...sheets.map((s) => [s.code, ...FIELDS.map((f) => s.values[f[0]])].map(csv).join(',')),
      ].join('\r\n') +
      '\r\n',
  );
  for (const s of sheets) {
    files.set(
      `san-pham/${fileSafe(s.code)}.txt`,
      FIELDS.map((f) => `${label(f)}: ${s.values[f[0]]}`).join('\r\n') + '\r\n',
    );
    if (s.image) files.set(`san-pham/${s.image.file}`, s.image.bytes);
  }
  return files;
}
