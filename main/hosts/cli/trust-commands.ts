// Issue #7 commands: backup, restore, backups, import, import-template, workshop, guide.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Option } from 'commander';
import { AppError } from '../../../shared/api/errors';
import { IMPORT_KINDS, type ImportPreview } from '../../../shared/api/imports';
import { resolveDbPath } from '../../paths';
import { backupName, checkBackupFile, createBackup, listBackups, restoreFile, startupCheck } from '../../store/backup';
import { APPLICATION_ID } from '../../store/db';
import { CliExit, dataCommand, EXIT_DOMAIN, UsageError, type CommandModule } from './program';

export const trustCommands: CommandModule = (program, env) => {
  dataCommand(
    program
      .command('backup')
      .description(
        'sao lưu cơ sở dữ liệu (an toàn cả khi phần mềm đang chạy) / back up the database (safe while the app runs)',
      )
      .requiredOption('--out <file>', 'tệp hoặc thư mục đích / destination file or folder'),
  ).action((opts) => {
    const dbPath = resolveDbPath(opts.db);
    if (!fs.existsSync(dbPath))
      throw new AppError('DB_OPEN_FAILED', { path: dbPath, detail: 'không có tệp này / file not found' });
    let out = path.resolve(opts.out);
    if (fs.existsSync(out) && fs.statSync(out).isDirectory()) out = path.join(out, backupName(dbPath, 'manual'));
    else if (fs.existsSync(out))
      throw new UsageError(
        env.lang(opts) === 'en'
          ? `${out} already exists; choose a new file name or a folder.`
          : `${out} đã có; hãy chọn tên tệp mới hoặc một thư mục.`,
      );
    // Opened directly, not through the core: a backup must not migrate or otherwise touch the file.
    const db = new Database(dbPath, { fileMustExist: true });
    try {
      if ((db.pragma('application_id', { simple: true }) as number) !== APPLICATION_ID)
        throw new AppError('DB_NOT_OURS', { path: dbPath });
      db.pragma('busy_timeout = 5000');
      const info = createBackup(db, out, 'manual');
      env.print(opts, info, () =>
        env.lang(opts) === 'en'
          ? `Backed up to ${info.file} (${(info.bytes / 1e6).toFixed(1)} MB)`
          : `Đã sao lưu vào ${info.file} (${(info.bytes / 1e6).toFixed(1)} MB)`,
      );
    } finally {
      db.close();
    }
  });

  dataCommand(
    program
      .command('restore')
      .description(
        'khôi phục từ bản sao lưu (sao lưu dữ liệu hiện tại trước) / restore from a backup (backs up the current data first)',
      )
      .requiredOption('--from <file>', 'tệp sao lưu / backup file'),
  ).action((opts) => {
    const dbPath = resolveDbPath(opts.db);
    const { check, safety } = restoreFile(path.resolve(opts.from), dbPath);
    const en = env.lang(opts) === 'en';
    env.print(opts, { restoredFrom: check.file, dbPath, safetyBackup: safety }, () =>
      [
        en
          ? `Restored ${dbPath} from ${check.file} (${check.createdAt ?? '?'}${check.business ? `, ${check.business}` : ''}).`
          : `Đã khôi phục ${dbPath} từ ${check.file} (${check.createdAt ?? '?'}${check.business ? `, ${check.business}` : ''}).`,
        safety
          ? en
            ? `The data before the restore was saved to ${safety.file}`
            : `Dữ liệu trước khi khôi phục đã được lưu ở ${safety.file}`
          : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
  });

  dataCommand(
    program
      .command('backups')
      .description('liệt kê các bản sao lưu và kiểm tra tệp dữ liệu / list backups and check the data file'),
  ).action((opts) => {
    const dbPath = resolveDbPath(opts.db);
    const lang = env.lang(opts);
    const report = startupCheck(dbPath, lang);
    const backups = listBackups(dbPath);
    env.print(opts, { check: report, backups }, () =>
      [
        report.ok ? (lang === 'en' ? `Data file OK: ${dbPath}` : `Tệp dữ liệu tốt: ${dbPath}`) : report.message!,
        ...backups.map(
          (b) =>
            `${b.createdAt.slice(0, 19).replace('T', ' ')}  ${b.kind.padEnd(9)}  ${(b.bytes / 1e6).toFixed(1).padStart(7)} MB  ${b.file}`,
        ),
      ].join('\n'),
    );
    if (!report.ok) throw new CliExit(EXIT_DOMAIN);
  });

  program
    .command('check-backup')
    .description('kiểm tra một tệp sao lưu / check a backup file')
    .argument('<file>', 'tệp sao lưu / backup file')
    .addOption(new Option('--lang <lang>', 'ngôn ngữ thông báo / message language').choices(['vi', 'en']))
    .option('--json', 'in kết quả dạng JSON / print JSON')
    .action((file: string, opts) => {
      const c = checkBackupFile(path.resolve(file), env.lang(opts));
      env.print(opts, c, () => (c.ok ? `OK: ${c.file} (${c.createdAt ?? '?'}, ${c.business ?? ''})` : c.message!));
      if (!c.ok) throw new CliExit(EXIT_DOMAIN);
    });

  dataCommand(
    program
      .command('import-template')
      .description('tải tệp mẫu Excel để nhập dữ liệu / write an Excel import template')
      .addOption(new Option('--kind <kind>', 'loại / kind').choices([...IMPORT_KINDS]).makeOptionMandatory())
      .requiredOption('--out <file>', 'tệp .xlsx / output file'),
  ).action(async (opts) => {
    await env.withCore(opts, (core) => {
      const f = core.run('imports.template', { kind: opts.kind }, { lang: env.lang(opts), user: 'cli' });
      fs.writeFileSync(path.resolve(opts.out), Buffer.from(f.base64, 'base64'));
      env.print(opts, { file: path.resolve(opts.out), bytes: f.bytes }, () => path.resolve(opts.out));
    });
  });

  dataCommand(
    program
      .command('import')
      .description('nhập dữ liệu từ Excel/CSV (xem trước, rồi nhập) / import from Excel/CSV (preview, then import)')
      .addOption(new Option('--kind <kind>', 'loại / kind').choices([...IMPORT_KINDS]).makeOptionMandatory())
      .requiredOption('--file <file>', 'tệp .xlsx hoặc .csv / the file')
      .option('--dry-run', 'chỉ xem trước / preview only')
      .option('--only-valid', 'chỉ nhập các dòng đúng / import only the valid rows'),
  ).action(async (opts) => {
    const file = path.resolve(opts.file);
    if (!fs.existsSync(file)) throw new UsageError(`--file: ${file}`);
    const base64 = fs.readFileSync(file).toString('base64');
    const lang = env.lang(opts);
    const en = lang === 'en';
    await env.withCore(opts, (core) => {
      const preview: ImportPreview = core.run(
        'imports.preview',
        { kind: opts.kind, fileName: path.basename(file), base64 },
        { lang, user: 'cli' },
      );
      const lines = [
        en
          ? `${preview.rows} rows: ${preview.validRows} valid, ${preview.invalidRows} with problems.`
          : `${preview.rows} dòng: ${preview.validRows} dòng đúng, ${preview.invalidRows} dòng có lỗi.`,
        ...preview.fileProblems.map((p) => `  ${p.message}`),
        ...preview.problems
          .slice(0, 50)
          .map(
            (p) =>
              `  ${en ? 'Row' : 'Dòng'} ${p.row}${p.column ? `, ${en ? 'column' : 'cột'} "${p.column}"` : ''}: ${p.message}`,
          ),
      ];
      if (preview.problemCount > 50)
        lines.push(en ? `  … and ${preview.problemCount - 50} more` : `  … và ${preview.problemCount - 50} lỗi khác`);
      if (opts.dryRun) {
        env.print(opts, preview, () => lines.join('\n'));
        if (preview.invalidRows || preview.fileProblems.some((p) => p.code !== 'IMPORT_UNKNOWN_COLUMN'))
          throw new CliExit(EXIT_DOMAIN);
        return;
      }
      if (!opts.json) env.io.err(lines.join('\n'));
      const result = core.run(
        'imports.commit',
        { kind: opts.kind, fileName: path.basename(file), base64, onlyValid: !!opts.onlyValid },
        { lang, user: 'cli' },
      );
      env.print(opts, result, () =>
        en
          ? `Imported ${result.imported}, skipped ${result.skipped}.`
          : `Đã nhập ${result.imported}, bỏ qua ${result.skipped}.`,
      );
    });
  });

  dataCommand(
    program
      .command('workshop')
      .description(
        'tạo (hoặc làm lại) cơ sở dữ liệu đào tạo với doanh nghiệp mẫu / build (or reset) the training database',
      )
      .addOption(new Option('--scale <n>', 'số mẻ mẫu / demo batches').default('60')),
  ).action(async (opts) => {
    const dbPath = resolveDbPath(opts.db ?? path.join(path.dirname(resolveDbPath()), 'dao-tao.db'));
    const scale = Number(opts.scale);
    if (!Number.isInteger(scale) || scale < 1 || scale > 2000) throw new UsageError(`--scale: ${opts.scale}`);
    const { buildWorkshopFile, isWorkshopDb } = await import('../../core/services/workshop');
    if (fs.existsSync(dbPath)) {
      // Never wipe a real database: only an existing training database may be rebuilt.
      const db = new Database(dbPath, { readonly: true });
      let ok: boolean;
      try {
        ok = isWorkshopDb(db);
      } catch {
        ok = false;
      } finally {
        db.close();
      }
      if (!ok) throw new AppError('NOT_WORKSHOP');
    }
    buildWorkshopFile(dbPath, scale);
    const en = env.lang(opts) === 'en';
    env.print(opts, { dbPath }, () =>
      en
        ? `Training database ready: ${dbPath}\nShare it with a class: nguongoc serve --db "${dbPath}" --host 0.0.0.0`
        : `Cơ sở dữ liệu đào tạo đã sẵn sàng: ${dbPath}\nChia sẻ cho lớp học: nguongoc serve --db "${dbPath}" --host 0.0.0.0`,
    );
  });
};
