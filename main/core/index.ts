// Builds a Core over a database file with every feature's handlers.
import { Core, type HostKind, type Handlers, type PartialHandlers } from './core';
import { openDatabase, type OpenOptions } from '../store/db';
import type { Clock } from '../clock';
import { systemHandlers } from './services/system';
import { masterDataHandlers } from './services/masterdata';

/** Every feature's handlers; a missing one is a type error (the contract is complete). */
export const allHandlers = {
  ...systemHandlers,
  ...masterDataHandlers,
} as Handlers;

export function checkHandlersComplete(handlers: PartialHandlers, names: string[]): string[] {
  return names.filter((n) => !(n in handlers));
}

export type OpenCoreOptions = { dbPath: string; host: HostKind; clock?: Clock; open?: OpenOptions; log?: (line: string) => void };

export function openCore(opts: OpenCoreOptions): Core {
  const db = openDatabase(opts.dbPath, opts.open);
  return new Core({ db, dbPath: opts.dbPath, host: opts.host, clock: opts.clock, handlers: allHandlers, log: opts.log });
}

export { Core };
