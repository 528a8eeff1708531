// Lots: list, page with full history, code proposals, FEFO proposals, status changes, opening stock.
// Also the views (lot, event) that the other recording services return.
import { AppError } from '../../../shared/api/errors';
import type { ApiParsed } from '../../../shared/api/contract';
import {
  LOT_PAGE_LISTS,
  LOT_PAGE_SIZE,
  type EventView,
  type HistoryLine,
  type Lot,
  type LotDetail,
  type LotLink,
  type LotPageList,
  type LotShipment,
  type Proposal,
  type ProposedLot,
} from '../../../shared/api/lots';
import type { ListResult } from '../../../shared/api/fields';
import { listPage, pageOf } from './paging';
import {
  daysBetween,
  lotBlock,
  lotCodeProblem,
  lotState,
  nonCset82Chars,
  type LotStatus,
} from '../../../shared/domain/lots';
import { unitLabel } from '../../../shared/domain/units';
import { errorMessage } from '../../../shared/i18n/messages';
import { KIND_WORDS, STATE_WORDS } from '../../../shared/i18n/records';
import { foldVietnamese } from '../../../shared/domain/text';
import type { PartialHandlers, ServiceContext } from '../core';
import {
  createLot,
  eventTimeFor,
  expiryFromShelfLife,
  fromMilli,
  locationRow,
  lotRow,
  nextLotCode,
  productRow,
  q,
  qv,
  setLotCreatedEvent,
  toProductMilli,
  today,
  writeEvent,
  type NewLine,
  type Row,
} from './events';

// ---------- views ----------
// One formatter per language: toLocaleString builds a new one on every call (slow on long histories).
const NUMBER = {
  vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 }),
  en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 }),
};
const formatQuantity = (q: number, lang: 'vi' | 'en') => NUMBER[lang].format(q);

// Every lot column but label_data (a large JSON only the lot page and labels need).
const LOT_COLS =
  'l.id, l.product_id, l.code, l.supplier_lot_code, l.supplier_id, l.production_date, l.expiry_date, l.unit, l.origin, l.status, l.balance_milli, l.created_event_id, l.created_at';
const LOT_SELECT_LIST = `${LOT_COLS}, p.name AS product_name, p.code AS product_code, p.kind AS product_kind, p.gtin AS gtin, s.name AS supplier_name`;
const LOT_FROM = 'FROM lots l JOIN products p ON p.id = l.product_id LEFT JOIN partners s ON s.id = l.supplier_id';
const LOT_SELECT = `SELECT ${LOT_SELECT_LIST} ${LOT_FROM}`;

export function lotFromRow(ctx: ServiceContext, r: Row, withStock = true): Lot {
  const t = today(ctx);
  const status = r.status as LotStatus;
  const expiryDate = (r.expiry_date as string | null) ?? null;
  const balanceMilli = r.balance_milli as number;
  const state = lotState({ status, expiryDate, balanceMilli }, t);
  return {
    id: r.id as number,
    productId: r.product_id as number,
    productName: r.product_name as string,
    productCode: r.product_code as string,
    productKind: r.product_kind as string,
    gtin: (r.gtin as string | null) ?? null,
    code: r.code as string,
    supplierLotCode: (r.supplier_lot_code as string | null) ?? null,
    supplierId: (r.supplier_id as number | null) ?? null,
    supplierName: (r.supplier_name as string | null) ?? null,
    productionDate: (r.production_date as string | null) ?? null,
    expiryDate,
    daysToExpiry: expiryDate ? daysBetween(t, expiryDate) : null,
    unit: r.unit as string,
    origin: r.origin as Lot['origin'],
    status,
    state,
    usable: state === 'available',
    balance: fromMilli(balanceMilli),
    createdAt: r.created_at as string,
    stock: withStock
      ? (
          q(
            ctx.db,
            'SELECT s.location_id, s.qty_milli, l.name FROM lot_stock s JOIN locations l ON l.id = s.location_id WHERE s.lot_id = ? ORDER BY l.name',
          ).all(r.id) as Row[]
        ).map((s) => ({
          locationId: s.location_id as number,
          locationName: s.name as string,
          qty: fromMilli(s.qty_milli as number),
        }))
      : [],
  };
}

export function lotView(ctx: ServiceContext, id: number): Lot {
  const r = q(ctx.db, `${LOT_SELECT} WHERE l.id = ?`).get(id) as Row | undefined;
  if (!r) throw new AppError('NOT_FOUND', { entity: 'lot', id });
  return lotFromRow(ctx, r);
}

const NET_QTY =
  '(l.qty_milli + COALESCE((SELECT SUM(c.qty_milli) FROM event_lines c WHERE c.corrects_line_id = l.id), 0))';

