// The event store's write path and the shared pieces of the recording services: cached statements,
// master-data checks, unit conversion, lot creation (code rules + frozen label data), stock allocation,
// and `writeEvent`, the only function that appends events and moves balances (same transaction).
import { v7 as uuidv7 } from 'uuid';
import { AppError, fieldError } from '../../../shared/api/errors';
import { DEFAULT_LOT_PATTERN } from '../../../shared/api/masterdata';
import {
  addDays,
  lotBlock,
  lotCodeFromPrefix,
  lotCodeProblem,
  lotPatternPrefix,
  nonCset82Chars,
  type LotStatus,
} from '../../../shared/domain/lots';
import { fromMilli, toMilli } from '../../../shared/domain/quantity';
import { conversionFactor, unitDef, unitLabel } from '../../../shared/domain/units';
import { STATE_WORDS } from '../../../shared/i18n/records';
import { nowIso, todayLocal } from '../../clock';
import type { Db } from '../../store/db';
import { q, qv } from '../../store/statements';
import type { ServiceContext } from '../core';
import { audit } from './records';

export type Row = Record<string, unknown>;

// ---------- prepared statements, cached per connection (the demo builder records millions of rows) ----------
export { q, qv };

// ---------- master data ----------
/** A row read once per call (see ServiceContext.rowMemo); missing rows are not remembered. */
function memoRow<T extends Row>(ctx: ServiceContext, key: string, read: () => T | undefined): T | undefined {
  const hit = ctx.rowMemo?.get(key) as T | undefined;
  if (hit) return hit;
  const row = read();
  if (row) ctx.rowMemo?.set(key, row);
  return row;
}

export type ProductRow = {
  id: number;
  kind: string;
  name: string;
  code: string;
  gtin: string | null;
  unit: string;
  pack_size_milli: number | null;
  pack_unit: string | null;
  shelf_life_days: number | null;
  lot_pattern: string | null;
  archived_at: string | null;
} & Row;

export function productRow(ctx: ServiceContext, id: number, path = 'productId', forNewRecord = true): ProductRow {
  // Every column but the image (a data URL of up to 1 MB) and the search text.
  const p = memoRow(
    ctx,
    `product:${id}`,
    () =>
      q(
        ctx.db,
        'SELECT id, kind, name, code, gtin, unit, pack_size_milli, pack_unit, net_quantity, shelf_life_days, ingredients, storage, usage, warnings, brand, standard, declaration_no, origin, lot_pattern, archived_at FROM products WHERE id = ?',
      ).get(id) as ProductRow | undefined,
  );
  if (!p)
    throw new AppError(
      'NOT_FOUND',
      { entity: 'product', id },
      { fields: [{ path, code: 'NOT_FOUND', params: { entity: 'product', id } }] },
    );
  if (forNewRecord && p.archived_at)
    throw new AppError(
      'PRODUCT_ARCHIVED',
      { name: p.name },
      { fields: [{ path, code: 'PRODUCT_ARCHIVED', params: { name: p.name } }] },
    );
  return p;
}

export function packInfo(p: ProductRow) {
  return {
    unit: p.unit,
    packSize: p.pack_size_milli === null ? null : fromMilli(p.pack_size_milli),
    packUnit: p.pack_unit,
  };
}

export function locationRow(ctx: ServiceContext, id: number, path = 'locationId'): Row & { id: number; name: string } {
  const l = memoRow(
    ctx,
    `location:${id}`,
    () =>
      q(ctx.db, 'SELECT * FROM locations WHERE id = ?').get(id) as
        (Row & { id: number; name: string; archived_at: string | null }) | undefined,
  );
  if (!l)
    throw new AppError(
      'NOT_FOUND',
      { entity: 'location', id },
      { fields: [{ path, code: 'NOT_FOUND', params: { entity: 'location', id } }] },
    );
  if (l.archived_at)
    throw new AppError(
      'LOCATION_ARCHIVED',
      { name: l.name },
      { fields: [{ path, code: 'LOCATION_ARCHIVED', params: { name: l.name } }] },
    );
  return l;
}

