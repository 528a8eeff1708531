// Trace (truy xuất), recall (thu hồi), mock recall drills and the traceability completeness score.
// Everything is computed from the event store (docs/events.md): a link is an (input lot → output lot)
// pair inside one production event with its net quantity after corrections.
import { z } from 'zod';
import { byId, id, optText, text } from './fields';
import { method } from './method';
import '../i18n/trace';

/**
 * A lot as typed or scanned: our lot code, `PRODUCT-CODE/LOT-CODE` when the code is used by several
 * products, or the supplier's lot code (all our lots received under it).
 */
export const lotSpec = z
  .string({ error: 'INVALID_TYPE' })
  .trim()
  .min(1, { error: 'REQUIRED' })
  .max(80, { error: 'TOO_LONG' });
/** One or several lots, by code or by id (at least one in all). */
const lotsSelector = {
  lots: z.array(lotSpec).max(200, { error: 'TOO_BIG' }).optional(),
  lotIds: z.array(id).max(200, { error: 'TOO_BIG' }).optional(),
};
const hasLots = (v: { lots?: string[]; lotIds?: number[] }) => (v.lots?.length ?? 0) + (v.lotIds?.length ?? 0) > 0;
const noLots = { message: 'TRACE_NO_LOTS', path: ['lots'] };

export const TRACE_DIRECTIONS = ['back', 'forward', 'both'] as const;
export type TraceDirection = (typeof TRACE_DIRECTIONS)[number];

/** Most lots one answer lists; beyond, the result is truncated (and says so). */
export const TRACE_MAX_LOTS = 200_000;

