// The print queue. `print.submit` records a job (status 'queued') inside its transaction and schedules it here;
// once that transaction has committed, the job is claimed ('sending', one UPDATE so it is never sent twice), sent
// through its transport, and finished as 'done' or 'failed' with the error code. A failed job stays in the queue
// with its message until the user retries or cancels it.
import { createHash } from 'node:crypto';
import { AppError } from '../../shared/api/errors';
import { nowIso, todayLocal, type Clock } from '../clock';
import type { Db } from '../store/db';
import { hashing, isSlip, jobBytes, jobLabels, jobPages, type AnyJobSpec } from './job';
import { labelsPdf } from '../labels/pdf';
import { pageTransport, readPrinterUri } from '../../shared/domain/printer-uri';
import { appFolder } from '../store/folders';
import { parsePrinterUri, printWithDriver, sendRaw, type SendOptions } from './transports';
import { q } from '../store/statements';
import { lotBlock } from '../../shared/domain/lots';
import type { LotStatus } from '../../shared/domain/lots';

const waiters = new Map<number, { promise: Promise<void>; resolve: () => void }>();
let sendOptions: SendOptions = {};

/** Transport timeouts (tests use short ones). */
export function setSendOptions(o: SendOptions): void {
  sendOptions = o;
}

function waiter(id: number) {
  let w = waiters.get(id);
  if (!w) {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    w = { promise, resolve };
    waiters.set(id, w);
  }
  return w;
}

/** Runs the job after the current transaction has committed (setImmediate: after the synchronous handler). */
export function scheduleJob(db: Db, id: number, clock: Clock): void {
  waiter(id);
  setImmediate(() => {
    runJob(db, id, clock)
      .catch(() => {})
      .finally(() => {
        waiters.get(id)?.resolve();
        waiters.delete(id);
      });
  });
}

/** True while this process has the job scheduled or sending. */
export function isRunning(id: number): boolean {
  return waiters.has(id);
}

/** Resolves when a scheduled job has been sent or has failed (immediately when none is running). */
export function whenSettled(id: number): Promise<void> {
  return waiters.get(id)?.promise ?? Promise.resolve();
}

/**
 * A lot held, recalled or expired while its job waited is not printed: the same rule as a user's print or retry,
 * judged again when the bytes go out. The owner's confirmation on the job covers only the state it was given for.
 */
function lotCheck(db: Db, id: number, spec: AnyJobSpec, clock: Clock): void {
  const lot = q(
    db,
    'SELECT l.code, l.status, l.expiry_date FROM print_jobs j JOIN lots l ON l.id = j.lot_id WHERE j.id = ?',
  ).get(id) as { code: string; status: LotStatus; expiry_date: string | null } | undefined;
  if (!lot || isSlip(spec)) return;
  const block = lotBlock({ status: lot.status, expiryDate: lot.expiry_date }, todayLocal(clock));
  if (block && block !== spec.lotOverride)
    throw new AppError('PRINT_LOT_BLOCKED', { lot: lot.code, state: block }, { status: 409 });
}

/** Runs the lot check again just before the first byte (a connection to a slow printer can take seconds). */
function* checkedFirst(chunks: Iterable<Buffer>, check: () => void): Generator<Buffer> {
  check();
  yield* chunks;
}

async function runJob(db: Db, id: number, clock: Clock): Promise<void> {
  if (!db.open) return;
  // Claim: only a queued job moves to 'sending' (a rolled-back submit left no row; a second schedule finds none).
  const claimed = q(
    db,
    "UPDATE print_jobs SET status = 'sending', attempts = attempts + 1, started_at = ?, error_code = NULL, error_params = NULL WHERE id = ? AND status = 'queued'",
  ).run(nowIso(clock), id);
  if (claimed.changes !== 1) return;
  const row = q(db, 'SELECT spec, printer_uri FROM print_jobs WHERE id = ?').get(id) as {
    spec: string;
    printer_uri: string;
  };
  const sink = { bytes: 0, hash: createHash('sha256') };
  try {
    const spec = JSON.parse(row.spec) as AnyJobSpec;
    const check = () => lotCheck(db, id, spec, clock);
    check();
    const uri = parsePrinterUri(row.printer_uri, appFolder(db.name, 'prints'));
    const address = readPrinterUri(row.printer_uri);
    if (spec.language === 'driver' && !isSlip(spec) && address && pageTransport(address) === 'pdf') {
      // Pages for CUPS or a file in the prints folder go as one PDF at exact size.
      const pdf = await labelsPdf(spec.template, jobLabels(spec), spec.today);
      await sendRaw(uri, hashing([pdf], sink), { ...sendOptions, format: 'pdf' });
    } else if (spec.language === 'driver' || uri.kind === 'driver') {
      const name = uri.kind === 'driver' ? uri.name : row.printer_uri;
      const pages = jobPages(spec);
      for (const p of pages.pages) sink.hash.update(p);
      const dpi = 'profile' in spec ? spec.profile.dpi : spec.dpi;
      sink.bytes = (await printWithDriver(name, { ...pages, dpi })).bytes;
    } else {
      await sendRaw(uri, hashing(checkedFirst(jobBytes(spec), check), sink), sendOptions);
    }
    if (db.open)
      q(db, "UPDATE print_jobs SET status = 'done', bytes = ?, sha256 = ?, finished_at = ? WHERE id = ?").run(
        sink.bytes,
        sink.hash.digest('hex'),
        nowIso(clock),
        id,
      );
  } catch (err) {
    const e =
      err instanceof AppError
        ? err
        : new AppError('PRINTER_IO', {
            where: row.printer_uri,
            detail: err instanceof Error ? err.message.slice(0, 200) : String(err),
          });
    if (db.open)
      q(
        db,
        "UPDATE print_jobs SET status = 'failed', error_code = ?, error_params = ?, finished_at = ? WHERE id = ?",
      ).run(e.code, JSON.stringify(e.params), nowIso(clock), id);
  }
}
