// `nguongoc trace` and `nguongoc recall`: the trace and recall scope of one or several lots, as text
// or JSON, through the same API as the app.
import fs from 'node:fs';
import path from 'node:path';
import { Option } from 'commander';
import type { Core } from '../../core';
import type { RecallScope, TracePartner, TraceResult } from '../../../shared/api/trace';
import { tw } from '../../../shared/i18n/trace';
import type { Lang } from '../../../shared/i18n/messages';
import { dataCommand, UsageError, type CommandModule } from './program';

const cliUser = () => process.env.USERNAME || process.env.USER || 'cli';
const PAGE = 50_000;

/** Every page of a trace (the API pages; the CLI lists everything). */
function traceAll(core: Core, lots: string[], direction: 'back' | 'forward' | 'both', lang: Lang): TraceResult {
  const first = core.run('trace.run', { lots, direction, limit: PAGE }, { lang, user: cliUser() });
  for (let offset = PAGE; offset < first.page.total; offset += PAGE) {
    const next = core.run('trace.run', { lots, direction, limit: PAGE, offset }, { lang, user: cliUser() });
    first.lots.push(...next.lots);
    first.links.push(...next.links);
    const known = new Set(first.partners.map((p) => p.id));
    first.partners.push(...next.partners.filter((p) => !known.has(p.id)));
  }
  return first;
}

const contact = (p: TracePartner) => ({
  name: p.name,
  phone: p.phone,
  email: p.email,
  address: p.address,
  contactPerson: p.contactPerson,
  taxCode: p.taxCode,
});

/** The JSON the issue asks for: each lot with product code, lot code, quantity on the link and unit; each partner with name and contact. */
export function traceJson(t: TraceResult) {
  const byId = new Map(t.lots.map((l) => [l.id, l]));
  const partners = new Map(t.partners.map((p) => [p.id, p]));
  const ref = (id: number) => ({ productCode: byId.get(id)?.productCode ?? null, lotCode: byId.get(id)?.code ?? null });
  const suppliers = new Set<number>();
  const customers = new Set<number>();
  const lots = t.lots.map((l) => {
    const rec = l.receipts.map((r) => {
      if (r.supplierId) suppliers.add(r.supplierId);
      return {
        kind: r.kind,
        date: r.date,
        document: r.documentRef,
        supplier: r.supplierId ? (partners.get(r.supplierId)?.name ?? null) : null,
        qty: r.qty,
        unit: r.unit,
      };
    });
    const shp = l.shipments.map((s) => {
      if (s.customerId) customers.add(s.customerId);
      return {
        kind: s.kind,
        date: s.date,
        document: s.documentRef,
        customer: s.customerId ? (partners.get(s.customerId)?.name ?? null) : null,
        toLocation: s.toLocationName,
        qty: s.qty,
        unit: s.unit,
      };
    });
    if (l.supplierId) suppliers.add(l.supplierId);
    return {
      side: l.side,
      level: l.depth,
      productCode: l.productCode,
      productName: l.productName,
      lotCode: l.code,
      supplierLotCode: l.supplierLotCode,
      qty: l.linkQty,
      unit: l.unit,
      balance: l.balance,
      status: l.status,
      productionDate: l.productionDate,
      expiryDate: l.expiryDate,
      batches: l.producedBy.map((p) => p.batchCode),
      receipts: rec,
      shipments: shp,
    };
  });
  return {
    direction: t.direction,
    generatedAt: t.generatedAt,
    user: t.user,
    roots: t.rootIds.map(ref),
    totals: t.totals,
    truncated: t.truncated,
    lots,
    links: t.links.map((k) => ({
      from: ref(k.fromLotId),
      to: ref(k.toLotId),
      batch: k.batchCode,
      date: k.date,
      qty: k.qty,
      unit: k.unit,
    })),
    partners: [...partners.values()].map((p) => ({
      role:
        suppliers.has(p.id) && customers.has(p.id)
          ? 'supplier+customer'
          : suppliers.has(p.id)
            ? 'supplier'
            : 'customer',
      ...contact(p),
    })),
  };
}

