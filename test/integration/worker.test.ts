// The core in a worker thread, driven by CoreWorkerClient as the Electron shell drives it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CoreOpenError, CoreWorkerClient, CoreWorkerError } from '../../main/hosts/worker-client';
import { ROOT } from '../helpers/dist';

const WORKER = path.join(ROOT, 'dist', 'core-worker.js');

/** `npm test` builds first; a single file run by hand builds dist/ when the worker is missing. */
function ensureWorkerBuilt(): void {
  if (!fs.existsSync(WORKER)) execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), 'main'], { cwd: ROOT, stdio: 'inherit' });
}

const tmpDirs: string[] = [];
function tempDb(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ng-worker-'));
  tmpDirs.push(dir);
  return path.join(dir, 'nguongoc.db');
}

describe('core worker', () => {
  const clients: CoreWorkerClient[] = [];
  const client = (dbPath: string) => {
    const c = new CoreWorkerClient({ workerPath: WORKER, dbPath, log: () => undefined });
    clients.push(c);
    return c;
  };
  beforeAll(() => ensureWorkerBuilt());
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('answers with the core envelope, writes to the file, and keeps concurrent replies apart', async () => {
    const dbPath = tempDb();
    const c = client(dbPath);
    await c.start();
    const info = await c.call('system.info', {});
    expect(info.ok).toBe(true);
    expect(info.status).toBe(200);
    const wrote = await c.call('settings.update', { language: 'en' }, { lang: 'vi' });
    expect(wrote).toMatchObject({ ok: true, data: { language: 'en' } });
    // Many calls in flight at once come back to their own callers.
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => c.call(i % 2 ? 'settings.get' : 'no.such.method', {}, { lang: 'en' })));
    results.forEach((r, i) => {
      if (i % 2) expect(r).toMatchObject({ ok: true, data: { language: 'en' } });
      else expect(r).toMatchObject({ ok: false, status: 404, error: { code: 'UNKNOWN_METHOD' } });
    });
    const bad = await c.call('settings.update', { language: 'fr' }, { lang: 'vi' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('VALIDATION');
      expect(bad.error.fields?.[0].path).toBe('language');
    }
    await c.close();
    // The database was closed cleanly and holds the write.
    const again = client(dbPath);
    await again.start();
    expect(await again.call('settings.get', {})).toMatchObject({ ok: true, data: { language: 'en' } });
  });

  it('makes the backup before an update on request, as a checked copy next to the database', async () => {
    const dbPath = tempDb();
    const c = client(dbPath);
    await c.start();
    await c.call('settings.update', { language: 'en' });
    const r = await c.backupBeforeUpdate();
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const info = r.data as { file: string; kind: string };
    expect(info.kind).toBe('update');
    expect(path.dirname(info.file)).toBe(path.join(path.dirname(dbPath), 'backups'));
    expect(fs.statSync(info.file).size).toBeGreaterThan(0);
    // The worker also made today's automatic copy when it opened the database.
    expect(fs.readdirSync(path.dirname(info.file)).some((f) => f.includes('-daily-'))).toBe(true);
  });

  it('rejects pending calls when the worker dies, then restarts it', async () => {
    const c = client(tempDb());
    await c.start();
    expect(c.generation).toBe(1);
    const inFlight = c.call('system.check', {});
    await c.kill();
    await expect(inFlight).rejects.toBeInstanceOf(CoreWorkerError);
    const after = await c.call('system.info', {});
    expect(after.ok).toBe(true);
    expect(c.generation).toBe(2);
  });

  it('reports a file that is not SQLite in Vietnamese and English instead of crashing', async () => {
    const dbPath = tempDb();
    fs.writeFileSync(dbPath, 'đây không phải là cơ sở dữ liệu '.repeat(100));
    const c = client(dbPath);
    const err = await c.start().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CoreOpenError);
    const open = err as CoreOpenError;
    expect(open.code).toBe('DB_NOT_SQLITE');
    expect(open.messages.vi).toContain('không phải là cơ sở dữ liệu');
    expect(open.messages.en).toContain('not a Nguồn Gốc database');
    // The file was left as it was.
    expect(fs.readFileSync(dbPath, 'utf8').startsWith('đây không phải')).toBe(true);
  });
});
