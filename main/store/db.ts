// The local store: one SQLite file, WAL, foreign keys on, migrations applied at open.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/api/errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import { damagedError } from './backup';

export type Db = Database.Database;

/** PRAGMA application_id of a Nguồn Gốc database ("NGOC"), so we never migrate another program's file. */
export const APPLICATION_ID = 0x4e474f43;

export type OpenOptions = {
  /** Open an existing file only (the CLI's read commands); default creates the file. */
  mustExist?: boolean;
  /** Called before migrations run on a database that already has data (the core copies it to the backups folder here). */
  beforeMigrate?: (db: Db, fromVersion: number, toVersion: number) => void;
};

function sqliteCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  if (file !== ':memory:') {
    if (opts.mustExist && !fs.existsSync(file))
      throw new AppError('DB_OPEN_FAILED', { path: file, detail: 'không có tệp này / file not found' });
    fs.mkdirSync(path.dirname(file), { recursive: true });
  }
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: !!opts.mustExist });
  } catch (err) {
    throw new AppError('DB_OPEN_FAILED', { path: file, detail: err instanceof Error ? err.message : String(err) });
  }
  try {
    checkOwnership(db, file);
    db.pragma('journal_mode = WAL');
    // FULL: a write acknowledged to the user survives a power cut (WAL + NORMAL could lose the last ones).
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, file, opts);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof AppError) throw err;
    const code = sqliteCode(err);
    if (code === 'SQLITE_NOTADB') throw new AppError('DB_NOT_SQLITE', { path: file });
    // A damaged file: say so in plain words and name the newest good backup.
    if (code === 'SQLITE_CORRUPT' && file !== ':memory:')
      throw damagedError(file, err instanceof Error ? err.message : String(err));
    if (code === 'SQLITE_CORRUPT')
      throw new AppError('DB_CORRUPT', { detail: err instanceof Error ? err.message : String(err) });
    throw new AppError('DB_OPEN_FAILED', { path: file, detail: err instanceof Error ? err.message : String(err) });
  }
}

function checkOwnership(db: Db, file: string): void {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  if (appId === APPLICATION_ID) return;
  const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
  // An empty file or a brand-new database is ours to initialise; anything else belongs to someone else.
  if (appId !== 0 || tables > 0 || version !== 0) throw new AppError('DB_NOT_OURS', { path: file });
}

function migrate(db: Db, file: string, opts: OpenOptions): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_SCHEMA_VERSION)
    throw new AppError('DB_TOO_NEW', { found: current, supported: LATEST_SCHEMA_VERSION, path: file });
  if (current === LATEST_SCHEMA_VERSION) return;
  if (current > 0) opts.beforeMigrate?.(db, current, LATEST_SCHEMA_VERSION);
  const pending = MIGRATIONS.filter((m) => m.version > current);
  // One transaction for all pending migrations: a failure leaves the file exactly as it was.
  db.transaction(() => {
    for (const m of pending) {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
    db.pragma(`application_id = ${APPLICATION_ID}`);
  }).immediate();
}

export type IntegrityResult = { ok: boolean; problems: string[]; foreignKeyProblems: number };

export function integrityCheck(db: Db): IntegrityResult {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
  const fk = db.pragma('foreign_key_check') as unknown[];
  return { ok: problems.length === 0 && fk.length === 0, problems, foreignKeyProblems: fk.length };
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
