// Builds a Core over a database file with every feature's handlers.
import { Core, type HostKind, type Handlers, type PartialHandlers } from './core';
import { openDatabase, type OpenOptions } from '../store/db';
import { clockFromEnv, type Clock } from '../clock';
import { backupBeforeMigration } from '../store/backup';
import { systemHandlers } from './services/system';
import { masterDataHandlers } from './services/masterdata';
import { recordHandlers } from './services/recording';
import { traceFeatureHandlers } from './services/trace';
import { trustHandlers } from './services/trust';
import { labelHandlers } from './services/labels';
import { slipHandlers } from './services/slips';
import { syncHandlers } from './services/sync';
import { publishHandlers } from './services/publish';

/** Every feature's handlers; a missing one is a type error (the contract is complete). */
export const allHandlers = {
  ...systemHandlers,
  ...masterDataHandlers,
  ...recordHandlers,
  ...traceFeatureHandlers,
  ...trustHandlers,
  ...labelHandlers,
  ...slipHandlers,
  ...syncHandlers,
  ...publishHandlers,
} as Handlers;

export function checkHandlersComplete(handlers: PartialHandlers, names: string[]): string[] {
  return names.filter((n) => !(n in handlers));
}

export type OpenCoreOptions = {
  dbPath: string;
  host: HostKind;
  clock?: Clock;
  open?: OpenOptions;
  log?: (line: string) => void;
};

export function openCore(opts: OpenCoreOptions): Core {
  // Before a migration changes an existing file, a copy of it goes to the backups folder.
  const open: OpenOptions = { beforeMigrate: backupBeforeMigration(opts.dbPath), ...opts.open };
  const db = openDatabase(opts.dbPath, open);
  const reopen = () => openDatabase(opts.dbPath, open);
  return new Core({
    db,
    dbPath: opts.dbPath,
    host: opts.host,
    clock: opts.clock ?? clockFromEnv(),
    handlers: allHandlers,
    log: opts.log,
    reopen,
  });
}

export { Core };
