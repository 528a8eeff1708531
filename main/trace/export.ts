// Exported files of a trace and of a recall record (XLSX, CSV, PDF), stamped with date, time and user.
import { unitLabel } from '../../shared/domain/units';
import { formatQuantity } from '../../shared/domain/quantity';
import type { ExportFile, RecallDetail, TraceLink, TracePartner, TraceResult } from '../../shared/api/trace';
import { formatDuration, tw, type TraceWord } from '../../shared/i18n/trace';
import type { Lang } from '../../shared/i18n/messages';
import type { TraceLotWithLink } from './trace';
import { Report } from './pdf';
import { writeCsv, writeXlsxSync, type SheetSpec } from './xlsx';
import { XLSX_DATE } from '../exports/locale';

export type FullTrace = Omit<TraceResult, 'lots'> & { lots: TraceLotWithLink[] };

const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};

export function fileOf(name: string, format: keyof typeof MIME, buf: Buffer): ExportFile {
  return { fileName: `${name}.${format}`, mimeType: MIME[format], base64: buf.toString('base64'), bytes: buf.length };
}

/** "2026-11-29 08:00" from an ISO time with offset (the stamp people read). */
const stampTime = (iso: string) => iso.slice(0, 16).replace('T', ' ');

function partnerLine(p: TracePartner | undefined): string {
  if (!p) return '';
  return [p.name, p.phone, p.email, p.contactPerson].filter(Boolean).join(' · ');
}

type Row = Record<string, string | number | null>;

function lotColumns(lang: Lang) {
  const w = (k: TraceWord) => tw(lang, k);
  return [
    { header: w('group'), key: 'side', width: 14 },
    { header: w('level'), key: 'depth', width: 6 },
    { header: w('productCode'), key: 'productCode', width: 14 },
    { header: w('product'), key: 'productName', width: 30 },
    { header: w('lotCode'), key: 'code', width: 20 },
    { header: w('qty'), key: 'linkQty', width: 10 },
    { header: w('unit'), key: 'unit', width: 7 },
    { header: w('supplierLot'), key: 'supplierLotCode', width: 16 },
    { header: w('supplier'), key: 'supplier', width: 28 },
    { header: w('batch'), key: 'batch', width: 16 },
    { header: w('production'), key: 'productionDate', width: 11, numFmt: XLSX_DATE[lang] },
    { header: w('expiry'), key: 'expiryDate', width: 11, numFmt: XLSX_DATE[lang] },
    { header: w('status'), key: 'status', width: 12 },
    { header: w('balance'), key: 'balance', width: 10 },
    { header: w('shippedTo'), key: 'shippedTo', width: 40 },
  ];
}

function lotRowsOf(t: FullTrace, lang: Lang): Row[] {
  const partners = new Map(t.partners.map((p) => [p.id, p]));
  return t.lots.map((l) => ({
    side: tw(lang, `side_${l.side}`),
    depth: l.side === 'back' ? -l.depth : l.depth,
    productCode: l.productCode,
    productName: l.productName,
    code: l.code,
    linkQty: l.linkQty,
    unit: unitLabel(l.unit, lang),
    supplierLotCode: l.supplierLotCode,
    supplier: partnerLine(partners.get(l.supplierId ?? l.receipts.find((r) => r.supplierId)?.supplierId ?? -1)),
    batch: l.producedBy.map((p) => p.batchCode ?? `#${p.eventId}`).join(', ') || null,
    productionDate: l.productionDate,
    expiryDate: l.expiryDate,
    status: tw(lang, `status_${l.status}` as TraceWord),
    balance: l.balance,
    shippedTo:
      l.shipments
        .map(
          (s) =>
            `${s.date} ${s.kind === 'shipment' ? (partners.get(s.customerId ?? -1)?.name ?? '') : `→ ${s.toLocationName ?? ''}`}: ${s.qty} ${unitLabel(s.unit, lang, s.qty)}`,
        )
        .join('; ') || null,
  }));
}

function linkRows(t: FullTrace, lang: Lang): Row[] {
  const lots = new Map(t.lots.map((l) => [l.id, l]));
  return t.links.map((k: TraceLink) => {
    const a = lots.get(k.fromLotId);
    const b = lots.get(k.toLotId);
    return {
      fromProduct: a?.productCode ?? null,
      fromLot: a?.code ?? `#${k.fromLotId}`,
      toProduct: b?.productCode ?? null,
      toLot: b?.code ?? `#${k.toLotId}`,
      batch: k.batchCode,
      date: k.date,
      qty: k.qty,
      unit: unitLabel(k.unit, lang),
    };
  });
}