function traceText(t: TraceResult, lang: Lang): string {
  const partners = new Map(t.partners.map((p) => [p.id, p]));
  const out: string[] = [
    `${tw(lang, 'traceTitle')} — ${tw(lang, `direction_${t.direction}`)}`,
    tw(lang, 'generated', { at: t.generatedAt.slice(0, 16).replace('T', ' '), user: t.user }),
    '',
  ];
  for (const l of t.lots) {
    const indent = '  '.repeat(l.depth);
    const arrow = l.side === 'back' ? '← ' : l.side === 'forward' ? '→ ' : '● ';
    const qty = l.linkQty !== null ? ` ${l.linkQty} ${l.unit}` : '';
    out.push(
      `${indent}${arrow}${l.productCode}/${l.code}${qty} — ${l.productName} [${tw(lang, 'balance')}: ${l.balance} ${l.unit}, ${tw(lang, `status_${l.status}` as 'status_available')}]`,
    );
    for (const r of l.receipts)
      out.push(
        `${indent}    ${r.kind === 'opening' ? tw(lang, 'openingStock') : tw(lang, 'receivedFrom')} ${partners.get(r.supplierId ?? -1)?.name ?? ''} ${r.date} ${r.documentRef ?? ''}: ${r.qty} ${r.unit}${l.supplierLotCode ? ` (${tw(lang, 'supplierLot')} ${l.supplierLotCode})` : ''}`,
      );
    for (const s of l.shipments) {
      const p = partners.get(s.customerId ?? -1);
      out.push(
        `${indent}    ${s.kind === 'transfer' ? `${tw(lang, 'transferTo')} ${s.toLocationName ?? ''}` : `${tw(lang, 'shippedTo')} ${p?.name ?? ''}${p?.phone ? ` (${p.phone})` : ''}`} ${s.date} ${s.documentRef ?? ''}: ${s.qty} ${s.unit}`,
      );
    }
  }
  out.push(
    '',
    `${tw(lang, 'lots')}: ${t.totals.lots} · ${tw(lang, 'receipts')}: ${t.totals.receipts} · ${tw(lang, 'shipments')}: ${t.totals.shipments} · ${tw(lang, 'customers')}: ${t.totals.customers}`,
  );
  if (t.truncated) out.push(tw(lang, 'truncated', { max: t.totals.lots }));
  return out.join('\n');
}

export function recallJson(s: RecallScope, extra: Record<string, unknown> = {}) {
  return {
    ...extra,
    generatedAt: s.generatedAt,
    totals: s.totals,
    truncated: s.truncated,
    lots: s.lots.map((l) => ({
      side: l.side,
      level: l.depth,
      productCode: l.productCode,
      productName: l.productName,
      lotCode: l.code,
      supplierLotCode: l.supplierLotCode,
      qty: l.balance,
      unit: l.unit,
      status: l.status,
      shipped: l.shipped,
      stock: l.stock.map((x) => ({ location: x.locationName, qty: x.qty })),
    })),
    customers: s.customers.map((c) => ({
      ...contact(c.partner),
      lots: c.byLot.map((x) => ({ productCode: x.productCode, lotCode: x.lotCode, qty: x.qty, unit: x.unit })),
    })),
    openStock: s.openStock.map((o) => ({
      location: o.locationName,
      lots: o.lots.map((x) => ({
        productCode: x.productCode,
        lotCode: x.lotCode,
        qty: x.qty,
        unit: x.unit,
        status: x.status,
      })),
    })),
  };
}

function recallText(s: RecallScope, lang: Lang, head: string[]): string {
  const out = [
    ...head,
    `${tw(lang, 'affectedLots')}: ${s.totals.lots} · ${tw(lang, 'customers')}: ${s.totals.customers} · ${tw(lang, 'openStock')}: ${s.totals.lotsWithStock}`,
    '',
  ];
  out.push(`${tw(lang, 'affectedLots')}:`);
  for (const l of s.lots)
    out.push(
      `  ${'  '.repeat(l.depth)}${l.productCode}/${l.code} — ${l.productName}: ${tw(lang, 'balance')} ${l.balance} ${l.unit} [${tw(lang, `status_${l.status}` as 'status_available')}]${l.stock.length ? ` (${l.stock.map((x) => `${x.locationName}: ${x.qty}`).join(', ')})` : ''}`,
    );
  out.push('', `${tw(lang, 'customers')}:`);
  for (const c of s.customers) {
    out.push(
      `  ${c.partner.name}${c.partner.contactPerson ? ` — ${c.partner.contactPerson}` : ''}${c.partner.phone ? ` · ${c.partner.phone}` : ''}${c.partner.email ? ` · ${c.partner.email}` : ''}`,
    );
    for (const x of c.byLot) out.push(`      ${x.productCode}/${x.lotCode}: ${x.qty} ${x.unit}`);
  }
  return out.join('\n');
}

