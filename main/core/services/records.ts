// Helpers shared by the master-data services: row ↔ record mapping, list queries, audit entries.
import { AppError } from '../../../shared/api/errors';
import type { ListResult } from '../../../shared/api/fields';
import { foldVietnamese } from '../../../shared/domain/text';
import { api } from '../../../shared/api/contract';
import { redactBySchema } from '../../../shared/api/secrets';
import { nowIso } from '../../clock';
import type { ServiceContext } from '../core';
import { q } from '../../store/statements';

export const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
export const camel = (k: string) => k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

type Row = Record<string, unknown>;

/** Tables with a trigram full-text index `<table>_fts` over `search` (migration 001). */
const FTS_TABLES = new Set(['products', 'partners']);

/** A row as an API record: camelCase keys, `archived` flag instead of the timestamp, internals dropped. */
export function rowToRecord<T>(row: Row, drop: string[] = ['search']): T {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (drop.includes(k)) continue;
    if (k === 'archived_at') {
      out.archived = v !== null;
      continue;
    }
    out[camel(k)] = v;
  }
  return out as T;
}

/**
 * What an audit entry may keep of a value: fields the calling method's contract marks secret are hidden.
 * Every before/after written to audit_log passes through here (the log is append-only and goes into every
 * backup and export, so a secret written once could never be taken back).
 */
export function forAudit(ctx: Pick<ServiceContext, 'method'>, value: unknown): unknown {
  return ctx.method ? redactBySchema(api[ctx.method].input, value) : value;
}

export function audit(
  ctx: ServiceContext,
  action: string,
  entity: string,
  entityId: string | number | null,
  before: unknown,
  after: unknown,
): void {
  q(
    ctx.db,
    'INSERT INTO audit_log (at, user, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(
    nowIso(ctx.clock),
    ctx.user,
    action,
    entity,
    entityId === null ? null : String(entityId),
    before === null ? null : JSON.stringify(forAudit(ctx, before)),
    after === null ? null : JSON.stringify(forAudit(ctx, after)),
  );
}

export type ListParams = {
  search?: string;
  includeArchived?: boolean;
  sort?: string;
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
};

/**
 * A list query over a master-data table. Search matches the folded `search` column anywhere (so
 * "ca phe" finds "Cà phê"); sorting by name uses the folded text too, so "Đậu" sorts among the D's.
 */
/** Lists count at most this many rows exactly; beyond it `total` is the cap and `totalCapped` is true.
 * A search counts less far: past a thousand matches the user refines the search rather than pages. */
export const COUNT_CAP = 10_000;
const SEARCH_COUNT_CAP = 1_000;

/**
 * A list query over a master-data table. Search matches the folded `search` column anywhere (so
 * "ca phe" finds "Cà phê"); sorting by name uses the folded text too, so "Đậu" sorts among the D's.
 * Counting is capped so a search that matches most of 100,000 rows stays as fast as a rare one.
 */
export function listRows<T>(
  ctx: ServiceContext,
  table: string,
  params: ListParams,
  extraWhere: { sql: string; args: unknown[] }[] = [],
): ListResult<T> {
  const base: string[] = [];
  const baseArgs: unknown[] = [];
  if (!params.includeArchived) base.push('archived_at IS NULL');
  for (const w of extraWhere) {
    base.push(w.sql);
    baseArgs.push(...w.args);
  }
  const where = [...base];
  const args = [...baseArgs];
  let total: number | undefined;
  const cap = params.search ? SEARCH_COUNT_CAP : COUNT_CAP;
  if (params.search) {
    const folded = foldVietnamese(params.search);
    const like = `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    let useFts = false;
    if (FTS_TABLES.has(table) && [...folded].length >= 3) {
      // Trigram full-text index: a phrase query matches the folded text as a substring without a scan.
      const phrase = `"${folded.replace(/"/g, '""')}"`;
      const baseSql = base.length ? `AND ${base.map((b) => `t.${b}`).join(' AND ')}` : '';
      total = (
        q(
          ctx.db,
          `SELECT count(*) AS n FROM (SELECT 1 FROM ${table}_fts f JOIN ${table} t ON t.id = f.rowid WHERE ${table}_fts MATCH ? ${baseSql} LIMIT ${cap + 1})`,
        ).get(phrase, ...baseArgs) as { n: number }
      ).n;
      if (total <= cap) {
        useFts = true;
        where.push(`id IN (SELECT rowid FROM ${table}_fts WHERE ${table}_fts MATCH ?)`);
        args.push(phrase);
      }
    }
    if (!useFts) {
      where.push("search LIKE ? ESCAPE '\\'");
      args.push(like);
    }
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const sortCol = params.sort === 'name' || !params.sort ? 'search' : snake(params.sort);
  const order = params.order === 'desc' ? 'DESC' : 'ASC';
  const limit = params.limit ?? 100;
  const offset = params.offset ?? 0;
  const rows = q(
    ctx.db,
    `SELECT * FROM ${table} ${whereSql} ORDER BY ${sortCol} ${order}, id ${order} LIMIT ? OFFSET ?`,
  ).all(...args, limit, offset) as Row[];
  if (total === undefined)
    total = (
      q(ctx.db, `SELECT count(*) AS n FROM (SELECT 1 FROM ${table} ${whereSql} LIMIT ${cap + 1})`).get(...args) as {
        n: number;
      }
    ).n;
  // Over the cap, a full-text match fell back to the ordered scan above (which finds a page sooner).
  const capped = total > cap;
  const result: ListResult<T> = { items: rows.map((r) => rowToRecord<T>(r)), total: capped ? cap : total };
  if (capped) result.totalCapped = true;
  return result;
}

export function getRow(ctx: ServiceContext, table: string, entity: string, id: number): Row {
  const row = q(ctx.db, `SELECT * FROM ${table} WHERE id = ?`).get(id) as Row | undefined;
  if (!row) throw new AppError('NOT_FOUND', { entity, id });
  return row;
}

/** INSERT of a record whose keys are camelCase API fields (already validated). */
export function insertRow(ctx: ServiceContext, table: string, values: Row): number {
  const cols = Object.keys(values);
  const sql = `INSERT INTO ${table} (${cols.map(snake).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
  return Number(q(ctx.db, sql).run(...cols.map((c) => toSql(values[c]))).lastInsertRowid);
}

export function updateRow(ctx: ServiceContext, table: string, id: number, values: Row): void {
  const cols = Object.keys(values);
  if (!cols.length) return;
  ctx.rowMemo?.clear();
  const sql = `UPDATE ${table} SET ${cols.map((c) => `${snake(c)} = ?`).join(', ')} WHERE id = ?`;
  q(ctx.db, sql).run(...cols.map((c) => toSql(values[c])), id);
}

function toSql(v: unknown): unknown {
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v === undefined ? null : v;
}

export function setArchived(ctx: ServiceContext, table: string, entity: string, id: number, archived: boolean): Row {
  const before = getRow(ctx, table, entity, id);
  ctx.rowMemo?.clear();
  q(ctx.db, `UPDATE ${table} SET archived_at = ?, updated_at = ? WHERE id = ?`).run(
    archived ? nowIso(ctx.clock) : null,
    nowIso(ctx.clock),
    id,
  );
  const after = getRow(ctx, table, entity, id);
  audit(ctx, archived ? 'archive' : 'restore', entity, id, rowToRecord(before), rowToRecord(after));
  return after;
}
