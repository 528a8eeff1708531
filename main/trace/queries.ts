// Trace queries over the event store. A link is an (input lot → output lot) pair inside one production
// event, with the input line's net quantity (its qty plus the qty of every correction line pointing at
// it); a link whose net quantity is ≤ 0 (a reversed consumption) does not exist.
//
// Every join names its index (INDEXED BY): without statistics (no ANALYZE on a user's file) SQLite
// may otherwise build an automatic index over all event lines for each query.
// Memory stays flat: the graph is walked inside SQLite with recursive CTEs over the indexes
// event_lines(lot_id, role), event_lines(event_id, role) and event_lines(corrects_line_id); only the
// lots reached (ids and levels) come back to JavaScript, and details are read for one page at a time.
import type { Db } from '../store/db';
import { q } from '../core/services/events';
import { qr } from '../store/statements';
import { fromMilli } from '../../shared/domain/quantity';
import type {
  TraceLink,
  TraceLot,
  TracePartner,
  TraceProduction,
  TraceReceipt,
  TraceShipment,
} from '../../shared/api/trace';

/** Prepared once per connection (the recording services' cache): a trace runs the same few statements thousands of times. */
export const stmt = q;

/** Net quantity of the event line aliased `x` (its own qty + every correction of it). */
export const net = (x: string) =>
  `(${x}.qty_milli + COALESCE((SELECT SUM(c.qty_milli) FROM event_lines c WHERE c.corrects_line_id = ${x}.id), 0))`;

/**
 * The walk in one direction. Back: from a lot's output lines (`near` = the lot's own line) to the input
 * lines of the same event (`far`); forward: the other way round. The net quantity is always the input's.
 */
function walkSql(dir: 'back' | 'forward'): string {
  const [near, far]: ('i' | 'o')[] = dir === 'back' ? ['o', 'i'] : ['i', 'o'];
  const role = { i: 'input', o: 'output' };
  return `
WITH RECURSIVE walk(lot_id, depth) AS (
  SELECT value, 0 FROM json_each(?)
  UNION
  SELECT ${far}.lot_id, w.depth + 1
  FROM walk w
  JOIN event_lines ${near} INDEXED BY event_lines_lot ON ${near}.lot_id = w.lot_id AND ${near}.role = '${role[near]}' AND ${near}.corrects_line_id IS NULL
  JOIN event_lines ${far} INDEXED BY event_lines_event ON ${far}.event_id = ${near}.event_id AND ${far}.role = '${role[far]}' AND ${far}.corrects_line_id IS NULL
  WHERE w.depth < ? AND ${net('i')} > 0
  LIMIT ?
)
SELECT lot_id AS lotId, MIN(depth) AS depth FROM walk GROUP BY lot_id`;
}
const BACK_CTE = walkSql('back');
const FORWARD_CTE = walkSql('forward');

/** Deepest chain followed; production histories are a few levels deep, this only stops a corrupt cycle. */
export const MAX_DEPTH = 64;

export type Reached = { lotId: number; depth: number; side: 'root' | 'back' | 'forward' };

/**
 * Every lot reached from the roots in one direction, with its level (nearest path). `max` bounds the
 * rows walked so a pathological graph cannot exhaust memory; `truncated` says when it was hit.
 */
export function walk(
  db: Db,
  rootIds: number[],
  dir: 'back' | 'forward',
  max: number,
): { rows: { lotId: number; depth: number }[]; truncated: boolean } {
  // A lot reached on several paths yields a row per distinct level, so allow some slack over `max`.
  const cap = max * 4 + rootIds.length;
  const rows = stmt(db, dir === 'back' ? BACK_CTE : FORWARD_CTE).all(JSON.stringify(rootIds), MAX_DEPTH, cap) as {
    lotId: number;
    depth: number;
  }[];
  const truncated = rows.length > max;
  return {
    rows: truncated ? rows.sort((a, b) => a.depth - b.depth || a.lotId - b.lotId).slice(0, max) : rows,
    truncated,
  };
}

