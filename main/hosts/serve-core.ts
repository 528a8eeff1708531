// What `nguongoc serve` opens before it listens: the bounded start-up check (a plainly damaged file is
// refused at once, in plain words), the core on the writer connection, the background quick_check whose
// verdict every write waits for, and the readers that answer read methods on their own connections.
import path from 'node:path';
import { openCore, type Core } from '../core';
import { assertBoundedStartupCheck, IntegrityGate } from '../store/integrity';
import { ReaderPool } from './reader-pool';

export function openServeCore(
  dbPath: string,
  log: (line: string) => void,
  readerCount = 2,
): { core: Core; gate: IntegrityGate; readers: ReaderPool | null } {
  assertBoundedStartupCheck(dbPath);
  const core = openCore({ dbPath, host: 'http' });
  const gate = new IntegrityGate(dbPath, log);
  core.writeGate = gate;
  // An in-memory database is one connection's own: no readers then (nor when asked for none).
  if (dbPath === ':memory:' || readerCount === 0) return { core, gate, readers: null };
  const readers = new ReaderPool({
    workerPath: path.join(__dirname, 'core-worker.js'),
    dbPath,
    clock: core.clock,
    size: readerCount,
    log,
  });
  // Started beside the listening server: until they are ready the host answers reads itself.
  void readers
    .start()
    .then(() => log(`[readers] ${readerCount} ready`))
    .catch((err: unknown) => log(`[readers] ${err instanceof Error ? err.message : String(err)}`));
  return { core, gate, readers };
}
