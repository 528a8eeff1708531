// Stock figures for the home screen, and the rebuild that recomputes balances and statuses from events.
import type { Expiring, RebuildDifference, RebuildReport, StockSummary } from '../../../shared/api/lots';
import { addDays, daysBetween, type LotStatus } from '../../../shared/domain/lots';
import type { PartialHandlers, ServiceContext } from '../core';
import { fromMilli, q, qv, today, type Row } from './events';
import { USABLE_TOTALS_BACKFILL } from '../../store/migrations/012_usable_totals';

function summary(ctx: ServiceContext, p: { locationId?: number; productId?: number }): StockSummary {
  const t = today(ctx);
  const where: string[] = ['s.qty_milli > 0'];
  const args: unknown[] = [t];
  if (p.locationId) {
    where.push('s.location_id = ?');
    args.push(p.locationId);
  }
  if (p.productId) {
    where.push('l.product_id = ?');
    args.push(p.productId);
  }
  const rows = q(
    ctx.db,
    `SELECT l.product_id, p.name AS product_name, p.code AS product_code, p.kind AS product_kind, s.location_id, loc.name AS location_name, l.unit,
         SUM(s.qty_milli) AS qty, COUNT(*) AS lots,
         SUM(CASE WHEN l.status = 'available' AND (l.expiry_date IS NULL OR l.expiry_date >= ?) THEN s.qty_milli ELSE 0 END) AS usable,
         MIN(l.expiry_date) AS nearest
       FROM lot_stock s JOIN lots l ON l.id = s.lot_id JOIN products p ON p.id = l.product_id JOIN locations loc ON loc.id = s.location_id
       WHERE ${where.join(' AND ')} GROUP BY l.product_id, s.location_id, l.unit ORDER BY p.search, loc.name`,
  ).all(...args) as Row[];
  const out = rows.map((r) => ({
    productId: r.product_id as number,
    productName: r.product_name as string,
    productCode: r.product_code as string,
    productKind: r.product_kind as string,
    locationId: r.location_id as number,
    locationName: r.location_name as string,
    unit: r.unit as string,
    qty: fromMilli(r.qty as number),
    lots: r.lots as number,
    usableQty: fromMilli(r.usable as number),
    nearestExpiry: (r.nearest as string | null) ?? null,
  }));
  const byProduct = new Map<
    number,
    { productId: number; productName: string; unit: string; qtyMilli: number; lots: number }
  >();
  for (const r of rows) {
    const k = r.product_id as number;
    const b = byProduct.get(k) ?? {
      productId: k,
      productName: r.product_name as string,
      unit: r.unit as string,
      qtyMilli: 0,
      lots: 0,
    };
    b.qtyMilli += r.qty as number;
    b.lots += r.lots as number;
    byProduct.set(k, b);
  }
  const lotsInStock =
    (qv(
      ctx.db,
      `SELECT COUNT(DISTINCT s.lot_id) FROM lot_stock s JOIN lots l ON l.id = s.lot_id WHERE ${where.join(' AND ')}`,
    ).get(...args.slice(1)) as number) ?? 0;
  return {
    rows: out,
    totals: { products: byProduct.size, lotsInStock, locations: new Set(out.map((r) => r.locationId)).size },
    byProduct: [...byProduct.values()].map(({ qtyMilli, ...b }) => ({ ...b, qty: fromMilli(qtyMilli) })),
  };
}

function expiring(ctx: ServiceContext, p: { locationId?: number; days?: number; limit?: number }): Expiring {
  const t = today(ctx);
  const loc = p.locationId
    ? 'AND EXISTS (SELECT 1 FROM lot_stock s WHERE s.lot_id = l.id AND s.location_id = ? AND s.qty_milli > 0)'
    : '';
  const locArgs = p.locationId ? [p.locationId] : [];
  // Lots already recalled/destroyed are dealt with; the home screen counts what still needs a decision.
  const base = `FROM lots l WHERE l.balance_milli > 0 AND l.expiry_date IS NOT NULL AND l.status NOT IN ('recalled','destroyed','rejected') ${loc}`;
  const c = q(
    ctx.db,
    `SELECT SUM(l.expiry_date < ?) AS expired, SUM(l.expiry_date >= ? AND l.expiry_date <= ?) AS w7, SUM(l.expiry_date >= ? AND l.expiry_date <= ?) AS w30, SUM(l.expiry_date >= ? AND l.expiry_date <= ?) AS w90 ${base}`,
  ).get(t, t, addDays(t, 7), t, addDays(t, 30), t, addDays(t, 90), ...locArgs) as Row;
  const until = addDays(t, p.days ?? 30);
  const rows = q(
    ctx.db,
    `SELECT l.*, p.name AS product_name ${base.replace('FROM lots l', 'FROM lots l JOIN products p ON p.id = l.product_id')} AND l.expiry_date <= ? ORDER BY l.expiry_date, l.id LIMIT ?`,
  ).all(...locArgs, until, p.limit ?? 100) as Row[];
  return {
    today: t,
    counts: {
      expired: Number(c.expired ?? 0),
      within7: Number(c.w7 ?? 0),
      within30: Number(c.w30 ?? 0),
      within90: Number(c.w90 ?? 0),
    },
    lots: rows.map((r) => ({
      id: r.id as number,
      productId: r.product_id as number,
      productName: r.product_name as string,
      code: r.code as string,
      expiryDate: r.expiry_date as string,
      daysToExpiry: daysBetween(t, r.expiry_date as string),
      balance: fromMilli(r.balance_milli as number),
      unit: r.unit as string,
      status: r.status as LotStatus,
    })),
  };
}