const EVENT_COLS = `e.*, loc.name AS location_name, sp.name AS source_name, dp.name AS destination_name, dl.name AS destination_location_name,
       CASE e.doc_type WHEN 'batch' THEN (SELECT code FROM batches WHERE id = e.doc_id) END AS doc_code`;
const EVENT_FROM = `FROM events e LEFT JOIN locations loc ON loc.id = e.location_id LEFT JOIN partners sp ON sp.id = e.source_partner_id
     LEFT JOIN partners dp ON dp.id = e.destination_partner_id LEFT JOIN locations dl ON dl.id = e.destination_location_id`;
const EVENT_SELECT = `SELECT ${EVENT_COLS} ${EVENT_FROM}`;
const LINE_SELECT = `SELECT l.*, lot.code AS lot_code, p.name AS product_name, loc.name AS location_name FROM event_lines l JOIN lots lot ON lot.id = l.lot_id
       JOIN products p ON p.id = lot.product_id LEFT JOIN locations loc ON loc.id = l.location_id`;

function lineFromRow(l: Row): HistoryLine {
  return {
    lineId: l.id as number,
    role: l.role as HistoryLine['role'],
    lotId: l.lot_id as number,
    lotCode: l.lot_code as string,
    productName: l.product_name as string,
    qty: fromMilli(l.qty_milli as number),
    unit: l.unit as string,
    stockDelta: fromMilli(l.stock_delta_milli as number),
    locationName: (l.location_name as string | null) ?? null,
    correctsLineId: (l.corrects_line_id as number | null) ?? null,
  };
}

function eventFromRow(
  ctx: ServiceContext,
  e: Row,
  lines: HistoryLine[],
  correctedBy: number[],
  perspectiveLotId?: number,
): EventView {
  const view: EventView = {
    id: e.id as number,
    eventId: e.event_id as string,
    kind: e.kind as EventView['kind'],
    epcisType: e.epcis_type as string,
    action: (e.action as EventView['action']) ?? null,
    bizStep: e.biz_step as string,
    disposition: (e.disposition as string | null) ?? null,
    eventTime: e.event_time as string,
    recordedAt: e.recorded_at as string,
    user: e.user as string,
    locationId: (e.location_id as number | null) ?? null,
    locationName: (e.location_name as string | null) ?? null,
    sourcePartnerId: (e.source_partner_id as number | null) ?? null,
    sourcePartnerName: (e.source_name as string | null) ?? null,
    destinationPartnerId: (e.destination_partner_id as number | null) ?? null,
    destinationPartnerName: (e.destination_name as string | null) ?? null,
    destinationLocationName: (e.destination_location_name as string | null) ?? null,
    documentRef: (e.document_ref as string | null) ?? null,
    docType: (e.doc_type as EventView['docType']) ?? null,
    docId: (e.doc_id as number | null) ?? null,
    docCode: (e.doc_code as string | null) ?? null,
    reason: (e.reason as string | null) ?? null,
    correctsEventId: (e.corrects_event_id as number | null) ?? null,
    correctedBy,
    data: e.data ? (JSON.parse(e.data as string) as Record<string, unknown>) : {},
    lines,
    summary: '',
  };
  view.summary = summarize(ctx, view, perspectiveLotId);
  return view;
}

export function eventView(ctx: ServiceContext, id: number, perspectiveLotId?: number): EventView {
  const e = q(ctx.db, `${EVENT_SELECT} WHERE e.id = ?`).get(id) as Row | undefined;
  if (!e) throw new AppError('NOT_FOUND', { entity: 'event', id });
  const lines = (q(ctx.db, `${LINE_SELECT} WHERE l.event_id = ? ORDER BY l.id`).all(id) as Row[]).map(lineFromRow);
  const correctedBy = qv(ctx.db, 'SELECT id FROM events WHERE corrects_event_id = ? ORDER BY id').all(id) as number[];
  return eventFromRow(ctx, e, lines, correctedBy, perspectiveLotId);
}

/** The events of a lot (its lines name it), as a condition on `e`. */
const OF_LOT = 'e.id IN (SELECT event_id FROM event_lines WHERE lot_id = ?)';

/**
 * A page of a lot's events in time order, in three queries however long the history. Each event keeps
 * the lot's own lines, the output lines (what was made), and all lines of the event that made the lot.
 */
