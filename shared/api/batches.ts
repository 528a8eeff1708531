// Production batches (mẻ sản xuất): plan from a recipe with FEFO-proposed lots, then record in one save.
import { z } from 'zod';
import { byId, expiryDate, id, isoDate, optText, positiveQuantity, recordDate, text, type ListResult } from './fields';
import { method } from './method';
import { optEventDate, optLotCode, override, requestKey, unit, type Lot, type ProposedLot } from './lots';

export const planInput = z
  .object({
    recipeId: id,
    /** Batch size in the recipe's batch unit (default: the recipe's batch size)… */
    size: positiveQuantity.optional(),
    /** …or the weight of one input ("I have 250 kg of raw cashew"): the batch is scaled to it. */
    mainInput: z.object({ productId: id, qty: positiveQuantity, unit: unit.optional() }).strict().optional(),
    locationId: id.optional(),
    productionDate: recordDate.optional(),
  })
  .strict();

export type PlanInputRow = {
  productId: number;
  productName: string;
  productCode: string;
  /** Quantity needed in `unit` (the product's unit). */
  need: number;
  unit: string;
  /** The recipe line's quantity and unit before conversion. */
  recipeQty: number;
  recipeUnit: string;
  selectedTotal: number;
  shortfall: number;
  /** FEFO-proposed lots (selected > 0) — every row shows lot code, expiry, remaining and selected. */
  lots: ProposedLot[];
  /** Other usable lots of the product, to swap in. */
  otherLots: ProposedLot[];
};
export type BatchPlan = {
  recipeId: number;
  recipeVersionId: number;
  recipeName: string;
  version: number;
  productId: number;
  productName: string;
  locationId: number | null;
  size: number;
  unit: string;
  productionDate: string;
  expiryDate: string | null;
  outputLotCode: string;
  /** Expected output quantity (size × yield if the recipe has one). */
  expectedOutput: number;
  /** The recipe version's mass-balance tolerance (percent of the expected output). */
  tolerancePct: number;
  inputs: PlanInputRow[];
  byProducts: {
    productId: number;
    productName: string;
    expectedQty: number;
    unit: string;
    lotCode: string;
    expiryDate: string | null;
  }[];
  /** Ready-to-send input of `batches.record` built from this plan (accept as is, or edit). */
  record: z.input<typeof recordInput>;
  warnings: { code: string; message: string }[];
};

/** Confirms an input that is not in the recipe; the reason is kept on the batch. */
export const offRecipe = z
  .object({ reason: text(500) })
  .strict()
  .optional();

export const batchInputLine = z
  .object({ lotId: id, qty: positiveQuantity, unit: unit.optional(), override, offRecipe })
  .strict();

export const batchOutputLine = z
  .object({
    /** Defaults to the batch's product; another product makes it a by-product output. */
    productId: id.optional(),
    lotCode: optLotCode,
    qty: positiveQuantity,
    unit: unit.optional(),
    expiryDate: expiryDate.nullish().transform((v) => v ?? null),
    /** Explicit consumption for this output lot; when no output gives it, inputs are split proportionally. */
    inputs: z
      .array(z.object({ lotId: id, qty: positiveQuantity, unit: unit.optional() }).strict())
      .max(500)
      .optional(),
  })
  .strict();

export const recordInput = z
  .object({
    /** The recipe version used (frozen in the batch); or recipeId for its current version; or neither (no recipe). */
    recipeVersionId: id.optional(),
    recipeId: id.optional(),
    /** Required without a recipe. */
    productId: id.optional(),
    locationId: id,
    productionDate: optEventDate,
    size: positiveQuantity.optional(),
    operator: optText(100),
    note: optText(1000),
    inputs: z.array(batchInputLine).min(1, { error: 'REQUIRED' }).max(500, { error: 'TOO_BIG' }),
    outputs: z.array(batchOutputLine).min(1, { error: 'REQUIRED' }).max(200, { error: 'TOO_BIG' }),
    requestKey,
  })
  .strict();
export type RecordBatchInput = z.input<typeof recordInput>;

export type MassBalance = {
  inputKg: number | null;
  outputKg: number | null;
  expectedOutputKg: number | null;
  yieldPct: number | null;
  lossPct: number | null;
  deviationPct: number | null;
  /** The main product's expected and actual output in its own unit (batches saved before had kg only). */
  expectedOutput?: number | null;
  actualOutput?: number | null;
  unit?: string;
  /** The allowed deviation, percent either way. */
  tolerancePct?: number;
  warning: boolean;
};
export type BatchInputView = {
  lotId: number;
  lotCode: string;
  productId: number;
  productName: string;
  qty: number;
  unit: string;
  expiryDate: string | null;
  override: string | null;
  /** Why an input that is not in the recipe was used (null: in the recipe). */
  offRecipe: string | null;
};
export type BatchOutputView = {
  eventId: number;
  lot: Lot;
  qty: number;
  unit: string;
  byProduct: boolean;
  inputs: { lotId: number; lotCode: string; qty: number; unit: string }[];
};
export type Batch = {
  id: number;
  code: string;
  productId: number;
  productName: string;
  recipeId: number | null;
  recipeVersionId: number | null;
  recipeName: string | null;
  recipeVersion: number | null;
  locationId: number;
  locationName: string;
  productionDate: string;
  size: number | null;
  unit: string;
  operator: string | null;
  note: string | null;
  user: string;
  createdAt: string;
  massBalance: MassBalance;
  /** Plain-language warnings shown after saving (mass balance). */
  warnings: { code: string; message: string }[];
  inputs: BatchInputView[];
  outputs: BatchOutputView[];
};
export type BatchListItem = Pick<
  Batch,
  | 'id'
  | 'code'
  | 'productId'
  | 'productName'
  | 'recipeName'
  | 'recipeVersion'
  | 'locationName'
  | 'productionDate'
  | 'size'
  | 'unit'
  | 'operator'
  | 'createdAt'
> & { outputLots: string; warning: boolean };

export const batchMethods = {
  'batches.plan': method(planInput, 'read').returns<BatchPlan>(),
  'batches.record': method(recordInput, 'write').returns<Batch>(),
  'batches.get': method(byId, 'read').returns<Batch>(),
  'batches.list': method(
    z
      .object({
        productId: id.optional(),
        recipeId: id.optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
        search: z.string().trim().max(200).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
        offset: z.number().int().min(0).optional(),
      })
      .strict(),
    'read',
  ).returns<ListResult<BatchListItem>>(),
};
