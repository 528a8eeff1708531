// Lots, their history and status, stock figures, and corrections of recorded events.
import { z } from 'zod';
import { LOT_STATUSES, lotCodeProblem, type LotState, type LotStatus } from '../domain/lots';
import { UNIT_CODES } from '../domain/units';
import {
  byId,
  expiryDate,
  id,
  isoDate,
  optText,
  positiveQuantity,
  quantity,
  recordDate,
  text,
  type ListResult,
} from './fields';
import { method } from './method';
import '../i18n/records';

// ---------- shared record fields ----------
/** Our lot code: ≤ 20 characters of GS1 CSET 82 (so it can be printed as AI 10). */
export const lotCode = z
  .string({ error: 'REQUIRED' })
  .trim()
  .superRefine((v, ctx) => {
    const p = lotCodeProblem(v);
    if (p) ctx.addIssue({ code: 'custom', message: p, params: p === 'LOT_CODE_TOO_LONG' ? { max: 20 } : {} });
  });
export const optLotCode = lotCode.nullish().transform((v) => (v ? v : null));
export const unit = z.enum(UNIT_CODES, { error: 'INVALID_CHOICE' });
/** A form's idempotency key: the same key saved twice records once (double click, resend). */
export const requestKey = z.string({ error: 'INVALID_TYPE' }).trim().min(1).max(100, { error: 'TOO_LONG' }).optional();
/** Permission to use a lot that is on hold, quarantined, recalled… or expired; the reason is recorded. */
export const override = z
  .object({ reason: text(500) })
  .strict()
  .optional();
/** An event time typed by the user: a date (time = now) or a full ISO time with offset. */
export const optEventDate = recordDate.optional();

export type { LotState, LotStatus };

// ---------- lots ----------
export type LotStockRow = { locationId: number; locationName: string; qty: number };

export type Lot = {
  id: number;
  productId: number;
  productName: string;
  productCode: string;
  productKind: string;
  gtin: string | null;
  code: string;
  supplierLotCode: string | null;
  supplierId: number | null;
  supplierName: string | null;
  productionDate: string | null;
  expiryDate: string | null;
  /** Days until expiry from today (negative when expired); null without expiry. */
  daysToExpiry: number | null;
  unit: string;
  origin: 'receipt' | 'production' | 'opening';
  status: LotStatus;
  /** status, or the derived 'expired' / 'used_up'. */
  state: LotState;
  /** Usable without an override. */
  usable: boolean;
  balance: number;
  createdAt: string;
  stock: LotStockRow[];
};

export type HistoryLine = {
  lineId: number;
  role: 'object' | 'input' | 'output';
  lotId: number;
  lotCode: string;
  productName: string;
  qty: number;
  unit: string;
  stockDelta: number;
  locationName: string | null;
  correctsLineId: number | null;
};

/** One event as the lot page and the event list show it. */
export type EventView = {
  id: number;
  eventId: string;
  kind: 'receipt' | 'production' | 'shipment' | 'transfer' | 'status' | 'correction' | 'opening';
  epcisType: string;
  action: 'ADD' | 'OBSERVE' | 'DELETE' | null;
  bizStep: string;
  disposition: string | null;
  eventTime: string;
  recordedAt: string;
  user: string;
  locationId: number | null;
  locationName: string | null;
  sourcePartnerId: number | null;
  sourcePartnerName: string | null;
  destinationPartnerId: number | null;
  destinationPartnerName: string | null;
  destinationLocationName: string | null;
  documentRef: string | null;
  docType: 'receipt' | 'batch' | 'shipment' | 'recall' | null;
  docId: number | null;
  /** Batch code for production events. */
  docCode: string | null;
  reason: string | null;
  correctsEventId: number | null;
  /** Ids of later events that correct this one. */
  correctedBy: number[];
  data: Record<string, unknown>;
  lines: HistoryLine[];
  /** A sentence for people: "Nhập 100 kg từ HTX …". */
  summary: string;
};

/** A lot one step away on the lot page (an input of the batch that made it, or a lot made from it). */
export type LotLink = {
  lotId: number;
  lotCode: string;
  productName: string;
  qty: number;
  unit: string;
  batchId: number | null;
  batchCode: string | null;
};
export type LotShipment = {
  shipmentId: number;
  customerName: string | null;
  toLocationName: string | null;
  qty: number;
  unit: string;
  date: string;
  documentRef: string | null;
};

/** Rows of each list the lot page shows at first; the rest is read a page at a time (lots.history…). */
export const LOT_PAGE_SIZE = 50;

/**
 * A lot page: the lot, where it came from, where it went, and its events in time order. Each list holds
 * its first page (LOT_PAGE_SIZE rows); `totals` says how many there are in all, so a salt lot used in
 * 10,000 batches answers in a few kilobytes and the screen asks for more as it scrolls.
 */
