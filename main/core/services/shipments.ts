// Shipments (xuất hàng) to a customer and internal transfers: one event per shipment, one line per lot
// (a transfer has two: out of the origin, into the destination).
import { AppError } from '../../../shared/api/errors';
import type { ApiParsed } from '../../../shared/api/contract';
import type { Shipment } from '../../../shared/api/shipments';
import { foldVietnamese } from '../../../shared/domain/text';
import type { PartialHandlers, ServiceContext } from '../core';
import {
  allocate,
  checkUsable,
  eventTimeFor,
  fromMilli,
  locationRow,
  lotRow,
  partnerRow,
  productRow,
  q,
  qv,
  toProductMilli,
  today,
  writeEvent,
  type NewLine,
  type Row,
} from './events';

export function createShipment(ctx: ServiceContext, p: ApiParsed<'shipments.create'>): Shipment {
  return shipmentView(ctx, writeShipment(ctx, p));
}

/** Records a shipment and returns its id (the view is built by `createShipment`). */
export function writeShipment(ctx: ServiceContext, p: ApiParsed<'shipments.create'>): number {
  if (p.requestKey) {
    const prior = qv(ctx.db, 'SELECT id FROM shipments WHERE request_key = ?').get(p.requestKey) as number | undefined;
    if (prior) return prior;
  }
  locationRow(ctx, p.fromLocationId, 'fromLocationId');
  let customerId: number | null = null;
  let toLocationId: number | null = null;
  if (p.kind === 'customer') {
    if (!p.customerId)
      throw new AppError(
        'SHIPMENT_NEEDS_CUSTOMER',
        {},
        { fields: [{ path: 'customerId', code: 'SHIPMENT_NEEDS_CUSTOMER' }] },
      );
    customerId = partnerRow(ctx, p.customerId, 'customer', 'customerId').id;
  } else {
    if (!p.toLocationId)
      throw new AppError(
        'SHIPMENT_NEEDS_DESTINATION',
        {},
        { fields: [{ path: 'toLocationId', code: 'SHIPMENT_NEEDS_DESTINATION' }] },
      );
    if (p.toLocationId === p.fromLocationId)
      throw new AppError(
        'TRANSFER_SAME_LOCATION',
        {},
        { fields: [{ path: 'toLocationId', code: 'TRANSFER_SAME_LOCATION' }] },
      );
    toLocationId = locationRow(ctx, p.toLocationId, 'toLocationId').id;
  }
  const date = p.date ?? today(ctx);
  const eventTime = eventTimeFor(ctx, p.date);
  const lines: NewLine[] = [];
  const overrides: { lotId: number; status: string; reason: string }[] = [];
  const perLot = new Map<number, number>();
  p.lines.forEach((l, i) => {
    const path = `lines.${i}`;
    const lot = lotRow(ctx, l.lotId, `${path}.lotId`);
    const lp = productRow(ctx, lot.product_id, `${path}.lotId`, false);
    const milli = toProductMilli(l.qty, l.unit, lp, `${path}.qty`, ctx.lang);
    const ov = checkUsable(ctx, lot, l.override, `${path}.lotId`, date, 'shipment');
    if (ov && !overrides.some((o) => o.lotId === ov.lotId)) overrides.push(ov);
    const total = (perLot.get(lot.id) ?? 0) + milli;
    perLot.set(lot.id, total);
    // Goods leave from the chosen place: stock elsewhere does not count.
    allocate(ctx, lot, total, p.fromLocationId, true, `${path}.qty`);
    lines.push({
      role: 'object',
      lotId: lot.id,
      qtyMilli: milli,
      unit: lot.unit,
      stockDeltaMilli: -milli,
      locationId: p.fromLocationId,
    });
    if (toLocationId)
      lines.push({
        role: 'object',
        lotId: lot.id,
        qtyMilli: milli,
        unit: lot.unit,
        stockDeltaMilli: milli,
        locationId: toLocationId,
      });
  });
  const id = Number(
    q(
      ctx.db,
      'INSERT INTO shipments (kind, customer_id, from_location_id, to_location_id, ship_date, document_ref, vehicle_plate, driver, note, user, request_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      p.kind,
      customerId,
      p.fromLocationId,
      toLocationId,
      date,
      p.documentRef,
      p.vehiclePlate,
      p.driver,
      p.note,
      ctx.user,
      p.requestKey ?? null,
      eventTime,
    ).lastInsertRowid,
  );
  writeEvent(ctx, {
    kind: p.kind === 'customer' ? 'shipment' : 'transfer',
    epcisType: 'ObjectEvent',
    action: 'OBSERVE',
    bizStep: 'shipping',
    disposition: 'in_transit',
    eventTime,
    locationId: p.fromLocationId,
    destinationPartnerId: customerId,
    destinationLocationId: toLocationId,
    documentRef: p.documentRef,
    docType: 'shipment',
    docId: id,
    data: {
      ...(p.vehiclePlate ? { vehiclePlate: p.vehiclePlate } : {}),
      ...(p.driver ? { driver: p.driver } : {}),
      ...(overrides.length ? { overrides } : {}),
    },
    lines,
  });
  return id;
}

