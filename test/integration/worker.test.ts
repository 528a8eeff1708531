// The core in a worker thread, driven by CoreWorkerClient as the Electron shell drives it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CoreOpenError,
  CoreWorkerClient,
  CoreWorkerError,
  type CoreWorkerClientOptions,
} from '../../main/hosts/worker-client';
import { DesktopCore } from '../../main/hosts/desktop-core';
import { ShellError, type DriverJob, type ShellServices } from '../../main/hosts/shell-bridge';
import { openCore } from '../../main/core';
import { FileSecretStore } from '../../main/sync/secrets';
import Database from 'better-sqlite3';
import { ROOT } from '../helpers/dist';
import { FOOD } from '../helpers/label-data';

const WORKER = path.join(ROOT, 'dist', 'core-worker.js');

/** `npm test` builds first; a single file run by hand builds dist/ when the worker is missing. */
function ensureWorkerBuilt(): void {
  if (!fs.existsSync(WORKER))
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), 'main'], { cwd: ROOT, stdio: 'inherit' });
}

const tmpDirs: string[] = [];
function tempDb(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ng-worker-'));
  tmpDirs.push(dir);
  return path.join(dir, 'nguongoc.db');
}

/** A database with a large audit log: exporting it to a spreadsheet takes a while. */
function bigAuditDb(rows: number): string {
  const file = tempDb();
  const core = openCore({ dbPath: file, host: 'test', log: () => {} });
  core.db
    .prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO audit_log (at, user, action, entity, entity_id, before, after)
       SELECT '2026-11-29T09:00:00.000+07:00', 'owner', 'test.filler', 'test', i, NULL, json_object('note', printf('%.400c', 'x')) FROM n`,
    )
    .run(rows);
  core.close();
  return file;
}

describe('core worker', () => {
  const clients: { close(): Promise<void> }[] = [];
  const client = (dbPath: string, more: Partial<CoreWorkerClientOptions> = {}) => {
    const c = new CoreWorkerClient({ workerPath: WORKER, dbPath, log: () => undefined, ...more });
    clients.push(c);
    return c;
  };
  const desktop = (dbPath: string) => {
    const c = new DesktopCore({ workerPath: WORKER, dbPath, log: () => undefined });
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
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => c.call(i % 2 ? 'settings.get' : 'no.such.method', {}, { lang: 'en' })),
    );
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

  it('answers only the methods of the app page: the others are refused as over IPC, and run nothing', async () => {
    const dbPath = tempDb();
    const c = client(dbPath);
    await c.start();
    // No users: the caller would be the owner, so only the allowlist can refuse.
    const rebuilt = await c.call('stock.rebuild', {}, { lang: 'vi' });
    expect(rebuilt).toMatchObject({ ok: false, status: 403, error: { code: 'METHOD_NOT_IN_APP' } });
    const opening = await c.call('lots.createOpening', {}, { lang: 'en' });
    expect(opening).toMatchObject({ ok: false, status: 403, error: { code: 'METHOD_NOT_IN_APP' } });
    expect(await c.call('stock.summary', {})).toMatchObject({ ok: true });
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
  });

  it('answers its first call before the daily backup starts, then makes the backup', async () => {
    const dbPath = tempDb();
    const events: string[] = [];
    let backedUp: () => void = () => {};
    const backup = new Promise<void>((resolve) => (backedUp = resolve));
    const c = client(dbPath, {
      log: (line) => {
        if (!line.startsWith('[backup]')) return;
        events.push('backup');
        backedUp();
      },
    });
    await c.start();
    events.push('ready');
    const first = await c.call('business.get', {});
    events.push('answered');
    expect(first.ok).toBe(true);
    await backup;
    // The worker's messages arrive in the order it sent them: a copy made before the answer would come first.
    expect(events).toEqual(['ready', 'answered', 'backup']);
    expect(fs.readdirSync(path.join(path.dirname(dbPath), 'backups')).some((f) => f.includes('-daily-'))).toBe(true);
  });

  it('answers reads on its readers while a long export runs on another, and writes on the worker', async () => {
    const dbPath = bigAuditDb(20_000);
    const c = desktop(dbPath);
    await c.start();
    expect(await c.call('business.get', {})).toMatchObject({ ok: true });
    await c.whenReaders();
    const order: string[] = [];
    const exported = c.call('audit.export', { format: 'xlsx' }).then((r) => {
      order.push('export');
      return r;
    });
    // Clicks one after another (each waits for its answer) for as long as the export runs.
    let quick = 0;
    while (!order.includes('export') && quick < 2000) {
      const r = await c.call('business.get', {});
      expect(r.ok).toBe(true);
      if (!order.includes('export')) quick++;
      order.push('business.get');
    }
    const done = await exported;
    expect(done.ok, JSON.stringify(done.ok ? null : done.error)).toBe(true);
    expect(quick).toBeGreaterThanOrEqual(5);
    expect(order.indexOf('export')).toBeGreaterThanOrEqual(5);
    // A write goes to the worker and the readers see it at once; they answer as the desktop app.
    expect(await c.call('settings.update', { language: 'en' })).toMatchObject({ ok: true });
    expect(await c.call('settings.get', {})).toMatchObject({ ok: true, data: { language: 'en' } });
    expect(await c.call('system.info', {})).toMatchObject({ ok: true, data: { host: 'electron' } });
  }, 120_000);

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

  // The desktop shell's side (Electron's webContents.print and safeStorage) cannot run here; what crosses
  // the thread boundary is tested with the shell's services played by the test.
  it('prints a driver: job through the shell: the pages reach the shell as PNGs at the label size', async () => {
    const received: { printer: string; job: DriverJob }[] = [];
    let fail: Error | null = null;
    const shell: ShellServices = {
      async printWithDriver(printer, job) {
        if (fail) throw fail;
        received.push({ printer, job });
      },
      listPrinters: async () => [{ name: 'Văn phòng HP', isDefault: true }],
    };
    const c = client(tempDb(), { shell });
    await c.start();
    const saved = await c.call('printers.save', {
      name: 'Máy in văn phòng',
      uri: 'driver:Văn phòng HP',
      language: 'driver',
      dpi: 300,
      labelWidthMm: 50,
      labelHeightMm: 30,
    });
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    const printerId = (saved.data as { id: number }).id;
    const waitJob = async (id: number) => {
      for (let i = 0; i < 200; i++) {
        const r = await c.call('print.job', { id });
        const job = r.ok ? (r.data as { status: string; error: { code: string; message: string } | null }) : null;
        if (job && (job.status === 'done' || job.status === 'failed')) return job;
        await new Promise((res) => setTimeout(res, 25));
      }
      throw new Error('print job did not finish');
    };
    const submitted = await c.call('print.test', { printerId, kind: 'calibration' });
    if (!submitted.ok) throw new Error(submitted.error.message);
    const done = await waitJob((submitted.data as { id: number }).id);
    expect(done).toMatchObject({ status: 'done', error: null });
    expect(received).toHaveLength(1);
    expect(received[0].printer).toBe('Văn phòng HP');
    expect(received[0].job).toMatchObject({ widthMm: 50, heightMm: 30, dpi: 300 });
    const page = received[0].job.pages[0];
    expect(page.subarray(1, 4).toString('latin1')).toBe('PNG');
    const png = { width: page.readUInt32BE(16), height: page.readUInt32BE(20) };
    // 50 × 30 mm at 300 dpi: 591 × 354 dots (rounded), the same bitmap the preview shows.
    expect([png.width, png.height]).toEqual([Math.round((50 / 25.4) * 300), Math.round((30 / 25.4) * 300)]);

    // A driver that fails leaves the job failed with the driver's words, ready for a retry.
    fail = new Error('Print job failed');
    const again = await c.call('print.test', { printerId, kind: 'test' });
    if (!again.ok) throw new Error(again.error.message);
    const failed = await waitJob((again.data as { id: number }).id);
    expect(failed.status).toBe('failed');
    expect(failed.error?.code).toBe('PRINTER_SPOOLER');
    expect(failed.error?.message).toContain('Print job failed');
    // A failure the shell can name gets plain words: here, a paper size the driver does not have.
    fail = new ShellError('PRINTER_DRIVER_SETTINGS', 'Invalid printer settings');
    const third = await c.call('print.test', { printerId, kind: 'test' });
    if (!third.ok) throw new Error(third.error.message);
    const refused = await waitJob((third.data as { id: number }).id);
    expect(refused.error?.code).toBe('PRINTER_DRIVER_SETTINGS');
    expect(refused.error?.message).toContain('50×30 mm');
    expect(refused.error?.message).toContain('Văn phòng HP');
  });

  it('prints an A4 sheet on an office printer through the shell: A4 pages at the printer resolution', async () => {
    const received: DriverJob[] = [];
    const shell: ShellServices = {
      async printWithDriver(_printer, job) {
        received.push(job);
      },
      listPrinters: async () => [{ name: 'Văn phòng HP', isDefault: true }],
    };
    const c = client(tempDb(), { shell });
    await c.start();
    const saved = await c.call('printers.save', {
      name: 'Máy in văn phòng',
      uri: 'driver:Văn phòng HP',
      kind: 'page',
      language: 'driver',
      dpi: 300,
    });
    if (!saved.ok) throw new Error(saved.error.message);
    const printerId = (saved.data as { id: number }).id;
    const submitted = await c.call('print.submit', { data: FOOD, template: 'default:a4-3x7', printerId, copies: 23 });
    if (!submitted.ok) throw new Error(submitted.error.message);
    const id = (submitted.data as { id: number }).id;
    let status = 'queued';
    for (let i = 0; i < 400 && (status === 'queued' || status === 'sending'); i++) {
      await new Promise((res) => setTimeout(res, 25));
      const r = await c.call('print.job', { id });
      if (r.ok) status = (r.data as { status: string }).status;
    }
    expect(status).toBe('done');
    expect(received).toHaveLength(1);
    // 23 labels: a full sheet of 21 and a second page holding 2, each page A4 (210 × 297 mm) at 300 dpi.
    expect(received[0]).toMatchObject({ widthMm: 210, heightMm: 297, dpi: 300 });
    expect(received[0].pages).toHaveLength(2);
    for (const page of received[0].pages)
      expect([page.readUInt32BE(16), page.readUInt32BE(20)]).toEqual([
        Math.round((210 / 25.4) * 300),
        Math.round((297 / 25.4) * 300),
      ]);
  });

  it('seals portal credentials with the key the shell hands over, not the key file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ng-worker-key-'));
    tmpDirs.push(dir);
    const keyFile = path.join(dir, 'secret.key');
    const key = Buffer.alloc(32, 7);
    const dbPath = tempDb();
    const c = client(dbPath, { secretKey: key, env: { ...process.env, NGUONGOC_KEY_FILE: keyFile } });
    await c.start();
    const saved = await c.call('sync.settings.save', {
      type: 'epcis',
      url: 'http://127.0.0.1:9/epcis',
      auth: 'bearer',
      secret: 'bí-mật',
    });
    expect(saved.ok).toBe(true);
    // No plain key file was made: the key came from the shell, and only that key opens the sealed secret.
    expect(fs.existsSync(keyFile)).toBe(false);
    await c.close();
    const db = new Database(dbPath, { readonly: true });
    const sealed = db.prepare('SELECT secret_sealed FROM portals').pluck().get() as string;
    db.close();
    expect(sealed).not.toContain('bí-mật');
    expect(new FileSecretStore({ key }).open(sealed)).toBe('bí-mật');
    expect(() => new FileSecretStore({ key: Buffer.alloc(32, 8) }).open(sealed)).toThrow();
  });
});
