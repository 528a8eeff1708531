// Every service shares prepared statements per connection (main/store/statements.ts). A caller that
// wants the first column gets its own statement: switching a shared one to pluck mode once made every later
// reader of the same SQL get a number instead of a row (lot-code counters then restarted at 1 for every lot).
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { q, qv } from '../../main/store/statements';
import type { Db } from '../../main/store/db';

describe('cached statements', () => {
  it('keeps row and value readers of the same SQL apart, and reuses each', () => {
    const db = new Database(':memory:') as unknown as Db;
    db.exec(
      "CREATE TABLE code_counters (key TEXT PRIMARY KEY, value INTEGER NOT NULL); INSERT INTO code_counters VALUES ('lot:1:A-{SEQ}', 7)",
    );
    const sql = 'SELECT value FROM code_counters WHERE key = ?';
    expect(qv(db, sql).get('lot:1:A-{SEQ}')).toBe(7);
    expect(q(db, sql).get('lot:1:A-{SEQ}')).toEqual({ value: 7 });
    expect(qv(db, sql).get('lot:1:A-{SEQ}')).toBe(7);
    expect(q(db, sql)).toBe(q(db, sql));
    expect(qv(db, sql)).toBe(qv(db, sql));
    expect(q(db, sql)).not.toBe(qv(db, sql));
    db.close();
  });

  it('gives a query that runs inside its own iteration a statement of its own', () => {
    const db = new Database(':memory:') as unknown as Db;
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY); INSERT INTO t VALUES (1), (2), (3)');
    const sql = 'SELECT id FROM t WHERE id >= ? ORDER BY id';
    const pairs: number[][] = [];
    for (const outer of q(db, sql).iterate(1) as IterableIterator<{ id: number }>)
      pairs.push([outer.id, (q(db, sql).all(outer.id) as { id: number }[]).length]);
    expect(pairs).toEqual([
      [1, 3],
      [2, 2],
      [3, 1],
    ]);
    expect(q(db, sql)).toBe(q(db, sql));
    db.close();
  });

  it('keeps memory flat in one long transaction: the same SQL is prepared once, however many calls', () => {
    const db = new Database(':memory:') as unknown as Db;
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
    const made = new Set<unknown>();
    db.transaction(() => {
      for (let i = 0; i < 1000; i++) {
        const insert = q(db, 'INSERT INTO t (name) VALUES (?)');
        insert.run(`n${i}`);
        made.add(insert);
        made.add(qv(db, 'SELECT count(*) FROM t'));
      }
    })();
    expect(made.size).toBe(2);
    expect(qv(db, 'SELECT count(*) FROM t').get()).toBe(1000);
    db.close();
  });
});