export function shipmentView(ctx: ServiceContext, id: number): Shipment {
  const s = q(
    ctx.db,
    `SELECT s.*, c.name AS customer_name, f.name AS from_name, t.name AS to_name FROM shipments s LEFT JOIN partners c ON c.id = s.customer_id
     JOIN locations f ON f.id = s.from_location_id LEFT JOIN locations t ON t.id = s.to_location_id WHERE s.id = ?`,
  ).get(id) as Row | undefined;
  if (!s) throw new AppError('NOT_FOUND', { entity: 'shipment', id });
  const ev = q(
    ctx.db,
    "SELECT id, data FROM events WHERE doc_type = 'shipment' AND doc_id = ? AND kind IN ('shipment','transfer') ORDER BY id LIMIT 1",
  ).get(id) as { id: number; data: string | null };
  const overrides = new Map(
    (
      (ev.data ? (JSON.parse(ev.data) as { overrides?: { lotId: number; reason: string }[] }).overrides : undefined) ??
      []
    ).map((o) => [o.lotId, o.reason]),
  );
  const lines = (
    q(
      ctx.db,
      `SELECT l.id, l.lot_id, l.unit, lot.code, lot.expiry_date, p.id AS product_id, p.name AS product_name, p.gtin,
         l.qty_milli + COALESCE((SELECT SUM(c.qty_milli) FROM event_lines c WHERE c.corrects_line_id = l.id), 0) AS net
       FROM event_lines l JOIN lots lot ON lot.id = l.lot_id JOIN products p ON p.id = lot.product_id WHERE l.event_id = ? AND l.stock_delta_milli <= 0 ORDER BY l.id`,
    ).all(ev.id) as Row[]
  ).map((l) => ({
    lineId: l.id as number,
    lotId: l.lot_id as number,
    lotCode: l.code as string,
    productId: l.product_id as number,
    productName: l.product_name as string,
    gtin: (l.gtin as string | null) ?? null,
    qty: fromMilli(l.net as number),
    unit: l.unit as string,
    expiryDate: (l.expiry_date as string | null) ?? null,
    override: overrides.get(l.lot_id as number) ?? null,
  }));
  return {
    id,
    ...shipmentHeader(s),
    eventId: ev.id,
    lines,
  };
}

/** The header fields of a shipment row (joined with customer and location names), shared by get and list. */
function shipmentHeader(s: Row) {
  return {
    kind: s.kind as Shipment['kind'],
    customerId: (s.customer_id as number | null) ?? null,
    customerName: (s.customer_name as string | null) ?? null,
    fromLocationId: s.from_location_id as number,
    fromLocationName: s.from_name as string,
    toLocationId: (s.to_location_id as number | null) ?? null,
    toLocationName: (s.to_name as string | null) ?? null,
    date: s.ship_date as string,
    documentRef: (s.document_ref as string | null) ?? null,
    vehiclePlate: (s.vehicle_plate as string | null) ?? null,
    driver: (s.driver as string | null) ?? null,
    note: (s.note as string | null) ?? null,
    user: s.user as string,
    createdAt: s.created_at as string,
  };
}

function listShipments(ctx: ServiceContext, p: ApiParsed<'shipments.list'>) {
  const where: string[] = [];
  const args: unknown[] = [];
  if (p.customerId) {
    where.push('s.customer_id = ?');
    args.push(p.customerId);
  }
  if (p.kind) {
    where.push('s.kind = ?');
    args.push(p.kind);
  }
  if (p.from) {
    where.push('s.ship_date >= ?');
    args.push(p.from);
  }
  if (p.to) {
    where.push('s.ship_date <= ?');
    args.push(p.to);
  }
  if (p.search) {
    where.push('(s.document_ref LIKE ? OR c.search LIKE ? OR s.vehicle_plate LIKE ?)');
    args.push(`%${p.search}%`, `%${foldVietnamese(p.search)}%`, `%${p.search}%`);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const from =
    'FROM shipments s LEFT JOIN partners c ON c.id = s.customer_id JOIN locations f ON f.id = s.from_location_id LEFT JOIN locations t ON t.id = s.to_location_id';
  const rows = q(
    ctx.db,
    `SELECT s.*, c.name AS customer_name, f.name AS from_name, t.name AS to_name,
        (SELECT id FROM events e WHERE e.doc_type = 'shipment' AND e.doc_id = s.id AND e.kind IN ('shipment','transfer') LIMIT 1) AS event_id,
        (SELECT count(DISTINCT l.lot_id) FROM events e JOIN event_lines l ON l.event_id = e.id WHERE e.doc_type = 'shipment' AND e.doc_id = s.id) AS line_count,
        (SELECT group_concat(DISTINCT p.name) FROM events e JOIN event_lines l ON l.event_id = e.id JOIN lots lot ON lot.id = l.lot_id JOIN products p ON p.id = lot.product_id WHERE e.doc_type = 'shipment' AND e.doc_id = s.id) AS products
       ${from} ${w} ORDER BY s.ship_date DESC, s.id DESC LIMIT ? OFFSET ?`,
  ).all(...args, p.limit ?? 100, p.offset ?? 0) as Row[];
  const total = qv(ctx.db, `SELECT count(*) ${from} ${w}`).get(...args) as number;
  return {
    total,
    items: rows.map((s) => ({
      id: s.id as number,
      ...shipmentHeader(s),
      eventId: s.event_id as number,
      lineCount: s.line_count as number,
      products: (s.products as string | null) ?? '',
    })),
  };
}

export const shipmentHandlers: PartialHandlers = {
  'shipments.create': (p, ctx) => createShipment(ctx, p),
  'shipments.get': (p, ctx) => shipmentView(ctx, p.id),
  'shipments.list': (p, ctx) => listShipments(ctx, p),
};