/** Roots first, then inputs (by level), then outputs (by level): the order of tables and pages. */
export function reach(
  db: Db,
  rootIds: number[],
  direction: 'back' | 'forward' | 'both',
  max: number,
): { rows: Reached[]; truncated: boolean } {
  const roots = new Set(rootIds);
  const out: Reached[] = rootIds.map((lotId) => ({ lotId, depth: 0, side: 'root' as const }));
  let truncated = false;
  const seen = new Set(rootIds);
  for (const dir of ['back', 'forward'] as const) {
    if (direction !== 'both' && direction !== dir) continue;
    const r = walk(db, rootIds, dir, max);
    truncated ||= r.truncated;
    const side = r.rows
      .filter((x) => !roots.has(x.lotId) && !seen.has(x.lotId))
      .sort((a, b) => a.depth - b.depth || a.lotId - b.lotId);
    for (const x of side) {
      seen.add(x.lotId);
      out.push({ lotId: x.lotId, depth: x.depth, side: dir });
    }
  }
  if (out.length > max) {
    truncated = true;
    out.length = max;
  }
  return { rows: out, truncated };
}

type LotRow = {
  id: number;
  productId: number;
  productCode: string;
  productName: string;
  productKind: string;
  gtin: string | null;
  code: string;
  supplierLotCode: string | null;
  supplierId: number | null;
  unit: string;
  origin: TraceLot['origin'];
  status: string;
  balanceMilli: number;
  productionDate: string | null;
  expiryDate: string | null;
};

const LOTS_SQL = `
SELECT l.id, l.product_id AS productId, p.code AS productCode, p.name AS productName, p.kind AS productKind, p.gtin,
  l.code, l.supplier_lot_code AS supplierLotCode, l.supplier_id AS supplierId, l.unit, l.origin, l.status,
  l.balance_milli AS balanceMilli, l.production_date AS productionDate, l.expiry_date AS expiryDate
FROM lots l JOIN products p ON p.id = l.product_id
WHERE l.id IN (SELECT value FROM json_each(?))`;

const PRODUCED_SQL = `
SELECT o.lot_id AS lotId, o.event_id AS eventId, e.doc_id AS docId, e.doc_type AS docType, b.code AS batchCode,
  COALESCE(b.production_date, substr(e.event_time, 1, 10)) AS date, ${net('o')} AS qtyMilli, o.unit
FROM event_lines o INDEXED BY event_lines_lot JOIN events e ON e.id = o.event_id
LEFT JOIN batches b ON e.doc_type = 'batch' AND b.id = e.doc_id
WHERE o.lot_id IN (SELECT value FROM json_each(?)) AND o.role = 'output' AND o.corrects_line_id IS NULL`;

const RECEIPTS_SQL = `
SELECT x.lot_id AS lotId, e.id AS eventId, e.kind, e.doc_id AS docId, e.doc_type AS docType,
  COALESCE(r.receipt_date, substr(e.event_time, 1, 10)) AS date, COALESCE(e.document_ref, r.document_ref) AS documentRef,
  e.source_partner_id AS supplierId, ${net('x')} AS qtyMilli, x.unit, loc.name AS locationName
FROM event_lines x INDEXED BY event_lines_lot JOIN events e ON e.id = x.event_id AND e.kind IN ('receipt', 'opening')
LEFT JOIN receipts r ON e.doc_type = 'receipt' AND r.id = e.doc_id
LEFT JOIN locations loc ON loc.id = x.location_id
WHERE x.lot_id IN (SELECT value FROM json_each(?)) AND x.role = 'object' AND x.corrects_line_id IS NULL`;

