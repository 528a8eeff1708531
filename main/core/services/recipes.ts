// Recipes: a header plus immutable versions. Editing writes a new version; batches keep the one they used.
import { AppError } from '../../../shared/api/errors';
import type { ApiParsed } from '../../../shared/api/contract';
import { DEFAULT_TOLERANCE_PCT, type Recipe, type RecipeLine, type RecipeVersion } from '../../../shared/api/recipes';
import { fromMilli, toMilli } from '../../../shared/domain/quantity';
import { searchText } from '../../../shared/domain/text';
import { conversionFactor, unitLabel } from '../../../shared/domain/units';
import { nowIso } from '../../clock';
import type { PartialHandlers, ServiceContext } from '../core';
import { packInfo, productRow, q, qv, type Row } from './events';
import { audit, listRows } from './records';

type Content = Omit<ApiParsed<'recipes.create'>, 'name' | 'productId'>;

function checkContent(ctx: ServiceContext, productId: number, c: Content): void {
  if (!c.inputs.length)
    throw new AppError('RECIPE_NO_INPUTS', {}, { fields: [{ path: 'inputs', code: 'RECIPE_NO_INPUTS' }] });
  const product = productRow(ctx, productId);
  const batchUnit = c.batchUnit ?? product.unit;
  const check = (lines: typeof c.inputs, path: string) =>
    lines.forEach((l, i) => {
      const lp = productRow(ctx, l.productId, `${path}.${i}.productId`);
      if (path === 'inputs' && l.productId === productId)
        throw new AppError(
          'RECIPE_SELF_INPUT',
          {},
          { fields: [{ path: `${path}.${i}.productId`, code: 'RECIPE_SELF_INPUT' }] },
        );
      const byQty = c.inputMode === 'quantity' || path === 'byProducts';
      if (byQty ? l.qty === undefined : l.percent === undefined)
        throw new AppError(
          'RECIPE_LINE_QTY',
          {},
          { fields: [{ path: `${path}.${i}.${byQty ? 'qty' : 'percent'}`, code: 'RECIPE_LINE_QTY' }] },
        );
      // Percent lines are shares of the batch size, so the batch unit must convert to the input's unit.
      const from = byQty ? (l.unit ?? lp.unit) : batchUnit;
      if (conversionFactor(from, lp.unit, packInfo(lp)) === null) {
        const params = { from: unitLabel(from, ctx.lang), to: unitLabel(lp.unit, ctx.lang), product: lp.name };
        throw new AppError('UNIT_NOT_CONVERTIBLE', params, {
          fields: [{ path: `${path}.${i}.unit`, code: 'UNIT_NOT_CONVERTIBLE', params }],
        });
      }
    });
  check(c.inputs, 'inputs');
  check(c.byProducts ?? [], 'byProducts');
}

