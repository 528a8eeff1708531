// Event lists, and corrections/reversals: history is never edited; a correction is a new event whose
// lines carry the signed change of each corrected line (docs/events.md).
import { AppError } from '../../../shared/api/errors';
import type { ApiParsed } from '../../../shared/api/contract';
import type { EventView } from '../../../shared/api/lots';
import { fromMilli, toMilli } from '../../../shared/domain/quantity';
import { unitDef, unitLabel } from '../../../shared/domain/units';
import type { PartialHandlers, ServiceContext } from '../core';
import { eventTimeFor, q, qv, writeEvent, type NewLine, type Row } from './events';
import { eventView } from './lots';

type LineRow = {
  id: number;
  role: 'object' | 'input' | 'output';
  lot_id: number;
  qty_milli: number;
  unit: string;
  stock_delta_milli: number;
  location_id: number | null;
  net: number;
};

function eventRow(ctx: ServiceContext, id: number): Row & { id: number; kind: string; data: string | null } {
  const e = q(ctx.db, 'SELECT * FROM events WHERE id = ?').get(id) as
    (Row & { id: number; kind: string; data: string | null }) | undefined;
  if (!e)
    throw new AppError(
      'NOT_FOUND',
      { entity: 'event', id },
      { fields: [{ path: 'eventId', code: 'NOT_FOUND', params: { entity: 'event', id } }] },
    );
  if (e.kind === 'correction')
    throw new AppError('EVENT_NOT_CORRECTABLE', {}, { fields: [{ path: 'eventId', code: 'EVENT_NOT_CORRECTABLE' }] });
  return e;
}

function linesOf(ctx: ServiceContext, eventId: number): LineRow[] {
  return q(
    ctx.db,
    `SELECT l.*, l.qty_milli + COALESCE((SELECT SUM(c.qty_milli) FROM event_lines c WHERE c.corrects_line_id = l.id), 0) AS net FROM event_lines l WHERE l.event_id = ? ORDER BY l.id`,
  ).all(eventId) as LineRow[];
}

/** Stock effect per unit of quantity of a line: +1 (receipt, output), −1 (input, shipment), 0 (status). */
function ratio(l: LineRow): number {
  return l.qty_milli === 0 ? 0 : l.stock_delta_milli / l.qty_milli;
}

function priorByKey(ctx: ServiceContext, key?: string): EventView | null {
  if (!key) return null;
  const id = qv(ctx.db, 'SELECT id FROM events WHERE request_key = ?').get(key) as number | undefined;
  return id ? eventView(ctx, id) : null;
}

/** Refuses a change that would leave a lot below zero somewhere, with the lot's figures. */
function checkNotNegative(ctx: ServiceContext, lines: NewLine[]): void {
  const effect = new Map<string, { lotId: number; locationId: number; delta: number }>();
  for (const l of lines) {
    if (!l.stockDeltaMilli || l.locationId === null) continue;
    const k = `${l.lotId}:${l.locationId}`;
    const e = effect.get(k) ?? { lotId: l.lotId, locationId: l.locationId, delta: 0 };
    e.delta += l.stockDeltaMilli;
    effect.set(k, e);
  }
  for (const e of effect.values()) {
    if (e.delta >= 0) continue;
    const have =
      (qv(ctx.db, 'SELECT qty_milli FROM lot_stock WHERE lot_id = ? AND location_id = ?').get(e.lotId, e.locationId) as
        number | undefined) ?? 0;
    if (have + e.delta < 0) {
      const lot = q(ctx.db, 'SELECT code, unit FROM lots WHERE id = ?').get(e.lotId) as { code: string; unit: string };
      throw new AppError(
        'CORRECTION_NEGATIVE',
        { lot: lot.code, balance: fromMilli(have), unit: unitLabel(lot.unit, ctx.lang) },
        { status: 409, details: { lotId: e.lotId } },
      );
    }
  }
}

function baseOf(e: Row) {
  return {
    kind: 'correction' as const,
    epcisType: e.epcis_type as 'ObjectEvent' | 'TransformationEvent',
    action: (e.action as 'ADD' | 'OBSERVE' | 'DELETE' | null) ?? null,
    bizStep: e.biz_step as string,
    disposition: (e.disposition as string | null) ?? null,
    locationId: (e.location_id as number | null) ?? null,
    sourcePartnerId: (e.source_partner_id as number | null) ?? null,
    destinationPartnerId: (e.destination_partner_id as number | null) ?? null,
    destinationLocationId: (e.destination_location_id as number | null) ?? null,
    documentRef: (e.document_ref as string | null) ?? null,
    docType: (e.doc_type as 'receipt' | 'batch' | 'shipment' | 'recall' | null) ?? null,
    docId: (e.doc_id as number | null) ?? null,
    correctsEventId: e.id as number,
  };
}

