// Production batches: `batches.plan` scales a recipe and proposes lots FEFO; `batches.record` freezes
// the recipe version, consumed lots and output lots, writing ONE TransformationEvent per output lot with
// the inputs attributed to that lot (given explicitly, or split in proportion to the output quantities).
import { AppError } from '../../../shared/api/errors';
import { pageOf } from './paging';
import type { ApiParsed } from '../../../shared/api/contract';
import type { Batch, BatchPlan, MassBalance, PlanInputRow } from '../../../shared/api/batches';
import { splitProportional } from '../../../shared/domain/lots';
import { fromMilli, toMilli } from '../../../shared/domain/quantity';
import { conversionFactor, unitDef, unitLabel } from '../../../shared/domain/units';
import { errorMessage } from '../../../shared/i18n/messages';
import type { PartialHandlers, ServiceContext } from '../core';
import {
  allocate,
  checkDates,
  checkUsable,
  OVERRIDE_REASON_MIN,
  createLot,
  eventTimeFor,
  expiryFromShelfLife,
  kgOf,
  locationRow,
  lotRow,
  nextLotCode,
  packInfo,
  productRow,
  q,
  qv,
  setLotCreatedEvent,
  toProductMilli,
  today,
  writeEvent,
  type LotRow,
  type NewLine,
  type ProductRow,
  type Row,
} from './events';
import { lotView, proposeLots } from './lots';
import { recipeView, versionView } from './recipes';
import { expectedForSize, expectedOutput, recipeLineQty, yieldFactor } from './yield';
import { DEFAULT_TOLERANCE_PCT, type Recipe, type RecipeVersion } from '../../../shared/api/recipes';

// Intl formatters are costly to create; toLocaleString makes one per call.
const NUMBER = {
  vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 }),
  en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 }),
};
const formatQuantity = (q: number, lang: 'vi' | 'en') => NUMBER[lang].format(q);

/** Mass-balance tolerance without a recipe: only more output than input, beyond this percent, is flagged. */
export const MASS_BALANCE_TOLERANCE_PCT = DEFAULT_TOLERANCE_PCT;

function defaultLocation(ctx: ServiceContext): number | null {
  return (
    (qv(
      ctx.db,
      "SELECT id FROM locations WHERE archived_at IS NULL ORDER BY (kind = 'production') DESC, id LIMIT 1",
    ).get() as number | undefined) ?? null
  );
}

function convert(qty: number, from: string, product: ProductRow, lang: 'vi' | 'en', path: string): number {
  const f = conversionFactor(from, product.unit, packInfo(product));
  if (f === null) {
    const params = { from: unitLabel(from, lang), to: unitLabel(product.unit, lang), product: product.name };
    throw new AppError('UNIT_NOT_CONVERTIBLE', params, { fields: [{ path, code: 'UNIT_NOT_CONVERTIBLE', params }] });
  }
  return qty * f;
}