export function partnerRow(
  ctx: ServiceContext,
  id: number,
  role: 'supplier' | 'customer',
  path: string,
): Row & { id: number; name: string } {
  const p = q(ctx.db, 'SELECT * FROM partners WHERE id = ?').get(id) as
    (Row & { id: number; name: string; kind: string; archived_at: string | null }) | undefined;
  if (!p)
    throw new AppError(
      'NOT_FOUND',
      { entity: 'partner', id },
      { fields: [{ path, code: 'NOT_FOUND', params: { entity: 'partner', id } }] },
    );
  if (p.archived_at) {
    const code = role === 'customer' ? 'CUSTOMER_ARCHIVED' : 'PARTNER_ARCHIVED';
    throw new AppError(code, { name: p.name }, { fields: [{ path, code, params: { name: p.name } }] });
  }
  if (p.kind !== role && p.kind !== 'both') {
    const code = role === 'customer' ? 'PARTNER_NOT_CUSTOMER' : 'PARTNER_NOT_SUPPLIER';
    throw new AppError(code, { name: p.name }, { fields: [{ path, code, params: { name: p.name } }] });
  }
  return p;
}

// ---------- quantities ----------
/** A quantity typed in `unit` as thousandths of the product's unit; refuses units that do not convert. */
export function toProductMilli(
  qty: number,
  unit: string | undefined,
  product: ProductRow,
  path: string,
  lang: 'vi' | 'en' = 'vi',
): number {
  const from = unit ?? product.unit;
  const f = conversionFactor(from, product.unit, packInfo(product));
  if (f === null) {
    const params = { from: unitLabel(from, lang), to: unitLabel(product.unit, lang), product: product.name };
    throw new AppError('UNIT_NOT_CONVERTIBLE', params, { fields: [{ path, code: 'UNIT_NOT_CONVERTIBLE', params }] });
  }
  const m = Math.round(qty * f * 1000);
  if (m <= 0) throw fieldError(path, 'NOT_POSITIVE');
  // Pieces are counted, never split: EPCIS and CBV read a count as a whole number of items.
  if (m % 1000 !== 0 && unitDef(product.unit)?.dimension === 'count') {
    const params = { qty: fromMilli(m), unit: unitLabel(product.unit, lang) };
    throw new AppError('QTY_NOT_WHOLE', params, { fields: [{ path, code: 'QTY_NOT_WHOLE', params }] });
  }
  return m;
}

/** kg of a quantity (milli of `unit`) when the unit is a mass or converts through the pack; else null. */
export function kgOf(milli: number, unit: string, product: ProductRow): number | null {
  const f = conversionFactor(unit, 'kg', packInfo(product));
  return f === null ? null : (milli / 1000) * f;
}

// ---------- dates and times ----------
/** Event time for a business date: now when it is today (or absent), else that day at the current time of day. */
export function eventTimeFor(ctx: ServiceContext, date?: string | null): string {
  const now = nowIso(ctx.clock);
  if (!date || date === now.slice(0, 10)) return now;
  return `${date}${now.slice(10)}`;
}

export function today(ctx: ServiceContext): string {
  return todayLocal(ctx.clock);
}

export function checkDates(production: string | null, expiry: string | null, path: string): void {
  if (production && expiry && expiry < production) {
    throw new AppError(
      'EXPIRY_BEFORE_PRODUCTION',
      { expiry, production },
      { fields: [{ path, code: 'EXPIRY_BEFORE_PRODUCTION', params: { expiry, production } }] },
    );
  }
}

export function expiryFromShelfLife(product: ProductRow, productionDate: string | null): string | null {
  if (!productionDate || product.shelf_life_days === null || product.shelf_life_days === undefined) return null;
  return addDays(productionDate, product.shelf_life_days);
}

// ---------- lot codes ----------
function lotCounterKey(productId: number, prefix: string): string {
  return `lot:${productId}:${prefix}`;
}

