// `nguongoc label`, `nguongoc print`, `nguongoc printers`, `nguongoc print-log`, `nguongoc print-retry`: the same
// API, renderer and queue as the app.
import fs from 'node:fs';
import path from 'node:path';
import { Option } from 'commander';
import type { Core } from '../../core';
import { AppError } from '../../../shared/api/errors';
import type { Lang } from '../../../shared/i18n/messages';
import type { LabelProblemView, PrintJob } from '../../../shared/api/labels';
import { todayLocal } from '../../clock';
import { labelsPdf } from '../../labels/pdf';
import { bitmapToPng } from '../../labels/render';
import { jobBytes, jobLabels, type JobSpec } from '../../printing/job';
import { whenSettled } from '../../printing/queue';
import { listInstalledPrinters } from '../../printing/transports';
import { dataCommand, CliExit, EXIT_DOMAIN, UsageError, type CliEnv, type CommandModule } from './program';

const cliUser = () => process.env.USERNAME || process.env.USER || 'cli';
const DEFAULT_TEMPLATE = 'food-50x30';

function intOpt(v: string | undefined, name: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name}: ${min}–${max}`);
  return n;
}

const REASON_HELP =
  "lý do của chủ cơ sở khi lô đang tạm giữ, thu hồi hoặc hết hạn (ghi nhật ký) / the owner's reason when the lot is held, recalled or expired (audited)";
const SSCC_HELP =
  'SSCC của thùng (18 số); để trống: ứng dụng cấp số tiếp theo từ mã doanh nghiệp GS1 / the carton SSCC (18 digits); without a value the app allocates the next one from the GS1 company prefix';
/** `--sscc` with a value: that SSCC (checked by the API); alone: the next one, allocated once. */
const ssccOpt = (opts: { sscc?: string | boolean }) =>
  opts.sscc === undefined ? {} : { sscc: opts.sscc === true ? ('next' as const) : String(opts.sscc) };

/** `--reason` is the owner's override for a held, recalled or expired lot. */
const overrideOpt = (opts: { reason?: string }) => (opts.reason ? { override: { reason: String(opts.reason) } } : {});

function printProblems(env: CliEnv, problems: LabelProblemView[], lang: Lang): void {
  for (const p of problems)
    env.io.err(
      `${p.severity === 'error' ? (lang === 'en' ? 'Error' : 'Lỗi') : lang === 'en' ? 'Warning' : 'Cảnh báo'} [${p.code}]: ${p.message}`,
    );
}

function jobLine(j: PrintJob, lang: Lang): string {
  const status =
    lang === 'en'
      ? j.status
      : { queued: 'chờ in', sending: 'đang gửi', done: 'đã in', failed: 'lỗi', cancelled: 'đã huỷ' }[j.status];
  return `#${j.id} ${j.createdAt.slice(0, 16).replace('T', ' ')} ${j.user} · ${j.lotCode ?? '-'} · ${j.templateName} · ${j.copies} · ${j.printerName ?? j.printerUri} (${j.language}) · ${status}${j.sscc ? ` · SSCC ${j.sscc}` : ''}${j.error ? ` — ${j.error.message}` : ''}`;
}

