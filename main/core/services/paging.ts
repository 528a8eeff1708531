// One page of an ordered list, and how many rows there are in all. Every list the screens read goes
// through here, so no answer grows with the size of the business: the page is bounded by `limit`, and
// counting stops at a cap (a count over a million rows costs as much as reading them).
import type { ListResult } from '../../../shared/api/fields';
import type { Db } from '../../store/db';
import { q, type Row } from './events';

/** Counting stops here; beyond it the total says "more than" (ListResult.totalCapped). */
export const COUNT_CAP = 10_000;

export type PageQuery = {
  /** The SELECT list (without the word SELECT). */
  select: string;
  /** FROM … with its joins. */
  from: string;
  /** Conditions joined with AND. */
  where?: string[];
  args?: unknown[];
  /** GROUP BY … [HAVING …] (without the words), when a row of the list sums several rows. */
  group?: string;
  /** ORDER BY … (without the words); end it with a unique column so pages never overlap. */
  order: string;
  limit: number;
  offset?: number;
  /** A lighter FROM for counting (the joins that only add columns left out). */
  countFrom?: string;
  /** For a grouped list counted over `countFrom`: the SELECT list its HAVING needs (default `select`). */
  countSelect?: string;
  cap?: number;
};

export function pageOf(db: Db, p: PageQuery): { rows: Row[]; total: number; totalCapped?: true } {
  const where = (p.where?.length ? `WHERE ${p.where.join(' AND ')}` : '') + (p.group ? ` GROUP BY ${p.group}` : '');
  const args = p.args ?? [];
  const offset = p.offset ?? 0;
  const rows = q(db, `SELECT ${p.select} ${p.from} ${where} ORDER BY ${p.order} LIMIT ? OFFSET ?`).all(
    ...args,
    p.limit,
    offset,
  ) as Row[];
  // A short first page is the whole list: no count needed.
  if (offset === 0 && rows.length < p.limit) return { rows, total: rows.length };
  const cap = p.cap ?? COUNT_CAP;
  const n = (
    q(
      db,
      // A grouped list counts its groups (HAVING may name a column of the SELECT list).
      `SELECT count(*) AS n FROM (SELECT ${p.group ? (p.countSelect ?? p.select) : 1} ${p.countFrom ?? p.from} ${where} LIMIT ${cap + 1})`,
    ).get(...args) as {
      n: number;
    }
  ).n;
  return n > cap ? { rows, total: cap, totalCapped: true } : { rows, total: n };
}

/** The same page as a ListResult of mapped items. */
export function listPage<T>(db: Db, p: PageQuery, map: (r: Row) => T): ListResult<T> {
  const { rows, ...count } = pageOf(db, p);
  return { items: rows.map(map), ...count };
}