export const traceInput = z
  .object({
    ...lotsSelector,
    direction: z.enum(TRACE_DIRECTIONS, { error: 'INVALID_CHOICE' }).default('both'),
    /** Paging over the lots of the answer (ordered by side, level, id); links and partners follow the page. */
    limit: z
      .number({ error: 'INVALID_TYPE' })
      .int({ error: 'NOT_INTEGER' })
      .min(1, { error: 'TOO_SMALL' })
      .max(50_000, { error: 'TOO_BIG' })
      .default(2000),
    offset: z.number({ error: 'INVALID_TYPE' }).int({ error: 'NOT_INTEGER' }).min(0, { error: 'TOO_SMALL' }).default(0),
    /** Only the lots of one group of a big answer (TraceResult.groups), to open that group. */
    group: z
      .object({
        side: z.enum(['back', 'forward'], { error: 'INVALID_CHOICE' }),
        depth: z.number({ error: 'INVALID_TYPE' }).int({ error: 'NOT_INTEGER' }).min(1, { error: 'TOO_SMALL' }),
        productId: id,
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine(hasLots, noLots);

/** Beyond this many lots an answer also carries its groups: a screen cannot show every lot of it. */
export const TRACE_GROUP_OVER = 60;

export type TracePartner = {
  id: number;
  kind: string;
  name: string;
  taxCode: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  contactPerson: string | null;
  gln: string | null;
};

export type TraceReceipt = {
  eventId: number;
  kind: 'receipt' | 'opening';
  receiptId: number | null;
  date: string;
  documentRef: string | null;
  supplierId: number | null;
  qty: number;
  unit: string;
  locationName: string | null;
};

export type TraceShipment = {
  eventId: number;
  kind: 'shipment' | 'transfer';
  shipmentId: number | null;
  date: string;
  documentRef: string | null;
  customerId: number | null;
  toLocationName: string | null;
  qty: number;
  unit: string;
};

export type TraceProduction = {
  eventId: number;
  batchId: number | null;
  batchCode: string | null;
  date: string;
  qty: number;
  unit: string;
};

export type TraceLot = {
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
  origin: 'receipt' | 'production' | 'opening';
  status: string;
  balance: number;
  productionDate: string | null;
  expiryDate: string | null;
  /** root = a lot asked for; back = an input (any level); forward = made from it (any level). */
  side: 'root' | 'back' | 'forward';
  /** Levels away from the nearest root (0 for roots). */
  depth: number;
  /** Quantity on the link: what an input gave toward the traced lots, what an output lot came to; null for roots. */
  linkQty: number | null;
  producedBy: TraceProduction[];
  receipts: TraceReceipt[];
  shipments: TraceShipment[];
  stock: { locationId: number; locationName: string; qty: number }[];
};

/** Input lot → output lot inside one production event, with the net quantity consumed. */
export type TraceLink = {
  fromLotId: number;
  toLotId: number;
  eventId: number;
  batchId: number | null;
  batchCode: string | null;
  date: string;
  qty: number;
  unit: string;
};

export type TraceTotals = {
  lots: number;
  back: number;
  forward: number;
  /** Lots that came in (receipts, opening stock) and lots made here, whatever their side. */
  received: number;
  produced: number;
  receipts: number;
  shipments: number;
  customers: number;
  suppliers: number;
};

/** The lots of a big answer of one product at one step from the asked lots ("3,204 lô … — 18 khách hàng"). */
export type TraceGroup = {
  key: string;
  side: 'back' | 'forward';
  depth: number;
  productId: number;
  productCode: string;
  productName: string;
  lots: number;
  customers: number;
  suppliers: number;
};
/** Some lot of group `from` went into some lot of group `to` (a root's key is "root"). */
export type TraceGroupLink = { from: string; to: string };

export type TraceResult = {
  direction: TraceDirection;
  rootIds: number[];
  generatedAt: string;
  user: string;
  /** Over the whole answer (all pages). */
  totals: TraceTotals;
  /** True when the graph was larger than TRACE_MAX_LOTS and was cut. */
  truncated: boolean;
  page: { offset: number; limit: number; total: number };
  lots: TraceLot[];
  /** Links between lots of this page only. */
  links: TraceLink[];
  partners: TracePartner[];
  /** Over the whole answer, when it has more than TRACE_GROUP_OVER lots; otherwise empty. */
  groups: TraceGroup[];
  groupLinks: TraceGroupLink[];
};

export type ResolvedLot = {
  id: number;
  code: string;
  productId: number;
  productCode: string;
  productName: string;
  matchedBy: 'code' | 'product/code' | 'supplierLot' | 'id';
};
export type LotSuggestion = {
  id: number;
  code: string;
  productCode: string;
  productName: string;
  supplierLotCode: string | null;
  spec: string;
};

export const EXPORT_FORMATS = ['xlsx', 'csv', 'pdf'] as const;
export type ExportFile = { fileName: string; mimeType: string; base64: string; bytes: number };

// ---------- recall ----------
export type RecallLot = {
  id: number;
  productId: number;
  productCode: string;
  productName: string;
  code: string;
  supplierLotCode: string | null;
  unit: string;
  status: string;
  balance: number;
  side: 'root' | 'forward';
  depth: number;
  stock: { locationId: number; locationName: string; qty: number }[];
  /** Net quantity shipped to customers. */
  shipped: number;
};
export type RecallCustomerShipment = {
  eventId: number;
  shipmentId: number | null;
  date: string;
  documentRef: string | null;
  lotId: number;
  lotCode: string;
  productCode: string;
  productName: string;
  qty: number;
  unit: string;
};
export type RecallCustomer = {
  partner: TracePartner;
  shipments: RecallCustomerShipment[];
  byLot: { lotId: number; lotCode: string; productCode: string; qty: number; unit: string }[];
};
export type RecallStockAt = {
  locationId: number;
  locationName: string;
  lots: {
    lotId: number;
    lotCode: string;
    productCode: string;
    productName: string;
    qty: number;
    unit: string;
    status: string;
  }[];
};
export type RecallScope = {
  rootIds: number[];
  generatedAt: string;
  truncated: boolean;
  lots: RecallLot[];
  customers: RecallCustomer[];
  /** Stock on hand that can still be stopped, by location. */
  openStock: RecallStockAt[];
  totals: { lots: number; lotsWithStock: number; customers: number; shipments: number; notHeld: number };
};

export const RECALL_STEPS = ['hold', 'isolate', 'contact', 'export'] as const;
export type RecallStep = (typeof RECALL_STEPS)[number];

export type Recall = {
  id: number;
  ref: string;
  status: 'open' | 'lifted';
  reason: string;
  startedAt: string;
  startedBy: string;
  roots: ResolvedLot[];
  steps: { key: RecallStep; doneAt: string | null; user: string | null }[];
  heldLots: number;
  holdEventId: number | null;
  liftedAt: string | null;
  liftReason: string | null;
  liftEventId: number | null;
  /** Milliseconds from the start to each step done so far (the "time it took"). */
  elapsedMs: Partial<Record<RecallStep, number>>;
  lotsCount: number;
  customersCount: number;
};
export type RecallDetail = Recall & { scope: RecallScope };

export const recallScopeInput = z
  .object({ ...lotsSelector })
  .strict()
  .refine(hasLots, noLots);
export const recallStartInput = z
  .object({
    ...lotsSelector,
    reason: text(500),
    /** The recall decision number (số quyết định); generated when empty. */
    ref: optText(60),
    /** Also put every affected lot on hold in the same action. */
    hold: z.boolean({ error: 'INVALID_TYPE' }).optional(),
  })
  .strict()
  .refine(hasLots, noLots);

// ---------- drills ----------
export type Drill = {
  id: number;
  startedAt: string;
  startedBy: string;
  trainer: string | null;
  note: string | null;
  roots: ResolvedLot[];
  confirmedAt: string | null;
  durationMs: number | null;
  lotsCount: number | null;
  customersCount: number | null;
  lotsWithStock: number | null;
};
export type DrillDetail = Drill & {
  evidence: {
    lots: { code: string; productCode: string; balance: number; unit: string }[];
    customers: { name: string; phone: string | null; email: string | null }[];
  } | null;
};

// ---------- completeness ----------
export const COMPLETENESS_CHECKS = ['batchInputs', 'outputQty', 'shipmentLots', 'receiptSupplier'] as const;
export type CompletenessCheck = (typeof COMPLETENESS_CHECKS)[number];
export type CompletenessGap = {
  check: CompletenessCheck;
  /** The record to open to fix it. */
  entity: 'batch' | 'lot' | 'shipment' | 'receipt';
  entityId: number;
  label: string;
  message: string;
};
export type Completeness = {
  from: string;
  to: string;
  /** 0–100, whole percent; null when nothing was recorded (no data is not a full mark). */
  score: number | null;
  checks: { key: CompletenessCheck; total: number; passed: number; label: string }[];
  gaps: CompletenessGap[];
  gapsTotal: number;
};

export const traceMethods = {
  'trace.run': method(traceInput, 'read').returns<TraceResult>(),
  'trace.resolve': method(
    z
      .object({ ...lotsSelector })
      .strict()
      .refine(hasLots, noLots),
    'read',
  ).returns<ResolvedLot[]>(),
  'trace.findLots': method(
    z.object({ q: text(80), limit: z.number().int().min(1).max(50).default(10) }).strict(),
    'read',
  ).returns<LotSuggestion[]>(),
  'trace.export': method(
    z
      .object({
        ...lotsSelector,
        direction: z.enum(TRACE_DIRECTIONS, { error: 'INVALID_CHOICE' }).default('both'),
        format: z.enum(EXPORT_FORMATS, { error: 'INVALID_CHOICE' }),
      })
      .strict()
      .refine(hasLots, noLots),
    'read',
  ).returns<ExportFile>(),
  'trace.completeness': method(
    z
      .object({
        days: z
          .number({ error: 'INVALID_TYPE' })
          .int()
          .min(1, { error: 'TOO_SMALL' })
          .max(3650, { error: 'TOO_BIG' })
          .default(30),
        limit: z.number().int().min(1).max(1000).default(50),
      })
      .strict(),
    'read',
  ).returns<Completeness>(),

  'recall.scope': method(recallScopeInput, 'read').returns<RecallScope>(),
  'recall.start': method(recallStartInput, 'write').returns<RecallDetail>(),
  'recall.get': method(byId, 'read').returns<RecallDetail>(),
  'recall.list': method(
    z.object({ status: z.enum(['open', 'lifted'], { error: 'INVALID_CHOICE' }).optional() }).strict(),
    'read',
  ).returns<Recall[]>(),
  'recall.hold': method(byId, 'write').returns<RecallDetail>(),
  'recall.check': method(
    z
      .object({
        id,
        step: z.enum(['isolate', 'contact'], { error: 'INVALID_CHOICE' }),
        done: z.boolean({ error: 'INVALID_TYPE' }),
      })
      .strict(),
    'write',
  ).returns<Recall>(),
  'recall.export': method(
    z.object({ id, format: z.enum(['xlsx', 'pdf'], { error: 'INVALID_CHOICE' }) }).strict(),
    'write',
  ).returns<ExportFile>(),
  'recall.lift': method(z.object({ id, reason: text(500) }).strict(), 'write').returns<RecallDetail>(),

  'drill.start': method(
    z
      .object({ ...lotsSelector, trainer: optText(100), note: optText(500) })
      .strict()
      .refine(hasLots, noLots),
    'write',
  ).returns<Drill>(),
  'drill.confirm': method(byId, 'write').returns<DrillDetail>(),
  'drill.get': method(byId, 'read').returns<DrillDetail>(),
  'drill.list': method(z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict(), 'read').returns<
    Drill[]
  >(),
};
