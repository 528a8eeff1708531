// Recipes (công thức): versioned; editing creates a new version and old batches keep theirs.
import { z } from 'zod';
import { byId, id, listQuery, optText, positiveQuantity, text, type ListResult } from './fields';
import { method } from './method';
import { unit } from './lots';
import { isExactQuantity } from '../domain/quantity';

/** The mass-balance tolerance of a recipe that sets none (percent of the expected output). */
export const DEFAULT_TOLERANCE_PCT = 5;

/** A percent with at most 3 decimals (stored in thousandths, which must stay above zero). */
const percent = z
  .number({ error: 'INVALID_TYPE' })
  .positive({ error: 'NOT_POSITIVE' })
  .max(1000, { error: 'TOO_BIG' })
  .refine(isExactQuantity, { message: 'TOO_MANY_DECIMALS' });

export const recipeLineInput = z
  .object({
    productId: id,
    /** Quantity per batch size (input mode 'quantity'). */
    qty: positiveQuantity.optional(),
    /** Percent of the batch size (input mode 'percent'). */
    percent: percent.optional(),
    unit: unit.optional(),
    note: optText(200),
  })
  .strict();

export const recipeFields = z
  .object({
    productId: id,
    name: text(200),
    batchSize: positiveQuantity,
    batchUnit: unit.optional(),
    inputMode: z.enum(['quantity', 'percent'], { error: 'INVALID_CHOICE' }).default('quantity'),
    inputs: z.array(recipeLineInput).max(200),
    byProducts: z.array(recipeLineInput).max(50).default([]),
    /** Expected output as a percent of the input mass (e.g. 92). */
    yieldPct: percent.nullish().transform((v) => v ?? null),
    /** Expected loss in percent (e.g. 8); the mass-balance check allows this much. */
    lossPct: z
      .number({ error: 'INVALID_TYPE' })
      .min(0, { error: 'NEGATIVE' })
      .max(100, { error: 'TOO_BIG' })
      .refine(isExactQuantity, { message: 'TOO_MANY_DECIMALS' })
      .nullish()
      .transform((v) => v ?? null),
    /**
     * How far a batch's output may stray from the recipe's expectation (percent) before it is flagged;
     * empty = the default (DEFAULT_TOLERANCE_PCT). A dried or roasted product varies more than a packed one.
     */
    tolerancePct: z
      .number({ error: 'INVALID_TYPE' })
      .min(0, { error: 'NEGATIVE' })
      .max(100, { error: 'TOO_BIG' })
      .refine(isExactQuantity, { message: 'TOO_MANY_DECIMALS' })
      .nullish()
      .transform((v) => v ?? null),
    steps: optText(10000),
    note: optText(1000),
  })
  .strict();
export type RecipeInput = z.input<typeof recipeFields>;

export type RecipeLine = {
  lineNo: number;
  role: 'input' | 'by_product';
  productId: number;
  productName: string;
  productCode: string;
  qty: number | null;
  percent: number | null;
  unit: string;
  note: string | null;
};
export type RecipeVersion = {
  id: number;
  version: number;
  batchSize: number;
  batchUnit: string;
  inputMode: 'quantity' | 'percent';
  yieldPct: number | null;
  lossPct: number | null;
  /** The mass-balance tolerance this version uses (its own, or the default). */
  tolerancePct: number;
  /** True when the version set no tolerance of its own and uses the default. */
  toleranceDefault: boolean;
  steps: string | null;
  note: string | null;
  user: string;
  createdAt: string;
  inputs: RecipeLine[];
  byProducts: RecipeLine[];
};
export type Recipe = {
  id: number;
  productId: number;
  productName: string;
  productCode: string;
  productUnit: string;
  name: string;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
  /** The current version. */
  current: RecipeVersion;
  versions: { id: number; version: number; createdAt: string; user: string; batches: number }[];
};
export type RecipeListItem = Omit<Recipe, 'current' | 'versions'> & {
  version: number;
  inputCount: number;
  batchSize: number;
  batchUnit: string;
};

export const recipeMethods = {
  'recipes.list': method(
    listQuery(['name', 'updatedAt'] as const).extend({ productId: id.optional() }),
    'read',
  ).returns<ListResult<RecipeListItem>>(),
  'recipes.get': method(
    z.object({ id, version: z.number().int().positive().optional() }).strict(),
    'read',
  ).returns<Recipe>(),
  'recipes.create': method(recipeFields, 'write').returns<Recipe>(),
  /** A new version with the given content (fields not given are copied from the current version). */
  'recipes.update': method(recipeFields.partial().extend({ id }).strict(), 'write').returns<Recipe>(),
  'recipes.archive': method(byId, 'write').returns<Recipe>(),
  'recipes.restore': method(byId, 'write').returns<Recipe>(),
};
