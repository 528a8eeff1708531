// Integrity of the database file without making start-up wait for it.
// At start a bounded check (milliseconds whatever the size: the file and WAL headers, ownership, the
// schema, both edges of every table's b-tree, the last page) refuses a file that is plainly damaged.
// PRAGMA quick_check, which reads every page (seconds on a large file), then runs in a worker thread on
// its own read-only connection while the app already answers; writes wait for its verdict, so nothing is
// written to a damaged file. The daily backup adds a full integrity_check the same way.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/api/errors';
import type { Lang } from '../../shared/i18n/messages';
import { damagedError, latestGoodBackup, type StartupReport } from './backup';
import { openDatabase } from './db';

const SQLITE_MAGIC = 'SQLite format 3\u0000';
const WAL_MAGICS = new Set([0x377f0682, 0x377f0683]);

/** Plain facts about what is wrong with the file's headers, or null. */
function headerProblem(dbPath: string): string | null {
  const size = fs.statSync(dbPath).size;
  if (size === 0) return null; // a brand-new file, initialised at open
  const head = readAt(dbPath, 0, 100);
  if (head.length < 100 || head.subarray(0, 16).toString('latin1') !== SQLITE_MAGIC) return null; // not SQLite: openDatabase says so
  const rawPageSize = head.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return `page size ${rawPageSize}`;
  if (size % pageSize !== 0) return `file size ${size} is not a multiple of the page size ${pageSize}`;
  // The page count in the header is valid when its "version-valid-for" matches the change counter.
  const pages = head.readUInt32BE(28);
  if (head.readUInt32BE(92) === head.readUInt32BE(24) && pages * pageSize > size)
    return `file cut short: ${size} bytes, ${pages} pages of ${pageSize} expected`;
  // The last page is there and readable.
  if (readAt(dbPath, size - pageSize, pageSize).length !== pageSize) return 'last page unreadable';
  return walProblem(`${dbPath}-wal`, pageSize);
}

/** A WAL whose header is not SQLite's (or of another page size) would be dropped with its commits. */
function walProblem(walPath: string, pageSize: number): string | null {
  if (!fs.existsSync(walPath) || fs.statSync(walPath).size < 32) return null;
  const head = readAt(walPath, 0, 32);
  if (!WAL_MAGICS.has(head.readUInt32BE(0))) return 'WAL header damaged';
  if (head.readUInt32BE(8) !== pageSize) return `WAL page size ${head.readUInt32BE(8)}`;
  return null;
}

function readAt(file: string, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  const fd = fs.openSync(file, 'r');
  try {
    return buf.subarray(0, fs.readSync(fd, buf, 0, length, position));
  } finally {
    fs.closeSync(fd);
  }
}

let tablesOfSchema: string[] | null = null;
/** The tables the migrations make (from a fresh in-memory database, once per process). */
function expectedTables(): string[] {
  if (!tablesOfSchema) {
    const mem = openDatabase(':memory:');
    tablesOfSchema = mem.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    mem.close();
  }
  return tablesOfSchema;
}

const quoteId = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Reads the schema and walks both edges of every rowid table (first and last row: root, interior and
 * leaf pages on each side), a few pages per table whatever its size. Throws SQLite's error when a page
 * is damaged; returns a problem for a missing table.
 */
function schemaProblem(db: Database.Database): string | null {
  const rows = db.prepare("SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'index')").all() as {
    type: string;
    name: string;
    sql: string | null;
  }[];
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version === 0) return null; // not initialised yet: openDatabase migrates it
  const tables = rows.filter((r) => r.type === 'table').map((r) => r.name);
  const missing = expectedTables().filter((t) => !tables.includes(t));
  if (missing.length) return `missing tables: ${missing.slice(0, 3).join(', ')}`;
  for (const r of rows) {
    if (r.type !== 'table' || /^CREATE VIRTUAL/i.test(r.sql ?? '') || /WITHOUT\s+ROWID/i.test(r.sql ?? '')) continue;
    if (r.name.startsWith('sqlite_')) continue;
    // Two statements: SQLite reads only the edge of the b-tree for a lone min() or max(), not for both at once.
    for (const edge of ['min', 'max']) db.prepare(`SELECT ${edge}(rowid) FROM ${quoteId(r.name)}`).get();
  }
  return null;
}

/**
 * The start-up check, bounded: headers, ownership and schema, the edges of every table. A file that
 * fails is named in plain words with the newest good backup (same report as the full `startupCheck`).
 */
