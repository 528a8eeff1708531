// The events spreadsheet: one row per event line, fixed columns (docs/epcis.md), XLSX (exceljs streaming writer,
// flat memory; real date cells in the locale's format) or CSV (UTF-8 with BOM so Excel shows Vietnamese, the
// locale's separator and decimal mark, formulas neutralised).
import fs from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { loadExcelJS } from '../heavy-libs';
import type { Db } from '../store/db';
import type { Lang } from '../../shared/i18n/messages';
import { fromMilli } from '../../shared/domain/quantity';
import { unitLabel } from '../../shared/domain/units';
import { selectEvents, type ExportFilter } from './select';
import { csvLine, csvStyle, excelDate, formatDateTime, XLSX_DATETIME } from './locale';
import { q, qv } from '../store/statements';

export const SHEET_COLUMNS = [
  { key: 'eventType', vi: 'Loại sự kiện', en: 'Event type', width: 16 },
  { key: 'time', vi: 'Ngày giờ', en: 'Date/time', width: 20 },
  { key: 'lotCode', vi: 'Mã lô', en: 'Lot code', width: 18 },
  { key: 'product', vi: 'Sản phẩm', en: 'Product', width: 30 },
  { key: 'gtin', vi: 'GTIN', en: 'GTIN', width: 16 },
  { key: 'quantity', vi: 'Số lượng', en: 'Quantity', width: 10 },
  { key: 'unit', vi: 'Đơn vị', en: 'Unit', width: 8 },
  { key: 'location', vi: 'Địa điểm', en: 'Location', width: 22 },
  { key: 'partner', vi: 'Nhà cung cấp / Nơi nhận', en: 'Source / destination', width: 28 },
  { key: 'documentRef', vi: 'Chứng từ', en: 'Reference document', width: 14 },
  { key: 'inputLots', vi: 'Lô nguyên liệu (sản xuất)', en: 'Input lots (production)', width: 30 },
  { key: 'user', vi: 'Người ghi', en: 'User', width: 12 },
  { key: 'eventId', vi: 'Mã sự kiện (eventID)', en: 'Event ID', width: 46 },
] as const;

export type SheetRow = Record<(typeof SHEET_COLUMNS)[number]['key'], string | number | null>;

const KIND_WORDS: Record<string, [string, string]> = {
  receipt: ['Nhập hàng', 'Receipt'],
  opening: ['Tồn đầu kỳ', 'Opening stock'],
  production: ['Sản xuất', 'Production'],
  shipment: ['Xuất hàng', 'Shipment'],
  transfer: ['Chuyển kho', 'Transfer'],
  status: ['Đổi trạng thái', 'Status change'],
  correction: ['Sửa / huỷ', 'Correction'],
};
const ROLE_WORDS: Record<string, [string, string]> = {
  input: ['nguyên liệu', 'input'],
  output: ['thành phẩm', 'output'],
  object: ['', ''],
};

/** The rows of the sheet, streamed. */
export function* sheetRows(db: Db, filter: ExportFilter, lang: Lang): Generator<SheetRow> {
  const k = lang === 'en' ? 1 : 0;
  const lines = q(
    db,
    `SELECT x.role, x.qty_milli, x.unit, l.code AS lot, p.name AS product, p.gtin, COALESCE(lx.name, le.name) AS location
     FROM event_lines x JOIN lots l ON l.id = x.lot_id JOIN products p ON p.id = l.product_id
     LEFT JOIN locations lx ON lx.id = x.location_id
     LEFT JOIN events e ON e.id = x.event_id LEFT JOIN locations le ON le.id = e.location_id
     WHERE x.event_id = ? ORDER BY x.id`,
  );
  const partner = qv(db, 'SELECT name FROM partners WHERE id = ?');
  const location = qv(db, 'SELECT name FROM locations WHERE id = ?');
  for (const e of selectEvents(db, filter)) {
    const rows = lines.all(e.id) as {
      role: string;
      qty_milli: number;
      unit: string;
      lot: string;
      product: string;
      gtin: string | null;
      location: string | null;
    }[];
    const inputs = rows.filter((r) => r.role === 'input').map((r) => r.lot);
    const who = e.source_partner_id
      ? (partner.get(e.source_partner_id) as string)
      : e.destination_partner_id
        ? `→ ${partner.get(e.destination_partner_id) as string}`
        : e.destination_location_id
          ? `→ ${location.get(e.destination_location_id) as string}`
          : null;
    const kind = KIND_WORDS[e.kind]?.[k] ?? e.kind;
    for (const r of rows) {
      const role = ROLE_WORDS[r.role]?.[k];
      yield {
        eventType: role ? `${kind} (${role})` : kind,
        time: e.event_time,
        lotCode: r.lot,
        product: r.product,
        gtin: r.gtin,
        quantity: fromMilli(r.qty_milli),
        unit: unitLabel(r.unit, lang),
        location: r.location,
        partner: who,
        documentRef: e.document_ref,
        inputLots: r.role === 'output' && inputs.length ? inputs.join(', ') : null,
        user: e.user,
        eventId: e.event_id,
      };
    }
  }
}

export async function writeSheetXlsx(db: Db, filter: ExportFilter, file: string, lang: Lang): Promise<number> {
  const ExcelJS = loadExcelJS();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  wb.creator = 'Nguồn Gốc';
  const ws = wb.addWorksheet(lang === 'en' ? 'Events' : 'Sự kiện', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = SHEET_COLUMNS.map((c) => ({
    header: c[lang],
    key: c.key,
    width: c.width,
    ...(c.key === 'time' ? { style: { numFmt: XLSX_DATETIME[lang] } } : {}),
  }));
  ws.getRow(1).font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: SHEET_COLUMNS.length } };
  let n = 0;
  for (const r of sheetRows(db, filter, lang)) {
    // A real date cell (the shop's wall-clock time), so Excel sorts and filters by date.
    ws.addRow({ ...r, time: excelDate(r.time as string) }).commit();
    // Let the writer flush to disk now and then (it writes on the event loop).
    if (++n % 5000 === 0) await new Promise((res) => setImmediate(res));
  }
  ws.commit();
  await wb.commit();
  return n;
}

export async function writeSheetCsv(db: Db, filter: ExportFilter, out: Writable, lang: Lang): Promise<number> {
  const put = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  const style = csvStyle(lang);
  await put(
    '\ufeff' +
      csvLine(
        SHEET_COLUMNS.map((c) => c[lang]),
        style,
      ),
  );
  let n = 0;
  for (const r of sheetRows(db, filter, lang)) {
    await put(
      csvLine(
        SHEET_COLUMNS.map((c) => (c.key === 'time' ? formatDateTime(String(r.time), lang) : r[c.key])),
        style,
      ),
    );
    n++;
  }
  return n;
}

export async function writeSheetCsvFile(db: Db, filter: ExportFilter, file: string, lang: Lang): Promise<number> {
  const out = fs.createWriteStream(file);
  const n = await writeSheetCsv(db, filter, out, lang);
  out.end();
  await once(out, 'finish');
  return n;
}