export type LotDetail = {
  lot: Lot;
  labelData: Record<string, unknown> | null;
  history: EventView[];
  /** One step back: input lots of the production event(s) that made it (net quantities). */
  madeFrom: LotLink[];
  /** One step forward: lots made from it. */
  usedIn: LotLink[];
  shippedTo: LotShipment[];
  totals: Record<LotPageList, { total: number; totalCapped?: boolean }>;
  overrides: { eventId: number; status: string; reason: string; user: string; eventTime: string }[];
};

export const LOT_PAGE_LISTS = ['history', 'madeFrom', 'usedIn', 'shippedTo'] as const;
export type LotPageList = (typeof LOT_PAGE_LISTS)[number];

/** A further page of one list of the lot page. */
export const lotPageQuery = z
  .object({
    id,
    offset: z.number({ error: 'INVALID_TYPE' }).int({ error: 'NOT_INTEGER' }).min(0, { error: 'TOO_SMALL' }).default(0),
    limit: z
      .number({ error: 'INVALID_TYPE' })
      .int({ error: 'NOT_INTEGER' })
      .min(1, { error: 'TOO_SMALL' })
      .max(200, { error: 'TOO_BIG' })
      .default(LOT_PAGE_SIZE),
  })
  .strict();

export const lotListQuery = z
  .object({
    search: z.string().trim().max(200, { error: 'TOO_LONG' }).optional(),
    productId: id.optional(),
    locationId: id.optional(),
    supplierId: id.optional(),
    state: z
      .enum([...LOT_STATUSES, 'expired', 'used_up'] as [string, ...string[]], { error: 'INVALID_CHOICE' })
      .optional(),
    origin: z.enum(['receipt', 'production', 'opening'], { error: 'INVALID_CHOICE' }).optional(),
    /** Only lots with a balance. */
    inStock: z.boolean({ error: 'INVALID_TYPE' }).optional(),
    /** Only lots that are usable now (available, not expired, balance > 0). */
    usable: z.boolean({ error: 'INVALID_TYPE' }).optional(),
    expiringWithinDays: z
      .number({ error: 'INVALID_TYPE' })
      .int({ error: 'NOT_INTEGER' })
      .min(0, { error: 'NEGATIVE' })
      .max(3650, { error: 'TOO_BIG' })
      .optional(),
    sort: z.enum(['expiryDate', 'code', 'createdAt', 'balance', 'productName'], { error: 'INVALID_CHOICE' }).optional(),
    order: z.enum(['asc', 'desc'], { error: 'INVALID_CHOICE' }).optional(),
    limit: z
      .number({ error: 'INVALID_TYPE' })
      .int({ error: 'NOT_INTEGER' })
      .min(1, { error: 'TOO_SMALL' })
      .max(1000, { error: 'TOO_BIG' })
      .optional(),
    offset: z.number({ error: 'INVALID_TYPE' }).int({ error: 'NOT_INTEGER' }).min(0, { error: 'TOO_SMALL' }).optional(),
  })
  .strict();

/** A lot proposed first-expired-first-out for a need, with what is left and what is selected. */
export type ProposedLot = {
  lotId: number;
  lotCode: string;
  supplierLotCode: string | null;
  expiryDate: string | null;
  daysToExpiry: number | null;
  productionDate: string | null;
  /** Balance at the location (or in total without a location), in the lot's unit. */
  remaining: number;
  selected: number;
  unit: string;
};
export type Proposal = {
  productId: number;
  productName: string;
  unit: string;
  need: number;
  selectedTotal: number;
  /** Quantity stock cannot cover (0 when covered). */
  shortfall: number;
  lots: ProposedLot[];
  /** Other usable lots of the product (not selected), FEFO order, to pick by hand. */
  otherLots: ProposedLot[];
};

export const proposeInput = z
  .object({
    productId: id,
    qty: positiveQuantity,
    unit: unit.optional(),
    locationId: id.optional(),
    excludeLotIds: z.array(id).max(1000).optional(),
    /** Day of use (default today): lots expired by then are left out. */ date: isoDate.optional(),
  })
  .strict();

export const statusInput = z
  .object({
    lotIds: z.array(id).min(1, { error: 'REQUIRED' }).max(10000),
    status: z.enum(LOT_STATUSES, { error: 'INVALID_CHOICE' }),
    reason: text(500),
    date: optEventDate,
    /** A recall's reference (số quyết định thu hồi), kept in the event. */
    recallRef: optText(100),
    locationId: id.optional(),
    requestKey,
  })
  .strict();

export const openingInput = z
  .object({
    productId: id,
    locationId: id,
    qty: positiveQuantity,
    unit: unit.optional(),
    lotCode: optLotCode,
    supplierLotCode: optText(40),
    productionDate: recordDate.nullish().transform((v) => v ?? null),
    expiryDate: expiryDate.nullish().transform((v) => v ?? null),
    date: optEventDate,
    note: optText(500),
    requestKey,
  })
  .strict();