export function lotHistory(ctx: ServiceContext, lotId: number, limit: number, offset = 0): ListResult<EventView> {
  const { rows: events, ...count } = pageOf(ctx.db, {
    select: EVENT_COLS,
    from: EVENT_FROM,
    countFrom: 'FROM events e',
    where: [OF_LOT],
    args: [lotId],
    order: 'e.event_time, e.id',
    limit,
    offset,
  });
  const ids = JSON.stringify(events.map((e) => e.id));
  const page = 'SELECT value FROM json_each(?)';
  const lines = new Map<number, HistoryLine[]>();
  for (const l of q(
    ctx.db,
    `${LINE_SELECT} WHERE l.event_id IN (${page}) AND (l.lot_id = ? OR l.role = 'output' OR l.event_id IN (SELECT event_id FROM event_lines WHERE lot_id = ? AND role = 'output')) ORDER BY l.id`,
  ).all(ids, lotId, lotId) as Row[]) {
    const list = lines.get(l.event_id as number) ?? [];
    list.push(lineFromRow(l));
    lines.set(l.event_id as number, list);
  }
  const corrected = new Map<number, number[]>();
  for (const c of q(
    ctx.db,
    `SELECT id, corrects_event_id FROM events WHERE corrects_event_id IN (${page}) ORDER BY id`,
  ).all(ids) as { id: number; corrects_event_id: number }[]) {
    corrected.set(c.corrects_event_id, [...(corrected.get(c.corrects_event_id) ?? []), c.id]);
  }
  const items = events.map((e) =>
    eventFromRow(ctx, e, lines.get(e.id as number) ?? [], corrected.get(e.id as number) ?? [], lotId),
  );
  return { items, ...count };
}

/** One plain sentence per event, from the point of view of a lot when given. */
function summarize(ctx: ServiceContext, e: EventView, lotId?: number): string {
  const vi = ctx.lang === 'vi';
  const mine = lotId ? e.lines.filter((l) => l.lotId === lotId) : e.lines;
  const qty = (ls: HistoryLine[]) => {
    const l = ls[0];
    if (!l) return '';
    const total = ls.filter((x) => x.lotId === l.lotId).reduce((a, x) => a + Math.abs(x.qty), 0);
    return `${formatQuantity(total, ctx.lang)} ${unitLabel(l.unit, ctx.lang, total)}`;
  };
  const overrides = Array.isArray(e.data.overrides)
    ? (e.data.overrides as { lotId: number; status: string; reason: string }[]).filter(
        (o) => !lotId || o.lotId === lotId,
      )
    : [];
  const ov = overrides.length
    ? vi
      ? ` — cho phép dùng lô ${STATE_WORDS.vi[overrides[0].status] ?? overrides[0].status}: ${overrides[0].reason}`
      : ` — allowed although ${STATE_WORDS.en[overrides[0].status] ?? overrides[0].status}: ${overrides[0].reason}`
    : '';
  switch (e.kind) {
    case 'receipt':
      return vi
        ? `Nhập ${qty(mine)} từ ${e.sourcePartnerName ?? '?'}${e.documentRef ? ` (phiếu ${e.documentRef})` : ''}`
        : `Received ${qty(mine)} from ${e.sourcePartnerName ?? '?'}${e.documentRef ? ` (note ${e.documentRef})` : ''}`;
    case 'opening':
      return vi ? `Tồn đầu kỳ ${qty(mine)}` : `Opening stock ${qty(mine)}`;
    case 'production': {
      const out = e.lines.find((l) => l.role === 'output');
      const asInput = lotId ? mine.filter((l) => l.role === 'input') : [];
      if (asInput.length && out)
        return (
          (vi
            ? `Dùng ${qty(asInput)} trong mẻ ${e.docCode ?? ''} để làm lô ${out.lotCode} (${out.productName})`
            : `Used ${qty(asInput)} in batch ${e.docCode ?? ''} to make lot ${out.lotCode} (${out.productName})`) + ov
        );
      const inputs = e.lines.filter((l) => l.role === 'input').map((l) => l.lotCode);
      return vi
        ? `Sản xuất ${qty(e.lines.filter((l) => l.role === 'output'))} trong mẻ ${e.docCode ?? ''} từ ${inputs.length} lô (${inputs.slice(0, 5).join(', ')}${inputs.length > 5 ? '…' : ''})`
        : `Produced ${qty(e.lines.filter((l) => l.role === 'output'))} in batch ${e.docCode ?? ''} from ${inputs.length} lots (${inputs.slice(0, 5).join(', ')}${inputs.length > 5 ? '…' : ''})`;
    }
    case 'shipment':
      return (
        (vi
          ? `Xuất ${qty(mine)} cho ${e.destinationPartnerName ?? '?'}${e.documentRef ? ` (phiếu ${e.documentRef})` : ''}`
          : `Shipped ${qty(mine)} to ${e.destinationPartnerName ?? '?'}${e.documentRef ? ` (document ${e.documentRef})` : ''}`) +
        ov
      );
    case 'transfer':
      return (
        (vi
          ? `Chuyển ${qty(mine.filter((l) => l.stockDelta < 0))} từ ${e.locationName ?? '?'} đến ${e.destinationLocationName ?? '?'}`
          : `Moved ${qty(mine.filter((l) => l.stockDelta < 0))} from ${e.locationName ?? '?'} to ${e.destinationLocationName ?? '?'}`) +
        ov
      );
    case 'status': {
      const s = String(e.data.status ?? '');
      return vi
        ? `Chuyển trạng thái: ${STATE_WORDS.vi[s] ?? s} — lý do: ${e.reason ?? ''}`
        : `Status set to ${STATE_WORDS.en[s] ?? s} — reason: ${e.reason ?? ''}`;
    }
    case 'correction':
      return vi
        ? `Sửa/huỷ ghi nhận #${e.correctsEventId} — lý do: ${e.reason ?? ''}`
        : `Correction of record #${e.correctsEventId} — reason: ${e.reason ?? ''}`;
  }
  return KIND_WORDS[ctx.lang][e.kind] ?? e.kind;
}