// The leaving line of a shipment or transfer (stock_delta < 0): one per lot and location left.
const SHIPMENTS_SQL = `
SELECT x.lot_id AS lotId, e.id AS eventId, e.kind, e.doc_id AS docId, e.doc_type AS docType,
  COALESCE(s.ship_date, substr(e.event_time, 1, 10)) AS date, COALESCE(e.document_ref, s.document_ref) AS documentRef,
  COALESCE(e.destination_partner_id, s.customer_id) AS customerId, dl.name AS toLocationName, ${net('x')} AS qtyMilli, x.unit
FROM event_lines x INDEXED BY event_lines_lot JOIN events e ON e.id = x.event_id AND e.kind IN ('shipment', 'transfer')
LEFT JOIN shipments s ON e.doc_type = 'shipment' AND s.id = e.doc_id
LEFT JOIN locations dl ON dl.id = COALESCE(e.destination_location_id, s.to_location_id)
WHERE x.lot_id IN (SELECT value FROM json_each(?)) AND x.role = 'object' AND x.corrects_line_id IS NULL AND x.stock_delta_milli < 0`;

const STOCK_SQL = `
SELECT ls.lot_id AS lotId, ls.location_id AS locationId, loc.name AS locationName, ls.qty_milli AS qtyMilli
FROM lot_stock ls JOIN locations loc ON loc.id = ls.location_id
WHERE ls.lot_id IN (SELECT value FROM json_each(?)) AND ls.qty_milli > 0
ORDER BY ls.lot_id, loc.name`;

/**
 * Links into (back) or out of (forward) a set of lots: the set is matched on the `near` line. `within`: only
 * links whose other end is in a second set too (a page), so a salt lot's 8,000 uses are not read for a page of 200.
 */
function linksSql(dir: 'back' | 'forward', within = false): string {
  const [near, far]: ('i' | 'o')[] = dir === 'back' ? ['o', 'i'] : ['i', 'o'];
  const role = { i: 'input', o: 'output' };
  return `
SELECT i.lot_id AS fromLotId, o.lot_id AS toLotId, o.event_id AS eventId, e.doc_type AS docType, e.doc_id AS docId, b.code AS batchCode,
  COALESCE(b.production_date, substr(e.event_time, 1, 10)) AS date, SUM(${net('i')}) AS qtyMilli, i.unit
FROM event_lines ${near} INDEXED BY event_lines_lot
JOIN event_lines ${far} INDEXED BY event_lines_event ON ${far}.event_id = ${near}.event_id AND ${far}.role = '${role[far]}' AND ${far}.corrects_line_id IS NULL${within ? ` AND ${far}.lot_id IN (SELECT value FROM json_each(?))` : ''}
JOIN events e ON e.id = ${near}.event_id
LEFT JOIN batches b ON e.doc_type = 'batch' AND b.id = e.doc_id
WHERE ${near}.lot_id IN (SELECT value FROM json_each(?)) AND ${near}.role = '${role[near]}' AND ${near}.corrects_line_id IS NULL
GROUP BY i.lot_id, o.lot_id, o.event_id HAVING SUM(${net('i')}) > 0`;
}
const BACK_LINKS_SQL = linksSql('back');
const FORWARD_LINKS_SQL = linksSql('forward');
const BACK_LINKS_WITHIN_SQL = linksSql('back', true);
const FORWARD_LINKS_WITHIN_SQL = linksSql('forward', true);

const PARTNERS_SQL = `
SELECT id, kind, name, tax_code AS taxCode, address, phone, email, contact_person AS contactPerson, gln
FROM partners WHERE id IN (SELECT value FROM json_each(?)) ORDER BY name`;

const docId = (r: { docType: string | null; docId: number | null }, want: string) =>
  r.docType === want ? r.docId : null;

export function lotRows(db: Db, ids: number[]): Map<number, LotRow> {
  const rows = stmt(db, LOTS_SQL).all(JSON.stringify(ids)) as LotRow[];
  return new Map(rows.map((r) => [r.id, r]));
}

function group<T extends { lotId: number }, U>(rows: T[], map: (r: T) => U): Map<number, U[]> {
  const m = new Map<number, U[]>();
  for (const r of rows) {
    const v = map(r);
    const list = m.get(r.lotId);
    if (list) list.push(v);
    else m.set(r.lotId, [v]);
  }
  return m;
}

type DocRow = {
  lotId: number;
  eventId: number;
  docType: string | null;
  docId: number | null;
  date: string;
  qtyMilli: number;
  unit: string;
};

