// The start-up integrity check is bounded and the full check runs in the background: a plainly damaged
// file is refused at start; damage deep inside the file (a page the bounded check does not read) is found by
// the background quick_check, and no write reaches the file before that verdict — in the core, through
// `nguongoc serve`, and in the desktop worker.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../main/core';
import { startBackgroundDuties } from '../../main/hosts/background';
import { CoreWorkerClient, type CoreOpenError } from '../../main/hosts/worker-client';
import { listBackups, startupCheck } from '../../main/store/backup';
import { boundedStartupCheck, checkInBackground, IntegrityGate } from '../../main/store/integrity';
import { aProduct, tempDir } from '../helpers/core';
import { ensureBuilt, ROOT, serve, type Served } from '../helpers/dist';

/** A database whose audit log spans many pages (rows inserted directly: the log only grows). */
function filledDb(): string {
  const file = path.join(tempDir(), 'shop.db');
  const core = openCore({ dbPath: file, host: 'test', log: () => {} });
  core.run('products.create', aProduct({ code: 'A1' }));
  core.db
    .prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
       INSERT INTO audit_log (at, user, action, entity, entity_id, before, after)
       SELECT '2026-11-29T09:00:00.000+07:00', 'owner', 'filler', 'test', i, NULL, printf('%.300c', 'x') FROM n`,
    )
    .run();
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  core.close();
  return file;
}

/** Breaks one leaf page in the middle of the audit log's b-tree: only a full check reads it. */
function damageMiddleLeaf(file: string): void {
  const db = new Database(file);
  const leaves = db
    .prepare("SELECT pageno FROM dbstat WHERE name = 'audit_log' AND pagetype = 'leaf' ORDER BY path")
    .pluck()
    .all() as number[];
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close(); // the last connection: the WAL is checkpointed into the file and removed
  expect(leaves.length).toBeGreaterThan(10);
  const page = leaves[Math.floor(leaves.length / 2)];
  const fd = fs.openSync(file, 'r+');
  try {
    // The page-type byte of a table leaf is 0x0d; anything else is a malformed page.
    fs.writeSync(fd, Buffer.from([0xff, 0xff, 0xff, 0xff]), 0, 4, (page - 1) * pageSize);
  } finally {
    fs.closeSync(fd);
  }
}

const digest = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const countProducts = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM products').pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('integrity at start', () => {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(stops.splice(0).map((s) => s()));
  });

  it('refuses at start a file damaged where the bounded check reads: cut short, a foreign WAL, broken pages', () => {
    const cut = filledDb();
    fs.truncateSync(cut, fs.statSync(cut).size - 4096 * 3);
    expect(boundedStartupCheck(cut)).toMatchObject({ ok: false, code: 'DB_DAMAGED_NO_BACKUP' });

    const wal = filledDb();
    fs.writeFileSync(`${wal}-wal`, Buffer.alloc(4096 + 56, 0x41));
    const walReport = boundedStartupCheck(wal, 'en');
    expect(walReport.ok).toBe(false);
    expect(walReport.detail).toContain('WAL');

    // The damage the backup test makes (every 61st byte from the second page on).
    const spread = filledDb();
    const buf = fs.readFileSync(spread);
    for (let i = 4096; i < buf.length; i += 61) buf[i] = 0x5a;
    fs.writeFileSync(spread, buf);
    expect(boundedStartupCheck(spread)).toMatchObject({ ok: false, code: 'DB_DAMAGED_NO_BACKUP' });
    expect(boundedStartupCheck(spread).message).toContain('bị hỏng');

    expect(boundedStartupCheck(filledDb()).ok).toBe(true);
  });

  it('finds deep damage in the background, and the core writes nothing before the verdict', async () => {
    const file = filledDb();
    damageMiddleLeaf(file);
    // The bounded check does not read that page; quick_check and the full start-up check do.
    expect(boundedStartupCheck(file).ok).toBe(true);
    expect(startupCheck(file).ok).toBe(false);
    expect((await checkInBackground(file, 'quick_check')).problems.length).toBeGreaterThan(0);

    const core = openCore({ dbPath: file, host: 'test', log: () => {} });
    stops.push(async () => core.close());
    const gate = new IntegrityGate(file);
    core.writeGate = gate;
    expect(gate.verdict).toBe('checking');
    const early = core.call('products.create', aProduct({ code: 'EARLY' }), { lang: 'en' });
    expect(early).toMatchObject({ ok: false, error: { code: 'DB_CHECKING' } });
    expect(core.call('products.list', {}).ok).toBe(true); // reads go on meanwhile
    await gate.settled;
    expect(gate.verdict).toBe('damaged');
    const late = core.call('products.create', aProduct({ code: 'LATE' }));
    expect(late).toMatchObject({ ok: false, error: { code: 'DB_DAMAGED_NO_BACKUP' } });
    if (!late.ok) expect(late.error.message).toContain('bị hỏng');
    expect(countProducts(file)).toBe(1);
  });

  it('serve answers reads at once, holds a write until the verdict, then refuses it in plain words', async () => {
    const file = filledDb();
    damageMiddleLeaf(file);
    const before = digest(file);
    const srv: Served = await serve(['--db', file]);
    stops.push(() => srv.stop());
    const call = async (method: string, input: unknown) => {
      const res = await fetch(`${srv.url}api/${method}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${srv.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
      return (await res.json()) as { ok: boolean; error?: { code: string; message: string } };
    };
    expect((await call('business.get', {})).ok).toBe(true);
    const write = await call('products.create', aProduct({ code: 'B2' }));
    expect(write.ok).toBe(false);
    expect(write.error?.code).toBe('DB_DAMAGED_NO_BACKUP');
    expect(write.error?.message).toContain('bị hỏng');
    await srv.stop();
    expect(countProducts(file)).toBe(1);
    expect(digest(file)).toBe(before);
  }, 60_000);

  it('the desktop worker opens at once, tells the shell when the background check finds damage, and writes nothing', async () => {
    ensureBuilt();
    const file = filledDb();
    damageMiddleLeaf(file);
    let told: CoreOpenError | null = null;
    const client = new CoreWorkerClient({
      workerPath: path.join(ROOT, 'dist', 'core-worker.js'),
      dbPath: file,
      log: () => {},
      onDamaged: (err) => (told = err),
    });
    stops.push(() => client.close());
    await client.start();
    expect((await client.call('products.list', {})).ok).toBe(true);
    // The write waits in the worker for the verdict; the shell is told before the write is answered.
    const write = await client.call('products.create', aProduct({ code: 'W1' }), { lang: 'en' });
    expect(write).toMatchObject({ ok: false, error: { code: 'DB_DAMAGED_NO_BACKUP' } });
    expect(told).not.toBeNull();
    expect(told!.messages.vi).toContain('bị hỏng');
    expect(told!.messages.en).toContain('damaged');
    await stops.pop()!();
    expect(countProducts(file)).toBe(1);
  }, 60_000);

  it('runs the full integrity_check in the background once the daily backup is made', async () => {
    const file = filledDb();
    const core = openCore({ dbPath: file, host: 'test', log: () => {} });
    const lines: string[] = [];
    let resolveChecked = () => {};
    const checked = new Promise<void>((resolve) => (resolveChecked = resolve));
    const log = (line: string) => {
      lines.push(line);
      if (line.startsWith('[integrity] integrity_check')) resolveChecked();
    };
    const gate = new IntegrityGate(file, log);
    await gate.settled;
    const stop = startBackgroundDuties(core, log, 0, gate);
    stops.push(async () => {
      stop();
      core.close();
    });
    await checked;
    expect(listBackups(file).filter((b) => b.kind === 'daily')).toHaveLength(1);
    expect(lines.find((l) => l.startsWith('[integrity] integrity_check'))).toContain(': ok');
    expect(gate.verdict).toBe('ok');
  });
});
