// Backup and restore through the API (the backup/restore buttons of the settings screen). Every file
// lives in the app's backups folder under a name the app gives it; callers name backups, never paths.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors';
import {
  backupName,
  backupsDir,
  checkBackupFile,
  createBackup,
  listBackups,
  restoreIntoLive,
  rotateBackups,
} from '../../store/backup';
import type { PartialHandlers, ServiceContext } from '../core';

function needsFile(ctx: ServiceContext): void {
  if (ctx.dbPath === ':memory:') throw new AppError('RESTORE_IN_MEMORY');
}

/** The file of a listed backup: the name is checked by the schema; it must also be in the list. */
function backupFile(ctx: ServiceContext, name: string): string {
  needsFile(ctx);
  const found = listBackups(ctx.dbPath).find((b) => b.name === name);
  if (!found) throw new AppError('BACKUP_FILE_MISSING', { file: name }, { status: 404 });
  return found.file;
}

export const backupHandlers: PartialHandlers = {
  'backup.list': (_p, ctx) => ({
    folder: backupsDir(ctx.dbPath),
    backups: ctx.dbPath === ':memory:' ? [] : listBackups(ctx.dbPath),
  }),
  'backup.create': (_p, ctx) => {
    needsFile(ctx);
    const dest = path.join(backupsDir(ctx.dbPath), backupName(ctx.dbPath, 'manual', ctx.clock));
    return createBackup(ctx.db, dest, 'manual', ctx.clock);
  },
  'backup.check': (p, ctx) => checkBackupFile(backupFile(ctx, p.name), ctx.lang),
  'backup.download': (p, ctx) => {
    const buf = fs.readFileSync(backupFile(ctx, p.name));
    return { fileName: p.name, mimeType: 'application/vnd.sqlite3', base64: buf.toString('base64'), bytes: buf.length };
  },
  'backup.upload': (p, ctx) => {
    needsFile(ctx);
    const dir = backupsDir(ctx.dbPath);
    fs.mkdirSync(dir, { recursive: true });
    const part = path.join(dir, `.upload-${process.pid}-${Date.now()}.db`);
    try {
      fs.writeFileSync(part, Buffer.from(p.base64, 'base64'));
      const check = checkBackupFile(part, ctx.lang);
      if (!check.ok) return { ...check, file: '', name: null };
      // A checked upload is kept as a manual copy, so it is listed and can be restored by name.
      const dest = path.join(dir, backupName(ctx.dbPath, 'manual', ctx.clock));
      let target = dest;
      for (let i = 2; fs.existsSync(target); i++) target = dest.replace(/\.db$/, `-${i}.db`);
      fs.renameSync(part, target);
      return { ...check, file: target, name: path.basename(target) };
    } finally {
      fs.rmSync(part, { force: true });
    }
  },
  'backup.restore': (p, ctx) => {
    const from = backupFile(ctx, p.name);
    const { safetyBackup } = restoreIntoLive(ctx.db, ctx.dbPath, from, ctx.clock);
    rotateBackups(ctx.dbPath);
    return { restoredFrom: p.name, safetyBackup };
  },
};