// ---------- stock ----------
export type StockRow = {
  productId: number;
  productName: string;
  productCode: string;
  productKind: string;
  locationId: number;
  locationName: string;
  unit: string;
  qty: number;
  lots: number;
  usableQty: number;
  nearestExpiry: string | null;
};
export type StockSummary = {
  rows: StockRow[];
  totals: { products: number; lotsInStock: number; locations: number };
  byProduct: { productId: number; productName: string; unit: string; qty: number; lots: number }[];
};
export type ExpiringLot = Pick<
  Lot,
  'id' | 'productId' | 'productName' | 'code' | 'expiryDate' | 'daysToExpiry' | 'balance' | 'unit' | 'status'
>;
export type Expiring = {
  today: string;
  counts: { expired: number; within7: number; within30: number; within90: number };
  lots: ExpiringLot[];
};
export type RebuildDifference = {
  lotId: number;
  lotCode: string;
  locationId: number | null;
  what: 'balance' | 'location' | 'status';
  maintained: number | string;
  rebuilt: number | string;
};
export type RebuildReport = { lotsChecked: number; events: number; differences: RebuildDifference[]; fixed: boolean };

// ---------- events ----------
export const eventListQuery = z
  .object({
    lotId: id.optional(),
    kind: z
      .enum(['receipt', 'production', 'shipment', 'transfer', 'status', 'correction', 'opening'], {
        error: 'INVALID_CHOICE',
      })
      .optional(),
    docType: z.enum(['receipt', 'batch', 'shipment', 'recall'], { error: 'INVALID_CHOICE' }).optional(),
    docId: id.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    limit: z
      .number({ error: 'INVALID_TYPE' })
      .int({ error: 'NOT_INTEGER' })
      .min(1, { error: 'TOO_SMALL' })
      .max(1000, { error: 'TOO_BIG' })
      .optional(),
    offset: z.number({ error: 'INVALID_TYPE' }).int({ error: 'NOT_INTEGER' }).min(0, { error: 'TOO_SMALL' }).optional(),
  })
  .strict();

export const correctInput = z
  .object({
    eventId: id,
    /** New quantity for each line to change (in the line's unit); 0 removes the line's effect. */
    lines: z
      .array(z.object({ lineId: id, qty: quantity }).strict())
      .min(1, { error: 'REQUIRED' })
      .max(1000),
    reason: text(500),
    requestKey,
  })
  .strict();
export const reverseInput = z.object({ eventId: id, reason: text(500), requestKey }).strict();

export const lotMethods = {
  'lots.list': method(lotListQuery, 'read').returns<ListResult<Lot>>(),
  'lots.get': method(byId, 'read').returns<LotDetail>(),
  'lots.history': method(lotPageQuery, 'read').returns<ListResult<EventView>>(),
  'lots.madeFrom': method(lotPageQuery, 'read').returns<ListResult<LotLink>>(),
  'lots.usedIn': method(lotPageQuery, 'read').returns<ListResult<LotLink>>(),
  'lots.shippedTo': method(lotPageQuery, 'read').returns<ListResult<LotShipment>>(),
  'lots.findByCode': method(z.object({ code: text(40), productId: id.optional() }).strict(), 'read').returns<Lot[]>(),
  'lots.nextCode': method(
    z.object({ productId: id, date: isoDate.optional(), exclude: z.array(z.string()).max(1000).optional() }).strict(),
    'read',
  ).returns<{ code: string }>(),
  'lots.checkCode': method(z.object({ productId: id, code: z.string() }).strict(), 'read').returns<{
    ok: boolean;
    code: string | null;
    message: string | null;
  }>(),
  'lots.propose': method(proposeInput, 'read').returns<Proposal>(),
  'lots.setStatus': method(statusInput, 'write').returns<EventView>(),
  'lots.createOpening': method(openingInput, 'write').returns<Lot>(),
  'stock.summary': method(
    z.object({ locationId: id.optional(), productId: id.optional() }).strict(),
    'read',
  ).returns<StockSummary>(),
  'stock.expiring': method(
    z
      .object({
        locationId: id.optional(),
        days: z.number().int().min(1).max(3650).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
    'read',
  ).returns<Expiring>(),
  'stock.rebuild': method(
    z.object({ fix: z.boolean({ error: 'INVALID_TYPE' }).optional() }).strict(),
    'write',
  ).returns<RebuildReport>(),
  'events.list': method(eventListQuery, 'read').returns<ListResult<EventView>>(),
  'events.get': method(byId, 'read').returns<EventView>(),
  'events.correct': method(correctInput, 'write').returns<EventView>(),
  'events.reverse': method(reverseInput, 'write').returns<EventView>(),
};
