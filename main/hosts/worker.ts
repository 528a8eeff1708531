// The core in a worker thread (bundled to dist/core-worker.js). The Electron main process must stay free
// to paint the window and answer the OS, so every API call runs here: a trace over thousands of lots or
// a 100,000-row import can take seconds without freezing the window.
//   in:  { id, method, input, lang, user?, session? }   (only the renderer's methods: shared/api/renderer-methods.ts)
//   out: { id, response }   — response is exactly what Core.call returns (the envelope with its status)
// At start it posts { type: 'ready' } or, when the database cannot be opened (not SQLite, a newer
// version, damaged), { type: 'open-failed', error } with both languages so the shell can show a dialog.
// Its log lines go to the parent as { type: 'log', line } (the shell writes them to its log file).
import { parentPort, workerData } from 'node:worker_threads';
import { api, isMethodName } from '../../shared/api/contract';
import { AppError } from '../../shared/api/errors';
import { notInAppRefusal } from '../../shared/api/renderer-methods';
import { parseLang } from '../../shared/i18n/messages';
import { openCore, type Core } from '../core';
import { clockStartingAt } from '../clock';
import { backupBeforeUpdate } from '../store/backup';
import { assertBoundedStartupCheck, IntegrityGate } from '../store/integrity';
import { startBackgroundDuties } from './background';
import { connectShell, type ShellReplyMessage, type ShellRequestMessage } from './shell-bridge';
import { FileSecretStore, setSecretStore } from '../sync/secrets';

export type WorkerRequest = {
  id: number;
  method: string;
  input: unknown;
  lang?: string;
  user?: string;
  session?: string;
};
/** Shell-only requests, never reachable from the renderer (they do not go through IPC). */
export type WorkerControl = { type: 'close' } | { type: 'update-backup'; id: number };
export type WorkerStartData = {
  dbPath: string;
  /** The desktop shell's portal-credentials key (base64), opened from its OS-protected file (sync/secret-key.ts). */
  secretKey?: string;
  /** The parent answers shell requests (driver printing, installed printers). */
  shell?: boolean;
  /** The parent's business clock at start: the worker's clock runs on from it, so both agree on "now". */
  now?: string;
  /**
   * A reader of a host's pool (main/hosts/reader-pool.ts): its own connection for read methods only,
   * no start-up check (the host made it) and no background duties.
   */
  reader?: boolean;
  /** The host a reader answers for (what `system.info` says): `serve` (default) or the desktop app. */
  host?: 'http' | 'electron';
};
export type WorkerOpenError = { code: string; message: { vi: string; en: string } };
export type WorkerMessage =
  | { type: 'ready'; dbPath: string }
  | { type: 'open-failed'; error: WorkerOpenError }
  /** The background check found the file damaged after start: writes are refused from now on. */
  | { type: 'damaged'; error: WorkerOpenError }
  | { type: 'log'; line: string }
  | { id: number; response: ReturnType<Core['call']> }
  | ShellRequestMessage;

function openError(err: unknown, dbPath: string): WorkerOpenError {
  const e =
    err instanceof AppError
      ? err
      : new AppError('DB_OPEN_FAILED', { path: dbPath, detail: err instanceof Error ? err.message : String(err) });
  return { code: e.code, message: { vi: e.toBody('vi').message, en: e.toBody('en').message } };
}

const isWrite = (method: string) => isMethodName(method) && api[method].access === 'write';

/** A reader never writes: the host sends it read methods only, and this says so if one slips through. */
const READER_GATE = {
  assertWritable(): void {
    throw new AppError('INTERNAL', { detail: 'write method sent to a reader connection' });
  },
};

function openWorkerCore(data: WorkerStartData, log: (line: string) => void): Core {
  const clock = data.now ? clockStartingAt(data.now) : undefined;
  if (data.reader) {
    const host = data.host ?? 'http';
    const core = openCore({ dbPath: data.dbPath, host, log, clock, open: { mustExist: true } });
    core.writeGate = READER_GATE;
    return core;
  }
  // A plainly damaged file is named in plain words with the newest good backup; the shell shows it.
  assertBoundedStartupCheck(data.dbPath);
  return openCore({ dbPath: data.dbPath, host: 'electron', log, clock });
}