export function productions(db: Db, ids: number[]): Map<number, TraceProduction[]> {
  const rows = (stmt(db, PRODUCED_SQL).all(JSON.stringify(ids)) as (DocRow & { batchCode: string | null })[]).filter(
    (r) => r.qtyMilli > 0,
  );
  return group(rows, (r) => ({
    eventId: r.eventId,
    batchId: docId(r, 'batch'),
    batchCode: r.batchCode,
    date: r.date,
    qty: fromMilli(r.qtyMilli),
    unit: r.unit,
  }));
}

export function receipts(db: Db, ids: number[]): Map<number, TraceReceipt[]> {
  const rows = (
    stmt(db, RECEIPTS_SQL).all(JSON.stringify(ids)) as (DocRow & {
      kind: 'receipt' | 'opening';
      documentRef: string | null;
      supplierId: number | null;
      locationName: string | null;
    })[]
  ).filter((r) => r.qtyMilli > 0);
  return group(rows, (r) => ({
    eventId: r.eventId,
    kind: r.kind,
    receiptId: docId(r, 'receipt'),
    date: r.date,
    documentRef: r.documentRef,
    supplierId: r.supplierId,
    qty: fromMilli(r.qtyMilli),
    unit: r.unit,
    locationName: r.locationName,
  }));
}

export function shipments(db: Db, ids: number[]): Map<number, TraceShipment[]> {
  const rows = (
    stmt(db, SHIPMENTS_SQL).all(JSON.stringify(ids)) as (DocRow & {
      kind: 'shipment' | 'transfer';
      documentRef: string | null;
      customerId: number | null;
      toLocationName: string | null;
    })[]
  ).filter((r) => r.qtyMilli > 0);
  return group(rows, (r) => ({
    eventId: r.eventId,
    kind: r.kind,
    shipmentId: docId(r, 'shipment'),
    date: r.date,
    documentRef: r.documentRef,
    customerId: r.kind === 'shipment' ? r.customerId : null,
    toLocationName: r.kind === 'transfer' ? r.toLocationName : null,
    qty: fromMilli(r.qtyMilli),
    unit: r.unit,
  }));
}

export function stock(db: Db, ids: number[]): Map<number, { locationId: number; locationName: string; qty: number }[]> {
  const rows = stmt(db, STOCK_SQL).all(JSON.stringify(ids)) as {
    lotId: number;
    locationId: number;
    locationName: string;
    qtyMilli: number;
  }[];
  return group(rows, (r) => ({ locationId: r.locationId, locationName: r.locationName, qty: fromMilli(r.qtyMilli) }));
}

type LinkRow = {
  fromLotId: number;
  toLotId: number;
  eventId: number;
  docType: string | null;
  docId: number | null;
  batchCode: string | null;
  date: string;
  qtyMilli: number;
  unit: string;
};
const toLink = (r: LinkRow): TraceLink => ({
  fromLotId: r.fromLotId,
  toLotId: r.toLotId,
  eventId: r.eventId,
  batchId: docId(r, 'batch'),
  batchCode: r.batchCode,
  date: r.date,
  qty: fromMilli(r.qtyMilli),
  unit: r.unit,
});

/** Links into the given lots (what each was made from). */
export function linksInto(db: Db, ids: number[]): TraceLink[] {
  return ids.length ? (stmt(db, BACK_LINKS_SQL).all(JSON.stringify(ids)) as LinkRow[]).map(toLink) : [];
}

/** Links out of the given lots (what each went into). */
export function linksOutOf(db: Db, ids: number[]): TraceLink[] {
  return ids.length ? (stmt(db, FORWARD_LINKS_SQL).all(JSON.stringify(ids)) as LinkRow[]).map(toLink) : [];
}

/** Links into (`dir` back) or out of (forward) the given lots whose other end is one of `others`. */
export function linksWithin(db: Db, dir: 'back' | 'forward', ids: number[], others: number[]): TraceLink[] {
  if (!ids.length || !others.length) return [];
  const sql = dir === 'back' ? BACK_LINKS_WITHIN_SQL : FORWARD_LINKS_WITHIN_SQL;
  // The other end's set comes first in the SQL text (the join), then the lots matched.
  return (stmt(db, sql).all(JSON.stringify(others), JSON.stringify(ids)) as LinkRow[]).map(toLink);
}

