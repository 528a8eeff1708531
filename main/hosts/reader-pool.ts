// Readers for a long-running host (`serve`, the desktop app): worker threads (dist/core-worker.js in reader mode), each with its own
// connection to the same file, answering read methods. WAL lets them read committed data while the writer
// writes, so a long export or report on one of them never holds up a click answered by another, nor a
// write on the host's own connection. Every call still goes through the core (session, permissions, audit,
// language, error envelope), and every reader runs on the host's business clock.
import { api, isMethodName } from '../../shared/api/contract';
import type { Clock } from '../clock';
import { CoreWorkerClient, type CoreCallContext, type CoreResponse } from './worker-client';

/**
 * Read methods that stay on the host's own connection: they swap or rewrite the file (restore, reset,
 * upload), write sessions and lockout counters that must not race (login, recovery), or report on jobs and
 * printers of the host process (sync status, connection test, installed printers).
 */
export const WRITER_READS = new Set([
  'backup.restore',
  'backup.upload',
  'workshop.reset',
  'users.login',
  'users.recover',
  'sync.status',
  'sync.settings.test',
  'printers.installed',
]);
/** Methods that start a job in the process that answers them; the job's later calls go to that reader. */
const JOB_STARTS = new Set(['export.start']);
const JOB_CALLS = new Set(['sync.job', 'export.download']);

export type ReaderPoolOptions = {
  workerPath: string;
  dbPath: string;
  clock: Clock;
  size?: number;
  log?: (line: string) => void;
  /** The host the readers answer for (default `serve`). */
  host?: 'http' | 'electron';
  /** The desktop shell's portal-credentials key, as the writer has it. */
  secretKey?: Buffer;
};

type Reader = { client: CoreWorkerClient; inFlight: number; jobs: Set<string> };

const jobIdOf = (input: unknown): string | null => {
  const id = input && typeof input === 'object' ? (input as { jobId?: unknown }).jobId : undefined;
  return typeof id === 'string' ? id : null;
};

export class ReaderPool {
  private readers: Reader[] = [];
  private readonly jobOwner = new Map<string, Reader>();
  private starting: Promise<void> | null = null;

  constructor(private readonly opts: ReaderPoolOptions) {}

  start(): Promise<void> {
    this.starting = this.spawnAll();
    return this.starting;
  }

  private async spawnAll(): Promise<void> {
    const make = (): Reader => ({
      client: new CoreWorkerClient({
        workerPath: this.opts.workerPath,
        dbPath: this.opts.dbPath,
        clock: this.opts.clock,
        reader: true,
        host: this.opts.host,
        secretKey: this.opts.secretKey,
        log: this.opts.log,
      }),
      inFlight: 0,
      jobs: new Set(),
    });
    const readers = Array.from({ length: Math.max(1, this.opts.size ?? 2) }, make);
    try {
      await Promise.all(readers.map((r) => r.client.start()));
    } catch (err) {
      await Promise.all(readers.map((r) => r.client.close()));
      throw err;
    }
    this.readers = readers;
  }

  /** Which calls a reader answers: read methods, except those that must stay on the writer. */
  static answers(method: string, input: unknown, pool: ReaderPool | null): boolean {
    if (!pool?.readers.length || !isMethodName(method) || api[method].access !== 'read' || WRITER_READS.has(method))
      return false;
    // A job's state lives in the process that runs it: a reader's job, or else the host's (sync runs).
    if (JOB_CALLS.has(method)) return pool.jobOwner.has(jobIdOf(input) ?? '');
    return true;
  }

  /** The reader that owns the job, else the least loaded (calls in flight and jobs it is running). */
  private pick(method: string, input: unknown): Reader {
    const owner = JOB_CALLS.has(method) ? this.jobOwner.get(jobIdOf(input) ?? '') : undefined;
    if (owner) return owner;
    return this.readers.reduce((a, b) => (b.inFlight + b.jobs.size < a.inFlight + a.jobs.size ? b : a));
  }

  async call(method: string, input: unknown, ctx: CoreCallContext): Promise<CoreResponse> {
    const reader = this.pick(method, input);
    reader.inFlight++;
    try {
      const res = await reader.client.call(method, input, ctx);
      this.noteJob(reader, method, res);
      return res;
    } finally {
      reader.inFlight--;
    }
  }

  private noteJob(reader: Reader, method: string, res: CoreResponse): void {
    if (!res.ok) return;
    const job = res.data as { id?: unknown; state?: unknown } | null;
    if (!job || typeof job.id !== 'string') return;
    if (JOB_STARTS.has(method)) this.jobOwner.set(job.id, reader);
    if (job.state === 'running' && (JOB_STARTS.has(method) || JOB_CALLS.has(method))) reader.jobs.add(job.id);
    else reader.jobs.delete(job.id);
    // The map forgets old jobs the way the reader's own job list does.
    if (this.jobOwner.size > 200) for (const id of [...this.jobOwner.keys()].slice(0, 100)) this.jobOwner.delete(id);
  }

  /** After the file was replaced under the host (workshop reset): fresh connections to the new file. */
  async restart(): Promise<void> {
    // Meanwhile the host answers reads itself (no readers: `answers` says no).
    const old = this.readers;
    this.readers = [];
    this.jobOwner.clear();
    await Promise.all(old.map((r) => r.client.close()));
    await this.start();
  }

  async close(): Promise<void> {
    // Readers still starting are closed too once they are up.
    await this.starting?.catch(() => undefined);
    await Promise.all(this.readers.map((r) => r.client.close()));
    this.readers = [];
  }
}

/**
 * One call of a host with readers: a read they answer goes to them, anything else to the host's own
 * connection (`onWriter`). After a workshop reset the file was replaced, so the readers reconnect.
 */
export async function routeCall(
  readers: ReaderPool | null,
  method: string,
  input: unknown,
  ctx: CoreCallContext,
  onWriter: () => CoreResponse | Promise<CoreResponse>,
): Promise<CoreResponse> {
  if (readers && ReaderPool.answers(method, input, readers)) return readers.call(method, input, ctx);
  const result = await onWriter();
  if (method === 'workshop.reset' && result.ok) await readers?.restart();
  return result;
}