// ---------- lot page ----------
const link = (r: Row): LotLink => ({
  lotId: r.lot_id as number,
  lotCode: r.code as string,
  productName: r.name as string,
  qty: fromMilli(r.net as number),
  unit: r.unit as string,
  batchId: (r.batch_id as number | null) ?? null,
  batchCode: (r.batch_code as string | null) ?? null,
});

type Paging = { limit: number; offset: number };

/** Input lots of the production event(s) that made the lot (net quantities). */
function madeFrom(ctx: ServiceContext, id: number, pg: Paging): ListResult<LotLink> {
  return listPage(
    ctx.db,
    {
      select: `l.lot_id, lot.code, p.name, l.unit, SUM(${NET_QTY}) AS net, e.doc_id AS batch_id, b.code AS batch_code`,
      from: `FROM event_lines o JOIN events e ON e.id = o.event_id AND e.kind = 'production' JOIN event_lines l ON l.event_id = e.id AND l.role = 'input'
       JOIN lots lot ON lot.id = l.lot_id JOIN products p ON p.id = lot.product_id LEFT JOIN batches b ON b.id = e.doc_id`,
      where: ["o.lot_id = ? AND o.role = 'output'"],
      args: [id],
      group: 'l.lot_id, e.doc_id HAVING net > 0',
      order: 'e.doc_id, l.lot_id',
      ...pg,
    },
    link,
  );
}

/** Lots made from the lot (net quantities consumed). */
function usedIn(ctx: ServiceContext, id: number, pg: Paging): ListResult<LotLink> {
  return listPage(
    ctx.db,
    {
      select: `o.lot_id, lot.code, p.name, l.unit, SUM(${NET_QTY}) AS net, e.doc_id AS batch_id, b.code AS batch_code`,
      from: `FROM event_lines l JOIN events e ON e.id = l.event_id AND e.kind = 'production' JOIN event_lines o ON o.event_id = e.id AND o.role = 'output'
       JOIN lots lot ON lot.id = o.lot_id JOIN products p ON p.id = lot.product_id LEFT JOIN batches b ON b.id = e.doc_id`,
      where: ["l.lot_id = ? AND l.role = 'input'"],
      args: [id],
      group: 'o.lot_id, e.doc_id HAVING net > 0',
      order: 'o.lot_id, e.doc_id',
      ...pg,
    },
    link,
  );
}

function shippedTo(ctx: ServiceContext, id: number, pg: Paging): ListResult<LotShipment> {
  return listPage(
    ctx.db,
    {
      select: `e.doc_id, pa.name AS customer, dl.name AS to_location, l.unit, SUM(${NET_QTY}) AS net, e.event_time, e.document_ref`,
      from: `FROM event_lines l JOIN events e ON e.id = l.event_id AND e.kind IN ('shipment','transfer') LEFT JOIN partners pa ON pa.id = e.destination_partner_id
       LEFT JOIN locations dl ON dl.id = e.destination_location_id`,
      where: ['l.lot_id = ? AND l.stock_delta_milli < 0'],
      args: [id],
      group: 'e.id HAVING net > 0',
      order: 'e.event_time, e.id',
      ...pg,
    },
    (r) => ({
      shipmentId: r.doc_id as number,
      customerName: (r.customer as string | null) ?? null,
      toLocationName: (r.to_location as string | null) ?? null,
      qty: fromMilli(r.net as number),
      unit: r.unit as string,
      date: String(r.event_time).slice(0, 10),
      documentRef: (r.document_ref as string | null) ?? null,
    }),
  );
}

/** Uses of the lot allowed although its state forbade them (kept in the events' data). */
function lotOverrides(ctx: ServiceContext, id: number): LotDetail['overrides'] {
  const out: LotDetail['overrides'] = [];
  const rows = q(
    ctx.db,
    `SELECT e.id, e.user, e.event_time, e.data FROM events e WHERE ${OF_LOT} AND e.data LIKE '%"overrides"%' ORDER BY e.event_time, e.id`,
  ).all(id) as { id: number; user: string; event_time: string; data: string }[];
  for (const e of rows) {
    const data = JSON.parse(e.data) as { overrides?: { lotId: number; status: string; reason: string }[] };
    for (const o of data.overrides ?? [])
      if (o.lotId === id)
        out.push({ eventId: e.id, status: o.status, reason: o.reason, user: e.user, eventTime: e.event_time });
  }
  return out;
}