export function boundedStartupCheck(dbPath: string, lang: Lang = 'vi'): StartupReport {
  const report: StartupReport = { ok: true, path: dbPath, code: null, message: null, latestGood: null };
  if (dbPath === ':memory:' || !fs.existsSync(dbPath)) return report;
  let detail = headerProblem(dbPath);
  if (detail === null) {
    try {
      const db = new Database(dbPath, { readonly: true, fileMustExist: true });
      try {
        detail = schemaProblem(db);
      } finally {
        db.close();
      }
    } catch (err) {
      // A file that is not SQLite or not ours is refused by openDatabase with its own message.
      if ((err as { code?: string }).code !== 'SQLITE_CORRUPT') return report;
      detail = err instanceof Error ? err.message : String(err);
    }
  }
  return detail === null ? report : damagedReport(dbPath, detail, lang);
}

function damagedReport(dbPath: string, detail: string, lang: Lang): StartupReport {
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

/** Throws the plain-words damaged-database error when the bounded start-up check fails. */
export function assertBoundedStartupCheck(dbPath: string): void {
  const report = boundedStartupCheck(dbPath);
  if (!report.ok) throw damagedError(dbPath, report.detail ?? '');
}

// The check thread: plain CommonJS given as text, so it needs no bundle of its own; the SQLite driver is
// the one this process resolved.
const CHECK_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  const rows = db.pragma(workerData.pragma).map((r) => String(Object.values(r)[0])).filter((v) => v !== 'ok');
  parentPort.postMessage({ problems: rows.slice(0, 3) });
} catch (err) {
  parentPort.postMessage({ problems: [String((err && err.message) || err)], code: err && err.code });
} finally {
  if (db) db.close();
}`;

export type CheckKind = 'quick_check' | 'integrity_check';
/** `problems`: SQLite's findings (empty when intact); `ran`: false when the check could not read the file at all. */
export type CheckOutcome = { problems: string[]; ran: boolean };

/** Runs PRAGMA quick_check / integrity_check on `dbPath` in a worker thread with a read-only connection. */
export function checkInBackground(dbPath: string, pragma: CheckKind): Promise<CheckOutcome> {
  const driver = createRequire(__filename).resolve('better-sqlite3');
  return new Promise((resolve) => {
    const worker = new Worker(CHECK_THREAD, { eval: true, workerData: { driver, file: dbPath, pragma } });
    let done = false;
    worker.once('message', (m: { problems: string[]; code?: string }) => {
      done = true;
      // An error other than damage (the file busy, gone) is no verdict on the file's pages.
      const ran = m.code === undefined || m.code === 'SQLITE_CORRUPT';
      resolve({ problems: ran ? m.problems : [], ran });
    });
    worker.once('error', () => !done && resolve({ problems: [], ran: false }));
    worker.once('exit', () => !done && resolve({ problems: [], ran: false }));
  });
}

export type Verdict = 'checking' | 'ok' | 'damaged';

/**
 * The verdict of the background checks on one database file. Hosts wait for `settled` before a write;
 * the core calls `assertWritable` before every write transaction.
 */
export class IntegrityGate {
  verdict: Verdict;
  private damage: AppError | null = null;
  settled: Promise<void>;

  constructor(
    private readonly dbPath: string,
    private readonly log: (line: string) => void = () => {},
    start: CheckKind | null = 'quick_check',
  ) {
    this.verdict = start && dbPath !== ':memory:' ? 'checking' : 'ok';
    this.settled = this.verdict === 'checking' ? this.run(start!) : Promise.resolve();
  }

  /** A full integrity_check (the daily backup's); a damaged verdict holds every later write. */
  fullCheck(): Promise<void> {
    return this.run('integrity_check');
  }

  private async run(kind: CheckKind): Promise<void> {
    const t0 = performance.now();
    const { problems, ran } = await checkInBackground(this.dbPath, kind);
    if (problems.length) {
      this.damage = damagedError(this.dbPath, problems.join('; '));
      this.verdict = 'damaged';
      this.log(`[integrity] ${this.damage.toBody('vi').message}`);
    } else if (this.verdict === 'checking') {
      this.verdict = 'ok';
    }
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    this.log(`[integrity] ${kind}: ${problems.length ? 'damaged' : ran ? 'ok' : 'could not run'} (${seconds} s)`);
  }

  /** The damaged-database error once a check found damage (null otherwise). */
  get error(): AppError | null {
    return this.damage;
  }

  /** Throws DB_DAMAGED… once a check found damage, DB_CHECKING while the first check runs. */
  assertWritable(): void {
    if (this.damage) throw this.damage;
    if (this.verdict === 'checking') throw new AppError('DB_CHECKING', {}, { status: 503 });
  }
}
