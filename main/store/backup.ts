// Backups of the SQLite file.
// A backup is `VACUUM INTO`: SQLite copies the database as one read transaction, so the copy is
// consistent while the app keeps writing (WAL lets writers go on), and it is synchronous, which the
// synchronous core handlers and the before-migration hook need (better-sqlite3's db.backup() is
// asynchronous). The copy is written to a temporary name, stamped, checked, then renamed: a
// half-written file never carries a backup's name.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/api/errors';
import type { BackupCheck, BackupInfo, BackupKind } from '../../shared/api/backup';
import { errorMessage, type Lang } from '../../shared/i18n/messages';
import '../../shared/i18n/trust';
import { isoWithOffset, systemClock, type Clock } from '../clock';
import { APP_VERSION } from '../version';
import { APPLICATION_ID, openDatabase, type Db } from './db';
import { LATEST_SCHEMA_VERSION } from './migrations';

export const BACKUP_FOLDER = 'backups';
/** Rotation of the automatic daily copies: newest per day/week/month for this many days/weeks/months. */
export const KEEP = { daily: 7, weekly: 4, monthly: 12 };
/** Copies made before a migration, an update or a restore: the newest few of each kind are kept. */
const KEEP_EVENT_COPIES = 10;

export function backupsDir(dbPath: string): string {
  return path.join(path.dirname(path.resolve(dbPath)), BACKUP_FOLDER);
}

const dbBase = (dbPath: string) => path.basename(dbPath).replace(/\.[^.]*$/, '');

/** "nguongoc-daily-20261129-083000.db" (local time of the business). */
export function backupName(dbPath: string, kind: BackupKind, clock: Clock = systemClock): string {
  const t = isoWithOffset(clock.now(), clock.offset);
  return `${dbBase(dbPath)}-${kind}-${t.slice(0, 10).replace(/-/g, '')}-${t.slice(11, 19).replace(/:/g, '')}.db`;
}

const NAME_RE = /^(.*)-(daily|migration|update|restore|manual)-(\d{8})-(\d{6})(?:-\d+)?\.db$/;

type Meta = { appVersion: string; createdAt: string; kind: string; source: string };

/** Copies the open database `db` to `dest` (a file that must not exist yet). */
export function createBackup(db: Db, dest: string, kind: BackupKind, clock: Clock = systemClock): BackupInfo {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  let target = dest;
  for (let i = 2; fs.existsSync(target); i++) target = dest.replace(/\.db$/, `-${i}.db`);
  const part = `${target}.part`;
  fs.rmSync(part, { force: true });
  try {
    db.prepare('VACUUM INTO ?').run(part);
    stampBackup(part, kind, db.name, clock);
    fs.renameSync(part, target);
  } catch (err) {
    fs.rmSync(part, { force: true });
    throw new AppError('BACKUP_FAILED', { file: target, detail: err instanceof Error ? err.message : String(err) });
  }
  return infoOf(target);
}

/** Marks a fresh copy as a backup (kind, time, version), makes it a single file and checks it. */
function stampBackup(part: string, kind: BackupKind, source: string, clock: Clock): void {
  const copy = new Database(part);
  try {
    copy.pragma('journal_mode = DELETE');
    const meta: Meta = { appVersion: APP_VERSION, createdAt: isoWithOffset(clock.now(), clock.offset), kind, source };
    copy
      .prepare(
        "INSERT INTO settings (key, value) VALUES ('backup.meta', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      )
      .run(JSON.stringify(meta));
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(String(check));
  } finally {
    copy.close();
  }
}

/** Facts of a backup file from its name and its header (no full open). */
export function infoOf(file: string): BackupInfo {
  const st = fs.statSync(file);
  const m = NAME_RE.exec(path.basename(file));
  let schemaVersion: number | null = null;
  let appVersion: string | null = null;
  let createdAt = st.mtime.toISOString();
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      schemaVersion = db.pragma('user_version', { simple: true }) as number;
      const meta = readMeta(db);
      if (meta) {
        appVersion = meta.appVersion;
        createdAt = meta.createdAt;
      }
    } finally {
      db.close();
    }
  } catch {
    // not readable: listed anyway, the check says why when it is chosen
  }
  return {
    file,
    name: path.basename(file),
    kind: (m?.[2] as BackupKind | undefined) ?? 'other',
    bytes: st.size,
    createdAt,
    schemaVersion,
    appVersion,
  };
}