function movementRows(t: FullTrace, lang: Lang): Row[] {
  const partners = new Map(t.partners.map((p) => [p.id, p]));
  const out: Row[] = [];
  for (const l of t.lots) {
    for (const r of l.receipts) {
      const p = partners.get(r.supplierId ?? -1);
      out.push({
        kind: r.kind === 'opening' ? tw(lang, 'openingStock') : tw(lang, 'receivedFrom'),
        date: r.date,
        document: r.documentRef,
        productCode: l.productCode,
        lot: l.code,
        qty: r.qty,
        unit: unitLabel(r.unit, lang),
        partner: p?.name ?? null,
        phone: p?.phone ?? null,
        email: p?.email ?? null,
        address: p?.address ?? null,
      });
    }
    for (const s of l.shipments) {
      const p = partners.get(s.customerId ?? -1);
      out.push({
        kind: s.kind === 'transfer' ? tw(lang, 'transferTo') : tw(lang, 'shippedTo'),
        date: s.date,
        document: s.documentRef,
        productCode: l.productCode,
        lot: l.code,
        qty: s.qty,
        unit: unitLabel(s.unit, lang),
        partner: p?.name ?? s.toLocationName,
        phone: p?.phone ?? null,
        email: p?.email ?? null,
        address: p?.address ?? null,
      });
    }
  }
  return out;
}

function stampLines(t: FullTrace, lang: Lang): string[] {
  const roots = t.lots.filter((l) => l.side === 'root').map((l) => `${l.productCode}/${l.code}`);
  const lines = [
    `${tw(lang, 'traceTitle')} — ${tw(lang, `direction_${t.direction}`)}`,
    `${tw(lang, 'lot')}: ${roots.join(', ')}`,
    tw(lang, 'generated', { at: stampTime(t.generatedAt), user: t.user }),
  ];
  if (t.truncated) lines.push(tw(lang, 'truncated', { max: t.totals.lots }));
  return lines;
}

export function traceXlsx(t: FullTrace, lang: Lang): Buffer {
  const w = (k: TraceWord) => tw(lang, k);
  const sheets: SheetSpec[] = [
    { name: w('lots'), title: stampLines(t, lang), columns: lotColumns(lang), rows: lotRowsOf(t, lang) },
    {
      name: w('links'),
      columns: [
        { header: `${w('madeFrom')} (${w('productCode')})`, key: 'fromProduct', width: 14 },
        { header: `${w('madeFrom')} (${w('lotCode')})`, key: 'fromLot', width: 20 },
        { header: `${w('usedIn')} (${w('productCode')})`, key: 'toProduct', width: 14 },
        { header: `${w('usedIn')} (${w('lotCode')})`, key: 'toLot', width: 20 },
        { header: w('batch'), key: 'batch', width: 16 },
        { header: w('date'), key: 'date', width: 11, numFmt: XLSX_DATE[lang] },
        { header: w('qty'), key: 'qty', width: 10 },
        { header: w('unit'), key: 'unit', width: 7 },
      ],
      rows: linkRows(t, lang),
    },
    {
      name: `${w('receipts')} - ${w('shipments')}`,
      columns: [
        { header: '', key: 'kind', width: 16 },
        { header: w('date'), key: 'date', width: 11, numFmt: XLSX_DATE[lang] },
        { header: w('document'), key: 'document', width: 14 },
        { header: w('productCode'), key: 'productCode', width: 14 },
        { header: w('lotCode'), key: 'lot', width: 20 },
        { header: w('qty'), key: 'qty', width: 10 },
        { header: w('unit'), key: 'unit', width: 7 },
        { header: w('partners'), key: 'partner', width: 30 },
        { header: w('phone'), key: 'phone', width: 14 },
        { header: w('email'), key: 'email', width: 22 },
        { header: w('address'), key: 'address', width: 36 },
      ],
      rows: movementRows(t, lang),
    },
  ];
  return writeXlsxSync(sheets);
}

export function traceCsv(t: FullTrace, lang: Lang): Buffer {
  return writeCsv(lotColumns(lang), lotRowsOf(t, lang));
}

/** Most lots printed in one PDF (one A4 page each); the XLSX/CSV list everything. */
export const PDF_MAX_LOTS = 3000;

/** A4, one page per lot, in the reader's language: the lot, one step back, one step forward. */
export type PdfBusiness = { name: string; taxCode: string | null; address: string | null };

/**
 * The first page answers the inspector on its own: who keeps the records (name, tax code), what was
 * asked, the counts and every lot of the answer; then one page per lot.
 */
