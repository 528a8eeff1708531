// Delivery slips: a shipment's slip as the customer receives it (header, customer, each line with its GS1
// DataMatrix or Digital Link QR), previewed as the PNG of the dots that print, and printed to a saved receipt-printer profile
// through the print queue (main/printing/queue.ts sends it after the transaction commits).
import { AppError } from '../../../shared/api/errors';
import { gs1ErrorMessage } from '../../../shared/gs1';
import { fullAddress } from '../../../shared/labels/fields';
import { slipLineCode, SLIP_WORDS, type SlipCode, type SlipData, type SlipPaper } from '../../../shared/labels/slip';
import type { Printer } from '../../../shared/api/labels';
import type { PartialHandlers, ServiceContext } from '../core';
import { nowIso } from '../../clock';
import { bitmapToPng } from '../../labels/render';
import { renderSlip } from '../../labels/slip';
import type { SlipJobSpec } from '../../printing/job';
import { scheduleJob } from '../../printing/queue';
import { parsePrinterUri } from '../../printing/transports';
import { appFolder } from '../../store/folders';
import { jobView, loadJob, loadPrinter } from './labels';
import { shipmentView } from './shipments';

type Row = Record<string, unknown>;

/** What a shipment's slip says, from the records as they are now; every line's `code` checked. */
export function slipData(ctx: ServiceContext, shipmentId: number, code: SlipCode): SlipData {
  const s = shipmentView(ctx, shipmentId);
  const b = ctx.db
    .prepare('SELECT name, tax_code, address, ward, province, digital_link_domain FROM business WHERE id = 1')
    .get() as Row | undefined;
  const customer = s.customerId
    ? (ctx.db.prepare('SELECT name, address FROM partners WHERE id = ?').get(s.customerId) as Row)
    : null;
  const d: SlipData = {
    business: {
      name: String(b?.name ?? ''),
      taxCode: String(b?.tax_code ?? ''),
      address: b
        ? fullAddress({
            name: String(b.name),
            address: String(b.address),
            ward: (b.ward as string | null) ?? null,
            province: (b.province as string | null) ?? null,
          })
        : '',
      digitalLinkDomain: (b?.digital_link_domain as string | null) ?? null,
    },
    number: s.documentRef ?? `#${s.id}`,
    date: s.date,
    customer: customer ? { name: String(customer.name), address: (customer.address as string | null) ?? null } : null,
    destination: s.kind === 'transfer' ? s.toLocationName : null,
    lines: s.lines
      .filter((l) => l.qty > 0)
      .map((l) => ({
        productName: l.productName,
        gtin: l.gtin,
        lotCode: l.lotCode,
        qty: l.qty,
        unit: l.unit,
        expiryDate: l.expiryDate,
      })),
  };
  checkSlip(ctx, d, code);
  return d;
}

/** Every line with a GTIN must give a valid code: a slip whose code scans wrong is worse than none. */
function checkSlip(ctx: ServiceContext, d: SlipData, kind: SlipCode): void {
  if (!d.lines.length) throw new AppError('SLIP_EMPTY', {}, { status: 409 });
  d.lines.forEach((l, i) => {
    const code = slipLineCode(l, kind, d.business.digitalLinkDomain);
    if (code && !code.ok)
      throw new AppError(
        'SLIP_LINE_CODE',
        { line: i + 1, product: l.productName, detail: gs1ErrorMessage(code.errors[0], ctx.lang) },
        { status: 422 },
      );
  });
}

function receiptPrinter(ctx: ServiceContext, id: number): Printer & { paperWidthMm: SlipPaper } {
  const p = loadPrinter(ctx, id);
  if (p.kind !== 'receipt' || !p.paperWidthMm)
    throw new AppError(
      'SLIP_NOT_RECEIPT_PRINTER',
      { printer: p.name },
      { status: 422, fields: [{ path: 'printerId', code: 'SLIP_NOT_RECEIPT_PRINTER', params: { printer: p.name } }] },
    );
  return p as Printer & { paperWidthMm: SlipPaper };
}

function printSlip(
  ctx: ServiceContext,
  input: { shipmentId: number; printerId: number; code: SlipCode; requestKey?: string },
): ReturnType<typeof jobView> {
  if (input.requestKey) {
    const prior = ctx.db.prepare('SELECT id FROM print_jobs WHERE request_key = ?').get(input.requestKey) as
      { id: number } | undefined;
    if (prior) return jobView(loadJob(ctx, prior.id), ctx.lang);
  }
  const p = receiptPrinter(ctx, input.printerId);
  const uri = parsePrinterUri(p.uri, appFolder(ctx.dbPath, 'prints'));
  const slip = slipData(ctx, input.shipmentId, input.code);
  const spec: SlipJobSpec = {
    kind: 'slip',
    slip,
    code: input.code,
    paper: p.paperWidthMm,
    dpi: p.dpi,
    lang: ctx.lang,
    language: p.language === 'driver' ? 'driver' : 'escpos',
    receipt: { commandSet: p.commandSet, cut: p.cut, beep: p.beep, cashDrawer: p.cashDrawer },
  };
  const r = ctx.db
    .prepare(
      `INSERT INTO print_jobs (created_at, user, template_ref, template_name, printer_id, printer_name, printer_uri, language, dpi, copies, status, spec, request_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 'queued', ?, ?)`,
    )
    .run(
      nowIso(ctx.clock),
      ctx.user,
      `slip:${p.paperWidthMm}`,
      `${SLIP_WORDS[ctx.lang].slipName} ${slip.number}`,
      p.id,
      p.name,
      uri.kind === 'tcp' ? `tcp://${uri.host}:${uri.port}` : p.uri,
      spec.language,
      p.dpi,
      JSON.stringify(spec),
      input.requestKey ?? null,
    );
  const id = Number(r.lastInsertRowid);
  ctx.db.prepare('INSERT INTO print_job_shipments (job_id, shipment_id) VALUES (?, ?)').run(id, input.shipmentId);
  scheduleJob(ctx.db, id, ctx.clock);
  return jobView(loadJob(ctx, id), ctx.lang);
}

export const slipHandlers: PartialHandlers = {
  'print.slipPreview': (input, ctx) => {
    const p = input.printerId ? receiptPrinter(ctx, input.printerId) : null;
    const paper: SlipPaper = p?.paperWidthMm ?? input.paperWidthMm ?? 80;
    const dpi = p?.dpi ?? 203;
    const slip = slipData(ctx, input.shipmentId, input.code);
    const r = renderSlip(slip, { paper, dpi, lang: ctx.lang, code: input.code });
    return {
      png: `data:image/png;base64,${bitmapToPng(r.bitmap).toString('base64')}`,
      dpi,
      paperWidthMm: paper,
      widthDots: r.bitmap.width,
      heightDots: r.bitmap.height,
      widthMm: r.widthMm,
      heightMm: r.heightMm,
      code: input.code,
      lines: slip.lines.map((l) => {
        const c = slipLineCode(l, input.code, slip.business.digitalLinkDomain);
        return { productName: l.productName, lotCode: l.lotCode, code: c?.ok ? c.hri : null };
      }),
      data: slip,
    };
  },
  'print.slip': (input, ctx) => printSlip(ctx, input),
};
