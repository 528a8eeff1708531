// Receipts (nhập hàng): a supplier's delivery; each line makes one lot and one 'receipt' event.
import { AppError } from '../../../shared/api/errors';
import type { ApiParsed } from '../../../shared/api/contract';
import type { Receipt, ScannedLine } from '../../../shared/api/receipts';
import { foldVietnamese } from '../../../shared/domain/text';
import { toGtin14 } from '../../../shared/gs1/checkdigit';
import { errorMessage } from '../../../shared/i18n/messages';
import type { PartialHandlers, ServiceContext } from '../core';
import {
  createLot,
  eventTimeFor,
  expiryFromShelfLife,
  fromMilli,
  locationRow,
  nextLotCode,
  partnerRow,
  productRow,
  q,
  qv,
  setLotCreatedEvent,
  toProductMilli,
  today,
  writeEvent,
  type ProductRow,
  type Row,
} from './events';
import { lotView } from './lots';
import { parseScan } from './scan';

export function createReceipt(ctx: ServiceContext, p: ApiParsed<'receipts.create'>): Receipt {
  return receiptView(ctx, writeReceipt(ctx, p).id);
}

/** Records a receipt; returns its id and, per line, the event and lot (the view is built by `createReceipt`). */
export function writeReceipt(
  ctx: ServiceContext,
  p: ApiParsed<'receipts.create'>,
): { id: number; lines: { eventId: number; lotId: number }[] } {
  if (p.requestKey) {
    const prior = qv(ctx.db, 'SELECT id FROM receipts WHERE request_key = ?').get(p.requestKey) as number | undefined;
    if (prior)
      return {
        id: prior,
        lines: q(
          ctx.db,
          "SELECT e.id AS eventId, l.lot_id AS lotId FROM events e JOIN event_lines l ON l.event_id = e.id WHERE e.doc_type = 'receipt' AND e.doc_id = ? AND e.kind = 'receipt' ORDER BY e.id",
        ).all(prior) as { eventId: number; lotId: number }[],
      };
  }
  const written: { eventId: number; lotId: number }[] = [];
  const supplier = partnerRow(ctx, p.supplierId, 'supplier', 'supplierId');
  locationRow(ctx, p.locationId);
  const date = p.date ?? today(ctx);
  const eventTime = eventTimeFor(ctx, p.date);
  const at = eventTime;
  const receiptId = Number(
    q(
      ctx.db,
      'INSERT INTO receipts (supplier_id, location_id, receipt_date, document_ref, note, user, request_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(supplier.id, p.locationId, date, p.documentRef, p.note, ctx.user, p.requestKey ?? null, at).lastInsertRowid,
  );
  p.lines.forEach((line, i) => {
    const path = `lines.${i}`;
    const product = productRow(ctx, line.productId, `${path}.productId`);
    const milli = toProductMilli(line.qty, line.unit, product, `${path}.qty`, ctx.lang);
    const expiry = line.expiryDate ?? expiryFromShelfLife(product, line.productionDate);
    const lot = createLot(ctx, {
      product,
      code: line.lotCode,
      codeDate: date,
      supplierLotCode: line.supplierLotCode,
      supplierId: supplier.id,
      productionDate: line.productionDate,
      expiryDate: expiry,
      origin: 'receipt',
      path,
    });
    const eid = writeEvent(ctx, {
      kind: 'receipt',
      epcisType: 'ObjectEvent',
      // The received goods become a lot of ours: ADD, so its expiry and the supplier's lot travel as ILMD
      // (EPCIS allows ILMD only with ADD). Receipts stored as OBSERVE before go out as ADD too (main/epcis/build.ts).
      action: 'ADD',
      bizStep: 'receiving',
      disposition: 'in_progress',
      eventTime,
      locationId: p.locationId,
      sourcePartnerId: supplier.id,
      documentRef: p.documentRef,
      docType: 'receipt',
      docId: receiptId,
      data: { receiptId, line: i + 1 },
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
    written.push({ eventId: eid, lotId: lot.id });
  });
  return { id: receiptId, lines: written };
}

export function receiptView(ctx: ServiceContext, id: number): Receipt {
  const r = q(
    ctx.db,
    'SELECT r.*, p.name AS supplier_name, l.name AS location_name FROM receipts r JOIN partners p ON p.id = r.supplier_id JOIN locations l ON l.id = r.location_id WHERE r.id = ?',
  ).get(id) as Row | undefined;
  if (!r) throw new AppError('NOT_FOUND', { entity: 'receipt', id });
  const lines = (
    q(
      ctx.db,
      "SELECT e.id AS event_id, l.lot_id, l.qty_milli, l.unit FROM events e JOIN event_lines l ON l.event_id = e.id WHERE e.doc_type = 'receipt' AND e.doc_id = ? AND e.kind = 'receipt' ORDER BY e.id",
    ).all(id) as Row[]
  ).map((l) => ({
    eventId: l.event_id as number,
    lot: lotView(ctx, l.lot_id as number),
    qty: fromMilli(l.qty_milli as number),
    unit: l.unit as string,
  }));
  return {
    id,
    supplierId: r.supplier_id as number,
    supplierName: r.supplier_name as string,
    locationId: r.location_id as number,
    locationName: r.location_name as string,
    date: r.receipt_date as string,
    documentRef: (r.document_ref as string | null) ?? null,
    note: (r.note as string | null) ?? null,
    user: r.user as string,
    createdAt: r.created_at as string,
    lines,
  };
}

function listReceipts(ctx: ServiceContext, p: ApiParsed<'receipts.list'>) {
  const where: string[] = [];
  const args: unknown[] = [];
  if (p.supplierId) {
    where.push('r.supplier_id = ?');
    args.push(p.supplierId);
  }
  if (p.from) {
    where.push('r.receipt_date >= ?');
    args.push(p.from);
  }
  if (p.to) {
    where.push('r.receipt_date <= ?');
    args.push(p.to);
  }
  if (p.search) {
    where.push('(r.document_ref LIKE ? OR s.search LIKE ?)');
    args.push(`%${p.search}%`, `%${foldVietnamese(p.search)}%`);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const rows = q(
    ctx.db,
    `SELECT r.*, s.name AS supplier_name, loc.name AS location_name,
         (SELECT count(*) FROM events e WHERE e.doc_type = 'receipt' AND e.doc_id = r.id AND e.kind = 'receipt') AS line_count,
         (SELECT group_concat(DISTINCT p.name) FROM events e JOIN event_lines l ON l.event_id = e.id JOIN lots lot ON lot.id = l.lot_id JOIN products p ON p.id = lot.product_id WHERE e.doc_type = 'receipt' AND e.doc_id = r.id) AS products
       FROM receipts r JOIN partners s ON s.id = r.supplier_id JOIN locations loc ON loc.id = r.location_id ${w} ORDER BY r.receipt_date DESC, r.id DESC LIMIT ? OFFSET ?`,
  ).all(...args, p.limit ?? 100, p.offset ?? 0) as Row[];
  const total = qv(ctx.db, `SELECT count(*) FROM receipts r JOIN partners s ON s.id = r.supplier_id ${w}`).get(
    ...args,
  ) as number;
  return {
    items: rows.map((r) => ({
      id: r.id as number,
      supplierId: r.supplier_id as number,
      supplierName: r.supplier_name as string,
      locationId: r.location_id as number,
      locationName: r.location_name as string,
      date: r.receipt_date as string,
      documentRef: (r.document_ref as string | null) ?? null,
      note: (r.note as string | null) ?? null,
      user: r.user as string,
      createdAt: r.created_at as string,
      lineCount: r.line_count as number,
      products: (r.products as string | null) ?? '',
    })),
    total,
  };
}

/** Scanner input → a filled receipt line (product by GTIN, supplier lot, dates, quantity, our lot code). */
function scanToLine(ctx: ServiceContext, p: ApiParsed<'receipts.parseScan'>): ScannedLine {
  const t = p.date ?? today(ctx);
  const s = parseScan(p.scan, t, ctx.lang);
  const warnings: string[] = [...s.remarks];
  let product: ProductRow | undefined;
  if (s.gtin) {
    product = q(ctx.db, 'SELECT * FROM products WHERE gtin14 = ? AND archived_at IS NULL').get(toGtin14(s.gtin)) as
      ProductRow | undefined;
    if (!product) warnings.push(errorMessage('SCAN_UNKNOWN_GTIN', { gtin: s.gtin }, ctx.lang));
  }
  let expiry = s.expiryDate;
  let computed = false;
  if (!expiry && product && s.productionDate) {
    expiry = expiryFromShelfLife(product, s.productionDate);
    computed = expiry !== null;
  }
  return {
    gtin: s.gtin,
    productId: product?.id ?? null,
    productName: product?.name ?? null,
    unit: s.unit ?? product?.unit ?? null,
    supplierLotCode: s.lot,
    productionDate: s.productionDate,
    expiryDate: expiry,
    expiryComputed: computed,
    qty: s.qty,
    lotCode: product ? nextLotCode(ctx, product, t) : null,
    elements: s.elements,
    warnings,
  };
}

export const receiptHandlers: PartialHandlers = {
  'receipts.create': (p, ctx) => createReceipt(ctx, p),
  'receipts.get': (p, ctx) => receiptView(ctx, p.id),
  'receipts.list': (p, ctx) => listReceipts(ctx, p),
  'receipts.parseScan': (p, ctx) => scanToLine(ctx, p),
};