export function tracePdf(t: FullTrace, lang: Lang, business?: PdfBusiness | null): Buffer {
  const w = (k: TraceWord) => tw(lang, k);
  const stamp = tw(lang, 'generated', { at: stampTime(t.generatedAt), user: t.user });
  const rep = new Report(`Nguồn Gốc — ${w('traceTitle')} — ${stamp}`);
  const partners = new Map(t.partners.map((p) => [p.id, p]));
  const lots = new Map(t.lots.map((l) => [l.id, l]));
  if (business?.name) {
    rep.title(business.name, 16);
    if (business.taxCode) rep.line(`${w('taxCode')}: ${business.taxCode}`, { bold: true });
    if (business.address) rep.line(business.address);
  }
  rep.title(w('traceTitle'));
  const [, asked, ...rest] = stampLines(t, lang);
  rep.line(`${w('question')}: ${tw(lang, `direction_${t.direction}`)} — ${asked}`, { bold: true });
  for (const s of rest) rep.line(s);
  rep.heading(w('answer'));
  rep.fields([
    [w('lots'), t.totals.lots],
    [w('receivedLots'), t.totals.received],
    [w('producedLots'), t.totals.produced],
    [w('side_back'), t.totals.back],
    [w('side_forward'), t.totals.forward],
    [w('receipts'), t.totals.receipts],
    [w('shipments'), t.totals.shipments],
    [w('customers'), t.totals.customers],
  ]);
  rep.table(
    [
      { header: w('group'), width: 12 },
      { header: w('lot'), width: 28 },
      { header: w('product'), width: 40 },
      { header: w('balance'), width: 20, align: 'right' },
    ],
    t.lots
      .slice(0, PDF_MAX_LOTS)
      .map((l) => [
        tw(lang, `side_${l.side}`),
        `${l.productCode}/${l.code}`,
        l.productName,
        `${formatQuantity(l.balance, lang)} ${unitLabel(l.unit, lang, l.balance)}`,
      ]),
  );
  for (const l of t.lots.slice(0, PDF_MAX_LOTS)) {
    rep.newPage();
    rep.title(`${l.productName} — ${w('lot')} ${l.code}`, 13);
    const sup = partners.get(l.supplierId ?? l.receipts.find((r) => r.supplierId)?.supplierId ?? -1);
    rep.fields([
      [
        w('status'),
        `${tw(lang, `side_${l.side}`)} · ${w('level')} ${l.depth} · ${tw(lang, `status_${l.status}` as TraceWord)}`,
      ],
      [w('productCode'), l.productCode + (l.gtin ? ` · GTIN ${l.gtin}` : '')],
      [w('supplierLot'), l.supplierLotCode],
      [w('supplier'), partnerLine(sup)],
      [w('production'), l.productionDate],
      [w('expiry'), l.expiryDate],
      [
        w('balance'),
        `${l.balance} ${unitLabel(l.unit, lang, l.balance)}` +
          (l.stock.length ? ` (${l.stock.map((s) => `${s.locationName}: ${s.qty}`).join(', ')})` : ''),
      ],
    ]);
    const into = t.links.filter((k) => k.toLotId === l.id);
    const outOf = t.links.filter((k) => k.fromLotId === l.id);
    const lotName = (id: number) => {
      const x = lots.get(id);
      return x ? `${x.productCode}/${x.code}` : `#${id}`;
    };
    // Receipts and shipments: the same columns, the partner on the other side named.
    const docCols = (partner: 'supplier' | 'customer') => [
      { header: w('date'), width: 14 },
      { header: w('document'), width: 16 },
      { header: w(partner), width: 50 },
      { header: w('qty'), width: 12, align: 'right' as const },
      { header: w('unit'), width: 8 },
    ];
    const linkCols = [
      { header: w('lot'), width: 40 },
      { header: w('batch'), width: 20 },
      { header: w('date'), width: 14 },
      { header: w('qty'), width: 14, align: 'right' as const },
      { header: w('unit'), width: 8 },
    ];
    if (l.producedBy.length || into.length) {
      rep.heading(`${w('madeFrom')} (${l.producedBy.map((p) => p.batchCode ?? `#${p.eventId}`).join(', ')})`);
      rep.table(
        linkCols,
        into.map((k) => [lotName(k.fromLotId), k.batchCode, k.date, k.qty, unitLabel(k.unit, lang)]),
      );
    }
    if (l.receipts.length) {
      rep.heading(w('receivedFrom'));
      rep.table(
        docCols('supplier'),
        l.receipts.map((r) => [
          r.date,
          r.documentRef,
          r.kind === 'opening' ? w('openingStock') : partnerLine(partners.get(r.supplierId ?? -1)),
          r.qty,
          unitLabel(r.unit, lang),
        ]),
      );
    }
    if (outOf.length) {
      rep.heading(w('usedIn'));
      rep.table(
        linkCols,
        outOf.map((k) => [lotName(k.toLotId), k.batchCode, k.date, k.qty, unitLabel(k.unit, lang)]),
      );
    }
    if (l.shipments.length) {
      rep.heading(w('shippedTo'));
      rep.table(
        docCols('customer'),
        l.shipments.map((s) => [
          s.date,
          s.documentRef,
          s.kind === 'transfer'
            ? `${w('transferTo')} ${s.toLocationName ?? ''}`
            : partnerLine(partners.get(s.customerId ?? -1)),
          s.qty,
          unitLabel(s.unit, lang),
        ]),
      );
    }
  }
  if (t.lots.length > PDF_MAX_LOTS) rep.newPage().line(tw(lang, 'truncated', { max: PDF_MAX_LOTS }), { bold: true });
  return rep.finish((n, total) => tw(lang, 'page', { n, total }));
}

// ---------- recall record ----------
function recallSummary(r: RecallDetail, lang: Lang): [string, string][] {
  const w = (k: TraceWord) => tw(lang, k);
  const pairs: [string, string][] = [
    [w('ref'), r.ref],
    [w('reason'), r.reason],
    [w('lot'), r.roots.map((x) => `${x.productCode}/${x.code}`).join(', ')],
    [w('startedAt'), `${stampTime(r.startedAt)} (${r.startedBy})`],
  ];
  for (const s of r.steps) {
    const ms = r.elapsedMs[s.key];
    pairs.push([
      w(`step_${s.key}`),
      s.doneAt
        ? `${stampTime(s.doneAt)} (${s.user ?? ''}) — ${w('elapsed')}: ${formatDuration(ms ?? 0, lang)}`
        : w('notDone'),
    ]);
  }
  pairs.push(
    [w('affectedLots'), String(r.scope.totals.lots)],
    [w('customers'), String(r.scope.totals.customers)],
    [w('openStock'), String(r.scope.totals.lotsWithStock)],
  );
  return pairs;
}

function recallLotRows(r: RecallDetail, lang: Lang): Row[] {
  return r.scope.lots.map((l) => ({
    side: tw(lang, `side_${l.side}`),
    depth: l.depth,
    productCode: l.productCode,
    productName: l.productName,
    code: l.code,
    supplierLotCode: l.supplierLotCode,
    status: tw(lang, `status_${l.status}` as TraceWord),
    balance: l.balance,
    unit: unitLabel(l.unit, lang),
    stock: l.stock.map((s) => `${s.locationName}: ${s.qty}`).join('; ') || null,
    shipped: l.shipped,
  }));
}

function recallCustomerRows(r: RecallDetail, lang: Lang): Row[] {
  const out: Row[] = [];
  for (const c of r.scope.customers) {
    for (const s of c.shipments)
      out.push({
        customer: c.partner.name,
        phone: c.partner.phone,
        email: c.partner.email,
        contact: c.partner.contactPerson,
        address: c.partner.address,
        date: s.date,
        document: s.documentRef,
        productCode: s.productCode,
        lot: s.lotCode,
        qty: s.qty,
        unit: unitLabel(s.unit, lang),
      });
  }
  return out;
}

export function recallXlsx(r: RecallDetail, lang: Lang, exportedAt: string, user: string): Buffer {
  const w = (k: TraceWord) => tw(lang, k);
  const stamp = tw(lang, 'generated', { at: stampTime(exportedAt), user });
  return writeXlsxSync([
    {
      name: w('summary'),
      title: [`${w('recallTitle')} ${r.ref}`, stamp],
      columns: [
        { header: '', key: 'k', width: 30 },
        { header: '', key: 'v', width: 90 },
      ],
      rows: recallSummary(r, lang).map(([k, v]) => ({ k, v })),
    },
    {
      name: w('affectedLots'),
      columns: [
        { header: w('group'), key: 'side', width: 14 },
        { header: w('level'), key: 'depth', width: 6 },
        { header: w('productCode'), key: 'productCode', width: 14 },
        { header: w('product'), key: 'productName', width: 30 },
        { header: w('lotCode'), key: 'code', width: 20 },
        { header: w('supplierLot'), key: 'supplierLotCode', width: 16 },
        { header: w('status'), key: 'status', width: 12 },
        { header: w('balance'), key: 'balance', width: 10 },
        { header: w('unit'), key: 'unit', width: 7 },
        { header: w('location'), key: 'stock', width: 36 },
        { header: w('shipments'), key: 'shipped', width: 10 },
      ],
      rows: recallLotRows(r, lang),
    },
    {
      name: w('customers'),
      columns: [
        { header: w('customer'), key: 'customer', width: 30 },
        { header: w('phone'), key: 'phone', width: 14 },
        { header: w('email'), key: 'email', width: 22 },
        { header: w('contact'), key: 'contact', width: 18 },
        { header: w('address'), key: 'address', width: 36 },
        { header: w('date'), key: 'date', width: 11, numFmt: XLSX_DATE[lang] },
        { header: w('document'), key: 'document', width: 14 },
        { header: w('productCode'), key: 'productCode', width: 14 },
        { header: w('lotCode'), key: 'lot', width: 20 },
        { header: w('qty'), key: 'qty', width: 10 },
        { header: w('unit'), key: 'unit', width: 7 },
      ],
      rows: recallCustomerRows(r, lang),
    },
    {
      name: w('openStock').slice(0, 31),
      columns: [
        { header: w('location'), key: 'location', width: 24 },
        { header: w('productCode'), key: 'productCode', width: 14 },
        { header: w('product'), key: 'productName', width: 30 },
        { header: w('lotCode'), key: 'lot', width: 20 },
        { header: w('qty'), key: 'qty', width: 10 },
        { header: w('unit'), key: 'unit', width: 7 },
        { header: w('status'), key: 'status', width: 12 },
      ],
      rows: r.scope.openStock.flatMap((s) =>
        s.lots.map((l) => ({
          location: s.locationName,
          productCode: l.productCode,
          productName: l.productName,
          lot: l.lotCode,
          qty: l.qty,
          unit: unitLabel(l.unit, lang),
          status: tw(lang, `status_${l.status}` as TraceWord),
        })),
      ),
    },
  ]);
}

export function recallPdf(r: RecallDetail, lang: Lang, exportedAt: string, user: string): Buffer {
  const w = (k: TraceWord) => tw(lang, k);
  const stamp = tw(lang, 'generated', { at: stampTime(exportedAt), user });
  const rep = new Report(`Nguồn Gốc — ${w('recallTitle')} ${r.ref} — ${stamp}`);
  rep.title(`${w('recallTitle')} ${r.ref}`);
  rep.line(stamp);
  rep.heading(w('summary'));
  rep.fields(recallSummary(r, lang));
  rep.heading(`${w('customers')} (${r.scope.customers.length})`);
  rep.table(
    [
      { header: w('customer'), width: 34 },
      { header: w('phone'), width: 16 },
      { header: w('lotCode'), width: 26 },
      { header: w('date'), width: 13 },
      { header: w('qty'), width: 11, align: 'right' },
      { header: w('unit'), width: 7 },
    ],
    recallCustomerRows(r, lang).map((x) => [
      [x.customer, x.contact, x.email, x.address].filter(Boolean).join('\n'),
      x.phone,
      `${x.productCode}/${x.lot}`,
      x.date,
      x.qty,
      x.unit,
    ]),
  );
  rep.heading(`${w('openStock')} (${r.scope.totals.lotsWithStock})`);
  rep.table(
    [
      { header: w('location'), width: 24 },
      { header: w('lotCode'), width: 34 },
      { header: w('qty'), width: 12, align: 'right' },
      { header: w('unit'), width: 8 },
      { header: w('status'), width: 14 },
    ],
    r.scope.openStock.flatMap((s) =>
      s.lots.map((l) => [
        s.locationName,
        `${l.productCode}/${l.lotCode}`,
        l.qty,
        unitLabel(l.unit, lang),
        tw(lang, `status_${l.status}` as TraceWord),
      ]),
    ),
  );
  rep.heading(`${w('affectedLots')} (${r.scope.lots.length})`);
  rep.table(
    [
      { header: w('level'), width: 6 },
      { header: w('lotCode'), width: 34 },
      { header: w('product'), width: 30 },
      { header: w('status'), width: 13 },
      { header: w('balance'), width: 11, align: 'right' },
      { header: w('unit'), width: 7 },
    ],
    r.scope.lots.map((l) => [
      l.depth,
      `${l.productCode}/${l.code}`,
      l.productName,
      tw(lang, `status_${l.status}` as TraceWord),
      l.balance,
      unitLabel(l.unit, lang),
    ]),
  );
  return rep.finish((n, total) => tw(lang, 'page', { n, total }));
}
