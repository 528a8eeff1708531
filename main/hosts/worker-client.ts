// Talks to the core worker (main/hosts/worker.ts) from the Electron main process, in plain Node so it
// is tested without Electron. Correlates replies by id; if the worker dies, every pending call is
// rejected (the window shows an error instead of waiting forever) and a fresh worker is started.
import { Worker } from 'node:worker_threads';
import type { ApiResponse } from '../../shared/api/contract';
import type { Lang } from '../../shared/i18n/messages';
import type { WorkerControl, WorkerMessage, WorkerOpenError, WorkerRequest, WorkerStartData } from './worker';
import { clockFromEnv, systemClock, type Clock } from '../clock';
import { answerShellRequest, type ShellServices } from './shell-bridge';

export type CoreResponse = ApiResponse<unknown> & { status: number };
export type CoreCallContext = { lang?: Lang; user?: string; session?: string };

/** What the IPC wiring needs from the core: one async call. */
export interface CoreCaller {
  call(method: string, input: unknown, ctx?: CoreCallContext): Promise<CoreResponse>;
}

/** The database could not be opened; carries the words for a dialog in both languages. */
export class CoreOpenError extends Error {
  readonly code: string;
  readonly messages: { vi: string; en: string };
  constructor(e: WorkerOpenError) {
    super(e.message.en);
    this.name = 'CoreOpenError';
    this.code = e.code;
    this.messages = e.message;
  }
}

export class CoreWorkerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CoreWorkerError';
  }
}

export type CoreWorkerClientOptions = {
  /** Path of the bundled worker script (dist/core-worker.js). */
  workerPath: string;
  dbPath: string;
  /** Restarts allowed within `restartWindowMs` before giving up (a worker that dies at once would loop). */
  maxRestarts?: number;
  restartWindowMs?: number;
  log?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  /** The portal-credentials key the shell opened with safeStorage (absent: the core uses the key file). */
  secretKey?: Buffer;
  /** What only the shell can do for the core (driver printing, installed printers). */
  shell?: ShellServices;
  /** The business clock of the process; the worker's core starts from its "now" (default: the process's clock). */
  clock?: Clock;
  /** A reader of a host's pool: read methods only, no start-up check, no background duties. */
  reader?: boolean;
  /** The host a reader answers for (default `serve`'s). */
  host?: 'http' | 'electron';
  /** The background integrity check found the file damaged after start (writes are refused from then on). */
  onDamaged?: (err: CoreOpenError) => void;
};

/** The clock's "now" for a worker to start from; none for the PC's own clock, which the worker reads itself. */
function startingNow(clock: Clock): string | undefined {
  return clock === systemClock ? undefined : clock.now().toISOString();
}

type Pending = { resolve: (r: CoreResponse) => void; reject: (e: Error) => void };

export class CoreWorkerClient implements CoreCaller {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closing = false;
  private restarts: number[] = [];
  private failed: Error | null = null;
  /** Number of workers started so far (1 after start; grows with each restart). */
  generation = 0;

  constructor(private readonly opts: CoreWorkerClientOptions) {}

  /** Starts the worker and waits until the database is open; rejects with CoreOpenError otherwise. */
  start(): Promise<void> {
    if (this.ready) return this.ready;
    this.closing = false;
    this.failed = null;
    this.ready = this.spawn();
    return this.ready;
  }