function writeExport(file: string, f: { base64: string }): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, Buffer.from(f.base64, 'base64'));
}

function formatOf(file: string, allowed: string[], lang: Lang): string {
  const ext = path.extname(file).slice(1).toLowerCase();
  if (!allowed.includes(ext))
    throw new UsageError(
      lang === 'en'
        ? `--out: the file must end in .${allowed.join(' or .')}`
        : `--out: tên tệp phải có đuôi .${allowed.join(' hoặc .')}`,
    );
  return ext;
}

export const traceCommands: CommandModule = (program, env) => {
  dataCommand(
    program
      .command('trace')
      .description('truy xuất một hay nhiều lô: nguồn gốc (ngược) và nơi đến (xuôi) / trace lots back and forward')
      .argument('<lot-code...>', 'mã lô, hoặc MÃ-SẢN-PHẨM/MÃ-LÔ khi mã lô trùng ở nhiều sản phẩm / lot codes')
      .addOption(
        new Option('--direction <dir>', 'chiều truy xuất / direction')
          .choices(['back', 'forward', 'both'])
          .default('both'),
      )
      .option('--out <file>', 'ghi kết quả ra tệp .xlsx, .csv hoặc .pdf / export to a file'),
  ).action(async (codes: string[], opts) => {
    const lang = env.lang(opts);
    await env.withCore(
      opts,
      (core) => {
        if (opts.out) {
          const format = formatOf(opts.out, ['xlsx', 'csv', 'pdf'], lang) as 'xlsx' | 'csv' | 'pdf';
          writeExport(
            opts.out,
            core.run('trace.export', { lots: codes, direction: opts.direction, format }, { lang, user: cliUser() }),
          );
        }
        const t = traceAll(core, codes, opts.direction, lang);
        env.print(opts, traceJson(t), () => traceText(t, lang));
      },
      { mustExist: true },
    );
  });

  dataCommand(
    program
      .command('recall')
      .description(
        'phạm vi thu hồi của một hay nhiều lô; --hold tạm giữ mọi lô bị ảnh hưởng / recall scope; --hold puts the lots on hold',
      )
      .argument('<lot-code...>', 'mã lô, mã lô của nhà cung cấp, hoặc MÃ-SẢN-PHẨM/MÃ-LÔ / lot codes')
      .option('--hold', 'tạm giữ mọi lô bị ảnh hưởng (ghi sự kiện trạng thái) / put every affected lot on hold')
      .option('--reason <text>', 'lý do thu hồi / reason of the recall')
      .option('--ref <ref>', 'số quyết định thu hồi / recall reference')
      .option(
        '--out <file>',
        'với --hold: ghi hồ sơ thu hồi ra tệp .xlsx hoặc .pdf / with --hold: export the recall record',
      ),
  ).action(async (codes: string[], opts) => {
    const lang = env.lang(opts);
    if (opts.out && !opts.hold)
      throw new UsageError(
        lang === 'en'
          ? '--out needs --hold (the record of a recall).'
          : '--out cần --hold (hồ sơ của một đợt thu hồi).',
      );
    await env.withCore(
      opts,
      (core) => {
        const ctx = { lang, user: cliUser() };
        if (!opts.hold) {
          const s = core.run('recall.scope', { lots: codes }, ctx);
          env.print(opts, recallJson(s), () => recallText(s, lang, []));
          return;
        }
        const reason =
          opts.reason ?? (lang === 'en' ? `Recall of ${codes.join(', ')}` : `Thu hồi lô ${codes.join(', ')}`);
        const r = core.run('recall.start', { lots: codes, reason, ref: opts.ref, hold: true }, ctx);
        if (opts.out)
          writeExport(
            opts.out,
            core.run(
              'recall.export',
              { id: r.id, format: formatOf(opts.out, ['xlsx', 'pdf'], lang) as 'xlsx' | 'pdf' },
              ctx,
            ),
          );
        const head = [`${tw(lang, 'recallTitle')} ${r.ref} — ${r.reason}`, `${tw(lang, 'step_hold')}: ${r.heldLots}`];
        env.print(
          opts,
          recallJson(r.scope, {
            recall: { id: r.id, ref: r.ref, reason: r.reason, heldLots: r.heldLots, startedAt: r.startedAt },
          }),
          () => recallText(r.scope, lang, head),
        );
      },
      { mustExist: true },
    );
  });
};