export function partners(db: Db, ids: number[]): TracePartner[] {
  return ids.length ? (stmt(db, PARTNERS_SQL).all(JSON.stringify([...new Set(ids)])) as TracePartner[]) : [];
}

/** Full lot records of a page of reached lots, in the page's order. */
export function traceLots(db: Db, page: Reached[]): TraceLot[] {
  const ids = page.map((r) => r.lotId);
  const base = lotRows(db, ids);
  const prod = productions(db, ids);
  const rec = receipts(db, ids);
  const ship = shipments(db, ids);
  const st = stock(db, ids);
  const out: TraceLot[] = [];
  for (const r of page) {
    const l = base.get(r.lotId);
    if (!l) continue;
    const { balanceMilli, ...rest } = l;
    out.push({
      ...rest,
      balance: fromMilli(balanceMilli),
      side: r.side,
      depth: r.depth,
      linkQty: null,
      producedBy: prod.get(r.lotId) ?? [],
      receipts: rec.get(r.lotId) ?? [],
      shipments: ship.get(r.lotId) ?? [],
      stock: st.get(r.lotId) ?? [],
    });
  }
  return out;
}

/** Product and origin of every reached lot (ids and flags only). */
export type ReachedKinds = { productOf: Map<number, number>; produced: number };

const KINDS_SQL = `SELECT id, product_id, origin = 'production' FROM lots WHERE id IN (SELECT value FROM json_each(?))`;

export function reachedKinds(db: Db, ids: number[]): ReachedKinds {
  const productOf = new Map<number, number>();
  let produced = 0;
  for (const [id, productId, made] of qr(db, KINDS_SQL).all(JSON.stringify(ids)) as [number, number, number][]) {
    productOf.set(id, productId);
    produced += made;
  }
  return { productOf, produced };
}

/**
 * The receipt and shipment lines of every reached lot, as arrays: lot, kind, supplier (receipts), customer
 * (shipments), whether stock left (the leaving line of a shipment), whether its net quantity is > 0. Read once
 * for a big answer: its counts and its groups' partners both come from these rows.
 */
export type PartnerLine = [
  lotId: number,
  kind: 'receipt' | 'shipment',
  supplierId: number | null,
  customerId: number | null,
  leaving: number,
  positive: number,
];

const PARTNER_LINES_SQL = `
SELECT x.lot_id, e.kind, e.source_partner_id, e.destination_partner_id, x.stock_delta_milli < 0, ${net('x')} > 0
FROM event_lines x INDEXED BY event_lines_lot JOIN events e ON e.id = x.event_id AND e.kind IN ('shipment', 'receipt')
WHERE x.lot_id IN (SELECT value FROM json_each(?)) AND x.role = 'object' AND x.corrects_line_id IS NULL`;

export function partnerLines(db: Db, ids: number[]): PartnerLine[] {
  return qr(db, PARTNER_LINES_SQL).all(JSON.stringify(ids)) as PartnerLine[];
}

/**
 * Counts over every reached lot (not only a page), without loading their details: receipts and their
 * suppliers, leaving shipment lines and their customers, each with a net quantity > 0.
 */
export function traceTotals(lines: PartnerLine[]): {
  receipts: number;
  shipments: number;
  customers: number;
  suppliers: number;
} {
  let receipts = 0;
  let shipments = 0;
  const suppliers = new Set<number>();
  const customers = new Set<number>();
  for (const [, kind, supplierId, customerId, leaving, positive] of lines) {
    if (!positive) continue;
    if (kind === 'receipt') {
      receipts++;
      if (supplierId !== null) suppliers.add(supplierId);
    } else if (leaving) {
      shipments++;
      if (customerId !== null) customers.add(customerId);
    }
  }
  return { receipts, suppliers: suppliers.size, shipments, customers: customers.size };
}