  private spawn(): Promise<void> {
    this.generation++;
    const workerData: WorkerStartData = {
      dbPath: this.opts.dbPath,
      secretKey: this.opts.secretKey?.toString('base64'),
      shell: !!this.opts.shell,
      now: startingNow(this.opts.clock ?? clockFromEnv()),
      reader: this.opts.reader,
      host: this.opts.host,
    };
    const worker = new Worker(this.opts.workerPath, { workerData, env: this.opts.env ?? process.env });
    this.worker = worker;
    return new Promise<void>((resolve, reject) => {
      let started = false;
      worker.on('message', (msg: WorkerMessage) => {
        if ('type' in msg) {
          if (msg.type === 'shell-request') {
            const shell = this.opts.shell;
            if (!shell) return;
            void answerShellRequest(shell, msg).then((reply) => {
              // The worker may have stopped meanwhile; its caller has been told already.
              if (this.worker === worker) worker.postMessage(reply);
            });
          } else if (msg.type === 'ready') {
            started = true;
            resolve();
          } else if (msg.type === 'log') {
            this.log(msg.line);
          } else if (msg.type === 'damaged') {
            this.opts.onDamaged?.(new CoreOpenError(msg.error));
          } else if (msg.type === 'open-failed') {
            // Not a crash: the file is wrong. No restart, the shell tells the user.
            this.failed = new CoreOpenError(msg.error);
            this.closing = true;
            reject(this.failed);
            void worker.terminate();
          }
          return;
        }
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        p.resolve(msg.response);
      });
      worker.on('error', (err) => {
        this.log(`[core-worker] error: ${err.stack ?? err.message}`);
        if (!started) reject(err);
      });
      worker.on('exit', (code) => {
        if (this.worker !== worker) return;
        this.worker = null;
        this.rejectAll(new CoreWorkerError(`core worker stopped (exit code ${code})`));
        if (!started) {
          reject(this.failed ?? new CoreWorkerError(`core worker stopped before it was ready (exit code ${code})`));
          this.ready = null;
          return;
        }
        if (this.closing) return;
        this.restartAfterCrash(code);
      });
    });
  }

  private restartAfterCrash(code: number): void {
    const now = Date.now();
    const windowMs = this.opts.restartWindowMs ?? 60_000;
    this.restarts = this.restarts.filter((t) => now - t < windowMs);
    if (this.restarts.length >= (this.opts.maxRestarts ?? 3)) {
      this.failed = new CoreWorkerError(`core worker keeps stopping (exit code ${code}); not restarting`);
      this.ready = Promise.reject(this.failed);
      this.ready.catch(() => undefined);
      this.log(`[core-worker] ${this.failed.message}`);
      return;
    }
    this.restarts.push(now);
    this.log(`[core-worker] stopped with exit code ${code}; restarting`);
    this.ready = this.spawn();
    this.ready.catch((err) => this.log(`[core-worker] restart failed: ${String(err)}`));
  }

  private rejectAll(err: Error): void {
    const list = [...this.pending.values()];
    this.pending.clear();
    for (const p of list) p.reject(err);
  }

  private log(line: string): void {
    (this.opts.log ?? ((l: string) => process.stderr.write(l + '\n')))(line);
  }

  async call(method: string, input: unknown, ctx: CoreCallContext = {}): Promise<CoreResponse> {
    return this.send((id): WorkerRequest => ({
      id,
      method,
      input,
      lang: ctx.lang,
      user: ctx.user,
      session: ctx.session,
    }));
  }

  private async send(make: (id: number) => WorkerRequest | WorkerControl): Promise<CoreResponse> {
    if (!this.ready) throw new CoreWorkerError('core worker not started');
    await this.ready;
    const worker = this.worker;
    if (!worker) throw new CoreWorkerError('core worker is not running');
    const id = this.nextId++;
    const msg = make(id);
    return new Promise<CoreResponse>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        worker.postMessage(msg);
      } catch (err) {
        // Input that cannot be cloned (a function, a symbol) never reaches the core.
        this.pending.delete(id);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  /** A backup of the database just before an update is installed (main/update-policy.ts calls this). */
  async backupBeforeUpdate(): Promise<CoreResponse> {
    return this.send((id) => ({ type: 'update-backup', id }));
  }

  /** For tests and diagnostics: ends the worker as a crash would. */
  async kill(): Promise<void> {
    await this.worker?.terminate();
  }

  /** Lets the worker close the database, then waits for the thread to end (terminates it after 5 s). */
  async close(): Promise<void> {
    this.closing = true;
    const worker = this.worker;
    this.ready = null;
    if (!worker) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => void worker.terminate(), 5_000);
      worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      worker.postMessage({ type: 'close' });
    });
  }
}