// ---------- plan ----------
/** `recipes` lets a caller planning many batches (the demo builder) reuse the recipe it already read. */
export function planBatch(ctx: ServiceContext, p: ApiParsed<'batches.plan'>, recipes?: Map<number, Recipe>): BatchPlan {
  let recipe = recipes?.get(p.recipeId);
  if (!recipe) {
    recipe = recipeView(ctx, p.recipeId);
    recipes?.set(p.recipeId, recipe);
  }
  if (recipe.archived) throw new AppError('ARCHIVED', { entity: 'recipe' });
  const v = recipe.current;
  const product = productRow(ctx, recipe.productId);
  const locationId = p.locationId ?? defaultLocation(ctx);
  if (p.locationId) locationRow(ctx, p.locationId);
  const inputProducts = v.inputs.map((l, i) => productRow(ctx, l.productId, `inputs.${i}.productId`, false));
  // Quantity of a recipe line for a batch of `size` (batch unit), in the line's own unit.
  const lineQty = (i: number, size: number) => recipeLineQty(v, v.inputs[i], size);
  let size = p.size ?? v.batchSize;
  if (p.mainInput) {
    const i = v.inputs.findIndex((l) => l.productId === p.mainInput!.productId);
    if (i < 0)
      throw new AppError('VALIDATION', {}, { fields: [{ path: 'mainInput.productId', code: 'INVALID_CHOICE' }] });
    const have = convert(
      p.mainInput.qty,
      p.mainInput.unit ?? inputProducts[i].unit,
      inputProducts[i],
      ctx.lang,
      'mainInput.unit',
    );
    const perBatch = convert(lineQty(i, v.batchSize), v.inputs[i].unit, inputProducts[i], ctx.lang, 'mainInput.unit');
    size = Math.round(((v.batchSize * have) / perBatch) * 1000) / 1000;
  }
  const productionDate = p.productionDate ?? today(ctx);
  const warnings: BatchPlan['warnings'] = [];
  const used: number[] = [];
  const inputs: PlanInputRow[] = v.inputs.map((l, i) => {
    const ip = inputProducts[i];
    const recipeQty = Math.round(lineQty(i, size) * 1000) / 1000;
    const exact = Math.round(convert(lineQty(i, size), l.unit, ip, ctx.lang, `inputs.${i}.unit`) * 1000);
    // Pieces (bags, jars, labels) are taken whole: 46.8 bags means 47.
    const needMilli = Math.max(1, unitDef(ip.unit)?.dimension === 'count' ? Math.ceil(exact / 1000) * 1000 : exact);
    const prop = proposeLots(ctx, ip.id, needMilli, locationId, used, productionDate);
    for (const lot of prop.lots) used.push(lot.lotId);
    if (prop.shortfall > 0) {
      warnings.push({
        code: 'PLAN_SHORTFALL',
        message: errorMessage(
          'PLAN_SHORTFALL',
          { product: ip.name, shortfall: formatQuantity(prop.shortfall, ctx.lang), unit: unitLabel(ip.unit, ctx.lang) },
          ctx.lang,
        ),
      });
    }
    return {
      productId: ip.id,
      productName: ip.name,
      productCode: ip.code,
      need: prop.need,
      unit: ip.unit,
      recipeQty,
      recipeUnit: l.unit,
      selectedTotal: prop.selectedTotal,
      shortfall: prop.shortfall,
      lots: prop.lots,
      otherLots: prop.otherLots,
    };
  });
  const expected = expectedForSize(v, product, size) ?? size * yieldFactor(v);
  const expectedOutput = Math.max(0.001, Math.round(expected * 1000) / 1000);
  const expiryDate = expiryFromShelfLife(product, productionDate);
  const outputLotCode = nextLotCode(ctx, product, productionDate);
  const byProducts = v.byProducts.map((b) => {
    const bp = productRow(ctx, b.productId, 'byProducts', false);
    const qty =
      Math.round(convert(((b.qty ?? 0) * size) / v.batchSize, b.unit, bp, ctx.lang, 'byProducts') * 1000) / 1000;
    return {
      productId: bp.id,
      productName: bp.name,
      expectedQty: qty,
      unit: bp.unit,
      lotCode: nextLotCode(ctx, bp, productionDate),
      expiryDate: expiryFromShelfLife(bp, productionDate),
    };
  });
  return {
    recipeId: recipe.id,
    recipeVersionId: v.id,
    recipeName: recipe.name,
    version: v.version,
    productId: product.id,
    productName: product.name,
    locationId,
    size,
    unit: v.batchUnit,
    productionDate,
    expiryDate,
    outputLotCode,
    expectedOutput,
    tolerancePct: v.tolerancePct,
    inputs,
    byProducts,
    record: {
      recipeVersionId: v.id,
      locationId: locationId ?? 0,
      productionDate,
      size,
      inputs: inputs.flatMap((r) => r.lots.map((l) => ({ lotId: l.lotId, qty: l.selected }))),
      outputs: [
        { lotCode: outputLotCode, qty: expectedOutput, expiryDate },
        ...byProducts
          .filter((b) => b.expectedQty > 0)
          .map((b) => ({ productId: b.productId, lotCode: b.lotCode, qty: b.expectedQty, expiryDate: b.expiryDate })),
      ],
    },
    warnings,
  };
}