export const labelCommands: CommandModule = (program, env) => {
  dataCommand(
    program
      .command('label')
      .description('tạo tem cho một lô ra tệp (ảnh, PDF hoặc lệnh máy in) / render a lot label to a file')
      .argument('<lot-code>', 'mã lô, hoặc MÃ-SẢN-PHẨM/MÃ-LÔ / lot code')
      .option('--template <name>', 'mẫu tem / label template', DEFAULT_TEMPLATE)
      .addOption(
        new Option('--format <format>', 'định dạng / output format')
          .choices(['png', 'pdf', 'tspl', 'zpl', 'escpos'])
          .makeOptionMandatory(),
      )
      .addOption(
        new Option('--dpi <dpi>', 'độ phân giải (mặc định 203; PDF: 300) / resolution (default 203; PDF: 300)').choices(
          ['203', '300'],
        ),
      )
      .option('--copies <n>', 'số tem / copies', '1')
      .option('--serial-from <n>', 'số sê-ri đầu tiên / first serial number')
      .option('--reason <text>', REASON_HELP)
      .option('--sscc [sscc]', SSCC_HELP)
      .requiredOption('--out <file>', 'tệp ra / output file'),
  ).action(async (code: string, opts) => {
    const lang = env.lang(opts);
    // A PDF goes to an office printer (300/600 dpi): 300 keeps small text sharp there.
    const dpi = Number(opts.dpi ?? (opts.format === 'pdf' ? 300 : 203));
    const copies = intOpt(opts.copies, '--copies', 1, 10000) ?? 1;
    const serialFrom = intOpt(opts.serialFrom, '--serial-from', 0, 1e12);
    await env.withCore(
      opts,
      async (core: Core) => {
        const ctx = { lang, user: cliUser() };
        const info = core.run('labels.template', { ref: opts.template }, ctx);
        const preview = core.run(
          'labels.preview',
          {
            lot: code,
            template: info.ref,
            dpi: dpi as 203 | 300,
            serial: serialFrom,
            checkOnly: true,
            // Checked with the number an allocation would give; allocated only once the label passes.
            ...(opts.sscc === true
              ? { sscc: core.run('labels.nextSscc', {}, ctx).sscc }
              : opts.sscc !== undefined
                ? { sscc: String(opts.sscc) }
                : {}),
          },
          ctx,
        );
        printProblems(env, preview.problems, lang);
        if (!preview.ok) throw new CliExit(EXIT_DOMAIN);
        core.run('labels.checkLot', { lot: code, format: opts.format, ...overrideOpt(opts) }, ctx);
        const data =
          opts.sscc === true ? { ...preview.data, sscc: core.run('labels.allocateSscc', {}, ctx).sscc } : preview.data;
        const spec: JobSpec = {
          template: info.template,
          data,
          language:
            opts.format === 'tspl' || opts.format === 'zpl' || opts.format === 'escpos' ? opts.format : 'driver',
          profile: {
            dpi,
            widthMm: info.template.widthMm,
            heightMm: info.template.heightMm,
            media: 'gap',
            gapMm: 2,
            darkness: 8,
            speed: 4,
          },
          offsetXMm: 0,
          offsetYMm: 0,
          copies,
          serialFrom: serialFrom ?? null,
          today: todayLocal(),
        };
        let out: Buffer;
        if (opts.format === 'png') out = bitmapToPng(jobLabels({ ...spec, copies: 1 }).next().value as never);
        else if (opts.format === 'pdf') out = await labelsPdf(info.template, jobLabels(spec), spec.today);
        else {
          if (info.template.sheet) throw new AppError('LABEL_SHEET_NEEDS_PDF', {});
          out = Buffer.concat([...jobBytes(spec)]);
        }
        fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
        fs.writeFileSync(opts.out, out);
        env.print(
          opts,
          {
            file: path.resolve(opts.out),
            format: opts.format,
            bytes: out.length,
            dpi,
            widthDots: preview.widthDots,
            heightDots: preview.heightDots,
            copies,
            sscc: data.sscc ?? null,
            problems: preview.problems,
          },
          () =>
            `${path.resolve(opts.out)} (${opts.format}, ${out.length} B, ${preview.widthDots}×${preview.heightDots} ${lang === 'en' ? 'dots' : 'điểm'} @ ${dpi} dpi)${data.sscc ? ` SSCC ${data.sscc}` : ''}`,
        );
      },
      { mustExist: true },
    );
  });

  dataCommand(program.command('print').description('in tem cho một lô ra máy in / print lot labels'))
    .argument('<lot-code>', 'mã lô, hoặc MÃ-SẢN-PHẨM/MÃ-LÔ / lot code, or PRODUCT-CODE/LOT-CODE')
    .requiredOption(
      '--printer <uri>',
      'máy in đã lưu (tên) hoặc địa chỉ tcp://IP:9100, file:…, cups:…, windows:…, driver:… / a saved printer (name) or an address tcp://IP:9100, file:…, cups:…, windows:…, driver:…',
    )
    .addOption(
      new Option(
        '--printer-language <language>',
        'lệnh máy in khi máy in chưa được lưu / printer command language when the printer is not saved',
      ).choices(['tspl', 'zpl', 'escpos']),
    )
    .addOption(new Option('--dpi <dpi>', 'độ phân giải / resolution').choices(['203', '300']))
    .option('--template <name>', 'mẫu tem / label template', DEFAULT_TEMPLATE)
    .option('--copies <n>', 'số tem / copies', '1')
    .option('--serial-from <n>', 'số sê-ri đầu tiên / first serial number')
    .option('--reason <text>', REASON_HELP)
    .option('--sscc [sscc]', SSCC_HELP)
    .action(async (code: string, opts) => {
      const lang = env.lang(opts);
      const copies = intOpt(opts.copies, '--copies', 1, 10000) ?? 1;
      const serialFrom = intOpt(opts.serialFrom, '--serial-from', 0, 1e12);
      await env.withCore(
        { db: opts.db },
        async (core: Core) => {
          const ctx = { lang, user: cliUser() };
          // The saved profile (language, dpi, offsets, darkness) wins. A bare URI typed at the owner's own shell
          // becomes a profile first (with --printer-language, TSPL by default): prints always go to a profile.
          const saved =
            core.run('printers.list', {}, ctx).find((p) => p.name === opts.printer || p.uri === opts.printer) ??
            core.run(
              'printers.save',
              {
                name: String(opts.printer).slice(0, 100),
                uri: opts.printer,
                language: opts.printerLanguage ?? 'tspl',
                dpi: 203,
              },
              ctx,
            );
          let job: PrintJob;
          try {
            job = core.run(
              'print.submit',
              {
                lot: code,
                template: opts.template,
                printerId: saved.id,
                ...(opts.dpi ? { dpi: Number(opts.dpi) as 203 | 300 } : {}),
                copies,
                serialFrom,
                ...overrideOpt(opts),
                ...ssccOpt(opts),
              },
              ctx,
            );
          } catch (err) {
            if (err instanceof AppError && err.code === 'LABEL_CHECK_FAILED') {
              printProblems(env, (err.details?.problems as LabelProblemView[]) ?? [], lang);
              throw new CliExit(EXIT_DOMAIN);
            }
            throw err;
          }
          printProblems(env, job.warnings, lang);
          await whenSettled(job.id);
          const done = core.run('print.job', { id: job.id }, ctx);
          env.print(opts, done, () => jobLine(done, lang));
          if (done.status !== 'done') throw new CliExit(EXIT_DOMAIN);
        },
        { mustExist: true },
      );
    });

  dataCommand(
    program.command('printers').description('danh sách máy in đã cài và đã lưu / installed and saved printers'),
  ).action(async (opts) => {
    const lang = env.lang(opts);
    const installed = await listInstalledPrinters();
    let saved: unknown[] = [];
    if (opts.db || process.env.NGUONGOC_DB) {
      saved = await env.withCore(opts, (core: Core) => core.run('printers.list', {}, { lang, user: cliUser() }), {
        mustExist: true,
      });
    }
    env.print(opts, { installed, saved }, () => {
      const lines = [lang === 'en' ? 'Installed printers:' : 'Máy in đã cài:'];
      if (!installed.length) lines.push(lang === 'en' ? '  (none found)' : '  (không thấy máy in nào)');
      for (const p of installed) lines.push(`  ${p.uri}${p.isDefault ? ' *' : ''}`);
      if (saved.length) {
        lines.push(lang === 'en' ? 'Saved printers:' : 'Máy in đã lưu:');
        for (const p of saved as { name: string; uri: string; language: string; dpi: number }[])
          lines.push(`  ${p.name}: ${p.uri} (${p.language}, ${p.dpi} dpi)`);
      }
      return lines.join('\n');
    });
  });

  dataCommand(
    program
      .command('print-log')
      .description('nhật ký in tem / print log')
      .addOption(
        new Option('--status <status>', 'lọc theo trạng thái / filter').choices([
          'queued',
          'sending',
          'done',
          'failed',
          'cancelled',
        ]),
      )
      .option('--limit <n>', 'số dòng / rows', '50'),
  ).action(async (opts) => {
    const lang = env.lang(opts);
    await env.withCore(
      opts,
      (core: Core) => {
        const r = core.run(
          'print.jobs',
          { status: opts.status, limit: intOpt(opts.limit, '--limit', 1, 1000) },
          { lang, user: cliUser() },
        );
        env.print(
          opts,
          r,
          () =>
            r.items.map((j) => jobLine(j, lang)).join('\n') ||
            (lang === 'en' ? 'No print jobs.' : 'Chưa có lệnh in nào.'),
        );
      },
      { mustExist: true },
    );
  });

  dataCommand(
    program
      .command('print-retry')
      .description('gửi lại một lệnh in bị lỗi / retry a failed print job')
      .argument('<job-id>', 'số lệnh in / job number')
      .option('--again', 'in thêm lần nữa cả khi đã in xong / print again even if it printed')
      .option('--reason <text>', REASON_HELP),
  ).action(async (jobId: string, opts) => {
    const lang = env.lang(opts);
    await env.withCore(
      opts,
      async (core: Core) => {
        const ctx = { lang, user: cliUser() };
        const job = core.run(
          'print.retry',
          { id: intOpt(jobId, 'job-id', 1, 1e12) as number, again: !!opts.again, ...overrideOpt(opts) },
          ctx,
        );
        await whenSettled(job.id);
        const done = core.run('print.job', { id: job.id }, ctx);
        env.print(opts, done, () => jobLine(done, lang));
        if (done.status !== 'done') throw new CliExit(EXIT_DOMAIN);
      },
      { mustExist: true },
    );
  });
};