const LOT_PAGES = {
  history: (ctx: ServiceContext, id: number, pg: Paging) => lotHistory(ctx, id, pg.limit, pg.offset),
  madeFrom,
  usedIn,
  shippedTo,
} satisfies Record<LotPageList, (ctx: ServiceContext, id: number, pg: Paging) => ListResult<unknown>>;

function lotDetail(ctx: ServiceContext, id: number): LotDetail {
  const lot = lotView(ctx, id);
  const raw = qv(ctx.db, 'SELECT label_data FROM lots WHERE id = ?').get(id) as string | null;
  const first = { limit: LOT_PAGE_SIZE, offset: 0 };
  const pages = {
    history: LOT_PAGES.history(ctx, id, first),
    madeFrom: madeFrom(ctx, id, first),
    usedIn: usedIn(ctx, id, first),
    shippedTo: shippedTo(ctx, id, first),
  };
  const totals = {} as LotDetail['totals'];
  for (const k of LOT_PAGE_LISTS) {
    const { items: _items, ...count } = pages[k];
    totals[k] = count;
  }
  return {
    lot,
    labelData: raw ? (JSON.parse(raw) as Record<string, unknown>) : null,
    history: pages.history.items,
    madeFrom: pages.madeFrom.items,
    usedIn: pages.usedIn.items,
    shippedTo: pages.shippedTo.items,
    totals,
    overrides: lotOverrides(ctx, id),
  };
}

/** A further page of one list of the lot page (the lot must exist). */
function lotPage<K extends LotPageList>(ctx: ServiceContext, list: K, p: { id: number } & Paging) {
  lotView(ctx, p.id);
  return LOT_PAGES[list](ctx, p.id, p) as ReturnType<(typeof LOT_PAGES)[K]>;
}

// ---------- list ----------
function listLots(ctx: ServiceContext, p: ApiParsed<'lots.list'>) {
  const where: string[] = [];
  const args: unknown[] = [];
  const t = today(ctx);
  if (p.productId) {
    where.push('l.product_id = ?');
    args.push(p.productId);
  }
  if (p.supplierId) {
    where.push('l.supplier_id = ?');
    args.push(p.supplierId);
  }
  if (p.origin) {
    where.push('l.origin = ?');
    args.push(p.origin);
  }
  if (p.locationId) {
    where.push('EXISTS (SELECT 1 FROM lot_stock s WHERE s.lot_id = l.id AND s.location_id = ? AND s.qty_milli > 0)');
    args.push(p.locationId);
  }
  if (p.inStock) where.push('l.balance_milli > 0');
  if (p.usable) {
    where.push("l.status = 'available' AND l.balance_milli > 0 AND (l.expiry_date IS NULL OR l.expiry_date >= ?)");
    args.push(t);
  }
  if (p.expiringWithinDays !== undefined) {
    where.push('l.balance_milli > 0 AND l.expiry_date IS NOT NULL AND l.expiry_date <= ?');
    args.push(new Date(Date.parse(`${t}T00:00:00Z`) + p.expiringWithinDays * 86_400_000).toISOString().slice(0, 10));
  }
  if (p.state) {
    if (p.state === 'expired') {
      where.push("l.status = 'available' AND l.balance_milli > 0 AND l.expiry_date < ?");
      args.push(t);
    } else if (p.state === 'used_up') where.push("l.status = 'available' AND l.balance_milli = 0");
    else if (p.state === 'available') {
      where.push("l.status = 'available' AND l.balance_milli > 0 AND (l.expiry_date IS NULL OR l.expiry_date >= ?)");
      args.push(t);
    } else {
      where.push('l.status = ?');
      args.push(p.state);
    }
  }
  if (p.search) {
    // Lot codes are matched as typed (scanners send them exactly); product names diacritic-free.
    where.push("(l.code LIKE ? ESCAPE '\\' OR l.supplier_lot_code LIKE ? ESCAPE '\\' OR p.search LIKE ? ESCAPE '\\')");
    const esc = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    args.push(esc(p.search), esc(p.search), esc(foldVietnamese(p.search)));
  }
  const sortCol = {
    expiryDate: "COALESCE(l.expiry_date, '9999-12-31')",
    code: 'l.code',
    createdAt: 'l.created_at',
    balance: 'l.balance_milli',
    productName: 'p.search',
  }[p.sort ?? 'createdAt'];
  const order = p.order ?? (p.sort === 'expiryDate' || p.sort === 'code' || p.sort === 'productName' ? 'asc' : 'desc');
  return listPage(
    ctx.db,
    {
      select: LOT_SELECT_LIST,
      from: LOT_FROM,
      countFrom: 'FROM lots l JOIN products p ON p.id = l.product_id',
      where,
      args,
      order: `${sortCol} ${order}, l.id ${order}`,
      limit: p.limit ?? 100,
      offset: p.offset ?? 0,
    },
    (r) => lotFromRow(ctx, r),
  );
}

