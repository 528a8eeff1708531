// Backups and restore: backup while another process writes, restore through the API and
// the CLI, rotation, refused files (not ours, damaged, newer), the backup before a migration, and
// the plain-words start-up check of a damaged database.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../main/core';
import {
  backupsDir,
  checkBackupFile,
  createBackup,
  ensureDailyBackup,
  listBackups,
  replaceDatabaseFile,
  rotateBackups,
  startupCheck,
} from '../../main/store/backup';
import { LATEST_SCHEMA_VERSION } from '../../main/store/migrations';
import { aBusiness, aLocation, aProduct, fixedClock, makeCore, tempDbPath, tempDir } from '../helpers/core';
import { NODE, runCli } from '../helpers/dist';

describe('backup', () => {
  it('copies a consistent database while another process keeps writing', async () => {
    const file = tempDbPath();
    const core = makeCore({ file });
    core.run('business.update', aBusiness());
    // A second process appends rows in its own transactions as fast as it can.
    const script = `const D=require(${JSON.stringify(require.resolve('better-sqlite3'))});const db=new D(${JSON.stringify(file)});db.pragma('busy_timeout=5000');db.exec("CREATE TABLE IF NOT EXISTS load_test (id INTEGER PRIMARY KEY, a TEXT, b TEXT)");const ins=db.prepare('INSERT INTO load_test (a,b) VALUES (?,?)');process.stdout.write('GO\\n');for(;;){db.transaction(()=>{for(let i=0;i<50;i++){ins.run('x'.repeat(200),'y');}})();}`;
    const child = spawn(NODE, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((r) => child.stdout.once('data', () => r()));
    const counts: number[] = [];
    try {
      for (let i = 0; i < 5; i++) {
        await new Promise((r) => setTimeout(r, 60));
        const info = createBackup(core.db, path.join(tempDir(), `copy-${i}.db`), 'manual');
        const copy = new Database(info.file, { readonly: true });
        expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
        const n = copy.prepare('SELECT count(*) FROM load_test').pluck().get() as number;
        // Whole transactions only: 50 rows at a time.
        expect(n % 50).toBe(0);
        counts.push(n);
        expect(copy.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
        copy.close();
        expect(checkBackupFile(info.file).ok).toBe(true);
      }
    } finally {
      child.kill('SIGKILL');
      core.close();
    }
    expect(counts[4]).toBeGreaterThan(counts[0]);
  });

  it('restores yesterday through the API after a safety copy of today', () => {
    const clock = fixedClock('2026-11-28T18:00:00+07:00');
    const file = tempDbPath();
    const core = openCore({ dbPath: file, host: 'test', clock, log: () => {} });
    core.run('business.update', aBusiness());
    const p1 = core.run('products.create', aProduct());
    const daily = ensureDailyBackup(core.db, file, clock)!;
    expect(daily.kind).toBe('daily');
    expect(ensureDailyBackup(core.db, file, clock)).toBeNull(); // one a day
    clock.advanceDays(1);
    const p2 = core.run('products.create', aProduct());
    const res = core.run('backup.restore', { name: daily.name });
    expect(res.safetyBackup.kind).toBe('restore');
    // The core keeps working on the restored file: yesterday's product is there, today's is not.
    expect(core.run('products.list', {}).items.map((p) => p.id)).toEqual([p1.id]);
    expect(core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'backup.restore'").pluck().get()).toBe(1);
    // And the safety copy holds today's data, so the restore itself can be undone.
    core.run('backup.restore', { name: res.safetyBackup.name });
    expect(
      core
        .run('products.list', {})
        .items.map((p) => p.id)
        .sort(),
    ).toEqual([p1.id, p2.id].sort());
    expect(core.run('system.check', {}).ok).toBe(true);
    core.close();
  });

  it('refuses files that are not ours, damaged or from a newer version, leaving the data untouched', () => {
    const dir = tempDir();
    const file = path.join(dir, 'main.db');
    const core = openCore({ dbPath: file, host: 'test', log: () => {} });
    core.run('business.update', aBusiness());
    const before = core.run('business.get', {});
    const notSqlite = path.join(dir, 'notes.db');
    fs.writeFileSync(notSqlite, 'xin chào');
    const other = path.join(dir, 'other.db');
    new Database(other).exec('CREATE TABLE t (x)');
    const good = createBackup(core.db, path.join(dir, 'good.db'), 'manual').file;
    const newer = path.join(dir, 'newer.db');
    fs.copyFileSync(good, newer);
    const n = new Database(newer);
    n.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    n.close();
    const damaged = path.join(dir, 'damaged.db');
    const buf = fs.readFileSync(good);
    // Scribble over the middle pages (the tables' b-trees), keeping the header.
    for (let i = 4096; i < buf.length - 100; i += 97) buf[i] = 0xff;
    fs.writeFileSync(damaged, buf);

    expect(checkBackupFile(notSqlite).code).toBe('BACKUP_NOT_OURS');
    expect(checkBackupFile(other).code).toBe('BACKUP_NOT_OURS');
    expect(checkBackupFile(newer).code).toBe('BACKUP_TOO_NEW');
    expect(checkBackupFile(damaged).code).toBe('BACKUP_DAMAGED');
    expect(checkBackupFile(path.join(dir, 'missing.db')).code).toBe('BACKUP_FILE_MISSING');
    // Only a copy in the backups folder can be named, and each bad one is refused by its check.
    fs.mkdirSync(backupsDir(file), { recursive: true });
    [notSqlite, other, newer, damaged].forEach((f, i) => {
      expect(core.call('backup.restore', { name: f }).ok).toBe(false);
      const name = `${path.basename(file, '.db')}-manual-20260101-10000${i}.db`;
      fs.copyFileSync(f, path.join(backupsDir(file), name));
      const res = core.call('backup.restore', { name });
      expect(res.ok).toBe(false);
    });
    expect(core.run('business.get', {})).toEqual(before);
    expect(listBackups(file).filter((b) => b.kind === 'restore')).toEqual([]); // refused before any copy
    core.close();
  });

  it('refuses a backup whose structure differs or whose references are broken, naming it, before any copy', () => {
    const file = tempDbPath();
    const core = makeCore({ file });
    core.run('business.update', aBusiness());
    const product = core.run('products.create', aProduct());
    const location = core.run('locations.create', aLocation());
    core.run('lots.createOpening', { productId: product.id, locationId: location.id, qty: 5 });
    const tamper = (sql: string) => {
      const { name, file: copy } = core.run('backup.create', {});
      const db = new Database(copy);
      db.pragma('foreign_keys = OFF');
      db.exec(sql);
      db.close();
      return name;
    };
    const cases = [
      { name: tamper('CREATE INDEX extra_by_name ON products(name)'), code: 'BACKUP_SCHEMA_DIFFERS' },
      { name: tamper('UPDATE lots SET product_id = 999'), code: 'BACKUP_BROKEN_LINKS' },
    ];
    const before = core.run('lots.list', {});
    for (const c of cases) {
      const vi = core.call('backup.restore', { name: c.name }, { lang: 'vi' });
      expect(vi).toMatchObject({ ok: false, error: { code: c.code } });
      const message = vi.ok ? '' : vi.error.message;
      expect(message).toContain(`"${c.name}"`);
      expect(message).toContain('Dữ liệu hiện tại chưa bị thay đổi.');
      expect(message).not.toMatch(/""|schema|references|after migration/);
      const en = core.call('backup.restore', { name: c.name }, { lang: 'en' });
      expect(en.ok ? '' : en.error.message).toContain(`"${c.name}"`);
    }
    expect(core.run('lots.list', {})).toEqual(before);
    expect(listBackups(file).filter((b) => b.kind === 'restore')).toEqual([]);
    expect(fs.readdirSync(backupsDir(file)).filter((f) => f.startsWith('.restoring'))).toEqual([]);
    core.close();
  });

  it('a backup from before secrets were hidden: restoring it hides the secret in the live file at once; the backup is left as it was', () => {
    const SECRET = 'tok-truoc-phien-ban-7-0123456789';
    const file = tempDbPath();
    const core = makeCore({ file });
    core.run('business.update', aBusiness());
    const old = core.run('backup.create', {});
    // What such a file holds: the audit entry of sync.settings.save with the secret as typed (schema 6).
    const b = new Database(old.file);
    b.prepare(
      "INSERT INTO audit_log (at, user, action, entity, entity_id, before, after) VALUES ('2026-01-05T09:00:00+07:00', 'owner', 'sync.settings.save', 'sync', NULL, NULL, ?)",
    ).run(JSON.stringify({ input: { type: 'epcis', auth: 'bearer', secret: SECRET, url: 'https://p.example.vn' } }));
    b.pragma('user_version = 6');
    b.close();
    const inFile = (f: string) => fs.existsSync(f) && fs.readFileSync(f).includes(Buffer.from(SECRET));
    expect(inFile(old.file)).toBe(true);

    const res = core.run('backup.restore', { name: old.name });
    const entry = core.db.prepare("SELECT after FROM audit_log WHERE action = 'sync.settings.save'").pluck().get();
    expect(JSON.parse(entry as string).input).toMatchObject({ secret: '[đã ẩn]', url: 'https://p.example.vn' });
    // The live database and its WAL, before and after a checkpoint, and the safety copy: no trace.
    for (const f of [file, `${file}-wal`, res.safetyBackup.file]) expect(inFile(f), f).toBe(false);
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(inFile(file)).toBe(false);
    expect(fs.readdirSync(backupsDir(file)).filter((f) => f.startsWith('.restoring'))).toEqual([]);
    core.close();
    // The user's backup file is not rewritten behind their back (docs/epcis.md, Credentials, says what it holds).
    expect(inFile(old.file)).toBe(true);

    // The CLI's restore over a database too damaged to open puts the file in place: migrated first, too.
    const target = path.join(tempDir(), 'replaced.db');
    fs.writeFileSync(target, 'hỏng');
    replaceDatabaseFile(old.file, target);
    for (const f of [target, `${target}-wal`]) expect(inFile(f), f).toBe(false);
    const reopened = new Database(target, { readonly: true });
    expect(reopened.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    reopened.close();
  });

  it('rotates daily copies: 7 days, 4 weeks, 12 months', () => {
    const file = tempDbPath();
    const core = makeCore({ file });
    const clock = fixedClock('2025-01-01T10:00:00+07:00');
    for (let d = 0; d < 500; d++) {
      fs.mkdirSync(backupsDir(file), { recursive: true });
      // Copies of an empty-ish file are cheap; names carry the dates the rotation reads.
      const t = new Date(clock.now().getTime() + 7 * 3600_000).toISOString();
      fs.writeFileSync(path.join(backupsDir(file), `test-daily-${t.slice(0, 10).replace(/-/g, '')}-100000.db`), '');
      clock.advanceDays(1);
    }
    fs.writeFileSync(path.join(backupsDir(file), 'test-manual-20250105-100000.db'), '');
    rotateBackups(file);
    const left = listBackups(file);
    const daily = left.filter((b) => b.kind === 'daily').map((b) => b.name.slice(11, 19));
    // 7 newest days + the newest of 4 weeks + of 12 months, overlapping: between 12 and 23 copies.
    expect(daily.slice(0, 7)).toEqual([
      '20260515',
      '20260514',
      '20260513',
      '20260512',
      '20260511',
      '20260510',
      '20260509',
    ]);
    expect(daily.length).toBeGreaterThanOrEqual(12);
    expect(daily.length).toBeLessThanOrEqual(23);
    expect(new Set(daily.map((d) => d.slice(0, 6))).size).toBe(12);
    expect(daily.at(-1)!.slice(0, 6)).toBe('202506');
    expect(left.some((b) => b.kind === 'manual')).toBe(true); // the user's own copies stay
    core.close();
  });

  it('copies the database before a migration', () => {
    const file = tempDbPath();
    openCore({ dbPath: file, host: 'test', log: () => {} }).close();
    const db = new Database(file);
    // The last migration (indexes made only if missing) may run again: the file reads as one version older.
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION - 1}`);
    db.close();
    const core = openCore({ dbPath: file, host: 'test', log: () => {} });
    const copies = listBackups(file).filter((b) => b.kind === 'migration');
    expect(copies).toHaveLength(1);
    expect(copies[0].schemaVersion).toBe(LATEST_SCHEMA_VERSION - 1);
    core.close();
  });

  it('CLI: backup, restore; a damaged database is named in plain words with the latest good backup', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'shop.db');
    expect(
      (await runCli(['api', 'products.create', JSON.stringify(aProduct({ code: 'A1' })), '--db', file])).code,
    ).toBe(0);
    const out = path.join(dir, 'usb');
    fs.mkdirSync(out);
    const b = await runCli(['backup', '--db', file, '--out', out, '--json']);
    expect(b.code, b.stderr).toBe(0);
    const backupFile = (JSON.parse(b.stdout) as { file: string }).file;
    expect(fs.existsSync(backupFile)).toBe(true);
    expect(
      (await runCli(['api', 'products.create', JSON.stringify(aProduct({ code: 'B2' })), '--db', file])).code,
    ).toBe(0);
    const r = await runCli(['restore', '--db', file, '--from', backupFile]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Đã khôi phục');
    const list = await runCli(['api', 'products.list', '{}', '--db', file]);
    expect((JSON.parse(list.stdout) as { items: { code: string }[] }).items.map((p) => p.code)).toEqual(['A1']);
    const bad = await runCli(['restore', '--db', file, '--from', path.join(dir, 'nope.db')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Không tìm thấy tệp');

    // Damage the database; the start-up check and the CLI name the newest good backup.
    const good = listBackups(file)[0];
    expect(good).toBeTruthy();
    const buf = fs.readFileSync(file);
    for (let i = 4096; i < buf.length; i += 61) buf[i] = 0x5a;
    fs.writeFileSync(file, buf);
    fs.rmSync(`${file}-wal`, { force: true });
    const report = startupCheck(file);
    expect(report.ok).toBe(false);
    expect(report.code).toBe('DB_DAMAGED');
    expect(report.message).toContain('bị hỏng');
    expect(report.latestGood?.file).toBe(good.file);
    const c = await runCli(['backups', '--db', file]);
    expect(c.code).toBe(1);
    expect(c.stdout + c.stderr).toContain(good.file);
    const fix = await runCli(['restore', '--db', file, '--from', good.file]);
    expect(fix.code, fix.stderr).toBe(0);
    expect(startupCheck(file).ok).toBe(true);
  }, 60_000);
});