export function correctEvent(ctx: ServiceContext, p: ApiParsed<'events.correct'>): EventView {
  const prior = priorByKey(ctx, p.requestKey);
  if (prior) return prior;
  const e = eventRow(ctx, p.eventId);
  if (e.kind === 'status')
    throw new AppError('EVENT_NOT_CORRECTABLE', {}, { fields: [{ path: 'eventId', code: 'EVENT_NOT_CORRECTABLE' }] });
  const all = linesOf(ctx, e.id);
  const out: NewLine[] = [];
  const seen = new Set<number>();
  p.lines.forEach((c, i) => {
    const line = all.find((l) => l.id === c.lineId);
    if (!line)
      throw new AppError(
        'LINE_NOT_IN_EVENT',
        { line: c.lineId },
        { fields: [{ path: `lines.${i}.lineId`, code: 'LINE_NOT_IN_EVENT', params: { line: c.lineId } }] },
      );
    const newMilli = toMilli(c.qty);
    if (newMilli % 1000 !== 0 && unitDef(String(line.unit))?.dimension === 'count') {
      const params = { qty: c.qty, unit: unitLabel(String(line.unit), ctx.lang) };
      throw new AppError('QTY_NOT_WHOLE', params, {
        fields: [{ path: `lines.${i}.qty`, code: 'QTY_NOT_WHOLE', params }],
      });
    }
    const change = newMilli - line.net;
    if (change === 0)
      throw new AppError(
        'CORRECTION_NO_CHANGE',
        {},
        { fields: [{ path: `lines.${i}.qty`, code: 'CORRECTION_NO_CHANGE' }] },
      );
    // A transfer moves a lot out of one place and into another: both of its lines change together.
    const siblings =
      e.kind === 'transfer'
        ? all.filter((l) => l.lot_id === line.lot_id && l.role === line.role && l.qty_milli === line.qty_milli)
        : [line];
    for (const s of siblings) {
      if (seen.has(s.id)) continue;
      seen.add(s.id);
      out.push({
        role: s.role,
        lotId: s.lot_id,
        qtyMilli: change,
        unit: s.unit,
        stockDeltaMilli: Math.round(change * ratio(s)),
        locationId: s.location_id,
        correctsLineId: s.id,
      });
    }
  });
  checkNotNegative(ctx, out);
  const id = writeEvent(ctx, {
    ...baseOf(e),
    eventTime: eventTimeFor(ctx),
    reason: p.reason,
    requestKey: p.requestKey ?? null,
    data: { correction: 'quantity' },
    lines: out,
  });
  return eventView(ctx, id);
}

export function reverseEvent(ctx: ServiceContext, p: ApiParsed<'events.reverse'>): EventView {
  const prior = priorByKey(ctx, p.requestKey);
  if (prior) return prior;
  const e = eventRow(ctx, p.eventId);
  const all = linesOf(ctx, e.id);
  const already = qv(ctx.db, "SELECT data FROM events WHERE corrects_event_id = ? AND kind = 'correction'").all(
    e.id,
  ) as (string | null)[];
  if (already.some((d) => d && (JSON.parse(d) as { correction?: string }).correction === 'reversal'))
    throw new AppError('EVENT_ALREADY_REVERSED', {}, { status: 409 });
  const out: NewLine[] = all
    .filter((l) => l.net !== 0 || (e.kind === 'status' && l.qty_milli === 0))
    .map((l) => ({
      role: l.role,
      lotId: l.lot_id,
      qtyMilli: -l.net,
      unit: l.unit,
      stockDeltaMilli: Math.round(-l.net * ratio(l)),
      locationId: l.location_id,
      correctsLineId: l.id,
    }));
  if (!out.length && e.kind !== 'status') throw new AppError('EVENT_ALREADY_REVERSED', {}, { status: 409 });
  checkNotNegative(ctx, out);
  const data: Record<string, unknown> = { correction: 'reversal' };
  if (e.kind === 'status') {
    // Undo the status change: every lot goes back to what it was before (kept in the status event).
    const prev = (e.data ? (JSON.parse(e.data) as { previous?: Record<string, string> }).previous : undefined) ?? {};
    data.restoreStatus = prev;
    const upd = q(ctx.db, 'UPDATE lots SET status = ? WHERE id = ?');
    for (const [lotId, s] of Object.entries(prev)) upd.run(s, Number(lotId));
  }
  const id = writeEvent(ctx, {
    ...baseOf(e),
    eventTime: eventTimeFor(ctx),
    reason: p.reason,
    requestKey: p.requestKey ?? null,
    data,
    lines: out,
  });
  return eventView(ctx, id);
}

function listEvents(ctx: ServiceContext, p: ApiParsed<'events.list'>) {
  const where: string[] = [];
  const args: unknown[] = [];
  if (p.lotId) {
    where.push('e.id IN (SELECT event_id FROM event_lines WHERE lot_id = ?)');
    args.push(p.lotId);
  }
  if (p.kind) {
    where.push('e.kind = ?');
    args.push(p.kind);
  }
  if (p.docType) {
    where.push('e.doc_type = ?');
    args.push(p.docType);
  }
  if (p.docId) {
    where.push('e.doc_id = ?');
    args.push(p.docId);
  }
  if (p.from) {
    where.push('e.event_time >= ?');
    args.push(p.from);
  }
  if (p.to) {
    where.push('e.event_time < ?');
    args.push(`${p.to}T99`);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const ids = qv(ctx.db, `SELECT e.id FROM events e ${w} ORDER BY e.event_time DESC, e.id DESC LIMIT ? OFFSET ?`).all(
    ...args,
    p.limit ?? 100,
    p.offset ?? 0,
  ) as number[];
  const total = qv(ctx.db, `SELECT count(*) FROM events e ${w}`).get(...args) as number;
  return { items: ids.map((id) => eventView(ctx, id, p.lotId)), total };
}

export const eventHandlers: PartialHandlers = {
  'events.list': (p, ctx) => listEvents(ctx, p),
  'events.get': (p, ctx) => eventView(ctx, p.id),
  'events.correct': (p, ctx) => correctEvent(ctx, p),
  'events.reverse': (p, ctx) => reverseEvent(ctx, p),
};