// ---------- record ----------
function nextBatchCode(ctx: ServiceContext, date: string): string {
  const key = `batch:${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}`;
  const seq = ((qv(ctx.db, 'SELECT value FROM code_counters WHERE key = ?').get(key) as number | undefined) ?? 0) + 1;
  q(
    ctx.db,
    'INSERT INTO code_counters (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(key, seq);
  return `ME-${key.slice(6)}-${String(seq).padStart(3, '0')}`;
}

type InputUse = { lot: LotRow; product: ProductRow; milli: number; pieces: { locationId: number; milli: number }[] };

export function recordBatch(ctx: ServiceContext, p: ApiParsed<'batches.record'>): Batch {
  return batchView(ctx, writeBatch(ctx, p).id);
}

export type WrittenBatch = { id: number; outputs: { lotId: number; productId: number; qtyMilli: number }[] };

/** Records a batch and returns its id and output lots (the view is built by `recordBatch`). */
export function writeBatch(ctx: ServiceContext, p: ApiParsed<'batches.record'>): WrittenBatch {
  if (p.requestKey) {
    const prior = qv(ctx.db, 'SELECT id FROM batches WHERE request_key = ?').get(p.requestKey) as number | undefined;
    if (prior) {
      const outs = q(
        ctx.db,
        "SELECT l.lot_id, lot.product_id, l.qty_milli FROM events e JOIN event_lines l ON l.event_id = e.id AND l.role = 'output' JOIN lots lot ON lot.id = l.lot_id WHERE e.doc_type = 'batch' AND e.doc_id = ? AND e.kind = 'production'",
      ).all(prior) as { lot_id: number; product_id: number; qty_milli: number }[];
      return {
        id: prior,
        outputs: outs.map((o) => ({ lotId: o.lot_id, productId: o.product_id, qtyMilli: o.qty_milli })),
      };
    }
  }
  // The recipe version is frozen into the batch: later edits of the recipe make new versions.
  let versionId: number | null = p.recipeVersionId ?? null;
  if (!versionId && p.recipeId)
    versionId =
      (qv(ctx.db, 'SELECT current_version_id FROM recipes WHERE id = ?').get(p.recipeId) as number | undefined) ?? null;
  if (p.recipeId && !versionId)
    throw new AppError(
      'NOT_FOUND',
      { entity: 'recipe', id: p.recipeId },
      { fields: [{ path: 'recipeId', code: 'NOT_FOUND', params: { entity: 'recipe', id: p.recipeId } }] },
    );
  let version: RecipeVersion | null = null;
  if (versionId) {
    try {
      version = versionView(ctx, versionId);
    } catch {
      throw new AppError(
        'NOT_FOUND',
        { entity: 'recipe_version', id: versionId },
        {
          fields: [{ path: 'recipeVersionId', code: 'NOT_FOUND', params: { entity: 'recipe_version', id: versionId } }],
        },
      );
    }
  }
  const recipeProductId = versionId
    ? (qv(ctx.db, 'SELECT product_id FROM recipes WHERE id = (SELECT recipe_id FROM recipe_versions WHERE id = ?)').get(
        versionId,
      ) as number)
    : null;
  const productId = p.productId ?? recipeProductId;
  if (!productId)
    throw new AppError('BATCH_NO_PRODUCT', {}, { fields: [{ path: 'productId', code: 'BATCH_NO_PRODUCT' }] });
  const product = productRow(ctx, productId);
  locationRow(ctx, p.locationId);
  const productionDate = p.productionDate ?? today(ctx);
  const eventTime = eventTimeFor(ctx, p.productionDate);

  // Inputs: the same lot on two rows is one use.
  const uses = new Map<number, InputUse>();
  const overrides: { lotId: number; status: string; reason: string }[] = [];
  p.inputs.forEach((inp, i) => {
    const path = `inputs.${i}`;
    const lot = lotRow(ctx, inp.lotId, `${path}.lotId`);
    const lp = productRow(ctx, lot.product_id, `${path}.lotId`, false);
    const milli = toProductMilli(inp.qty, inp.unit, lp, `${path}.qty`, ctx.lang);
    const ov = checkUsable(ctx, lot, inp.override, `${path}.lotId`, productionDate, 'batch');
    if (ov && !overrides.some((o) => o.lotId === ov.lotId)) overrides.push(ov);
    const u = uses.get(lot.id) ?? { lot, product: lp, milli: 0, pieces: [] };
    u.milli += milli;
    uses.set(lot.id, u);
  });
  const offRecipe = version ? checkRecipeInputs(ctx, p, version, uses) : [];
  [...uses.values()].forEach((u) => {
    const i = p.inputs.findIndex((x) => x.lotId === u.lot.id);
    u.pieces = allocate(ctx, u.lot, u.milli, p.locationId, false, `inputs.${i}.qty`);
  });

  // Outputs.
  const outputs = p.outputs.map((o, i) => {
    const path = `outputs.${i}`;
    const op = o.productId ? productRow(ctx, o.productId, `${path}.productId`) : product;
    const milli = toProductMilli(o.qty, o.unit, op, `${path}.qty`, ctx.lang);
    if (o.lotCode) {
      // Using an input lot as the output would make the batch its own ancestor.
      const self = [...uses.values()].find((u) => u.lot.product_id === op.id && u.lot.code === o.lotCode);
      if (self)
        throw new AppError(
          'BATCH_CYCLE',
          { lot: self.lot.code },
          { fields: [{ path: `${path}.lotCode`, code: 'BATCH_CYCLE', params: { lot: self.lot.code } }] },
        );
    }
    const expiry = o.expiryDate ?? expiryFromShelfLife(op, productionDate);
    checkDates(productionDate, expiry, `${path}.expiryDate`);
    return { o, op, milli, expiry, byProduct: op.id !== product.id, path };
  });

  // Attribution of every input lot to the output lots.
  const share = outputs.map(() => new Map<number, number>());
  outputs.forEach((out, k) => {
    out.o.inputs?.forEach((x, j) => {
      const u = uses.get(x.lotId);
      if (!u) {
        const code =
          (qv(ctx.db, 'SELECT code FROM lots WHERE id = ?').get(x.lotId) as string | undefined) ?? String(x.lotId);
        throw new AppError(
          'BATCH_SPLIT_UNKNOWN_LOT',
          { lot: code },
          {
            fields: [{ path: `${out.path}.inputs.${j}.lotId`, code: 'BATCH_SPLIT_UNKNOWN_LOT', params: { lot: code } }],
          },
        );
      }
      const m = toProductMilli(x.qty, x.unit, u.product, `${out.path}.inputs.${j}.qty`, ctx.lang);
      share[k].set(x.lotId, (share[k].get(x.lotId) ?? 0) + m);
    });
  });
  const implicit = outputs.map((o, k) => k).filter((k) => !outputs[k].o.inputs);
  const kgs = outputs.map((o) => kgOf(o.milli, o.op.unit, o.op));
  const weights = implicit.map((k) =>
    kgs.every((x) => x !== null) ? Math.round((kgs[k] as number) * 1000) : outputs[k].milli,
  );
  for (const u of uses.values()) {
    const explicit = share.reduce((a, m) => a + (m.get(u.lot.id) ?? 0), 0);
    const rest = u.milli - explicit;
    if (rest < 0 || (rest > 0 && !implicit.length)) {
      throw new AppError(
        'BATCH_SPLIT_MISMATCH',
        { lot: u.lot.code, split: fromMilli(explicit), used: fromMilli(u.milli) },
        {
          fields: [
            {
              path: 'outputs',
              code: 'BATCH_SPLIT_MISMATCH',
              params: { lot: u.lot.code, split: fromMilli(explicit), used: fromMilli(u.milli) },
            },
          ],
        },
      );
    }
    // Whole pieces stay whole: 3 bags over two outputs are 2 + 1, never 1.5 + 1.5.
    const step = unitDef(u.lot.unit)?.dimension === 'count' && rest % 1000 === 0 ? 1000 : 1;
    if (rest > 0)
      splitProportional(rest / step, weights).forEach(
        (m, j) => m > 0 && share[implicit[j]].set(u.lot.id, (share[implicit[j]].get(u.lot.id) ?? 0) + m * step),
      );
  }

  const inKg = [...uses.values()].map((u) => kgOf(u.milli, u.lot.unit, u.product));
  const weighedKg = inKg.some((x) => x !== null) ? inKg.reduce<number>((a, x) => a + (x ?? 0), 0) : null;
  const mainMilli = outputs.filter((o) => !o.byProduct).reduce((a, o) => a + o.milli, 0);
  const massBalance = computeMassBalance({
    inKg,
    allOutKg: kgs,
    recipe: version
      ? {
          expected: expectedOutput(ctx, version, product, weighedKg, p.size),
          actual: fromMilli(mainMilli),
          unit: product.unit,
          kgPerUnit: conversionFactor(product.unit, 'kg', packInfo(product)),
          yieldPct: version.yieldPct,
          lossPct: version.lossPct,
          tolerancePct: version.tolerancePct,
        }
      : null,
  });

  const code = nextBatchCode(ctx, productionDate);
  const batchId = Number(
    q(
      ctx.db,
      'INSERT INTO batches (code, product_id, recipe_version_id, location_id, production_date, size_milli, unit, operator, mass_balance, note, user, request_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      code,
      product.id,
      versionId,
      p.locationId,
      productionDate,
      p.size === undefined ? null : toMilli(p.size),
      version?.batchUnit ?? product.unit,
      p.operator,
      JSON.stringify(massBalance),
      p.note,
      ctx.user,
      p.requestKey ?? null,
      eventTime,
    ).lastInsertRowid,
  );

  // Each lot's allocated pieces (per location) are handed out to the output lots in order.
  const cursor = new Map<number, { pieces: { locationId: number; milli: number }[]; i: number }>();
  for (const u of uses.values()) cursor.set(u.lot.id, { pieces: u.pieces.map((x) => ({ ...x })), i: 0 });
  const take = (lotId: number, milli: number) => {
    const c = cursor.get(lotId)!;
    const out: { locationId: number; milli: number }[] = [];
    while (milli > 0 && c.i < c.pieces.length) {
      const piece = c.pieces[c.i];
      const t = Math.min(piece.milli, milli);
      out.push({ locationId: piece.locationId, milli: t });
      piece.milli -= t;
      milli -= t;
      if (piece.milli === 0) c.i++;
    }
    return out;
  };

  const written: WrittenBatch = { id: batchId, outputs: [] };
  outputs.forEach((out, k) => {
    const lot = createLot(ctx, {
      product: out.op,
      code: out.o.lotCode,
      codeDate: productionDate,
      productionDate,
      expiryDate: out.expiry,
      origin: 'production',
      path: out.path,
    });
    const lines: NewLine[] = [];
    const used = new Set<number>();
    for (const [lotId, m] of share[k]) {
      const u = uses.get(lotId)!;
      used.add(lotId);
      for (const piece of take(lotId, m))
        lines.push({
          role: 'input',
          lotId,
          qtyMilli: piece.milli,
          unit: u.lot.unit,
          stockDeltaMilli: -piece.milli,
          locationId: piece.locationId,
        });
    }
    lines.push({
      role: 'output',
      lotId: lot.id,
      qtyMilli: out.milli,
      unit: out.op.unit,
      stockDeltaMilli: out.milli,
      locationId: p.locationId,
    });
    const ov = overrides.filter((o) => used.has(o.lotId));
    const eid = writeEvent(ctx, {
      kind: 'production',
      epcisType: 'TransformationEvent',
      action: null,
      bizStep: 'commissioning',
      disposition: 'active',
      eventTime,
      locationId: p.locationId,
      docType: 'batch',
      docId: batchId,
      data: {
        batchCode: code,
        recipeVersionId: versionId,
        operator: p.operator,
        ...(ov.length ? { overrides: ov } : {}),
        ...(offRecipe.some((o) => used.has(o.lotId)) ? { offRecipe: offRecipe.filter((o) => used.has(o.lotId)) } : {}),
      },
      lines,
    });
    setLotCreatedEvent(ctx, lot.id, eid);
    written.outputs.push({ lotId: lot.id, productId: out.op.id, qtyMilli: out.milli });
  });
  return written;
}

export type MassBalanceFacts = {
  /** Kilograms of each input lot used (null: counted in pieces without a weight, e.g. jars or labels). */
  inKg: (number | null)[];
  allOutKg: (number | null)[];
  /** What the recipe expects of the main product, in the product's unit (null expected: not convertible). */
  recipe: {
    expected: number | null;
    actual: number;
    unit: string;
    kgPerUnit: number | null;
    yieldPct: number | null;
    lossPct: number | null;
    /** The recipe version's own tolerance (percent of the expected output). */
    tolerancePct: number;
  } | null;
};

/**
 * Inputs whose product is not in the recipe are refused unless the line confirms them with a reason:
 * coffee in a cashew batch would otherwise link the two in every trace. The reasons are kept on the batch.
 */
function checkRecipeInputs(
  ctx: ServiceContext,
  p: ApiParsed<'batches.record'>,
  version: RecipeVersion,
  uses: Map<number, InputUse>,
): { lotId: number; reason: string }[] {
  const inRecipe = new Set(version.inputs.map((l) => l.productId));
  const recipeName =
    (qv(ctx.db, 'SELECT r.name FROM recipes r JOIN recipe_versions v ON v.recipe_id = r.id WHERE v.id = ?').get(
      version.id,
    ) as string | undefined) ?? '';
  const out: { lotId: number; reason: string }[] = [];
  p.inputs.forEach((inp, i) => {
    const u = uses.get(inp.lotId)!;
    if (inRecipe.has(u.product.id) || out.some((o) => o.lotId === u.lot.id)) return;
    const reason = inp.offRecipe?.reason.trim() ?? '';
    if (reason.length < OVERRIDE_REASON_MIN) {
      const params = { lot: u.lot.code, product: u.product.name, recipe: recipeName };
      throw new AppError('BATCH_OFF_RECIPE', params, {
        fields: [{ path: `inputs.${i}.lotId`, code: 'BATCH_OFF_RECIPE', params }],
        details: { lotId: u.lot.id, needsConfirmation: true },
        status: 409,
      });
    }
    out.push({ lotId: u.lot.id, reason });
  });
  return out;
}

export function computeMassBalance(f: MassBalanceFacts): MassBalance {
  const round = (x: number | null, d = 1000) => (x === null ? null : Math.round(x * d) / d);
  // Inputs counted in pieces without a weight (jars, bags, labels) are packaging: they do not weigh in.
  const weighed = f.inKg.filter((x): x is number => x !== null);
  const inputKg = weighed.length ? weighed.reduce((a, b) => a + b, 0) : null;
  const outputKg = f.allOutKg.every((x) => x !== null) ? (f.allOutKg as number[]).reduce((a, b) => a + b, 0) : null;
  const r = f.recipe;
  const base = {
    inputKg: round(inputKg),
    outputKg: round(outputKg),
    yieldPct: r?.yieldPct ?? null,
    lossPct: r?.lossPct ?? null,
    tolerancePct: r?.tolerancePct ?? MASS_BALANCE_TOLERANCE_PCT,
  };
  if (r && r.expected !== null && r.expected > 0) {
    const deviationPct = ((r.actual - r.expected) / r.expected) * 100;
    return {
      ...base,
      expectedOutputKg: r.kgPerUnit === null ? null : round(r.expected * r.kgPerUnit),
      expectedOutput: round(r.expected),
      actualOutput: round(r.actual),
      unit: r.unit,
      deviationPct: round(deviationPct, 10),
      warning: Math.abs(deviationPct) > base.tolerancePct,
    };
  }
  // Without a recipe nothing is known about losses: only more output than input is suspicious.
  const warning =
    !r && inputKg !== null && outputKg !== null && outputKg > inputKg * (1 + MASS_BALANCE_TOLERANCE_PCT / 100);
  return { ...base, expectedOutputKg: null, deviationPct: null, warning };
}

export function batchView(ctx: ServiceContext, id: number): Batch {
  const b = q(
    ctx.db,
    `SELECT b.*, p.name AS product_name, loc.name AS location_name, v.version AS recipe_version, v.recipe_id, r.name AS recipe_name
     FROM batches b JOIN products p ON p.id = b.product_id JOIN locations loc ON loc.id = b.location_id
     LEFT JOIN recipe_versions v ON v.id = b.recipe_version_id LEFT JOIN recipes r ON r.id = v.recipe_id WHERE b.id = ?`,
  ).get(id) as Row | undefined;
  if (!b) throw new AppError('NOT_FOUND', { entity: 'batch', id });
  const events = q(
    ctx.db,
    "SELECT id, data FROM events WHERE doc_type = 'batch' AND doc_id = ? AND kind = 'production' ORDER BY id",
  ).all(id) as { id: number; data: string | null }[];
  const lineQ = q(
    ctx.db,
    `SELECT l.role, l.lot_id, l.unit, lot.code, lot.product_id, lot.expiry_date, p.name AS product_name,
       SUM(l.qty_milli + COALESCE((SELECT SUM(c.qty_milli) FROM event_lines c WHERE c.corrects_line_id = l.id), 0)) AS net
     FROM event_lines l JOIN lots lot ON lot.id = l.lot_id JOIN products p ON p.id = lot.product_id WHERE l.event_id = ? GROUP BY l.role, l.lot_id ORDER BY MIN(l.id)`,
  );
  const inputs = new Map<number, Batch['inputs'][number] & { milli: number }>();
  const outputs: Batch['outputs'] = [];
  const overrideOf = new Map<number, string>();
  const offRecipeOf = new Map<number, string>();
  type Reasons = { lotId: number; reason: string }[];
  for (const e of events) {
    const data = e.data ? (JSON.parse(e.data) as { overrides?: Reasons; offRecipe?: Reasons }) : {};
    for (const o of data.overrides ?? []) overrideOf.set(o.lotId, o.reason);
    for (const o of data.offRecipe ?? []) offRecipeOf.set(o.lotId, o.reason);
    const rows = lineQ.all(e.id) as Row[];
    const ins: Batch['outputs'][number]['inputs'] = [];
    for (const r of rows) {
      if (r.role === 'input') {
        ins.push({
          lotId: r.lot_id as number,
          lotCode: r.code as string,
          qty: fromMilli(r.net as number),
          unit: r.unit as string,
        });
        const cur = inputs.get(r.lot_id as number) ?? {
          lotId: r.lot_id as number,
          lotCode: r.code as string,
          productId: r.product_id as number,
          productName: r.product_name as string,
          qty: 0,
          unit: r.unit as string,
          expiryDate: (r.expiry_date as string | null) ?? null,
          override: null,
          offRecipe: null,
          milli: 0,
        };
        cur.milli += r.net as number;
        inputs.set(r.lot_id as number, cur);
      }
    }
    const out = rows.find((r) => r.role === 'output');
    if (out)
      outputs.push({
        eventId: e.id,
        lot: lotView(ctx, out.lot_id as number),
        qty: fromMilli(out.net as number),
        unit: out.unit as string,
        byProduct: out.product_id !== b.product_id,
        inputs: ins,
      });
  }
  const massBalance = JSON.parse((b.mass_balance as string | null) ?? '{}') as MassBalance;
  const warnings = massBalance.warning ? [massBalanceWarning(massBalance, ctx.lang)] : [];
  return {
    id,
    code: b.code as string,
    productId: b.product_id as number,
    productName: b.product_name as string,
    recipeId: (b.recipe_id as number | null) ?? null,
    recipeVersionId: (b.recipe_version_id as number | null) ?? null,
    recipeName: (b.recipe_name as string | null) ?? null,
    recipeVersion: (b.recipe_version as number | null) ?? null,
    locationId: b.location_id as number,
    locationName: b.location_name as string,
    productionDate: b.production_date as string,
    size: b.size_milli === null ? null : fromMilli(b.size_milli as number),
    unit: b.unit as string,
    operator: (b.operator as string | null) ?? null,
    note: (b.note as string | null) ?? null,
    user: b.user as string,
    createdAt: b.created_at as string,
    massBalance,
    warnings,
    inputs: [...inputs.values()].map(({ milli, ...x }) => ({
      ...x,
      qty: fromMilli(milli),
      override: overrideOf.get(x.lotId) ?? null,
      offRecipe: offRecipeOf.get(x.lotId) ?? null,
    })),
    outputs,
  };
}

function massBalanceWarning(m: MassBalance, lang: 'vi' | 'en') {
  // Batches saved before the recipe's own units were used carry kilograms only.
  const qty = (x: number | null | undefined, unit: string) =>
    `${formatQuantity(x ?? 0, lang)} ${unitLabel(unit, lang, x ?? 0)}`;
  const params = m.unit
    ? { output: qty(m.actualOutput, m.unit), expected: qty(m.expectedOutput, m.unit) }
    : { output: qty(m.outputKg, 'kg'), expected: qty(m.expectedOutputKg, 'kg') };
  return {
    code: 'MASS_BALANCE_WARNING',
    message: errorMessage(
      'MASS_BALANCE_WARNING',
      {
        ...params,
        deviation: formatQuantity(m.deviationPct ?? 0, lang),
        tol: formatQuantity(m.tolerancePct ?? MASS_BALANCE_TOLERANCE_PCT, lang),
      },
      lang,
    ),
  };
}

function listBatches(ctx: ServiceContext, p: ApiParsed<'batches.list'>) {
  const where: string[] = [];
  const args: unknown[] = [];
  if (p.productId) {
    where.push('b.product_id = ?');
    args.push(p.productId);
  }
  if (p.recipeId) {
    where.push('v.recipe_id = ?');
    args.push(p.recipeId);
  }
  if (p.from) {
    where.push('b.production_date >= ?');
    args.push(p.from);
  }
  if (p.to) {
    where.push('b.production_date <= ?');
    args.push(p.to);
  }
  if (p.search) {
    where.push('(b.code LIKE ? OR p.name LIKE ?)');
    args.push(`%${p.search}%`, `%${p.search}%`);
  }
  const from =
    'FROM batches b JOIN products p ON p.id = b.product_id JOIN locations loc ON loc.id = b.location_id LEFT JOIN recipe_versions v ON v.id = b.recipe_version_id LEFT JOIN recipes r ON r.id = v.recipe_id';
  const { rows, ...count } = pageOf(ctx.db, {
    select: `b.*, p.name AS product_name, loc.name AS location_name, r.name AS recipe_name, v.version AS recipe_version,
        (SELECT group_concat(lot.code, ', ') FROM events e JOIN event_lines l ON l.event_id = e.id AND l.role = 'output' JOIN lots lot ON lot.id = l.lot_id WHERE e.doc_type = 'batch' AND e.doc_id = b.id AND e.kind = 'production') AS output_lots`,
    from,
    countFrom: `FROM batches b JOIN products p ON p.id = b.product_id${p.recipeId ? ' LEFT JOIN recipe_versions v ON v.id = b.recipe_version_id' : ''}`,
    where,
    args,
    order: 'b.production_date DESC, b.id DESC',
    limit: p.limit ?? 100,
    offset: p.offset ?? 0,
  });
  return {
    ...count,
    items: rows.map((b) => ({
      id: b.id as number,
      code: b.code as string,
      productId: b.product_id as number,
      productName: b.product_name as string,
      recipeName: (b.recipe_name as string | null) ?? null,
      recipeVersion: (b.recipe_version as number | null) ?? null,
      locationName: b.location_name as string,
      productionDate: b.production_date as string,
      size: b.size_milli === null ? null : fromMilli(b.size_milli as number),
      unit: b.unit as string,
      operator: (b.operator as string | null) ?? null,
      createdAt: b.created_at as string,
      outputLots: (b.output_lots as string | null) ?? '',
      warning: Boolean((JSON.parse((b.mass_balance as string | null) ?? '{}') as MassBalance).warning),
    })),
  };
}

export const batchHandlers: PartialHandlers = {
  'batches.plan': (p, ctx) => planBatch(ctx, p),
  'batches.record': (p, ctx) => recordBatch(ctx, p),
  'batches.get': (p, ctx) => batchView(ctx, p.id),
  'batches.list': (p, ctx) => listBatches(ctx, p),
};
