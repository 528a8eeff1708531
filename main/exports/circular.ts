// The Circular 02/2024/TT-BKHCN dataset per product: the ten items a product's traceability record must hold,
// with a completeness check that lists, in plain words, what is missing before an export or a sync.
import type { Db } from '../store/db';
import type { Lang } from '../../shared/i18n/messages';

export const CIRCULAR_ITEMS = [
  { key: 'name', vi: '(1) Tên sản phẩm', en: '(1) Product name' },
  { key: 'image', vi: '(2) Hình ảnh sản phẩm', en: '(2) Product image' },
  { key: 'producer', vi: '(3) Tên cơ sở sản xuất', en: '(3) Producer name' },
  { key: 'producerAddress', vi: '(4) Địa chỉ cơ sở sản xuất', en: '(4) Producer address' },
  {
    key: 'stages',
    vi: '(5) Các công đoạn (mã truy vết sản phẩm, địa điểm, thời gian)',
    en: '(5) Stages (product and location trace codes, time)',
  },
  { key: 'times', vi: '(6) Thời gian sản xuất / sự kiện', en: '(6) Production / event times' },
  { key: 'traceCode', vi: '(7) Mã truy vết sản phẩm (GTIN)', en: '(7) Product trace code (GTIN)' },
  { key: 'brand', vi: '(8) Nhãn hiệu / thương hiệu', en: '(8) Brand / trademark' },
  { key: 'expiry', vi: '(9) Hạn sử dụng', en: '(9) Expiry' },
  { key: 'standard', vi: '(10) Tiêu chuẩn áp dụng (TCVN, QCVN, TCCS…)', en: '(10) Standards applied' },
] as const;

export type CircularKey = (typeof CIRCULAR_ITEMS)[number]['key'];
export type CircularProduct = {
  productId: number;
  code: string;
  values: Record<CircularKey, string | null>;
  missing: CircularKey[];
  missingText: string;
};

/** One row per product that has events (or every non-archived finished product when it has none yet). */
export function circularDataset(db: Db, lang: Lang, productIds?: number[]): CircularProduct[] {
  const b = db.prepare('SELECT name, address FROM business WHERE id = 1').get() as
    { name: string; address: string } | undefined;
  const products = db
    .prepare(
      `SELECT p.id, p.code, p.name, p.image IS NOT NULL AND p.image <> '' AS has_image, p.gtin, p.brand, p.standard, p.shelf_life_days, p.kind,
        (SELECT COUNT(*) FROM lots l JOIN event_lines x ON x.lot_id = l.id WHERE l.product_id = p.id) AS lines,
        (SELECT COUNT(*) FROM lots l JOIN event_lines x ON x.lot_id = l.id JOIN events e ON e.id = x.event_id JOIN locations c ON c.id = e.location_id WHERE l.product_id = p.id AND c.gln IS NOT NULL) AS lines_with_gln,
        (SELECT MIN(substr(e.event_time, 1, 10)) || ' – ' || MAX(substr(e.event_time, 1, 10)) FROM lots l JOIN event_lines x ON x.lot_id = l.id JOIN events e ON e.id = x.event_id WHERE l.product_id = p.id) AS times,
        (SELECT COUNT(*) FROM lots l WHERE l.product_id = p.id AND l.expiry_date IS NOT NULL) AS lots_with_expiry
       FROM products p WHERE p.archived_at IS NULL AND p.kind IN ('finished','intermediate') ORDER BY p.code`,
    )
    .all() as Record<string, string | number | null>[];
  const word = (k: CircularKey) => CIRCULAR_ITEMS.find((i) => i.key === k)![lang];
  return products
    .filter((p) => !productIds || productIds.includes(p.id as number))
    .map((p) => {
      const values: Record<CircularKey, string | null> = {
        name: p.name as string,
        image: p.has_image ? (lang === 'en' ? 'yes' : 'có') : null,
        producer: b?.name ?? null,
        producerAddress: b?.address ?? null,
        stages:
          (p.lines as number) > 0
            ? `${p.lines} ${lang === 'en' ? 'records' : 'bản ghi'}${(p.lines_with_gln as number) < (p.lines as number) ? (lang === 'en' ? ' (some places without GLN)' : ' (có địa điểm chưa có GLN)') : ''}`
            : null,
        times: (p.times as string) ?? null,
        traceCode: (p.gtin as string) ?? null,
        brand: (p.brand as string) ?? null,
        expiry:
          (p.lots_with_expiry as number) > 0 || p.shelf_life_days
            ? p.shelf_life_days
              ? `${p.shelf_life_days} ${lang === 'en' ? 'days' : 'ngày'}`
              : lang === 'en'
                ? 'on lots'
                : 'theo lô'
            : null,
        standard: (p.standard as string) ?? null,
      };
      // Brand and expiry are "if any": their absence is reported but does not make a product incomplete only when
      // the law allows it; we still list them so the owner decides.
      const missing = CIRCULAR_ITEMS.map((i) => i.key).filter((k) => !values[k]);
      return {
        productId: p.id as number,
        code: p.code as string,
        values,
        missing,
        missingText: missing.map(word).join('; '),
      };
    });
}
