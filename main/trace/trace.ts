// Backward and forward trace as one answer: the lots reached (paged), the links between them with
// their net quantities, and the partners (suppliers, customers) with their contact details.
import {
  TRACE_GROUP_OVER,
  TRACE_MAX_LOTS,
  type ResolvedLot,
  type TraceDirection,
  type TraceLink,
  type TraceLot,
  type TraceResult,
} from '../../shared/api/trace';
import type { Db } from '../store/db';
import {
  linksInto,
  linksWithin,
  partnerLines,
  partners,
  reach,
  reachedKinds,
  traceLots,
  traceTotals,
  type Reached,
  type ReachedKinds,
} from './queries';
import { traceGroups } from './groups';

export type TraceLotWithLink = TraceLot;

export type TraceOptions = {
  direction: TraceDirection;
  limit: number;
  offset: number;
  generatedAt: string;
  user: string;
  max?: number;
  group?: { side: 'back' | 'forward'; depth: number; productId: number };
};

export function runTrace(db: Db, roots: ResolvedLot[], opts: TraceOptions): TraceResult & { lots: TraceLotWithLink[] } {
  const rootIds = roots.map((r) => r.id);
  const { rows, truncated } = reach(db, rootIds, opts.direction, opts.max ?? TRACE_MAX_LOTS);
  const ids = rows.map((r) => r.lotId);
  const side = new Map(rows.map((r) => [r.lotId, r.side]));
  const kinds = reachedKinds(db, ids);
  const listed = opts.group ? inGroup(rows, opts.group, kinds) : rows;
  const page = listed.slice(opts.offset, opts.offset + opts.limit);
  const whole = page.length === rows.length;
  const big = rows.length > TRACE_GROUP_OVER;
  // One read of every reached lot's receipt and shipment lines serves the groups and the counts.
  const lines = big || !whole ? partnerLines(db, ids) : [];
  const grouped = big ? traceGroups(db, rows, kinds, lines) : { groups: [], groupLinks: [] };
  const result = tracePage(db, page, side);
  return {
    direction: opts.direction,
    rootIds,
    generatedAt: opts.generatedAt,
    user: opts.user,
    totals: {
      lots: rows.length,
      ...sideCounts(rows),
      produced: kinds.produced,
      received: ids.length - kinds.produced,
      // When the page holds every lot the counts come from it; otherwise from the lines of all of them.
      ...(whole ? countsOf(result.lots) : traceTotals(lines)),
    },
    truncated,
    page: { offset: opts.offset, limit: opts.limit, total: listed.length },
    ...result,
    ...grouped,
  };
}

function sideCounts(rows: Reached[]): { back: number; forward: number } {
  let back = 0;
  let forward = 0;
  for (const r of rows) {
    if (r.side === 'back') back++;
    else if (r.side === 'forward') forward++;
  }
  return { back, forward };
}

/**
 * Details, links and partners of one page of reached lots; `side` knows every reached lot. Each link is
 * read from the side that stays inside the trace — into root/back lots, out of root/forward lots — so a
 * packaging lot used by 20,000 batches does not drag its 20,000 other uses into a backward trace.
 */
export function tracePage(
  db: Db,
  page: Reached[],
  side: Map<number, Reached['side']>,
): { lots: TraceLotWithLink[]; links: TraceLink[]; partners: TraceResult['partners'] } {
  const lots = traceLots(db, page);
  const intoIds = page.filter((r) => r.side !== 'forward').map((r) => r.lotId);
  const anyForward = hasForward(side);
  const outIds = anyForward ? page.filter((r) => r.side !== 'back').map((r) => r.lotId) : [];
  // Only links between lots of this page, read so in SQLite: a salt lot's 8,000 uses are not carried (nor
  // read) by every page.
  const pageIds = page.map((r) => r.lotId);
  const links = keep(
    [...linksWithin(db, 'back', intoIds, pageIds), ...linksWithin(db, 'forward', outIds, pageIds)],
    side,
  );
  // The quantity an input gave toward the trace: its links into the root/back lots, which may sit on
  // other pages, so they are read for every root/back lot (a backward trace is small: it ends at receipts).
  const pageBack = page.filter((r) => r.side === 'back');
  const out = new Map<number, number>();
  if (pageBack.length) {
    const allInto = [...side].filter(([, s]) => s !== 'forward').map(([id]) => id);
    const onPage = new Set(pageBack.map((r) => r.lotId));
    for (const l of keep(linksInto(db, allInto), side))
      if (onPage.has(l.fromLotId)) out.set(l.fromLotId, (out.get(l.fromLotId) ?? 0) + l.qty);
  }
  const withQty: TraceLotWithLink[] = lots.map((l) => ({
    ...l,
    linkQty:
      l.side === 'back'
        ? round3(out.get(l.id) ?? 0)
        : l.side === 'forward'
          ? round3(l.producedBy.reduce((a, p) => a + p.qty, 0))
          : null,
  }));
  const partnerIds: number[] = [];
  for (const l of lots) {
    if (l.supplierId) partnerIds.push(l.supplierId);
    for (const r of l.receipts) if (r.supplierId) partnerIds.push(r.supplierId);
    for (const s of l.shipments) if (s.customerId) partnerIds.push(s.customerId);
  }
  return { lots: withQty, links, partners: partners(db, partnerIds) };
}

/** The reached lots of one group (same side, level and product). */
function inGroup(rows: Reached[], g: NonNullable<TraceOptions['group']>, { productOf }: ReachedKinds): Reached[] {
  return rows.filter((r) => r.side === g.side && r.depth === g.depth && (productOf.get(r.lotId) ?? 0) === g.productId);
}

function countsOf(lots: TraceLot[]): { receipts: number; shipments: number; customers: number; suppliers: number } {
  const customers = new Set<number>();
  const suppliers = new Set<number>();
  let receipts = 0;
  let shipments = 0;
  for (const l of lots) {
    for (const r of l.receipts) {
      if (r.kind !== 'receipt') continue;
      receipts++;
      if (r.supplierId) suppliers.add(r.supplierId);
    }
    for (const s of l.shipments) {
      if (s.kind !== 'shipment') continue;
      shipments++;
      if (s.customerId) customers.add(s.customerId);
    }
  }
  return { receipts, shipments, customers: customers.size, suppliers: suppliers.size };
}

function hasForward(side: Map<number, Reached['side']>): boolean {
  for (const s of side.values()) if (s === 'forward') return true;
  return false;
}

/** Links whose two ends are reached, deduplicated; a forward lot's other inputs and a back lot's other uses are not part of the trace. */
function keep(links: TraceLink[], side: Map<number, Reached['side']>): TraceLink[] {
  const seen = new Set<string>();
  const out: TraceLink[] = [];
  for (const l of links) {
    const key = `${l.fromLotId}>${l.toLotId}@${l.eventId}`;
    const sf = side.get(l.fromLotId);
    const st = side.get(l.toLotId);
    if (seen.has(key) || !sf || !st) continue;
    if (sf === 'forward' && st !== 'forward') continue;
    if (st === 'back' && sf !== 'back') continue;
    seen.add(key);
    out.push(l);
  }
  return out;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
