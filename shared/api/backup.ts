// Backups and restore. Automatic copies live in the "backups" folder next to the database;
// the user may also copy to a folder of their choice (a USB stick) and restore from any copy.
import { z } from 'zod';
import { method } from './method';

export const BACKUP_KINDS = ['daily', 'migration', 'update', 'restore', 'manual'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];
export type BackupInfo = {
  file: string;
  name: string;
  kind: BackupKind | 'other';
  bytes: number;
  createdAt: string;
  schemaVersion: number | null;
  appVersion: string | null;
};
export type BackupCheck = {
  ok: boolean;
  file: string;
  code: string | null;
  message: string | null;
  schemaVersion: number | null;
  appVersion: string | null;
  createdAt: string | null;
  business: string | null;
};
export type RestoreResult = { restoredFrom: string; safetyBackup: BackupInfo };

const filePath = z.string({ error: 'REQUIRED' }).trim().min(1, { error: 'REQUIRED' }).max(1000, { error: 'TOO_LONG' });

export const backupMethods = {
  'backup.list': method(z.object({}).strict(), 'read').returns<{ folder: string; backups: BackupInfo[] }>(),
  /** A copy now: into the backups folder, or into `folder` (e.g. a USB stick). Reads only: no transaction. */
  'backup.create': method(z.object({ folder: filePath.optional() }).strict(), 'read').returns<BackupInfo>(),
  'backup.check': method(z.object({ file: filePath }).strict(), 'read').returns<BackupCheck>(),
  /** Replaces the database with a checked copy after backing up the current one. Swaps files, so it
   * runs outside a transaction ('read' here means "no transaction"; permissions make it owner-only). */
  'backup.restore': method(z.object({ file: filePath }).strict(), 'read').returns<RestoreResult>(),
};