// ---------- FEFO proposals ----------
// A busy workshop keeps hundreds of lots of a material in stock, and every batch asks for each of its
// inputs. The maintained usable total per product and location (usable_totals, migration 012) says whether
// the location alone covers the need; the lots are then walked in first-expired-first-out order through
// lots_fefo (the order of fefoCompare) and the walk stops once the need and the alternatives shown are read.
const FEFO_USABLE = `l.product_id = ? AND l.balance_milli > 0 AND l.status = 'available'`;
const FEFO_ORDER = `coalesce(l.expiry_date, '9999-12-31'), coalesce(l.production_date, '9999-12-31'), l.id`;
const FEFO_COLUMNS = `l.id AS lotId, l.code, l.supplier_lot_code, l.expiry_date AS expiryDate,
    l.production_date AS productionDate, l.unit`;
// CROSS JOIN keeps lots (in index order) as the outer loop, so no sorter runs and a page can stop early.
const WALK_ALL_SQL = `SELECT ${FEFO_COLUMNS}, l.balance_milli AS rem FROM lots l
  WHERE ${FEFO_USABLE} AND coalesce(l.expiry_date, '9999-12-31') >= ? ORDER BY ${FEFO_ORDER} LIMIT ? OFFSET ?`;
const WALK_HERE_SQL = `SELECT ${FEFO_COLUMNS}, s.qty_milli AS rem FROM lots l
  CROSS JOIN lot_stock s ON s.lot_id = l.id AND s.location_id = ?
  WHERE ${FEFO_USABLE} AND coalesce(l.expiry_date, '9999-12-31') >= ? AND s.qty_milli > 0
  ORDER BY ${FEFO_ORDER} LIMIT ? OFFSET ?`;
// The maintained total less what a proposal may not use: lots expired by the day asked, and lots excluded.
const USABLE_HERE_SQL = `SELECT coalesce((SELECT qty_milli FROM usable_totals WHERE product_id = ? AND location_id = ?), 0)
  - (SELECT coalesce(sum(s.qty_milli), 0) FROM lots l CROSS JOIN lot_stock s ON s.lot_id = l.id AND s.location_id = ?
      WHERE ${FEFO_USABLE} AND coalesce(l.expiry_date, '9999-12-31') < ?)
  - (SELECT coalesce(sum(s.qty_milli), 0) FROM json_each(?) x CROSS JOIN lots l ON l.id = x.value
      CROSS JOIN lot_stock s ON s.lot_id = l.id AND s.location_id = ?
      WHERE ${FEFO_USABLE} AND coalesce(l.expiry_date, '9999-12-31') >= ?)`;
type WalkRow = {
  lotId: number;
  code: string;
  supplier_lot_code: string | null;
  expiryDate: string | null;
  productionDate: string | null;
  unit: string;
  rem: number;
};
/** Alternatives listed after the proposed lots. */
const OTHER_LOTS = 50;
/** Rows read per page of the walk: usually the whole proposal in one read. */
const WALK_PAGE = 64;

/** Stock at a location of the lots a proposal may use on day `t`, from the maintained total. */
function usableHere(ctx: ServiceContext, productId: number, locationId: number, t: string, exclude: Set<number>) {
  const ex = JSON.stringify([...exclude]);
  return qv(ctx.db, USABLE_HERE_SQL).get(
    productId,
    locationId,
    locationId,
    productId,
    t,
    ex,
    locationId,
    productId,
    t,
  ) as number;
}

/** Usable lots in FEFO order with what each can give (at the location, or in total), read page by page. */
function* fefoWalk(ctx: ServiceContext, productId: number, t: string, hereAt: number | null) {
  const st = q(ctx.db, hereAt === null ? WALK_ALL_SQL : WALK_HERE_SQL);
  const args = hereAt === null ? [productId, t] : [hereAt, productId, t];
  for (let offset = 0; ; offset += WALK_PAGE) {
    const page = st.all(...args, WALK_PAGE, offset) as WalkRow[];
    yield* page;
    if (page.length < WALK_PAGE) return;
  }
}