/** The next free code of a product's pattern for a date, with the counter key and number it takes. */
function lotCodeCandidate(
  ctx: ServiceContext,
  product: ProductRow,
  date: string,
  exclude?: Set<string>,
): { code: string; key: string; seq: number } {
  const prefix = lotPatternPrefix({
    pattern: product.lot_pattern || DEFAULT_LOT_PATTERN,
    productCode: product.code,
    date,
  });
  const key = lotCounterKey(product.id, prefix);
  let seq = ((qv(ctx.db, 'SELECT value FROM code_counters WHERE key = ?').get(key) as number | undefined) ?? 0) + 1;
  const taken = qv(ctx.db, 'SELECT 1 FROM lots WHERE product_id = ? AND code = ?');
  let code = lotCodeFromPrefix(prefix, seq);
  // Skip codes typed by hand earlier (or proposed to the same form) that happen to match the pattern.
  while (taken.get(product.id, code) || exclude?.has(code)) code = lotCodeFromPrefix(prefix, ++seq);
  return { code: code.length > 20 ? code.slice(0, 20) : code, key, seq };
}

function commitCounter(ctx: ServiceContext, key: string, seq: number): void {
  q(
    ctx.db,
    'INSERT INTO code_counters (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(key, seq);
}

/** The next free code of a product's pattern for a date; `commit` advances the counter (on save). */
export function nextLotCode(
  ctx: ServiceContext,
  product: ProductRow,
  date: string,
  opts: { commit?: boolean; exclude?: Set<string> } = {},
): string {
  const c = lotCodeCandidate(ctx, product, date, opts.exclude);
  if (opts.commit) commitCounter(ctx, c.key, c.seq);
  return c.code;
}

export function checkLotCode(ctx: ServiceContext, productId: number, code: string, path: string): void {
  const p = lotCodeProblem(code);
  if (p) {
    const params: Record<string, string | number> =
      p === 'LOT_CODE_TOO_LONG'
        ? { max: 20 }
        : p === 'LOT_CODE_CHARSET'
          ? { chars: `(${nonCset82Chars(code).join(' ')})` }
          : {};
    throw new AppError(p === 'REQUIRED' ? 'VALIDATION' : p, params, { fields: [{ path, code: p, params }] });
  }
  if (q(ctx.db, 'SELECT 1 FROM lots WHERE product_id = ? AND code = ?').get(productId, code)) {
    throw new AppError(
      'LOT_CODE_TAKEN',
      { code },
      { fields: [{ path, code: 'LOT_CODE_TAKEN', params: { code } }], status: 409 },
    );
  }
}

// ---------- lots ----------
let businessCache: { db: Db; json: Row | null; at: string } | null = null;

/** The product's label fields and the business as they are now, frozen into the lot (docs/events.md). */
function labelData(
  ctx: ServiceContext,
  p: ProductRow,
  lot: { code: string; productionDate: string | null; expiryDate: string | null },
): string {
  const b = q(
    ctx.db,
    'SELECT name, tax_code, address, ward, province, phone, gln, gs1_company_prefix, digital_link_domain, updated_at FROM business WHERE id = 1',
  ).get() as Row | undefined;
  if (!businessCache || businessCache.db !== ctx.db || businessCache.at !== (b?.updated_at ?? '')) {
    businessCache = {
      db: ctx.db,
      at: String(b?.updated_at ?? ''),
      json: b
        ? {
            name: b.name,
            taxCode: b.tax_code,
            address: b.address,
            ward: b.ward,
            province: b.province,
            phone: b.phone,
            gln: b.gln,
            gs1CompanyPrefix: b.gs1_company_prefix,
            digitalLinkDomain: b.digital_link_domain,
          }
        : null,
    };
  }
  return JSON.stringify({
    product: {
      id: p.id,
      name: p.name,
      code: p.code,
      gtin: p.gtin,
      kind: p.kind,
      unit: p.unit,
      netQuantity: p.net_quantity ?? null,
      packSize: p.pack_size_milli === null ? null : fromMilli(p.pack_size_milli),
      packUnit: p.pack_unit,
      ingredients: p.ingredients ?? null,
      storage: p.storage ?? null,
      usage: p.usage ?? null,
      warnings: p.warnings ?? null,
      brand: p.brand ?? null,
      standard: p.standard ?? null,
      declarationNo: p.declaration_no ?? null,
      origin: p.origin ?? null,
      shelfLifeDays: p.shelf_life_days,
    },
    business: businessCache.json,
    lot,
    capturedAt: nowIso(ctx.clock),
  });
}

export type NewLot = {
  product: ProductRow;
  code: string | null;
  /** Date for a generated code. */
  codeDate: string;
  supplierLotCode?: string | null;
  supplierId?: number | null;
  productionDate: string | null;
  expiryDate: string | null;
  origin: 'receipt' | 'production' | 'opening';
  path: string;
};

/** Inserts a lot with zero balance (its creating event brings the stock). */
export function createLot(ctx: ServiceContext, l: NewLot): { id: number; code: string } {
  let code: string;
  const candidate = lotCodeCandidate(ctx, l.product, l.codeDate);
  if (l.code && l.code === candidate.code) {
    // The proposed code typed back as is (known to be free): it advances the counter, so the next proposal differs.
    code = l.code;
    commitCounter(ctx, candidate.key, candidate.seq);
  } else if (l.code) {
    checkLotCode(ctx, l.product.id, l.code, `${l.path}.lotCode`);
    code = l.code;
  } else {
    code = candidate.code;
    commitCounter(ctx, candidate.key, candidate.seq);
  }
  checkDates(l.productionDate, l.expiryDate, `${l.path}.expiryDate`);
  const at = nowIso(ctx.clock);
  const id = Number(
    q(
      ctx.db,
      'INSERT INTO lots (product_id, code, supplier_lot_code, supplier_id, production_date, expiry_date, unit, origin, label_data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      l.product.id,
      code,
      l.supplierLotCode ?? null,
      l.supplierId ?? null,
      l.productionDate,
      l.expiryDate,
      l.product.unit,
      l.origin,
      labelData(ctx, l.product, { code, productionDate: l.productionDate, expiryDate: l.expiryDate }),
      at,
    ).lastInsertRowid,
  );
  return { id, code };
}

export type LotRow = {
  id: number;
  product_id: number;
  code: string;
  unit: string;
  status: LotStatus;
  balance_milli: number;
  expiry_date: string | null;
  production_date: string | null;
  created_event_id: number | null;
};

export function lotRow(ctx: ServiceContext, id: number, path = 'lotId'): LotRow {
  const l = q(
    ctx.db,
    'SELECT id, product_id, code, unit, status, balance_milli, expiry_date, production_date, created_event_id FROM lots WHERE id = ?',
  ).get(id) as LotRow | undefined;
  if (!l)
    throw new AppError(
      'NOT_FOUND',
      { entity: 'lot', id },
      { fields: [{ path, code: 'NOT_FOUND', params: { entity: 'lot', id } }] },
    );
  return l;
}

/** Refuses an unusable lot (status, or expired on `asOf`) unless an override reason is given; returns the override to record. */
/** A reason shorter than this ("x", "ok") says nothing an inspector can follow. */
export const OVERRIDE_REASON_MIN = 5;

export function checkUsable(
  ctx: ServiceContext,
  lot: LotRow,
  override: { reason: string } | undefined,
  path: string,
  asOf: string | undefined,
  use: 'batch' | 'shipment' | 'label',
  /** What the override is for, kept in the audit beside the reason (template, copies, printer…). */
  detail: Record<string, unknown> = {},
): { lotId: number; status: string; reason: string } | null {
  // Expiry is judged on the day of the event (a batch recorded for yesterday used yesterday's stock).
  const block = lotBlock({ status: lot.status, expiryDate: lot.expiry_date }, asOf ?? today(ctx));
  if (!block) return null;
  const params = { lot: lot.code, state: STATE_WORDS[ctx.lang][block] };
  if (override?.reason) {
    const role = ctx.actor?.role ?? 'owner';
    if (role !== 'owner' && !(role === 'trainer' && ctx.actor?.workshop))
      throw new AppError('OVERRIDE_OWNER_ONLY', params, {
        fields: [{ path, code: 'OVERRIDE_OWNER_ONLY', params }],
        details: { lotId: lot.id, state: block },
        status: 403,
      });
    const reason = override.reason.trim();
    if (reason.length < OVERRIDE_REASON_MIN) {
      const p = { lot: lot.code, min: OVERRIDE_REASON_MIN };
      throw new AppError('OVERRIDE_REASON_SHORT', p, { fields: [{ path, code: 'OVERRIDE_REASON_SHORT', params: p }] });
    }
    // Who allowed what and why, beside the event that used the lot.
    audit(
      ctx,
      'lots.override',
      'lot',
      lot.id,
      { status: block, lot: lot.code },
      { use, reason, user: ctx.user, ...detail },
    );
    return { lotId: lot.id, status: block, reason };
  }
  throw new AppError('LOT_NOT_USABLE', params, {
    fields: [{ path, code: 'LOT_NOT_USABLE', params }],
    details: { lotId: lot.id, state: block, needsOverride: true },
    status: 409,
  });
}

/**
 * Where to take `milli` of a lot from: the preferred location first, then (unless strict) its other
 * locations. Refuses more than the balance with the figures the user needs.
 */
export function allocate(
  ctx: ServiceContext,
  lot: LotRow,
  milli: number,
  preferredLocationId: number,
  strict: boolean,
  path: string,
): { locationId: number; milli: number }[] {
  const rows = (
    q(ctx.db, 'SELECT location_id, qty_milli FROM lot_stock WHERE lot_id = ?').all(lot.id) as {
      location_id: number;
      qty_milli: number;
    }[]
  )
    .filter((r) => r.qty_milli > 0)
    .sort(
      (a, b) =>
        Number(b.location_id === preferredLocationId) - Number(a.location_id === preferredLocationId) ||
        a.location_id - b.location_id,
    );
  const usable = strict ? rows.filter((r) => r.location_id === preferredLocationId) : rows;
  const have = usable.reduce((a, r) => a + r.qty_milli, 0);
  if (have < milli) {
    const where = strict
      ? ` ${ctx.lang === 'en' ? 'at' : 'tại'} ${(qv(ctx.db, 'SELECT name FROM locations WHERE id = ?').get(preferredLocationId) as string) ?? ''}`
      : '';
    const params = {
      lot: lot.code,
      balance: fromMilli(have),
      requested: fromMilli(milli),
      unit: unitLabel(lot.unit, ctx.lang),
      where,
    };
    throw new AppError('INSUFFICIENT_BALANCE', params, {
      fields: [{ path, code: 'INSUFFICIENT_BALANCE', params }],
      details: { lotId: lot.id, balance: fromMilli(have) },
      status: 409,
    });
  }
  const out: { locationId: number; milli: number }[] = [];
  let left = milli;
  for (const r of usable) {
    if (left <= 0) break;
    const take = Math.min(left, r.qty_milli);
    out.push({ locationId: r.location_id, milli: take });
    left -= take;
  }
  return out;
}

// ---------- writing events ----------
export type EventKind = 'receipt' | 'production' | 'shipment' | 'transfer' | 'status' | 'correction' | 'opening';
export type NewLine = {
  role: 'object' | 'input' | 'output';
  lotId: number;
  qtyMilli: number;
  unit: string;
  stockDeltaMilli: number;
  locationId: number | null;
  correctsLineId?: number | null;
};
export type NewEvent = {
  kind: EventKind;
  epcisType: 'ObjectEvent' | 'TransformationEvent';
  action: 'ADD' | 'OBSERVE' | 'DELETE' | null;
  bizStep: string;
  disposition: string | null;
  eventTime: string;
  locationId?: number | null;
  sourcePartnerId?: number | null;
  destinationPartnerId?: number | null;
  destinationLocationId?: number | null;
  documentRef?: string | null;
  docType?: 'receipt' | 'batch' | 'shipment' | 'recall' | null;
  docId?: number | null;
  reason?: string | null;
  correctsEventId?: number | null;
  requestKey?: string | null;
  data?: Record<string, unknown> | null;
  lines: NewLine[];
};

/**
 * Appends one event and its lines and applies every line's stock delta to `lots.balance_milli` and
 * `lot_stock` — in the caller's transaction, so the event and the balances change together or not at all.
 */
export function writeEvent(ctx: ServiceContext, e: NewEvent): number {
  const db = ctx.db;
  const offset = e.eventTime.slice(-6);
  const id = Number(
    q(
      db,
      `INSERT INTO events (event_id, kind, epcis_type, action, biz_step, disposition, event_time, event_time_zone_offset, recorded_at, location_id, source_partner_id, destination_partner_id, destination_location_id, document_ref, doc_type, doc_id, user, reason, corrects_event_id, request_key, data)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      // UUID v7 (RFC 9562): random like v4 but time-ordered, so each new eventID goes to the end of the unique
      // index instead of a random page of it (a quarter of an event's insert time on a large database).
      `urn:uuid:${uuidv7()}`,
      e.kind,
      e.epcisType,
      e.action,
      e.bizStep,
      e.disposition,
      e.eventTime,
      /^[+-]\d{2}:\d{2}$/.test(offset) ? offset : ctx.clock.offset,
      nowIso(ctx.clock),
      e.locationId ?? null,
      e.sourcePartnerId ?? null,
      e.destinationPartnerId ?? null,
      e.destinationLocationId ?? null,
      e.documentRef ?? null,
      e.docType ?? null,
      e.docId ?? null,
      ctx.user,
      e.reason ?? null,
      e.correctsEventId ?? null,
      e.requestKey ?? null,
      e.data && Object.keys(e.data).length ? JSON.stringify(e.data) : null,
    ).lastInsertRowid,
  );
  const insLine = q(
    db,
    'INSERT INTO event_lines (event_id, role, lot_id, qty_milli, unit, stock_delta_milli, location_id, corrects_line_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const l of e.lines) {
    insLine.run(id, l.role, l.lotId, l.qtyMilli, l.unit, l.stockDeltaMilli, l.locationId, l.correctsLineId ?? null);
    if (l.stockDeltaMilli !== 0) applyDelta(ctx, l.lotId, l.locationId, l.stockDeltaMilli);
  }
  return id;
}

function applyDelta(ctx: ServiceContext, lotId: number, locationId: number | null, delta: number): void {
  const db = ctx.db;
  if (locationId === null) throw new AppError('INTERNAL', { detail: 'stock line without location' });
  if (delta < 0) {
    // The update refuses to go below zero (no row changes); the caller's checks normally catch it first.
    const left = qv(
      db,
      'UPDATE lot_stock SET qty_milli = qty_milli + ? WHERE lot_id = ? AND location_id = ? AND qty_milli + ? >= 0 RETURNING qty_milli',
    ).get(delta, lotId, locationId, delta) as number | undefined;
    if (left === undefined) {
      const have =
        (qv(db, 'SELECT qty_milli FROM lot_stock WHERE lot_id = ? AND location_id = ?').get(lotId, locationId) as
          number | undefined) ?? 0;
      const lot = q(db, 'SELECT code, unit FROM lots WHERE id = ?').get(lotId) as { code: string; unit: string };
      throw new AppError(
        'INSUFFICIENT_BALANCE',
        {
          lot: lot.code,
          balance: fromMilli(have),
          requested: fromMilli(-delta),
          unit: unitLabel(lot.unit, ctx.lang),
          where: '',
        },
        { details: { lotId }, status: 409 },
      );
    }
    if (left === 0) q(db, 'DELETE FROM lot_stock WHERE lot_id = ? AND location_id = ?').run(lotId, locationId);
  } else {
    q(
      db,
      'INSERT INTO lot_stock (lot_id, location_id, qty_milli) VALUES (?, ?, ?) ON CONFLICT(lot_id, location_id) DO UPDATE SET qty_milli = qty_milli + excluded.qty_milli',
    ).run(lotId, locationId, delta);
  }
  q(db, 'UPDATE lots SET balance_milli = balance_milli + ? WHERE id = ?').run(delta, lotId);
}

export function setLotCreatedEvent(ctx: ServiceContext, lotId: number, eventId: number): void {
  q(ctx.db, 'UPDATE lots SET created_event_id = ? WHERE id = ?').run(eventId, lotId);
}

export { toMilli, fromMilli };
