// What a batch should have made, from the recipe's own numbers in the recipe's own units. A recipe says
// "a batch of 200 túi takes 400 kg": made exactly so, the deviation is 0 %, whatever one túi weighs.
// The expectation is scaled by how much the batch really consumed (the weighed inputs against the
// recipe's weighed inputs), so a batch made with more or less raw material than planned is judged
// on what went in, not on the size typed.
import type { RecipeVersion } from '../../../shared/api/recipes';
import { conversionFactor } from '../../../shared/domain/units';
import type { ServiceContext } from '../core';
import { packInfo, productRow, type ProductRow } from './events';

/** A recipe line's quantity for a batch of `size`, in the line's own unit. */
export function recipeLineQty(v: RecipeVersion, line: RecipeVersion['inputs'][number], size: number): number {
  return v.inputMode === 'quantity' ? ((line.qty ?? 0) * size) / v.batchSize : (size * (line.percent ?? 0)) / 100;
}

/** Share of the batch size that comes out as the main product (the recipe's yield, else 100 % − loss). */
export function yieldFactor(v: Pick<RecipeVersion, 'yieldPct' | 'lossPct'>): number {
  if (v.yieldPct !== null) return v.yieldPct / 100;
  if (v.lossPct !== null) return (100 - v.lossPct) / 100;
  return 1;
}

/** Expected main output, in the product's unit, for a batch of `size` (batch unit); null when not convertible. */
export function expectedForSize(v: RecipeVersion, product: ProductRow, size: number): number | null {
  const f = conversionFactor(v.batchUnit, product.unit, packInfo(product));
  return f === null ? null : size * f * yieldFactor(v);
}

/** Kilograms of the recipe's inputs for its own batch size; inputs counted in pieces without a weight do not weigh. */
function recipeInputKg(ctx: ServiceContext, v: RecipeVersion): number | null {
  let kg = 0;
  let weighed = false;
  for (const line of v.inputs) {
    const p = productRow(ctx, line.productId, 'inputs', false);
    const f = conversionFactor(line.unit, 'kg', packInfo(p));
    if (f === null) continue;
    kg += recipeLineQty(v, line, v.batchSize) * f;
    weighed = true;
  }
  return weighed && kg > 0 ? kg : null;
}

/**
 * The expected main output (product unit) for a batch that consumed `usedKg` of weighed inputs; when
 * nothing is weighed, the size recorded (or the recipe's) decides.
 */
export function expectedOutput(
  ctx: ServiceContext,
  v: RecipeVersion,
  product: ProductRow,
  usedKg: number | null,
  size: number | undefined,
): number | null {
  const recipeKg = recipeInputKg(ctx, v);
  const effectiveSize =
    recipeKg !== null && usedKg !== null ? (v.batchSize * usedKg) / recipeKg : (size ?? v.batchSize);
  return expectedForSize(v, product, effectiveSize);
}
