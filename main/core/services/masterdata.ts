// Business profile, locations, products/materials and partners.
import { AppError } from '../../../shared/api/errors';
import type { ApiParsed } from '../../../shared/api/contract';
import {
  productCrossFieldProblems,
  type Business,
  type Location,
  type Partner,
  type Product,
} from '../../../shared/api/masterdata';
import { fromMilli, toMilli } from '../../../shared/domain/quantity';
import { searchText } from '../../../shared/domain/text';
import { toGtin14 } from '../../../shared/gs1/checkdigit';
import { nowIso } from '../../clock';
import type { PartialHandlers, ServiceContext } from '../core';
import { audit, getRow, insertRow, listRows, rowToRecord, setArchived, updateRow } from './records';
import { q } from '../../store/statements';

type Row = Record<string, unknown>;

// ---------- business ----------
function getBusiness(ctx: ServiceContext): Business | null {
  const row = q(ctx.db, 'SELECT * FROM business WHERE id = 1').get() as Row | undefined;
  if (!row) return null;
  const rec = rowToRecord<Business & { id?: number }>(row);
  delete rec.id;
  return rec;
}

// ---------- products ----------
function productFromRow(row: Row): Product {
  return productFromCamel(rowToRecord<Row>(row));
}

function productColumns(p: Partial<ApiParsed<'products.create'>>): Row {
  const cols: Row = { ...p };
  if ('packSize' in p) {
    cols.packSizeMilli = p.packSize == null ? null : toMilli(p.packSize);
    delete cols.packSize;
  }
  if ('gtin' in p) cols.gtin14 = p.gtin ? toGtin14(p.gtin) : null;
  return cols;
}

function checkProductUnique(ctx: ServiceContext, p: { code?: string; gtin?: string | null }, exceptId = 0): void {
  if (p.code) {
    const hit = q(ctx.db, 'SELECT id FROM products WHERE code = ? AND id <> ?').get(p.code, exceptId);
    if (hit) throw duplicate('product', 'code', p.code);
  }
  if (p.gtin) {
    const hit = q(ctx.db, 'SELECT id FROM products WHERE gtin14 = ? AND id <> ?').get(toGtin14(p.gtin), exceptId);
    if (hit) throw duplicate('product', 'gtin', p.gtin);
  }
}

function duplicate(entity: string, field: string, value: string): AppError {
  return new AppError(
    'DUPLICATE',
    { entity, field, value },
    { fields: [{ path: field, code: 'DUPLICATE', params: { entity, field, value } }] },
  );
}

function checkProductCrossFields(p: { unit: string; packSize: number | null; packUnit: string | null }): void {
  const problems = productCrossFieldProblems(p);
  if (problems.length) throw new AppError('VALIDATION', {}, { fields: problems });
}

function productSearch(p: { name: string; code: string; gtin: string | null; brand?: string | null }): string {
  return searchText(p.name, p.code, p.gtin, p.brand);
}

