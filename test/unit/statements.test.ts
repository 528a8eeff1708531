// The recording services share prepared statements per connection (main/core/services/events.ts). A caller that
// wants the first column gets its own statement: switching a shared one to pluck mode once made every later
// reader of the same SQL get a number instead of a row (lot-code counters then restarted at 1 for every lot).
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { q, qv } from '../../main/core/services/events';
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
});
