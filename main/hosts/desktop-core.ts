// The desktop app's core: the core worker (its own thread, the only connection that writes) and, beside it,
// readers on their own connections, as `nguongoc serve` has them (main/hosts/reader-pool.ts). A long export
// or report then runs on one reader while the window's clicks are answered by another or by the worker.
// In plain Node (no electron import), so it is tested as the shell drives it.
import { clockFromEnv } from '../clock';
import { ReaderPool, routeCall } from './reader-pool';
import {
  CoreWorkerClient,
  type CoreCallContext,
  type CoreCaller,
  type CoreResponse,
  type CoreWorkerClientOptions,
} from './worker-client';

export type DesktopCoreOptions = CoreWorkerClientOptions & {
  /** Reader threads (0: the worker answers everything). */
  readers?: number;
};

export class DesktopCore implements CoreCaller {
  readonly writer: CoreWorkerClient;
  private readonly readers: ReaderPool | null;
  private readersStarted: Promise<void> | null = null;
  private readonly log?: (line: string) => void;

  constructor(opts: DesktopCoreOptions) {
    this.log = opts.log;
    const clock = opts.clock ?? clockFromEnv();
    this.writer = new CoreWorkerClient({ ...opts, clock });
    const size = opts.readers ?? 2;
    this.readers = size
      ? new ReaderPool({
          workerPath: opts.workerPath,
          dbPath: opts.dbPath,
          clock,
          size,
          log: opts.log,
          host: 'electron',
          secretKey: opts.secretKey,
        })
      : null;
  }

  /** Opens the database in the worker (rejects with CoreOpenError when it cannot be opened). */
  start(): Promise<void> {
    return this.writer.start();
  }

  /**
   * The readers start after the first answer, so they do not compete with the first screen; until they are
   * up, the worker answers reads itself. Resolves once they are up (for tests and diagnostics).
   */
  whenReaders(): Promise<void> {
    if (!this.readers) return Promise.resolve();
    // Without readers the app still works: the worker answers everything, as before.
    this.readersStarted ??= this.readers
      .start()
      .then(() => this.log?.(`[readers] ready`))
      .catch((err: unknown) => this.log?.(`[readers] ${err instanceof Error ? err.message : String(err)}`));
    return this.readersStarted;
  }

  async call(method: string, input: unknown, ctx: CoreCallContext = {}): Promise<CoreResponse> {
    const res = await routeCall(this.readers, method, input, ctx, () => this.writer.call(method, input, ctx));
    if (!this.readersStarted) void this.whenReaders();
    return res;
  }

  backupBeforeUpdate(): Promise<CoreResponse> {
    return this.writer.backupBeforeUpdate();
  }

  async close(): Promise<void> {
    await this.readers?.close();
    await this.writer.close();
  }
}