/** Proposes lots first-expired-first-out for `needMilli` of a product (in the product's unit). */
export function proposeLots(
  ctx: ServiceContext,
  productId: number,
  needMilli: number,
  locationId: number | null,
  exclude: number[] = [],
  asOf?: string,
): Proposal {
  const p = productRow(ctx, productId, 'productId', false);
  const t = asOf ?? today(ctx);
  const ex = new Set(exclude);
  // Materials often sit in the warehouse while the batch is made in the workshop: when the location
  // alone cannot cover the need, propose from every location.
  const hereOnly = locationId !== null && usableHere(ctx, productId, locationId, t, ex) >= needMilli;
  let left = needMilli;
  const chosen: ProposedLot[] = [];
  const others: ProposedLot[] = [];
  for (const r of fefoWalk(ctx, productId, t, hereOnly ? locationId : null)) {
    if (left <= 0 && others.length >= OTHER_LOTS) break;
    if (ex.has(r.lotId)) continue;
    const row: ProposedLot = {
      lotId: r.lotId,
      lotCode: r.code,
      supplierLotCode: r.supplier_lot_code ?? null,
      expiryDate: r.expiryDate ?? null,
      daysToExpiry: r.expiryDate ? daysBetween(t, r.expiryDate) : null,
      productionDate: r.productionDate ?? null,
      remaining: fromMilli(r.rem),
      selected: 0,
      unit: r.unit,
    };
    if (left > 0) {
      const take = Math.min(left, r.rem);
      left -= take;
      chosen.push({ ...row, selected: fromMilli(take) });
    } else others.push(row);
  }
  return {
    productId,
    productName: p.name,
    unit: p.unit,
    need: fromMilli(needMilli),
    selectedTotal: fromMilli(needMilli - left),
    shortfall: fromMilli(left),
    lots: chosen,
    otherLots: others,
  };
}

// ---------- status changes ----------
const STATUS_EPCIS: Record<LotStatus, { bizStep: string; disposition: string }> = {
  available: { bizStep: 'inspecting', disposition: 'active' },
  on_hold: { bizStep: 'holding', disposition: 'non_sellable_other' },
  quarantined: { bizStep: 'holding', disposition: 'non_conformant' },
  rejected: { bizStep: 'inspecting', disposition: 'non_conformant' },
  recalled: { bizStep: 'recalling', disposition: 'recalled' },
  destroyed: { bizStep: 'destroying', disposition: 'destroyed' },
};

export function setStatus(ctx: ServiceContext, p: ApiParsed<'lots.setStatus'>): EventView {
  return eventView(ctx, writeStatus(ctx, p));
}

/** Records the status event and returns its id (a recall holding thousands of lots needs no view of each). */
export function writeStatus(ctx: ServiceContext, p: ApiParsed<'lots.setStatus'>): number {
  if (p.requestKey) {
    const prior = qv(ctx.db, 'SELECT id FROM events WHERE request_key = ?').get(p.requestKey) as number | undefined;
    if (prior) return prior;
  }
  const lines: NewLine[] = [];
  const previous: Record<string, string> = {};
  const ids = [...new Set(p.lotIds)];
  ids.forEach((lotId, i) => {
    const lot = lotRow(ctx, lotId, `lotIds.${i}`);
    if (lot.status === 'destroyed')
      throw new AppError(
        'LOT_STATUS_FINAL',
        { lot: lot.code },
        { fields: [{ path: `lotIds.${i}`, code: 'LOT_STATUS_FINAL', params: { lot: lot.code } }] },
      );
    previous[lotId] = lot.status;
    const stock = q(
      ctx.db,
      'SELECT location_id, qty_milli FROM lot_stock WHERE lot_id = ? AND qty_milli > 0 ORDER BY location_id',
    ).all(lotId) as { location_id: number; qty_milli: number }[];
    if (p.status === 'destroyed') {
      // Destroying takes the remaining stock out everywhere; the lot keeps its history.
      for (const s of stock)
        lines.push({
          role: 'object',
          lotId,
          qtyMilli: s.qty_milli,
          unit: lot.unit,
          stockDeltaMilli: -s.qty_milli,
          locationId: s.location_id,
        });
      if (!stock.length)
        lines.push({ role: 'object', lotId, qtyMilli: 0, unit: lot.unit, stockDeltaMilli: 0, locationId: null });
    } else {
      lines.push({
        role: 'object',
        lotId,
        qtyMilli: lot.balance_milli,
        unit: lot.unit,
        stockDeltaMilli: 0,
        locationId: p.locationId ?? stock[0]?.location_id ?? null,
      });
    }
  });
  if (p.locationId) locationRow(ctx, p.locationId);
  const id = writeEvent(ctx, {
    kind: 'status',
    epcisType: 'ObjectEvent',
    action: 'OBSERVE',
    ...STATUS_EPCIS[p.status],
    eventTime: eventTimeFor(ctx, p.date),
    locationId: p.locationId ?? null,
    reason: p.reason,
    requestKey: p.requestKey ?? null,
    docType: p.recallRef ? 'recall' : null,
    data: { status: p.status, previous, ...(p.recallRef ? { recallRef: p.recallRef } : {}) },
    lines,
  });
  const upd = q(ctx.db, 'UPDATE lots SET status = ? WHERE id = ?');
  for (const lotId of ids) upd.run(p.status, lotId);
  return id;
}

