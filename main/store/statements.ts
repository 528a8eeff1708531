// Prepared statements cached per connection. A statement better-sqlite3 prepares is only freed by a
// finalizer that Node runs when the event loop turns, so a long synchronous run (an import of 20,000
// rows, a demo of a million batches, one big transaction) that prepares its SQL on every call keeps every
// statement it ever made: about 4 KB each, 65 KB per imported product. Reusing one statement per SQL
// keeps memory flat however long the run.
import type { Statement } from 'better-sqlite3';
import type { Db } from './db';

/** Distinct SQL texts kept per connection; SQL built from filters (lists, exports) stays well below this. */
const MAX_CACHED = 2000;
const cache = new WeakMap<Db, Map<string, Statement>>();

// The connection asked last and its statements: a run makes thousands of calls in a row on one connection.
let lastDb: Db | null = null;
let lastMap = new Map<string, Statement>();

function cached(db: Db, key: string, make: () => Statement): Statement {
  let m = db === lastDb ? lastMap : cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  lastDb = db;
  lastMap = m;
  const s = m.get(key);
  // A statement still iterating (a caller reading rows while it runs the same SQL again) cannot be
  // reused: that inner use gets a statement of its own, kept for nobody.
  if (s && s.busy) return make();
  if (s) return s;
  if (m.size >= MAX_CACHED) m.delete(m.keys().next().value as string);
  const made = make();
  m.set(key, made);
  return made;
}

/**
 * The connection's statement for `sql`. Shared by every caller of the same SQL, so never switch its mode
 * (`.pluck()`, `.raw()`, `.bind()`): use `qv` for a query whose first column is the answer, `qr` for rows as arrays.
 */
export function q(db: Db, sql: string): Statement {
  return cached(db, sql, () => db.prepare(sql));
}

/**
 * The same, for a query whose first column is the answer (`.pluck()` mode). Kept apart from `q`: one statement
 * serves every caller of the same SQL, so a caller switching it to pluck mode would change what the next caller
 * of `q` gets back (a row read as a number once made lot-code counters restart at 1). eslint refuses `q(…).pluck()`.
 */
export function qv(db: Db, sql: string): Statement {
  return cached(db, `pluck:${sql}`, () => db.prepare(sql).pluck());
}

/** The same, for rows read as arrays (`.raw()` mode): no object per row, for reads of tens of thousands of rows. */
export function qr(db: Db, sql: string): Statement {
  return cached(db, `raw:${sql}`, () => db.prepare(sql).raw(true));
}