function insertVersion(ctx: ServiceContext, recipeId: number, productUnit: string, c: Content): number {
  const version =
    ((qv(ctx.db, 'SELECT MAX(version) FROM recipe_versions WHERE recipe_id = ?').get(recipeId) as number | null) ?? 0) +
    1;
  const vid = Number(
    q(
      ctx.db,
      'INSERT INTO recipe_versions (recipe_id, version, batch_size_milli, batch_unit, input_mode, yield_pct_milli, loss_pct_milli, steps, note, user, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      recipeId,
      version,
      toMilli(c.batchSize),
      c.batchUnit ?? productUnit,
      c.inputMode,
      c.yieldPct === null ? null : Math.round(c.yieldPct * 1000),
      c.lossPct === null ? null : Math.round(c.lossPct * 1000),
      c.steps,
      c.note,
      ctx.user,
      nowIso(ctx.clock),
    ).lastInsertRowid,
  );
  if (c.tolerancePct !== null)
    q(ctx.db, 'INSERT INTO recipe_version_tolerance (recipe_version_id, tolerance_pct_milli) VALUES (?, ?)').run(
      vid,
      Math.round(c.tolerancePct * 1000),
    );
  const ins = q(
    ctx.db,
    'INSERT INTO recipe_lines (recipe_version_id, line_no, role, product_id, qty_milli, pct_milli, unit, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  let n = 0;
  for (const [role, lines] of [
    ['input', c.inputs],
    ['by_product', c.byProducts ?? []],
  ] as const) {
    for (const l of lines) {
      const lp = productRow(ctx, l.productId, 'productId', false);
      const byQty = c.inputMode === 'quantity' || role === 'by_product';
      ins.run(
        vid,
        ++n,
        role,
        l.productId,
        byQty && l.qty !== undefined ? toMilli(l.qty) : null,
        !byQty && l.percent !== undefined ? Math.round(l.percent * 1000) : null,
        byQty ? (l.unit ?? lp.unit) : (c.batchUnit ?? productUnit),
        l.note,
      );
    }
  }
  q(ctx.db, 'UPDATE recipes SET current_version_id = ?, updated_at = ? WHERE id = ?').run(
    vid,
    nowIso(ctx.clock),
    recipeId,
  );
  return vid;
}

/** A recipe version never changes (an edit makes a new one), so a call reads it once (ServiceContext.rowMemo). */
export function versionView(ctx: ServiceContext, vid: number): RecipeVersion {
  const key = `recipeVersion:${vid}`;
  const hit = ctx.rowMemo?.get(key) as RecipeVersion | undefined;
  if (hit) return hit;
  const view = readVersion(ctx, vid);
  ctx.rowMemo?.set(key, view);
  return view;
}

function readVersion(ctx: ServiceContext, vid: number): RecipeVersion {
  const v = q(
    ctx.db,
    'SELECT v.*, t.tolerance_pct_milli FROM recipe_versions v LEFT JOIN recipe_version_tolerance t ON t.recipe_version_id = v.id WHERE v.id = ?',
  ).get(vid) as Row | undefined;
  if (!v) throw new AppError('NOT_FOUND', { entity: 'recipe_version', id: vid });
  const lines = (
    q(
      ctx.db,
      'SELECT rl.*, p.name, p.code FROM recipe_lines rl JOIN products p ON p.id = rl.product_id WHERE rl.recipe_version_id = ? ORDER BY rl.line_no',
    ).all(vid) as Row[]
  ).map((l): RecipeLine => ({
    lineNo: l.line_no as number,
    role: l.role as RecipeLine['role'],
    productId: l.product_id as number,
    productName: l.name as string,
    productCode: l.code as string,
    qty: l.qty_milli === null ? null : fromMilli(l.qty_milli as number),
    percent: l.pct_milli === null ? null : (l.pct_milli as number) / 1000,
    unit: l.unit as string,
    note: (l.note as string | null) ?? null,
  }));
  return {
    id: vid,
    version: v.version as number,
    batchSize: fromMilli(v.batch_size_milli as number),
    batchUnit: v.batch_unit as string,
    inputMode: v.input_mode as RecipeVersion['inputMode'],
    yieldPct: v.yield_pct_milli === null ? null : (v.yield_pct_milli as number) / 1000,
    lossPct: v.loss_pct_milli === null ? null : (v.loss_pct_milli as number) / 1000,
    tolerancePct:
      (v.tolerance_pct_milli ?? null) === null ? DEFAULT_TOLERANCE_PCT : (v.tolerance_pct_milli as number) / 1000,
    toleranceDefault: (v.tolerance_pct_milli ?? null) === null,
    steps: (v.steps as string | null) ?? null,
    note: (v.note as string | null) ?? null,
    user: v.user as string,
    createdAt: v.created_at as string,
    inputs: lines.filter((l) => l.role === 'input'),
    byProducts: lines.filter((l) => l.role === 'by_product'),
  };
}

export function recipeView(ctx: ServiceContext, id: number, version?: number): Recipe {
  const r = q(
    ctx.db,
    'SELECT r.*, p.name AS product_name, p.code AS product_code, p.unit AS product_unit FROM recipes r JOIN products p ON p.id = r.product_id WHERE r.id = ?',
  ).get(id) as Row | undefined;
  if (!r) throw new AppError('NOT_FOUND', { entity: 'recipe', id });
  const versions = (
    q(
      ctx.db,
      'SELECT v.id, v.version, v.created_at, v.user, (SELECT count(*) FROM batches b WHERE b.recipe_version_id = v.id) AS batches FROM recipe_versions v WHERE v.recipe_id = ? ORDER BY v.version',
    ).all(id) as Row[]
  ).map((v) => ({
    id: v.id as number,
    version: v.version as number,
    createdAt: v.created_at as string,
    user: v.user as string,
    batches: v.batches as number,
  }));
  const chosen =
    version === undefined ? (r.current_version_id as number) : versions.find((v) => v.version === version)?.id;
  if (!chosen) throw new AppError('NOT_FOUND', { entity: 'recipe_version', id: version ?? 0 });
  return {
    id,
    productId: r.product_id as number,
    productName: r.product_name as string,
    productCode: r.product_code as string,
    productUnit: r.product_unit as string,
    name: r.name as string,
    archived: r.archived_at !== null,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
    current: versionView(ctx, chosen),
    versions,
  };
}

function createRecipe(ctx: ServiceContext, p: ApiParsed<'recipes.create'>): Recipe {
  const product = productRow(ctx, p.productId);
  checkContent(ctx, p.productId, p);
  const at = nowIso(ctx.clock);
  const id = Number(
    q(ctx.db, 'INSERT INTO recipes (product_id, name, search, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(
      p.productId,
      p.name,
      searchText(p.name, product.name, product.code),
      at,
      at,
    ).lastInsertRowid,
  );
  insertVersion(ctx, id, product.unit, p);
  const view = recipeView(ctx, id);
  audit(ctx, 'create', 'recipe', id, null, view);
  return view;
}

function updateRecipe(ctx: ServiceContext, p: ApiParsed<'recipes.update'>): Recipe {
  const before = recipeView(ctx, p.id);
  if (before.archived) throw new AppError('ARCHIVED', { entity: 'recipe' });
  const cur = before.current;
  const productId = p.productId ?? before.productId;
  const product = productRow(ctx, productId);
  const asLine = (l: RecipeLine) => ({
    productId: l.productId,
    qty: l.qty ?? undefined,
    percent: l.percent ?? undefined,
    unit: l.unit,
    note: l.note,
  });
  const content: Content = {
    batchSize: p.batchSize ?? cur.batchSize,
    batchUnit: p.batchUnit ?? cur.batchUnit,
    inputMode: p.inputMode ?? cur.inputMode,
    inputs: p.inputs ?? cur.inputs.map(asLine),
    byProducts: p.byProducts ?? cur.byProducts.map(asLine),
    yieldPct: p.yieldPct !== undefined ? p.yieldPct : cur.yieldPct,
    lossPct: p.lossPct !== undefined ? p.lossPct : cur.lossPct,
    tolerancePct: p.tolerancePct !== undefined ? p.tolerancePct : cur.toleranceDefault ? null : cur.tolerancePct,
    steps: p.steps !== undefined ? p.steps : cur.steps,
    note: p.note !== undefined ? p.note : cur.note,
  };
  checkContent(ctx, productId, content);
  const name = p.name ?? before.name;
  q(ctx.db, 'UPDATE recipes SET product_id = ?, name = ?, search = ?, updated_at = ? WHERE id = ?').run(
    productId,
    name,
    searchText(name, product.name, product.code),
    nowIso(ctx.clock),
    p.id,
  );
  insertVersion(ctx, p.id, product.unit, content);
  const after = recipeView(ctx, p.id);
  audit(ctx, 'update', 'recipe', p.id, before, after);
  return after;
}

function setArchived(ctx: ServiceContext, id: number, archived: boolean): Recipe {
  const before = recipeView(ctx, id);
  q(ctx.db, 'UPDATE recipes SET archived_at = ?, updated_at = ? WHERE id = ?').run(
    archived ? nowIso(ctx.clock) : null,
    nowIso(ctx.clock),
    id,
  );
  const after = recipeView(ctx, id);
  audit(
    ctx,
    archived ? 'archive' : 'restore',
    'recipe',
    id,
    { archived: before.archived },
    { archived: after.archived },
  );
  return after;
}

function listRecipes(ctx: ServiceContext, p: ApiParsed<'recipes.list'>) {
  const { productId, ...rest } = p;
  const res = listRows<Row>(ctx, 'recipes', rest, productId ? [{ sql: 'product_id = ?', args: [productId] }] : []);
  return {
    total: res.total,
    items: res.items.map((r) => {
      const full = recipeView(ctx, r.id as number);
      return {
        id: full.id,
        productId: full.productId,
        productName: full.productName,
        productCode: full.productCode,
        productUnit: full.productUnit,
        name: full.name,
        archived: full.archived,
        createdAt: full.createdAt,
        updatedAt: full.updatedAt,
        version: full.current.version,
        inputCount: full.current.inputs.length,
        batchSize: full.current.batchSize,
        batchUnit: full.current.batchUnit,
      };
    }),
  };
}

export const recipeHandlers: PartialHandlers = {
  'recipes.list': (p, ctx) => listRecipes(ctx, p),
  'recipes.get': (p, ctx) => recipeView(ctx, p.id, p.version),
  'recipes.create': (p, ctx) => createRecipe(ctx, p),
  'recipes.update': (p, ctx) => updateRecipe(ctx, p),
  'recipes.archive': (p, ctx) => setArchived(ctx, p.id, true),
  'recipes.restore': (p, ctx) => setArchived(ctx, p.id, false),
};