// ---------- opening stock ----------
function createOpening(ctx: ServiceContext, p: ApiParsed<'lots.createOpening'>): Lot {
  if (p.requestKey) {
    const prior = qv(
      ctx.db,
      'SELECT l.lot_id FROM events e JOIN event_lines l ON l.event_id = e.id WHERE e.request_key = ?',
    ).get(p.requestKey) as number | undefined;
    if (prior) return lotView(ctx, prior);
  }
  const product = productRow(ctx, p.productId);
  locationRow(ctx, p.locationId);
  const milli = toProductMilli(p.qty, p.unit, product, 'qty', ctx.lang);
  const expiry = p.expiryDate ?? expiryFromShelfLife(product, p.productionDate);
  const date = p.date ?? today(ctx);
  const lot = createLot(ctx, {
    product,
    code: p.lotCode,
    codeDate: p.productionDate ?? date,
    supplierLotCode: p.supplierLotCode,
    productionDate: p.productionDate,
    expiryDate: expiry,
    origin: 'opening',
    path: '',
  });
  const eid = writeEvent(ctx, {
    kind: 'opening',
    epcisType: 'ObjectEvent',
    action: 'ADD',
    bizStep: 'storing',
    disposition: 'active',
    eventTime: eventTimeFor(ctx, p.date),
    locationId: p.locationId,
    requestKey: p.requestKey ?? null,
    data: p.note ? { note: p.note } : null,
    lines: [
      {
        role: 'object',
        lotId: lot.id,
        qtyMilli: milli,
        unit: product.unit,
        stockDeltaMilli: milli,
        locationId: p.locationId,
      },
    ],
  });
  setLotCreatedEvent(ctx, lot.id, eid);
  return lotView(ctx, lot.id);
}

export const lotHandlers: PartialHandlers = {
  'lots.list': (p, ctx) => listLots(ctx, p),
  'lots.get': (p, ctx) => lotDetail(ctx, p.id),
  'lots.history': (p, ctx) => lotPage(ctx, 'history', p),
  'lots.madeFrom': (p, ctx) => lotPage(ctx, 'madeFrom', p),
  'lots.usedIn': (p, ctx) => lotPage(ctx, 'usedIn', p),
  'lots.shippedTo': (p, ctx) => lotPage(ctx, 'shippedTo', p),
  'lots.findByCode': (p, ctx) => {
    const rows = (
      p.productId
        ? q(ctx.db, `${LOT_SELECT} WHERE l.code = ? AND l.product_id = ?`).all(p.code, p.productId)
        : q(ctx.db, `${LOT_SELECT} WHERE l.code = ? OR l.supplier_lot_code = ? ORDER BY l.id DESC LIMIT 50`).all(
            p.code,
            p.code,
          )
    ) as Row[];
    return rows.map((r) => lotFromRow(ctx, r));
  },
  'lots.nextCode': (p, ctx) => ({
    code: nextLotCode(ctx, productRow(ctx, p.productId, 'productId', false), p.date ?? today(ctx), {
      exclude: new Set(p.exclude ?? []),
    }),
  }),
  'lots.checkCode': (p, ctx) => {
    const code = p.code.trim();
    const problem = lotCodeProblem(code);
    if (problem) {
      const params: Record<string, string | number> =
        problem === 'LOT_CODE_TOO_LONG' ? { max: 20 } : { chars: `(${nonCset82Chars(code).join(' ')})` };
      return { ok: false, code: problem, message: errorMessage(problem, params, ctx.lang) };
    }
    if (q(ctx.db, 'SELECT 1 FROM lots WHERE product_id = ? AND code = ?').get(p.productId, code))
      return { ok: false, code: 'LOT_CODE_TAKEN', message: errorMessage('LOT_CODE_TAKEN', { code }, ctx.lang) };
    return { ok: true, code: null, message: null };
  },
  'lots.propose': (p, ctx) => {
    const product = productRow(ctx, p.productId, 'productId', false);
    return proposeLots(
      ctx,
      p.productId,
      toProductMilli(p.qty, p.unit, product, 'qty', ctx.lang),
      p.locationId ?? null,
      p.excludeLotIds,
      p.date,
    );
  },
  'lots.setStatus': (p, ctx) => setStatus(ctx, p),
  'lots.createOpening': (p, ctx) => createOpening(ctx, p),
};

export { lotBlock };
