// The app's own folders, beside the database file. Everything the app writes for a caller (exports,
// print-to-file output, portal packages) goes into one of these under a name the app chooses; no caller
// over HTTP or IPC names a path on the PC. A database in memory (tests) uses a folder in the temp dir.
import os from 'node:os';
import path from 'node:path';

export type AppFolder = 'exports' | 'prints' | 'portal-packages';

export function appFolder(dbPath: string, name: AppFolder): string {
  if (dbPath === ':memory:' || dbPath === '') return path.join(os.tmpdir(), 'nguongoc-memory', name);
  return path.join(path.dirname(path.resolve(dbPath)), name);
}
