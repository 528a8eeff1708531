// The Circular 02/2024/TT-BKHCN dataset: the ten items a traceability record must hold, per product and per lot,
// with their actual content (item 5: every stage with the product trace code, the location trace code and the
// time; item 6: the times; item 9: the expiry) and a completeness check that says, in plain words, what is missing.
import fs from 'node:fs';
import { loadExcelJS } from '../heavy-libs';
import type { Db } from '../store/db';
import type { Lang } from '../../shared/i18n/messages';
import { toGtin14 } from '../../shared/gs1/checkdigit';
import { lotIdsOf, type ExportFilter } from './select';
import { csvLine, csvStyle, formatDate, formatDateTime } from './locale';
import { q } from '../store/statements';

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
  /** The lot this row is about; null on a product's row. */
  lotCode: string | null;
  values: Record<CircularKey, string | null>;
  missing: CircularKey[];
  missingText: string;
};

const STAGE_WORDS: Record<string, [string, string]> = {
  receipt: ['Nhập hàng', 'Receipt'],
  opening: ['Tồn đầu kỳ', 'Opening stock'],
  production: ['Sản xuất', 'Production'],
  shipment: ['Xuất hàng', 'Shipment'],
  transfer: ['Chuyển kho', 'Transfer'],
  status: ['Đổi trạng thái', 'Status change'],
  correction: ['Sửa / huỷ', 'Correction'],
};

type ProductRow = {
  id: number;
  code: string;
  name: string;
  has_image: number;
  gtin: string | null;
  brand: string | null;
  standard: string | null;
};
type LotRow = {
  id: number;
  code: string;
  product_id: number;
  production_date: string | null;
  expiry_date: string | null;
};
type Stage = { kind: string; time: string; place: string | null; gln: string | null; role: string };

/** The lots the dataset covers: the named lots, the lots with an event in the date range, or every lot. */
function lotsInScope(db: Db, f: ExportFilter): LotRow[] {
  const cols = 'l.id, l.code, l.product_id, l.production_date, l.expiry_date';
  if (f.lots?.length)
    return q(db, `SELECT ${cols} FROM lots l WHERE l.id IN (SELECT value FROM json_each(?)) ORDER BY l.code`).all(
      JSON.stringify(lotIdsOf(db, f.lots)),
    ) as LotRow[];
  const range = f.from || f.to;
  return q(
    db,
    `SELECT ${cols} FROM lots l JOIN products p ON p.id = l.product_id
       WHERE p.archived_at IS NULL AND p.kind IN ('finished','intermediate')
       ${range ? 'AND EXISTS (SELECT 1 FROM event_lines x JOIN events e ON e.id = x.event_id WHERE x.lot_id = l.id AND e.event_time >= ? AND e.event_time < ?)' : ''}
       ORDER BY p.code, l.code`,
  ).all(...(range ? [f.from ?? '0000-01-01', `${f.to ?? '9999-12-31'}~`] : [])) as LotRow[];
}

/** GS1 element string of a lot ((01) GTIN-14 (10) lot), or the lot code when the product has no GTIN. */
function traceCode(gtin: string | null, lot: string | null): string | null {
  if (!gtin) return lot;
  return `(01)${toGtin14(gtin)}${lot ? `(10)${lot}` : ''}`;
}

function stagesOf(db: Db, lotId: number): Stage[] {
  return q(
    db,
    `SELECT e.kind, e.event_time AS time, x.role, c.name AS place, c.gln FROM event_lines x JOIN events e ON e.id = x.event_id
       LEFT JOIN locations c ON c.id = COALESCE(x.location_id, e.location_id)
       WHERE x.lot_id = ? AND x.corrects_line_id IS NULL AND (x.stock_delta_milli >= 0 OR e.kind <> 'transfer')
       ORDER BY e.event_time, e.id`,
  ).all(lotId) as Stage[];
}

function stageText(s: Stage, code: string | null, lang: Lang): string {
  const k = lang === 'en' ? 1 : 0;
  const what = STAGE_WORDS[s.kind]?.[k] ?? s.kind;
  const role = s.role === 'input' ? (lang === 'en' ? ' (as input)' : ' (làm nguyên liệu)') : '';
  const where = s.place
    ? `${s.place} ${s.gln ? `(414)${s.gln}` : lang === 'en' ? '(no GLN)' : '(chưa có GLN)'}`
    : lang === 'en'
      ? 'no place'
      : 'không ghi địa điểm';
  return `${what}${role} · ${code ?? ''} · ${where} · ${formatDateTime(s.time, lang)}`;
}

function finish(
  productId: number,
  code: string,
  lotCode: string | null,
  values: Record<CircularKey, string | null>,
  lang: Lang,
  noGln: boolean,
): CircularProduct {
  const missing = CIRCULAR_ITEMS.map((i) => i.key).filter((k) => !values[k]);
  const words: string[] = missing.map((k) => CIRCULAR_ITEMS.find((i) => i.key === k)![lang]);
  if (noGln) words.push(lang === 'en' ? 'GLN of some places in (5)' : 'GLN của địa điểm trong mục (5)');
  return { productId, code, lotCode, values, missing, missingText: words.join('; ') };
}

