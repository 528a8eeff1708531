// Backup and restore through the API (the backup/restore buttons of the settings screen).
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors';
import {
  assertRestorable,
  backupName,
  backupsDir,
  checkBackupFile,
  createBackup,
  listBackups,
  replaceDatabaseFile,
  rotateBackups,
} from '../../store/backup';
import type { PartialHandlers } from '../core';

export const backupHandlers: PartialHandlers = {
  'backup.list': (_p, ctx) => ({
    folder: backupsDir(ctx.dbPath),
    backups: ctx.dbPath === ':memory:' ? [] : listBackups(ctx.dbPath),
  }),
  'backup.create': (p, ctx) => {
    if (ctx.dbPath === ':memory:' && !p.folder) throw new AppError('RESTORE_IN_MEMORY');
    const folder = p.folder ? path.resolve(p.folder) : backupsDir(ctx.dbPath);
    if (p.folder && (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()))
      throw new AppError('BACKUP_FILE_MISSING', { file: folder }, { status: 404 });
    const info = createBackup(
      ctx.db,
      path.join(folder, backupName(ctx.dbPath === ':memory:' ? 'nguongoc.db' : ctx.dbPath, 'manual', ctx.clock)),
      'manual',
      ctx.clock,
    );
    return info;
  },
  'backup.check': (p, ctx) => checkBackupFile(path.resolve(p.file), ctx.lang),
  'backup.restore': (p, ctx) => {
    const from = path.resolve(p.file);
    if (!ctx.replaceDatabase || ctx.dbPath === ':memory:') throw new AppError('RESTORE_IN_MEMORY');
    if (from === path.resolve(ctx.dbPath)) throw new AppError('BAD_REQUEST');
    assertRestorable(from);
    // First a copy of today's data, so a wrong restore can itself be undone.
    const safetyBackup = createBackup(
      ctx.db,
      path.join(backupsDir(ctx.dbPath), backupName(ctx.dbPath, 'restore', ctx.clock)),
      'restore',
      ctx.clock,
    );
    ctx.replaceDatabase(() => replaceDatabaseFile(from, ctx.dbPath));
    rotateBackups(ctx.dbPath);
    return { restoredFrom: from, safetyBackup };
  },
};
