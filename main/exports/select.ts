// Which events an export covers: a date range (event dates in the business's offset), a list of lot codes
// (every event with a line of these lots, plus the corrections of those events), or everything.
import { AppError } from '../../shared/api/errors';
import type { Db } from '../store/db';
import type { EventRow, LineRow } from '../epcis/build';
import { q } from '../store/statements';

export type ExportFilter = { from?: string | null; to?: string | null; lots?: string[] | null };

export function lotIdsOf(db: Db, codes: string[]): number[] {
  const ids: number[] = [];
  const st = q(db, 'SELECT id FROM lots WHERE code = ?');
  for (const code of codes) {
    const rows = st.all(code) as { id: number }[];
    if (!rows.length) throw new AppError('EXPORT_LOT_UNKNOWN', { code });
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

const PAGE = 1000;

/**
 * The matching events in time order, read in pages of 1,000 by keyset (event_time, id). No SQLite iterator stays
 * open while the caller awaits a file write: better-sqlite3 refuses every other statement on the connection while
 * one is open, and the app must keep recording during an export. Memory stays flat (one page at a time).
 */
export function* selectEvents(db: Db, f: ExportFilter): Generator<EventRow> {
  if (f.lots?.length && (f.from || f.to)) throw new AppError('EXPORT_FILTER');
  const where: string[] = [];
  const args: unknown[] = [];
  if (f.lots?.length) {
    // The ids travel as one JSON parameter (json_each): no temp table, so two exports may run side by side.
    const json = JSON.stringify(lotIdsOf(db, f.lots));
    where.push(`(e.id IN (SELECT y.event_id FROM event_lines y WHERE y.lot_id IN (SELECT value FROM json_each(?)))
      OR e.corrects_event_id IN (SELECT y.event_id FROM event_lines y WHERE y.lot_id IN (SELECT value FROM json_each(?))))`);
    args.push(json, json);
  } else if (f.from || f.to) {
    // Event times carry the +07:00 offset, so their text sorts by local date: a range on the text uses the index.
    where.push('e.event_time >= ? AND e.event_time < ?');
    args.push(f.from ?? '0000-01-01', `${f.to ?? '9999-12-31'}~`);
  }
  const page = q(
    db,
    `SELECT e.* FROM events e WHERE ${[...where, '(e.event_time, e.id) > (?, ?)'].join(' AND ')} ORDER BY e.event_time, e.id LIMIT ${PAGE}`,
  );
  let lastTime = '';
  let lastId = 0;
  for (;;) {
    const rows = page.all(...args, lastTime, lastId) as EventRow[];
    for (const r of rows) yield r;
    if (rows.length < PAGE) return;
    lastTime = rows[rows.length - 1].event_time;
    lastId = rows[rows.length - 1].id;
  }
}

type JoinedLine = {
  event_id: number;
  line_id: number;
  role: LineRow['role'];
  lot_id: number;
  qty_milli: number;
  line_unit: string;
  stock_delta_milli: number;
  line_location_id: number | null;
  corrects_line_id: number | null;
  lot_code: string;
  product_id: number;
  production_date: string | null;
  expiry_date: string | null;
  supplier_lot_code: string | null;
  product_code: string;
  product_name: string;
  gtin: string | null;
  product_unit: string;
};

/** Events with their lines, lots and products: one query for the lines of each page of events. */
export function* selectEventsWithLines(db: Db, f: ExportFilter): Generator<{ row: EventRow; lines: LineRow[] }> {
  const linesOf = q(
    db,
    `SELECT x.event_id, x.id AS line_id, x.role, x.lot_id, x.qty_milli, x.unit AS line_unit, x.stock_delta_milli, x.location_id AS line_location_id, x.corrects_line_id,
       l.code AS lot_code, l.product_id, l.production_date, l.expiry_date, l.supplier_lot_code, p.code AS product_code, p.name AS product_name, p.gtin, p.unit AS product_unit
     FROM event_lines x JOIN lots l ON l.id = x.lot_id JOIN products p ON p.id = l.product_id
     WHERE x.event_id IN (SELECT value FROM json_each(?)) ORDER BY x.event_id, x.id`,
  );
  let batch: EventRow[] = [];
  const flush = function* () {
    const byEvent = new Map<number, LineRow[]>(batch.map((r) => [r.id, []]));
    for (const r of linesOf.all(JSON.stringify(batch.map((b) => b.id))) as JoinedLine[]) {
      byEvent.get(r.event_id)!.push({
        id: r.line_id,
        role: r.role,
        lot_id: r.lot_id,
        qty_milli: r.qty_milli,
        unit: r.line_unit,
        stock_delta_milli: r.stock_delta_milli,
        location_id: r.line_location_id,
        corrects_line_id: r.corrects_line_id,
        lot: {
          id: r.lot_id,
          code: r.lot_code,
          product_id: r.product_id,
          production_date: r.production_date,
          expiry_date: r.expiry_date,
          supplier_lot_code: r.supplier_lot_code,
        },
        product: { id: r.product_id, code: r.product_code, name: r.product_name, gtin: r.gtin, unit: r.product_unit },
      });
    }
    for (const row of batch) yield { row, lines: byEvent.get(row.id)! };
    batch = [];
  };
  for (const row of selectEvents(db, f)) {
    batch.push(row);
    if (batch.length >= PAGE) yield* flush();
  }
  yield* flush();
}