/** The dataset: one row per lot in scope, and one per product summing up its lots (`level`). */
export function circularRows(db: Db, lang: Lang, filter: ExportFilter = {}): CircularProduct[] {
  const b = q(db, 'SELECT name, address FROM business WHERE id = 1').get() as
    { name: string; address: string } | undefined;
  const productQ = q(
    db,
    "SELECT id, code, name, image IS NOT NULL AND image <> '' AS has_image, gtin, brand, standard FROM products WHERE id = ?",
  );
  const byProduct = new Map<number, { p: ProductRow; lots: { lot: LotRow; stages: Stage[] }[] }>();
  for (const lot of lotsInScope(db, filter)) {
    const p = productQ.get(lot.product_id) as ProductRow;
    const entry = byProduct.get(p.id) ?? { p, lots: [] };
    entry.lots.push({ lot, stages: stagesOf(db, lot.id) });
    byProduct.set(p.id, entry);
  }
  const rows: CircularProduct[] = [];
  for (const { p, lots } of byProduct.values()) {
    const common = {
      name: p.name,
      image: p.has_image ? (lang === 'en' ? 'yes' : 'có') : null,
      producer: b?.name ?? null,
      producerAddress: b?.address ?? null,
      brand: p.brand,
      standard: p.standard,
    };
    const lotRows = lots.map(({ lot, stages }) => {
      const code = traceCode(p.gtin, lot.code);
      const times = [
        ...(lot.production_date
          ? [`${lang === 'en' ? 'Produced' : 'NSX'} ${formatDate(lot.production_date, lang)}`]
          : []),
        ...stages.map((s) => formatDateTime(s.time, lang)),
      ];
      return finish(
        p.id,
        p.code,
        lot.code,
        {
          ...common,
          stages: stages.length ? stages.map((s) => stageText(s, code, lang)).join('\n') : null,
          times: times.length ? times.join('; ') : null,
          traceCode: p.gtin ? code : null,
          expiry: lot.expiry_date ? formatDate(lot.expiry_date, lang) : null,
        },
        lang,
        stages.some((s) => s.place && !s.gln),
      );
    });
    const all = lots.flatMap((l) => l.stages);
    const expiries = lots
      .map((l) => l.lot.expiry_date)
      .filter((d): d is string => !!d)
      .sort();
    const k = lang === 'en' ? 1 : 0;
    const at = (s: Stage) =>
      `${STAGE_WORDS[s.kind]?.[k] ?? s.kind}${s.place ? ` ${lang === 'en' ? 'at' : 'tại'} ${s.place}${s.gln ? ` (414)${s.gln}` : ''}` : ''}`;
    const places = [...new Set(all.map(at))];
    const span = all.length
      ? `${formatDateTime(all[0].time, lang)} – ${formatDateTime(all[all.length - 1].time, lang)}`
      : null;
    rows.push(
      finish(
        p.id,
        p.code,
        null,
        {
          ...common,
          stages: all.length ? `${lots.length} ${lang === 'en' ? 'lots' : 'lô'}: ${places.join('; ')}` : null,
          times: span,
          traceCode: traceCode(p.gtin, null),
          expiry: expiries.length
            ? `${formatDate(expiries[0], lang)}${expiries.length > 1 ? ` – ${formatDate(expiries[expiries.length - 1], lang)}` : ''}`
            : null,
        },
        lang,
        all.some((s) => s.place && !s.gln),
      ),
      ...lotRows,
    );
  }
  return rows;
}

/** One row per product (the sync screen's completeness list). */
export function circularDataset(db: Db, lang: Lang, filter: ExportFilter = {}): CircularProduct[] {
  return circularRows(db, lang, filter).filter((r) => r.lotCode === null);
}

const LEVEL = { vi: ['Sản phẩm', 'Lô'], en: ['Product', 'Lot'] } as const;

function header(lang: Lang): string[] {
  return [
    lang === 'en' ? 'Level' : 'Cấp',
    lang === 'en' ? 'Product code' : 'Mã sản phẩm',
    lang === 'en' ? 'Lot' : 'Mã lô',
    ...CIRCULAR_ITEMS.map((i) => i[lang]),
    lang === 'en' ? 'Missing' : 'Còn thiếu',
  ];
}

function cells(r: CircularProduct, lang: Lang): (string | null)[] {
  return [
    LEVEL[lang][r.lotCode === null ? 0 : 1],
    r.code,
    r.lotCode,
    ...CIRCULAR_ITEMS.map((i) => r.values[i.key]),
    r.missingText || (lang === 'en' ? 'complete' : 'đủ 10 mục'),
  ];
}

/** The dataset as CSV text (UTF-8 with BOM, the locale's separator). */
export function circularCsv(rows: CircularProduct[], lang: Lang): string {
  const style = csvStyle(lang);
  return '\ufeff' + csvLine(header(lang), style) + rows.map((r) => csvLine(cells(r, lang), style)).join('');
}

/** Writes the dataset to `file`: .csv as CSV, anything else as XLSX (one row per product and per lot). */
export async function writeCircularFile(db: Db, filter: ExportFilter, file: string, lang: Lang) {
  const rows = circularRows(db, lang, filter);
  if (file.toLowerCase().endsWith('.csv')) fs.writeFileSync(file, circularCsv(rows, lang));
  else {
    const ExcelJS = loadExcelJS();
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Nguồn Gốc';
    const ws = wb.addWorksheet(lang === 'en' ? 'Circular 02-2024' : 'Thông tư 02-2024', {
      views: [{ state: 'frozen', ySplit: 1, xSplit: 3 }],
    });
    ws.columns = header(lang).map((h, i) => ({
      header: h,
      width: [10, 14, 18, 28, 8, 24, 30, 70, 40, 24, 16, 14, 24, 30][i],
    }));
    ws.getRow(1).font = { bold: true };
    for (const r of rows) ws.addRow(cells(r, lang)).alignment = { wrapText: true, vertical: 'top' };
    await wb.xlsx.writeFile(file);
  }
  return {
    file,
    products: rows.filter((r) => r.lotCode === null).length,
    lots: rows.filter((r) => r.lotCode !== null).length,
    incomplete: rows.filter((r) => r.missingText).length,
  };
}