export const masterDataHandlers: PartialHandlers = {
  'business.get': (_input, ctx) => getBusiness(ctx),

  'business.update': (input, ctx) => {
    const before = getBusiness(ctx);
    const values = { ...input, updatedAt: nowIso(ctx.clock) };
    if (before) updateRow(ctx, 'business', 1, values);
    else insertRow(ctx, 'business', { id: 1, ...values });
    const after = getBusiness(ctx);
    audit(ctx, before ? 'update' : 'create', 'business', 1, before, after);
    return after as Business;
  },

  'setup.status': (_input, ctx) => {
    const count = (sql: string) => (q(ctx.db, sql).get() as { n: number }).n;
    const business = count('SELECT count(*) AS n FROM business') > 0;
    const location = count('SELECT count(*) AS n FROM locations WHERE archived_at IS NULL') > 0;
    const product = count('SELECT count(*) AS n FROM products WHERE archived_at IS NULL') > 0;
    return { business, location, product, done: business && location && product };
  },

  // ---------- locations ----------
  'locations.list': (input, ctx) => listRows<Location>(ctx, 'locations', input),
  'locations.get': (input, ctx) => rowToRecord<Location>(getRow(ctx, 'locations', 'location', input.id)),
  'locations.create': (input, ctx) => {
    checkLocationGln(ctx, input.gln);
    const now = nowIso(ctx.clock);
    const id = insertRow(ctx, 'locations', {
      ...input,
      search: searchText(input.name, input.address, input.gln),
      createdAt: now,
      updatedAt: now,
    });
    const rec = rowToRecord<Location>(getRow(ctx, 'locations', 'location', id));
    audit(ctx, 'create', 'location', id, null, rec);
    return rec;
  },
  'locations.update': (input, ctx) => {
    const { id, ...patch } = input;
    const before = rowToRecord<Location>(getRow(ctx, 'locations', 'location', id));
    if (patch.gln) checkLocationGln(ctx, patch.gln, id);
    const merged = { ...before, ...patch };
    updateRow(ctx, 'locations', id, {
      ...patch,
      search: searchText(merged.name, merged.address, merged.gln),
      updatedAt: nowIso(ctx.clock),
    });
    const after = rowToRecord<Location>(getRow(ctx, 'locations', 'location', id));
    audit(ctx, 'update', 'location', id, before, after);
    return after;
  },
  'locations.archive': (input, ctx) => rowToRecord<Location>(setArchived(ctx, 'locations', 'location', input.id, true)),
  'locations.restore': (input, ctx) =>
    rowToRecord<Location>(setArchived(ctx, 'locations', 'location', input.id, false)),

  // ---------- products ----------
  'products.list': (input, ctx) => {
    const { kind, ...params } = input;
    const res = listRows<Row>(ctx, 'products', params, kind ? [{ sql: 'kind = ?', args: [kind] }] : []);
    // listRows maps keys already; redo the product-specific columns from the camelCase record.
    return { total: res.total, items: res.items.map((r) => productFromCamel(r)) };
  },
  'products.get': (input, ctx) => productFromRow(getRow(ctx, 'products', 'product', input.id)),
  'products.create': (input, ctx) => {
    checkProductCrossFields(input);
    checkProductUnique(ctx, input);
    const now = nowIso(ctx.clock);
    const id = insertRow(ctx, 'products', {
      ...productColumns(input),
      search: productSearch(input),
      createdAt: now,
      updatedAt: now,
    });
    const rec = productFromRow(getRow(ctx, 'products', 'product', id));
    audit(ctx, 'create', 'product', id, null, rec);
    return rec;
  },
  'products.update': (input, ctx) => {
    const { id, ...patch } = input;
    const before = productFromRow(getRow(ctx, 'products', 'product', id));
    const merged = { ...before, ...patch };
    checkProductCrossFields(merged);
    checkProductUnique(ctx, patch, id);
    updateRow(ctx, 'products', id, {
      ...productColumns(patch),
      search: productSearch(merged),
      updatedAt: nowIso(ctx.clock),
    });
    const after = productFromRow(getRow(ctx, 'products', 'product', id));
    audit(ctx, 'update', 'product', id, before, after);
    return after;
  },
  'products.archive': (input, ctx) => productFromRow(setArchived(ctx, 'products', 'product', input.id, true)),
  'products.restore': (input, ctx) => productFromRow(setArchived(ctx, 'products', 'product', input.id, false)),

  // ---------- partners ----------
  'partners.list': (input, ctx) => {
    const { kind, ...params } = input;
    // A partner who is both supplier and customer shows in either list.
    const extra = kind ? [{ sql: "kind IN (?, 'both')", args: [kind] }] : [];
    return listRows<Partner>(ctx, 'partners', params, extra);
  },
  'partners.get': (input, ctx) => rowToRecord<Partner>(getRow(ctx, 'partners', 'partner', input.id)),
  'partners.create': (input, ctx) => {
    const now = nowIso(ctx.clock);
    const id = insertRow(ctx, 'partners', {
      ...input,
      search: searchText(input.name, input.taxCode, input.contactPerson, input.phone),
      createdAt: now,
      updatedAt: now,
    });
    const rec = rowToRecord<Partner>(getRow(ctx, 'partners', 'partner', id));
    audit(ctx, 'create', 'partner', id, null, rec);
    return rec;
  },
  'partners.update': (input, ctx) => {
    const { id, ...patch } = input;
    const before = rowToRecord<Partner>(getRow(ctx, 'partners', 'partner', id));
    const merged = { ...before, ...patch };
    updateRow(ctx, 'partners', id, {
      ...patch,
      search: searchText(merged.name, merged.taxCode, merged.contactPerson, merged.phone),
      updatedAt: nowIso(ctx.clock),
    });
    const after = rowToRecord<Partner>(getRow(ctx, 'partners', 'partner', id));
    audit(ctx, 'update', 'partner', id, before, after);
    return after;
  },
  'partners.archive': (input, ctx) => rowToRecord<Partner>(setArchived(ctx, 'partners', 'partner', input.id, true)),
  'partners.restore': (input, ctx) => rowToRecord<Partner>(setArchived(ctx, 'partners', 'partner', input.id, false)),
};

function productFromCamel(r: Row): Product {
  const rec = { ...r } as Row;
  rec.packSize = rec.packSizeMilli == null ? null : fromMilli(rec.packSizeMilli as number);
  delete rec.packSizeMilli;
  delete rec.gtin14;
  return rec as unknown as Product;
}

function checkLocationGln(ctx: ServiceContext, gln: string | null | undefined, exceptId = 0): void {
  if (!gln) return;
  const hit = q(ctx.db, 'SELECT id FROM locations WHERE gln = ? AND id <> ?').get(gln, exceptId);
  if (hit) throw duplicate('location', 'gln', gln);
}

/** Used by other services to read a product by id with its API shape. */
export function loadProduct(ctx: ServiceContext, id: number): Product {
  return productFromRow(getRow(ctx, 'products', 'product', id));
}
