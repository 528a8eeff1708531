// A restore while another process has the same database open (the desktop app and `nguongoc serve`, or two
// `serve`): every write the other process acknowledged is in the restored data or in the safety backup.
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openCore } from '../../main/core';
import { serve, type Served } from '../helpers/dist';
import { aBusiness, aLocation, aPartner, aProduct, tempDbPath } from '../helpers/core';

type Envelope = { ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string } };

function api(s: Served) {
  return (method: string, input: unknown): Promise<Envelope> =>
    fetch(`${s.url}api/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    }).then((r) => r.json() as Promise<Envelope>);
}

/** A shop with one supplier, store and product; returns the ids a receipt needs. */
function seed(file: string) {
  const core = openCore({ dbPath: file, host: 'test', log: () => {} });
  try {
    core.run('business.update', aBusiness());
    return {
      supplierId: core.run('partners.create', aPartner()).id,
      locationId: core.run('locations.create', aLocation()).id,
      productId: core.run('products.create', aProduct()).id,
    };
  } finally {
    core.close();
  }
}

const refsIn = (file: string): string[] => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT document_ref FROM receipts WHERE document_ref IS NOT NULL').pluck().all() as string[];
  } finally {
    db.close();
  }
};

describe('restore with two processes on one file', () => {
  const running: Served[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
  });

  const receipt = (ids: ReturnType<typeof seed>, ref: string) => ({
    supplierId: ids.supplierId,
    locationId: ids.locationId,
    documentRef: ref,
    lines: [{ productId: ids.productId, qty: 5 }],
  });

  it('five receipts through the second process after a restore through the first are all in the file', async () => {
    const file = tempDbPath();
    const ids = seed(file);
    const a = await serve(['--db', file]);
    running.push(a);
    const b = await serve(['--db', file]);
    running.push(b);
    const callA = api(a);
    const callB = api(b);
    const backup = await callA('backup.create', {});
    expect(backup.ok).toBe(true);
    expect((await callA('receipts.create', receipt(ids, 'A-after-backup'))).ok).toBe(true);
    const restored = await callA('backup.restore', { name: backup.data!.name });
    expect(restored.ok, JSON.stringify(restored.error)).toBe(true);
    for (let i = 1; i <= 5; i++) {
      const r = await callB('receipts.create', receipt(ids, `B-${i}`));
      expect(r.ok, JSON.stringify(r.error)).toBe(true);
    }
    // The first process sees them too: one database, not two files.
    const listA = await callA('receipts.list', {});
    expect((listA.data!.items as { documentRef: string }[]).map((r) => r.documentRef).sort()).toEqual(
      ['B-1', 'B-2', 'B-3', 'B-4', 'B-5'].sort(),
    );
    await Promise.all(running.splice(0).map((s) => s.stop()));
    expect(refsIn(file).sort()).toEqual(['B-1', 'B-2', 'B-3', 'B-4', 'B-5']);
    // The receipt made after the backup was undone by the restore, and kept in the safety copy.
    expect(refsIn((restored.data!.safetyBackup as { file: string }).file)).toEqual(['A-after-backup']);
  }, 60_000);

  it('receipts racing a restore: each acknowledged one is in the restored data or in the safety backup', async () => {
    const file = tempDbPath();
    const ids = seed(file);
    const a = await serve(['--db', file]);
    running.push(a);
    const b = await serve(['--db', file]);
    running.push(b);
    const backup = await api(a)('backup.create', {});
    const writes = Array.from({ length: 20 }, (_, i) =>
      api(b)('receipts.create', receipt(ids, `race-${i}`)).then((r) => ({ ref: `race-${i}`, r })),
    );
    const restore = api(a)('backup.restore', { name: backup.data!.name });
    const [restored, ...answers] = await Promise.all([restore, ...writes]);
    expect(restored.ok, JSON.stringify(restored.error)).toBe(true);
    await Promise.all(running.splice(0).map((s) => s.stop()));
    const kept = new Set([...refsIn(file), ...refsIn((restored.data!.safetyBackup as { file: string }).file)]);
    const lost = answers.filter((x) => x.r.ok && !kept.has(x.ref)).map((x) => x.ref);
    expect(lost).toEqual([]);
    // A refusal is a plain message, never a half-written receipt.
    for (const x of answers.filter((y) => !y.r.ok)) expect(x.r.error!.code).toBe('DB_BUSY');
  }, 60_000);
});
