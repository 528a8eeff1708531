// The core in a worker thread (bundled to dist/core-worker.js). The Electron main process must stay free
// to paint the window and answer the OS, so every API call runs here: a trace over thousands of lots or
// a 100,000-row import can take seconds without freezing the window.
//   in:  { id, method, input, lang, user?, session? }   (only the renderer's methods: shared/api/renderer-methods.ts)
//   out: { id, response }   — response is exactly what Core.call returns (the envelope with its status)
// At start it posts { type: 'ready' } or, when the database cannot be opened (not SQLite, a newer
// version, damaged), { type: 'open-failed', error } with both languages so the shell can show a dialog.
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../shared/api/errors';
import { notInAppRefusal } from '../../shared/api/renderer-methods';
import { parseLang } from '../../shared/i18n/messages';
import { openCore, type Core } from '../core';
import { clockStartingAt } from '../clock';
import { assertStartupCheck, backupBeforeUpdate } from '../store/backup';
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
};
export type WorkerOpenError = { code: string; message: { vi: string; en: string } };
export type WorkerMessage =
  | { type: 'ready'; dbPath: string }
  | { type: 'open-failed'; error: WorkerOpenError }
  | { id: number; response: ReturnType<Core['call']> }
  | ShellRequestMessage;

function openError(err: unknown, dbPath: string): WorkerOpenError {
  const e =
    err instanceof AppError
      ? err
      : new AppError('DB_OPEN_FAILED', { path: dbPath, detail: err instanceof Error ? err.message : String(err) });
  return { code: e.code, message: { vi: e.toBody('vi').message, en: e.toBody('en').message } };
}

/** The worker's calls come from the window (over IPC): only the renderer's methods, as ipc.ts checks too. */
function answer(core: Core, msg: WorkerRequest): ReturnType<Core['call']> {
  const lang = parseLang(msg.lang);
  const notInApp = notInAppRefusal(String(msg.method));
  if (notInApp) return { ok: false, error: notInApp.toBody(lang), status: notInApp.status };
  return core.call(msg.method, msg.input, {
    lang,
    user: typeof msg.user === 'string' ? msg.user : undefined,
    session: typeof msg.session === 'string' ? msg.session : undefined,
  });
}

function main(): void {
  const port = parentPort;
  if (!port) throw new Error('core-worker must run inside a worker thread');
  const { dbPath, secretKey, shell, now } = workerData as WorkerStartData;
  const log = (line: string) => process.stderr.write(line + '\n');
  if (secretKey) setSecretStore(new FileSecretStore({ key: Buffer.from(secretKey, 'base64') }));
  let core: Core;
  try {
    // A damaged file is named in plain words with the newest good backup; the shell shows it instead of crashing.
    assertStartupCheck(dbPath);
    core = openCore({ dbPath, host: 'electron', log, clock: now ? clockStartingAt(now) : undefined });
  } catch (err) {
    port.postMessage({ type: 'open-failed', error: openError(err, dbPath) } satisfies WorkerMessage);
    return;
  }
  const stopBackground = startBackgroundDuties(core, log, 0);
  const shellReply = shell ? connectShell(port, log) : null;
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
      stopBackground();
      core.close();
      port.close();
      return;
    }
    port.postMessage({ id: msg.id, response: answer(core, msg) } satisfies WorkerMessage);
  });
  port.postMessage({ type: 'ready', dbPath } satisfies WorkerMessage);
}

main();
