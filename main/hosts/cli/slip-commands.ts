// `nguongoc print-slip <shipment>`: a shipment's delivery slip to a receipt printer (a saved profile, or an
// address typed at the owner's own shell, which becomes a receipt-printer profile first), or to a file: the raw
// ESC/POS bytes or the PNG of the dots that print.
import fs from 'node:fs';
import path from 'node:path';
import { Option } from 'commander';
import type { Core } from '../../core';
import { AppError } from '../../../shared/api/errors';
import type { Lang } from '../../../shared/i18n/messages';
import type { PrintJob } from '../../../shared/api/labels';
import { SLIP_CODES, type SlipCode, type SlipPaper } from '../../../shared/labels/slip';
import { renderSlip } from '../../labels/slip';
import { receiptBytes, type ReceiptCommandSet } from '../../printing/receipt';
import { whenSettled } from '../../printing/queue';
import { dataCommand, CliExit, EXIT_DOMAIN, UsageError, type CliEnv, type CommandModule } from './program';

const cliUser = () => process.env.USERNAME || process.env.USER || 'cli';
type Ctx = { lang: Lang; user: string };

/** A shipment by its document number (as printed on the slip) or its id. */
function findShipment(core: Core, ref: string, ctx: Ctx): number {
  const byRef = core
    .run('shipments.list', { search: ref, limit: 50 }, ctx)
    .items.filter((s) => s.documentRef === ref || `#${s.id}` === ref);
  if (byRef.length === 1) return byRef[0].id;
  const id = Number(ref.replace(/^#/, ''));
  if (Number.isInteger(id) && id > 0) return core.run('shipments.get', { id }, ctx).id;
  throw new AppError('NOT_FOUND', { entity: 'shipment', id: ref }, { status: 404 });
}

const slipCode = (opts: Record<string, string>): SlipCode => (opts.code ?? 'datamatrix') as SlipCode;

function jobLine(j: PrintJob, lang: Lang): string {
  const status =
    lang === 'en'
      ? j.status
      : { queued: 'chờ in', sending: 'đang gửi', done: 'đã in', failed: 'lỗi', cancelled: 'đã huỷ' }[j.status];
  return `#${j.id} · ${j.templateName} · ${j.printerName ?? j.printerUri} · ${j.bytes ?? 0} B · ${status}${j.error ? ` — ${j.error.message}` : ''}`;
}

async function toPrinter(core: Core, env: CliEnv, shipmentId: number, opts: Record<string, string>, ctx: Ctx) {
  const saved =
    core.run('printers.list', {}, ctx).find((p) => p.name === opts.printer || p.uri === opts.printer) ??
    core.run(
      'printers.save',
      {
        name: String(opts.printer).slice(0, 100),
        uri: opts.printer,
        language: 'escpos',
        dpi: 203,
        kind: 'receipt',
        paperWidthMm: Number(opts.paper ?? 80) as SlipPaper,
        commandSet: (opts.commands ?? 'epson') as ReceiptCommandSet,
      },
      ctx,
    );
  const job = core.run('print.slip', { shipmentId, printerId: saved.id, code: slipCode(opts) }, ctx);
  await whenSettled(job.id);
  const done = core.run('print.job', { id: job.id }, ctx);
  env.print(opts, done, () => jobLine(done, ctx.lang));
  if (done.status !== 'done') throw new CliExit(EXIT_DOMAIN);
}

function toFile(core: Core, env: CliEnv, shipmentId: number, opts: Record<string, string>, ctx: Ctx) {
  const paper = Number(opts.paper ?? 80) as SlipPaper;
  const code = slipCode(opts);
  const preview = core.run('print.slipPreview', { shipmentId, paperWidthMm: paper, code }, ctx);
  const format = opts.format ?? 'escpos';
  const out =
    format === 'png'
      ? Buffer.from(preview.png.split(',')[1], 'base64')
      : Buffer.concat([
          ...receiptBytes(renderSlip(preview.data, { paper, dpi: preview.dpi, lang: ctx.lang, code }).bitmap, {
            commandSet: (opts.commands ?? 'epson') as ReceiptCommandSet,
            cut: 'partial',
            beep: false,
            cashDrawer: false,
          }),
        ]);
  fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
  fs.writeFileSync(opts.out, out);
  const file = path.resolve(opts.out);
  env.print(
    opts,
    {
      file,
      format,
      bytes: out.length,
      widthDots: preview.widthDots,
      heightDots: preview.heightDots,
      lines: preview.lines,
    },
    () =>
      `${file} (${format}, ${out.length} B, ${preview.widthDots}×${preview.heightDots} ${ctx.lang === 'en' ? 'dots' : 'điểm'} @ ${preview.dpi} dpi)`,
  );
}

export const slipCommands: CommandModule = (program, env) => {
  dataCommand(
    program
      .command('print-slip')
      .description('in phiếu giao hàng của một lần xuất hàng ra máy in hoá đơn / print a shipment’s delivery slip')
      .argument('<shipment>', 'số chứng từ của phiếu xuất, hoặc số thứ tự / shipment document number or id')
      .option(
        '--printer <uri>',
        'máy in hoá đơn đã lưu (tên) hoặc địa chỉ tcp://IP:9100, file:…, cups:…, windows:… / a saved receipt printer (name) or an address',
      )
      .addOption(new Option('--paper <mm>', 'khổ giấy / paper width (mm)').choices(['58', '80']))
      .addOption(new Option('--commands <set>', 'lệnh của máy in / printer command set').choices(['epson', 'star']))
      .addOption(
        new Option(
          '--code <code>',
          'mã trên từng dòng: GS1 DataMatrix, hoặc QR mang đường dẫn GS1 Digital Link của lô / the code on each line',
        )
          .choices([...SLIP_CODES])
          .default('datamatrix'),
      )
      .option('--out <file>', 'ghi ra tệp thay vì in / write to a file instead of printing')
      .addOption(new Option('--format <format>', 'định dạng tệp / file format').choices(['escpos', 'png'])),
  ).action(async (ref: string, opts) => {
    const lang = env.lang(opts);
    if (!opts.printer === !opts.out) throw new UsageError('--printer <uri> | --out <file>');
    await env.withCore(
      opts,
      async (core: Core) => {
        const ctx = { lang, user: cliUser() };
        const id = findShipment(core, ref, ctx);
        if (opts.out) toFile(core, env, id, opts, ctx);
        else await toPrinter(core, env, id, opts, ctx);
      },
      { mustExist: true },
    );
  });
};