function readMeta(db: Db): Meta | null {
  try {
    const v = db.prepare("SELECT value FROM settings WHERE key = 'backup.meta'").pluck().get() as string | undefined;
    return v ? (JSON.parse(v) as Meta) : null;
  } catch {
    return null;
  }
}

/** The backups of one database in its backups folder, newest first. */
export function listBackups(dbPath: string, folder = backupsDir(dbPath)): BackupInfo[] {
  if (!fs.existsSync(folder)) return [];
  const base = dbBase(dbPath);
  return fs
    .readdirSync(folder)
    .filter((n) => NAME_RE.exec(n)?.[1] === base)
    .map((n) => infoOf(path.join(folder, n)))
    .sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0))
    .sort((a, b) => stampOf(b.name).localeCompare(stampOf(a.name)));
}

const stampOf = (name: string) => {
  const m = NAME_RE.exec(name);
  return m ? `${m[3]}${m[4]}` : '';
};

/** ISO week key "2026-W48" of a YYYYMMDD stamp. */
function weekKey(ymd: string): string {
  const d = new Date(Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(4, 6)) - 1, Number(ymd.slice(6, 8))));
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day + 3);
  const firstThursday = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  const week =
    1 +
    Math.round(((d.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${d.getUTCFullYear()}-W${week}`;
}

/**
 * Grandfather-father-son rotation of the daily copies: the newest copy of each of the last 7 days,
 * of each of the last 4 weeks and of each of the last 12 months stay; the rest are deleted. Copies
 * made before migrations/updates/restores keep the newest 10 of each kind; manual copies stay.
 * Returns the deleted files.
 */
export function rotateBackups(dbPath: string, folder = backupsDir(dbPath)): string[] {
  const all = listBackups(dbPath, folder); // newest first
  const keep = new Set<string>();
  const daily = all.filter((b) => b.kind === 'daily');
  const pick = (key: (stamp: string) => string, n: number) => {
    const seen = new Set<string>();
    for (const b of daily) {
      const k = key(stampOf(b.name));
      if (seen.has(k)) continue;
      seen.add(k);
      if (seen.size > n) break;
      keep.add(b.file);
    }
  };
  pick((s) => s.slice(0, 8), KEEP.daily);
  pick((s) => weekKey(s.slice(0, 8)), KEEP.weekly);
  pick((s) => s.slice(0, 6), KEEP.monthly);
  for (const kind of ['migration', 'update', 'restore'] as const)
    all
      .filter((b) => b.kind === kind)
      .slice(0, KEEP_EVENT_COPIES)
      .forEach((b) => keep.add(b.file));
  const removed: string[] = [];
  for (const b of all) {
    if (b.kind === 'manual' || b.kind === 'other' || keep.has(b.file)) continue;
    fs.rmSync(b.file, { force: true });
    removed.push(b.file);
  }
  return removed;
}

/** The automatic daily copy: made if today (business time) has none yet; then the rotation. */
export function ensureDailyBackup(db: Db, dbPath: string, clock: Clock = systemClock): BackupInfo | null {
  if (dbPath === ':memory:') return null;
  const today = isoWithOffset(clock.now(), clock.offset).slice(0, 10).replace(/-/g, '');
  const has = listBackups(dbPath).some((b) => b.kind === 'daily' && stampOf(b.name).startsWith(today));
  if (has) return null;
  const info = createBackup(db, path.join(backupsDir(dbPath), backupName(dbPath, 'daily', clock)), 'daily', clock);
  rotateBackups(dbPath);
  return info;
}

/** For openDatabase's beforeMigrate hook: a copy of the data as it was before the upgrade. */
export function backupBeforeMigration(dbPath: string): (db: Db, from: number, to: number) => void {
  return (db) => {
    if (dbPath === ':memory:') return;
    createBackup(db, path.join(backupsDir(dbPath), backupName(dbPath, 'migration')), 'migration');
    rotateBackups(dbPath);
  };
}

/** For the Electron updater: a copy just before installing a new version. */
export function backupBeforeUpdate(db: Db, dbPath: string): BackupInfo {
  const info = createBackup(db, path.join(backupsDir(dbPath), backupName(dbPath, 'update')), 'update');
  rotateBackups(dbPath);
  return info;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** Is this file one of ours, intact, and not from a newer version? Never changes the file. */
export function checkBackupFile(file: string, lang: Lang = 'vi'): BackupCheck {
  const result: BackupCheck = {
    ok: false,
    file,
    code: null,
    message: null,
    schemaVersion: null,
    appVersion: null,
    createdAt: null,
    business: null,
  };
  const fail = (code: string, params: Record<string, string | number>) => ({
    ...result,
    code,
    message: errorMessage(code, { file, ...params }, lang),
  });
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return fail('BACKUP_FILE_MISSING', {});
  // The SQLite header: not an SQLite file at all → not ours.
  const head = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.subarray(0, 16).toString('latin1') !== 'SQLite format 3\u0000') return fail('BACKUP_NOT_OURS', {});
  if (head.readUInt32BE(68) !== APPLICATION_ID) return fail('BACKUP_NOT_OURS', {});
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    result.schemaVersion = db.pragma('user_version', { simple: true }) as number;
    const meta = readMeta(db);
    result.appVersion = meta?.appVersion ?? null;
    result.createdAt = meta?.createdAt ?? fs.statSync(file).mtime.toISOString();
    try {
      result.business =
        (db.prepare('SELECT name FROM business WHERE id = 1').pluck().get() as string | undefined) ?? null;
    } catch {
      // an older schema without the business row: fine
    }
    const rows = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .filter((r) => r !== 'ok');
    if (rows.length) return fail('BACKUP_DAMAGED', { detail: rows.slice(0, 3).join('; ') });
  } catch (err) {
    return fail('BACKUP_DAMAGED', { detail: err instanceof Error ? err.message : String(err) });
  } finally {
    db?.close();
  }
  if (result.schemaVersion > LATEST_SCHEMA_VERSION)
    return fail('BACKUP_TOO_NEW', { found: `${result.appVersion ?? '?'} / ${result.schemaVersion}` });
  if (
    result.appVersion &&
    result.appVersion !== 'dev' &&
    APP_VERSION !== 'dev' &&
    compareVersions(result.appVersion, APP_VERSION) > 0
  ) {
    return fail('BACKUP_TOO_NEW', { found: result.appVersion });
  }
  return { ...result, ok: true };
}

/** Throws the check's error when the file cannot be restored. */
export function assertRestorable(file: string): BackupCheck {
  const check = checkBackupFile(file);
  if (!check.ok) {
    const params: Record<string, string | number> = {
      file,
      detail: check.message ?? '',
      found: check.appVersion ?? String(check.schemaVersion),
    };
    throw new AppError(check.code ?? 'BACKUP_DAMAGED', params, { status: 400 });
  }
  return check;
}

/**
 * Puts the backup file in place of the database file, for a database that cannot be opened (damaged):
 * nothing else can be using it. Its old -wal/-shm files are removed, because a stale WAL replayed over
 * another file would damage it. The copy is written beside the target and renamed over it in one step.
 */
export function replaceDatabaseFile(from: string, dbPath: string): void {
  const tmp = `${dbPath}.restoring`;
  fs.copyFileSync(from, tmp);
  // Migrated before it takes the database's place, like the live restore: an older backup's values that
  // a later version hides (portal secrets in the audit log) never sit in the live file.
  migrateScratch(tmp);
  const fd = fs.openSync(tmp, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.rmSync(`${dbPath}-wal`, { force: true });
  fs.rmSync(`${dbPath}-shm`, { force: true });
  fs.renameSync(tmp, dbPath);
}

/** Writes a database image (from `db.serialize()`) as a stamped, checked backup file. */
function writeBackupImage(image: Buffer, dest: string, kind: BackupKind, source: string, clock: Clock): BackupInfo {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  let target = dest;
  for (let i = 2; fs.existsSync(target); i++) target = dest.replace(/\.db$/, `-${i}.db`);
  const part = `${target}.part`;
  try {
    fs.writeFileSync(part, image);
    stampBackup(part, kind, source, clock);
    fs.renameSync(part, target);
  } catch (err) {
    fs.rmSync(part, { force: true });
    throw new AppError('BACKUP_FAILED', { file: target, detail: err instanceof Error ? err.message : String(err) });
  }
  return infoOf(target);
}

type SchemaRow = { type: string; name: string; tbl_name: string; sql: string | null };

function schemaOf(db: Db, schema: string): SchemaRow[] {
  return db
    .prepare(`SELECT type, name, tbl_name, sql FROM ${schema}.sqlite_master WHERE name NOT LIKE 'sqlite_autoindex%'`)
    .all() as SchemaRow[];
}

const quoteId = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Restore through the live connection: the chosen backup (migrated to this version in a scratch copy)
 * replaces the content of every table in ONE write transaction of `db`. Other connections, in this
 * process or another (the desktop app and `nguongoc serve` on one file), see the restored content at their
 * next read, and a write of theirs either committed before the transaction began (then it is in the safety
 * copy, taken inside the same transaction) or waits for it and lands in the restored data. No file is
 * renamed under an open connection, so no acknowledged write can vanish.
 */
export function restoreIntoLive(
  db: Db,
  dbPath: string,
  from: string,
  clock: Clock = systemClock,
): { check: BackupCheck; safetyBackup: BackupInfo } {
  const check = assertRestorable(from);
  const scratch = path.join(backupsDir(dbPath), `.restoring-${process.pid}-${Date.now()}.db`);
  fs.mkdirSync(path.dirname(scratch), { recursive: true });
  fs.copyFileSync(from, scratch);
  try {
    migrateScratch(scratch);
    db.prepare('ATTACH DATABASE ? AS restored').run(scratch);
    try {
      assertFits(db, path.basename(from));
    } catch (err) {
      db.prepare('DETACH DATABASE restored').run();
      throw err;
    }
    // Rows go table by table, so references are checked once at the end (foreign_key_check below); the
    // switch is per connection and this one runs nothing else meanwhile (the core is synchronous).
    db.pragma('foreign_keys = OFF');
    try {
      const safetyBackup = db
        .transaction(() => {
          // Inside the write lock: everything any connection committed so far is in this image.
          const safety = writeBackupImage(
            db.serialize(),
            path.join(backupsDir(dbPath), backupName(dbPath, 'restore', clock)),
            'restore',
            db.name,
            clock,
          );
          copyAllTables(db);
          return safety;
        })
        .immediate();
      return { check, safetyBackup };
    } finally {
      db.pragma('foreign_keys = ON');
      db.prepare('DETACH DATABASE restored').run();
    }
  } finally {
    for (const f of [scratch, `${scratch}-wal`, `${scratch}-shm`, `${scratch}-journal`]) fs.rmSync(f, { force: true });
  }
}

/**
 * Brings a copy of a backup to this version's schema (migrations also hide what later versions hide, with
 * secure_delete on), without a backup of its own, and drops the backup's stamp: the restored database
 * should not look like a backup.
 */
function migrateScratch(file: string): void {
  const scratch = openDatabase(file, { mustExist: true });
  try {
    scratch.prepare("DELETE FROM settings WHERE key = 'backup.meta'").run();
    scratch.pragma('journal_mode = DELETE');
  } finally {
    scratch.close();
  }
}

/**
 * The migrated backup (attached as `restored`) must have exactly this version's schema and no broken
 * reference; checked before the safety copy and the write transaction, so a refusal changes nothing.
 */
function assertFits(db: Db, file: string): void {
  const live = schemaOf(db, 'main');
  const wanted = schemaOf(db, 'restored');
  const key = (r: SchemaRow) => `${r.type} ${r.name} ${r.sql ?? ''}`;
  const same = live.length === wanted.length && new Set([...live, ...wanted].map(key)).size === live.length;
  if (!same) throw new AppError('BACKUP_SCHEMA_DIFFERS', { file });
  const broken = (db.pragma('restored.foreign_key_check') as unknown[]).length;
  if (broken) throw new AppError('BACKUP_BROKEN_LINKS', { file, count: broken });
}

/** Replaces every table of `main` with the one of `restored` (same schema), triggers off meanwhile. */
function copyAllTables(db: Db): void {
  const live = schemaOf(db, 'main');
  // Append-only triggers would refuse the delete and sync triggers would queue the copy: off, then back.
  const triggers = live.filter((r) => r.type === 'trigger');
  for (const t of triggers) db.exec(`DROP TRIGGER main.${quoteId(t.name)}`);
  // Full-text indexes (external-content FTS5 over products/partners) are rebuilt from the copied rows;
  // SQLite does not let their shadow tables be written directly.
  const fts = live.filter((r) => r.type === 'table' && /^CREATE VIRTUAL/i.test(r.sql ?? '')).map((r) => r.name);
  const isShadow = (name: string) => fts.some((v) => name.startsWith(`${v}_`));
  const tables = live.filter((r) => r.type === 'table' && !fts.includes(r.name) && !isShadow(r.name));
  for (const t of tables) {
    db.exec(`DELETE FROM main.${quoteId(t.name)}`);
    db.exec(`INSERT INTO main.${quoteId(t.name)} SELECT * FROM restored.${quoteId(t.name)}`);
  }
  for (const v of fts) db.exec(`INSERT INTO main.${quoteId(v)}(${quoteId(v)}) VALUES ('rebuild')`);
  for (const t of triggers) db.exec(t.sql!);
}

/** A safety copy of a database file that may be damaged: a real backup when possible, else raw files. */
export function safetyCopy(dbPath: string): BackupInfo | null {
  if (!fs.existsSync(dbPath)) return null;
  const dest = path.join(backupsDir(dbPath), backupName(dbPath, 'restore'));
  try {
    const db = new Database(dbPath, { fileMustExist: true });
    try {
      return createBackup(db, dest, 'restore');
    } finally {
      db.close();
    }
  } catch {
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(dbPath, dest);
    if (fs.existsSync(`${dbPath}-wal`)) fs.copyFileSync(`${dbPath}-wal`, `${dest}-wal`);
    return infoOf(dest);
  }
}

/**
 * CLI restore: through the live database like the app's restore (the app may have the file open), or,
 * when the file cannot be opened at all (damaged), by replacing the file after a raw safety copy.
 */
export function restoreFile(from: string, dbPath: string): { check: BackupCheck; safety: BackupInfo | null } {
  const check = assertRestorable(from);
  if (path.resolve(from) === path.resolve(dbPath)) throw new AppError('BAD_REQUEST');
  let db: Db | null = null;
  try {
    if (fs.existsSync(dbPath) && startupCheck(dbPath).ok)
      db = openDatabase(dbPath, { mustExist: true, beforeMigrate: backupBeforeMigration(dbPath) });
  } catch {
    db = null;
  }
  if (db) {
    try {
      return { check, safety: restoreIntoLive(db, dbPath, from).safetyBackup };
    } finally {
      db.close();
    }
  }
  const safety = safetyCopy(dbPath);
  replaceDatabaseFile(from, dbPath);
  return { check, safety };
}

export type StartupReport = {
  ok: boolean;
  path: string;
  code: string | null;
  message: string | null;
  detail?: string;
  latestGood: BackupInfo | null;
};

/**
 * The start-up check: PRAGMA quick_check on the file before the app uses it. When it is damaged, the
 * report names the newest backup that passes its own check, so the app can offer it in plain words.
 */
export function startupCheck(dbPath: string, lang: Lang = 'vi'): StartupReport {
  const report: StartupReport = { ok: true, path: dbPath, code: null, message: null, latestGood: null };
  if (dbPath === ':memory:' || !fs.existsSync(dbPath)) return report;
  let detail: string | null = null;
  try {
    const db = new Database(dbPath, { fileMustExist: true });
    try {
      const rows = (db.pragma('quick_check') as { quick_check: string }[])
        .map((r) => r.quick_check)
        .filter((r) => r !== 'ok');
      if (rows.length) detail = rows.slice(0, 3).join('; ');
    } finally {
      db.close();
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    // A file that is not SQLite or not ours is refused by openDatabase with its own message.
    if (code !== 'SQLITE_CORRUPT') return report;
    detail = err instanceof Error ? err.message : String(err);
  }
  if (detail === null) return report;
  const err = damagedError(dbPath, detail);
  return {
    ok: false,
    path: dbPath,
    code: err.code,
    message: err.toBody(lang).message,
    detail,
    latestGood: latestGoodBackup(dbPath),
  };
}

/** Throws the plain-words damaged-database error (naming the newest good backup) when the start-up check fails. */
export function assertStartupCheck(dbPath: string): void {
  const report = startupCheck(dbPath);
  if (!report.ok) throw damagedError(dbPath, report.detail ?? '');
}

export function latestGoodBackup(dbPath: string): BackupInfo | null {
  for (const b of listBackups(dbPath).slice(0, 10)) if (checkBackupFile(b.file).ok) return b;
  return null;
}

/** The plain-words error for a damaged database, naming the newest good backup (details carry it too). */
export function damagedError(dbPath: string, detail: string): AppError {
  const latest = latestGoodBackup(dbPath);
  if (latest) {
    return new AppError(
      'DB_DAMAGED',
      { path: dbPath, detail, file: latest.file, at: latest.createdAt.slice(0, 16).replace('T', ' ') },
      { status: 500, details: { latestGood: latest } },
    );
  }
  return new AppError(
    'DB_DAMAGED_NO_BACKUP',
    { path: dbPath, detail, folder: backupsDir(dbPath) },
    { status: 500, details: { latestGood: null } },
  );
}

export function damagedMessage(dbPath: string, detail: string, lang: Lang): string {
  return damagedError(dbPath, detail).toBody(lang).message;
}

/**
 * The automatic daily backup of a running app: first a minute after start (so start-up stays quick),
 * then every hour it checks whether today has a copy; `afterBackup` runs once the day's copy is made. `getDb` is read each time because a restore
 * swaps the connection. Returns a stop function; the timers never keep the process alive.
 */
export function scheduleDailyBackups(
  getDb: () => Db,
  dbPath: string,
  clock: Clock = systemClock,
  log: (line: string) => void = () => {},
  firstDelayMs = 60_000,
  afterBackup?: () => void,
): () => void {
  if (dbPath === ':memory:') return () => {};
  const run = () => {
    try {
      const db = getDb();
      if (db.open) {
        const info = ensureDailyBackup(db, dbPath, clock);
        if (info) log(`[backup] ${info.file}`);
        if (info) afterBackup?.();
      }
    } catch (err) {
      log(`[backup] ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  // 0: copy now (the desktop worker starts this just after its first answer, so no screen waits for it).
  if (firstDelayMs === 0) run();
  const first = setTimeout(run, firstDelayMs === 0 ? 3600_000 : firstDelayMs);
  const hourly = setInterval(run, 3600_000);
  first.unref();
  hourly.unref();
  return () => {
    clearTimeout(first);
    clearInterval(hourly);
  };
}
