// Backups and restore. Copies live in the app's "backups" folder next to the database and are named
// there by the app: no caller names a path on the PC. A copy leaves the PC as a download (the browser's
// or the desktop shell's save dialog); a copy from elsewhere (a USB stick) comes in as an upload.
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

/** A backup's file name inside the backups folder, as backup.list gives it: never a path. */
export const BACKUP_NAME_RE = /^[\w.-]+-(daily|migration|update|restore|manual)-\d{8}-\d{6}(?:-\d+)?\.db$/;
const backupName = z
  .string({ error: 'REQUIRED' })
  .trim()
  .min(1, { error: 'REQUIRED' })
  .max(200, { error: 'TOO_LONG' })
  .regex(BACKUP_NAME_RE, { error: 'BACKUP_NAME_INVALID' });
const byName = z.object({ name: backupName }).strict();

/** An uploaded copy: base64 of the .db file (a shop's database is a few MB to a few tens of MB). */
export const BACKUP_UPLOAD_MAX_MB = 200;

export const backupMethods = {
  'backup.list': method(z.object({}).strict(), 'read').returns<{ folder: string; backups: BackupInfo[] }>(),
  /** A copy now into the backups folder. Reads only: no transaction. */
  'backup.create': method(z.object({}).strict(), 'read').returns<BackupInfo>(),
  'backup.check': method(byName, 'read').returns<BackupCheck>(),
  /** A copy as a download (to keep on a USB stick). */
  'backup.download': method(byName, 'read').returns<{
    fileName: string;
    mimeType: string;
    base64: string;
    bytes: number;
  }>(),
  /** A copy from elsewhere, checked, then kept in the backups folder under a name the app gives it. */
  'backup.upload': method(
    z
      .object({
        base64: z
          .string({ error: 'REQUIRED' })
          .min(1, { error: 'REQUIRED' })
          .max(Math.ceil((BACKUP_UPLOAD_MAX_MB * 1024 * 1024 * 4) / 3), { error: 'FILE_TOO_LARGE' })
          .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: 'INVALID' }),
      })
      .strict(),
    'read',
  ).returns<BackupCheck & { name: string | null }>(),
  /** Writes a checked copy from the backups folder into the live database after backing up the current
   * one, in one write transaction that every open connection respects ('read' here means the core opens
   * no transaction of its own; permissions make it owner-only). */
  'backup.restore': method(byName, 'read').returns<RestoreResult>(),
};