/**
 * Recomputes every balance (per lot and per lot+location) as the sum of event-line deltas and every
 * status by replaying status events and their reversals; reports the differences with the maintained
 * tables, and with `fix` writes the rebuilt figures (the events are never touched).
 */
export function rebuild(ctx: ServiceContext, fix: boolean): RebuildReport {
  const db = ctx.db;
  const differences: RebuildDifference[] = [];
  const codeOf = qv(db, 'SELECT code FROM lots WHERE id = ?');
  // Per lot and location: full outer comparison of SUM(deltas) with lot_stock.
  const locDiff = q(
    db,
    `WITH r AS (SELECT lot_id, location_id, SUM(stock_delta_milli) AS q FROM event_lines WHERE location_id IS NOT NULL GROUP BY lot_id, location_id HAVING q <> 0)
       SELECT r.lot_id, r.location_id, r.q AS rebuilt, COALESCE(s.qty_milli, 0) AS maintained FROM r LEFT JOIN lot_stock s ON s.lot_id = r.lot_id AND s.location_id = r.location_id WHERE s.qty_milli IS NULL OR s.qty_milli <> r.q
       UNION ALL
       SELECT s.lot_id, s.location_id, COALESCE(r.q, 0), s.qty_milli FROM lot_stock s LEFT JOIN r ON r.lot_id = s.lot_id AND r.location_id = s.location_id WHERE r.q IS NULL AND s.qty_milli <> 0`,
  ).all() as { lot_id: number; location_id: number; rebuilt: number; maintained: number }[];
  for (const d of locDiff)
    differences.push({
      lotId: d.lot_id,
      lotCode: codeOf.get(d.lot_id) as string,
      locationId: d.location_id,
      what: 'location',
      maintained: fromMilli(d.maintained),
      rebuilt: fromMilli(d.rebuilt),
    });
  const balDiff = q(
    db,
    `SELECT l.id, l.balance_milli AS maintained, COALESCE(r.q, 0) AS rebuilt FROM lots l LEFT JOIN (SELECT lot_id, SUM(stock_delta_milli) AS q FROM event_lines GROUP BY lot_id) r ON r.lot_id = l.id
       WHERE l.balance_milli <> COALESCE(r.q, 0)`,
  ).all() as { id: number; maintained: number; rebuilt: number }[];
  for (const d of balDiff)
    differences.push({
      lotId: d.id,
      lotCode: codeOf.get(d.id) as string,
      locationId: null,
      what: 'balance',
      maintained: fromMilli(d.maintained),
      rebuilt: fromMilli(d.rebuilt),
    });

  // Statuses: replay status events and the corrections that undo them, in recording order.
  const status = new Map<number, string>();
  const statusEvents = q(
    db,
    `SELECT e.id, e.kind, e.data, (SELECT kind FROM events o WHERE o.id = e.corrects_event_id) AS corrected_kind FROM events e
       WHERE e.kind = 'status' OR (e.kind = 'correction' AND e.corrects_event_id IN (SELECT id FROM events WHERE kind = 'status')) ORDER BY e.id`,
  ).all() as { id: number; kind: string; data: string | null }[];
  const lotsOf = qv(db, 'SELECT DISTINCT lot_id FROM event_lines WHERE event_id = ?');
  for (const e of statusEvents) {
    const data = e.data ? (JSON.parse(e.data) as { status?: string; restoreStatus?: Record<string, string> }) : {};
    if (e.kind === 'status' && data.status)
      for (const lotId of lotsOf.all(e.id) as number[]) status.set(lotId, data.status);
    if (e.kind === 'correction' && data.restoreStatus)
      for (const [lotId, s] of Object.entries(data.restoreStatus)) status.set(Number(lotId), s);
  }
  const stDiff = (
    q(db, "SELECT id, status FROM lots WHERE status <> 'available'").all() as { id: number; status: string }[]
  ).filter((l) => (status.get(l.id) ?? 'available') !== l.status);
  for (const [lotId, s] of status) {
    const cur = qv(db, 'SELECT status FROM lots WHERE id = ?').get(lotId) as string;
    if (cur !== s && cur === 'available') stDiff.push({ id: lotId, status: cur });
  }
  for (const d of stDiff)
    differences.push({
      lotId: d.id,
      lotCode: codeOf.get(d.id) as string,
      locationId: null,
      what: 'status',
      maintained: d.status,
      rebuilt: status.get(d.id) ?? 'available',
    });

  if (fix && differences.length) {
    db.exec('DELETE FROM lot_stock');
    db.exec(
      'INSERT INTO lot_stock (lot_id, location_id, qty_milli) SELECT lot_id, location_id, SUM(stock_delta_milli) FROM event_lines WHERE location_id IS NOT NULL GROUP BY lot_id, location_id HAVING SUM(stock_delta_milli) > 0',
    );
    db.exec(
      'UPDATE lots SET balance_milli = COALESCE((SELECT SUM(stock_delta_milli) FROM event_lines WHERE lot_id = lots.id), 0)',
    );
    const upd = q(db, 'UPDATE lots SET status = ? WHERE id = ?');
    for (const d of differences) if (d.what === 'status') upd.run(String(d.rebuilt), d.lotId);
    db.exec(USABLE_TOTALS_BACKFILL);
  }
  return {
    lotsChecked: qv(db, 'SELECT count(*) FROM lots').get() as number,
    events: qv(db, 'SELECT count(*) FROM events').get() as number,
    differences,
    fixed: fix && differences.length > 0,
  };
}

export const stockHandlers: PartialHandlers = {
  'stock.summary': (p, ctx) => summary(ctx, p),
  'stock.expiring': (p, ctx) => expiring(ctx, p),
  'stock.rebuild': (p, ctx) => rebuild(ctx, p.fix ?? false),
};