/** Without a first call, the duties start this long after the worker is ready. */
const DUTIES_AT_THE_LATEST_MS = 60_000;

/**
 * The background duties (the daily copy is a VACUUM INTO: seconds on a big file, in this thread) start just
 * after the first answer is out, so the window's first screen never waits for them.
 */
function afterFirstAnswer(start: () => () => void): { answered: () => void; stop: () => void } {
  let stopDuties: (() => void) | null = null;
  let stopped = false;
  const latest = setTimeout(() => begin(), DUTIES_AT_THE_LATEST_MS);
  latest.unref();
  function begin(): void {
    if (stopDuties || stopped) return;
    clearTimeout(latest);
    stopDuties = start();
  }
  return {
    answered: () => {
      if (!stopDuties) setImmediate(begin);
    },
    stop: () => {
      stopped = true;
      clearTimeout(latest);
      stopDuties?.();
    },
  };
}

function main(): void {
  const port = parentPort;
  if (!port) throw new Error('core-worker must run inside a worker thread');
  const data = workerData as WorkerStartData;
  const { dbPath, secretKey, shell } = data;
  const log = (line: string) => port.postMessage({ type: 'log', line } satisfies WorkerMessage);
  if (secretKey) setSecretStore(new FileSecretStore({ key: Buffer.from(secretKey, 'base64') }));
  let core: Core;
  try {
    core = openWorkerCore(data, log);
  } catch (err) {
    port.postMessage({ type: 'open-failed', error: openError(err, dbPath) } satisfies WorkerMessage);
    return;
  }
  // The full quick_check runs in the background; writes wait for its verdict (reads go on meanwhile).
  const gate = data.reader ? null : new IntegrityGate(dbPath, log);
  if (gate) {
    core.writeGate = gate;
    void gate.settled.then(() => {
      if (gate.error)
        port.postMessage({ type: 'damaged', error: openError(gate.error, dbPath) } satisfies WorkerMessage);
    });
  }
  const duties = data.reader ? null : afterFirstAnswer(() => startBackgroundDuties(core, log, 0, gate));
  const shellReply = shell ? connectShell(port, log) : null;
  // The worker's calls come from the window (over IPC) or the HTTP host: only the renderer's methods.
  const answer = (msg: WorkerRequest) => {
    const lang = parseLang(msg.lang);
    const notInApp = notInAppRefusal(String(msg.method));
    const response: ReturnType<Core['call']> = notInApp
      ? { ok: false, error: notInApp.toBody(lang), status: notInApp.status }
      : core.call(msg.method, msg.input, {
          lang,
          user: typeof msg.user === 'string' ? msg.user : undefined,
          session: typeof msg.session === 'string' ? msg.session : undefined,
        });
    port.postMessage({ id: msg.id, response } satisfies WorkerMessage);
    duties?.answered();
  };
  port.on('message', (raw: WorkerRequest | WorkerControl | ShellReplyMessage) => {
    if (shellReply?.(raw)) return;
    const msg = raw as WorkerRequest | WorkerControl;
    if ('type' in msg) {
      if (msg.type === 'update-backup') {
        // A copy just before a new version is installed; the envelope tells the shell whether to go on.
        let response: ReturnType<Core['call']>;
        try {
          response = { ok: true, data: backupBeforeUpdate(core.db, dbPath), status: 200 };
        } catch (err) {
          const e =
            err instanceof AppError
              ? err
              : new AppError('INTERNAL', { detail: err instanceof Error ? err.message : String(err) });
          response = { ok: false, error: e.toBody('vi'), status: e.status };
        }
        port.postMessage({ id: msg.id, response } satisfies WorkerMessage);
        return;
      }
      // Close the database before the thread ends so the WAL is checkpointed and the file released.
      duties?.stop();
      core.close();
      port.close();
      return;
    }
    // Writes wait, in the order they came, until the background check has its verdict.
    if (gate?.verdict === 'checking' && isWrite(msg.method)) void gate.settled.then(() => answer(msg));
    else answer(msg);
  });
  port.postMessage({ type: 'ready', dbPath } satisfies WorkerMessage);
}

main();
