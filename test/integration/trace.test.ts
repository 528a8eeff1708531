import { describe, expect, it } from 'vitest';
import { TraceWorld, type WorldLot } from '../helpers/trace-factory';
import type { TraceResult } from '../../shared/api/trace';

const codes = (t: TraceResult, side?: string) =>
  t.lots
    .filter((l) => !side || l.side === side)
    .map((l) => l.code)
    .sort();
const link = (t: TraceResult, from: WorldLot, to: WorldLot) =>
  t.links.find((k) => k.fromLotId === from.id && k.toLotId === to.id);

describe('trace on hand-built graphs', () => {
  it('follows several levels back to the receipts and forward to the shipments, with the quantities on each link', () => {
    const w = new TraceWorld();
    const raw = w.receive('DIEU', 500, { supplierLotCode: 'BP-2611' });
    const salt = w.receive('MUOI', 20);
    const [roasted] = w.batch('DIEU-RANG', [
      {
        qty: 400,
        inputs: [
          { lot: raw, qty: 450 },
          { lot: salt, qty: 5 },
        ],
      },
    ]);
    const [packed] = w.batch('DIEU-HOP', [{ qty: 380, inputs: [{ lot: roasted, qty: 390 }] }]);
    const kh = w.customer('Siêu thị Co.op Biên Hòa');
    w.ship(packed, 100, kh);

    const back = w.core.run('trace.run', { lots: [packed.code], direction: 'back' });
    expect(codes(back, 'back')).toEqual([raw.code, salt.code, roasted.code].sort());
    expect(link(back, raw, roasted)?.qty).toBe(450);
    expect(link(back, salt, roasted)?.qty).toBe(5);
    expect(link(back, roasted, packed)?.qty).toBe(390);
    const rawLot = back.lots.find((l) => l.id === raw.id)!;
    expect(rawLot.depth).toBe(2);
    expect(rawLot.supplierLotCode).toBe('BP-2611');
    expect(rawLot.receipts[0]).toMatchObject({ qty: 500, unit: 'kg', supplierId: w.supplierId, date: '2026-11-20' });
    expect(back.partners.find((p) => p.id === w.supplierId)).toMatchObject({
      name: 'HTX Điều Bình Phước',
      phone: '0912 345 678',
    });

    const fwd = w.core.run('trace.run', { lots: [raw.code], direction: 'forward' });
    expect(codes(fwd, 'forward')).toEqual([roasted.code, packed.code].sort());
    const packedLot = fwd.lots.find((l) => l.id === packed.id)!;
    expect(packedLot.shipments[0]).toMatchObject({ qty: 100, customerId: kh, date: '2026-11-27' });
    expect(fwd.partners.find((p) => p.id === kh)?.name).toBe('Siêu thị Co.op Biên Hòa');
    expect(fwd.totals).toMatchObject({ lots: 3, forward: 2, shipments: 1, customers: 1 });
    // The sibling input (salt) is not part of a forward trace from the raw lot.
    expect(codes(fwd)).not.toContain(salt.code);
  });

  it('handles a diamond: one lot reached on two paths appears once', () => {
    const w = new TraceWorld();
    const a = w.receive('A', 100);
    const [b] = w.batch('B', [{ qty: 40, inputs: [{ lot: a, qty: 40 }] }]);
    const [c] = w.batch('C', [{ qty: 40, inputs: [{ lot: a, qty: 40 }] }]);
    const [d] = w.batch('D', [
      {
        qty: 70,
        inputs: [
          { lot: b, qty: 35 },
          { lot: c, qty: 35 },
        ],
      },
    ]);
    const fwd = w.core.run('trace.run', { lots: [a.code], direction: 'forward' });
    expect(codes(fwd, 'forward')).toEqual([b.code, c.code, d.code].sort());
    expect(fwd.lots.find((l) => l.id === d.id)?.depth).toBe(2);
    const back = w.core.run('trace.run', { lots: [d.code], direction: 'back' });
    expect(codes(back, 'back')).toEqual([a.code, b.code, c.code].sort());
    expect(back.links).toHaveLength(4);
  });

  it('lists every batch that consumed a lot, and every output lot of a batch with its own inputs', () => {
    const w = new TraceWorld();
    const flour = w.receive('BOT', 1000);
    const outs: WorldLot[] = [];
    for (let i = 0; i < 6; i++) outs.push(...w.batch('BANH', [{ qty: 50, inputs: [{ lot: flour, qty: 60 }] }]));
    const fwd = w.core.run('trace.run', { lots: [flour.code], direction: 'forward' });
    expect(codes(fwd, 'forward')).toEqual(outs.map((o) => o.code).sort());
    expect(fwd.links.every((k) => k.qty === 60)).toBe(true);

    // One batch, two output lots: each consumed part of the inputs.
    const meat = w.receive('THIT', 100);
    const spice = w.receive('GIAVI', 10);
    const [g1, g2] = w.batch('GIO', [
      {
        qty: 40,
        inputs: [
          { lot: meat, qty: 45 },
          { lot: spice, qty: 2 },
        ],
      },
      { qty: 30, inputs: [{ lot: meat, qty: 35 }] },
    ]);
    const b2 = w.core.run('trace.run', { lots: [g2.code], direction: 'back' });
    expect(codes(b2, 'back')).toEqual([meat.code]);
    expect(link(b2, meat, g2)?.qty).toBe(35);
    const b1 = w.core.run('trace.run', { lots: [g1.code], direction: 'back' });
    expect(codes(b1, 'back')).toEqual([meat.code, spice.code].sort());
    const fs = w.core.run('trace.run', { lots: [spice.code], direction: 'forward' });
    expect(codes(fs, 'forward')).toEqual([g1.code]);
  });

  it('drops a reversed consumption and shows a corrected quantity', () => {
    const w = new TraceWorld();
    const right = w.receive('SUA', 100);
    const wrong = w.receive('SUA', 100);
    const [yog] = w.batch('SUACHUA', [
      {
        qty: 50,
        inputs: [
          { lot: right, qty: 30 },
          { lot: wrong, qty: 20 },
        ],
      },
    ]);
    w.correctInput(yog, wrong, 0, 'Chọn nhầm lô sữa');
    w.correctInput(yog, right, 25);
    const back = w.core.run('trace.run', { lots: [yog.code], direction: 'back' });
    expect(codes(back, 'back')).toEqual([right.code]);
    expect(link(back, right, yog)?.qty).toBe(25);
    const fwd = w.core.run('trace.run', { lots: [wrong.code], direction: 'forward' });
    expect(fwd.totals.lots).toBe(1);
  });

  it('traces several lots at once and pages a large answer', () => {
    const w = new TraceWorld();
    const a = w.receive('X', 1000);
    for (let i = 0; i < 30; i++) w.batch('Y', [{ qty: 5, inputs: [{ lot: a, qty: 6 }] }]);
    const b = w.receive('Z', 10);
    const both = w.core.run('trace.run', { lots: [a.code, b.code], direction: 'forward', limit: 10 });
    expect(both.rootIds).toEqual([a.id, b.id]);
    expect(both.page).toEqual({ offset: 0, limit: 10, total: 32 });
    expect(both.lots).toHaveLength(10);
    const seen = new Set<number>();
    for (let offset = 0; offset < 32; offset += 10)
      for (const l of w.core.run('trace.run', { lots: [a.code, b.code], direction: 'forward', limit: 10, offset }).lots)
        seen.add(l.id);
    expect(seen.size).toBe(32);
  });
});

describe('lot codes typed by people', () => {
  it('suggests the closest codes for an unknown lot, asks for the product when a code is ambiguous, refuses an empty list', () => {
    const w = new TraceWorld();
    w.receive('CAFE', 10, { lotCode: 'CF-261120-001' });
    w.receive('CAFE', 10, { lotCode: 'CF-261120-002' });
    w.receive('TIEU', 10, { lotCode: 'L1' });
    w.receive('DUONG', 10, { lotCode: 'L1' });

    const unknown = w.core.call('trace.run', { lots: ['CF-261120-003'] });
    expect(unknown).toMatchObject({ ok: false, status: 404, error: { code: 'LOT_NOT_FOUND_CODE' } });
    if (!unknown.ok) {
      expect(unknown.error.message).toContain('CAFE/CF-261120-001');
      expect((unknown.error.details?.suggestions as { code: string }[]).map((s) => s.code)).toContain('CF-261120-002');
    }
    const amb = w.core.call('trace.run', { lots: ['L1'] }, { lang: 'en' });
    expect(amb).toMatchObject({ ok: false, error: { code: 'LOT_CODE_AMBIGUOUS' } });
    if (!amb.ok) expect(amb.error.message).toContain('PRODUCT-CODE/LOT-CODE');
    const ok = w.core.run('trace.run', { lots: ['TIEU/L1'] });
    expect(ok.lots[0]).toMatchObject({ productCode: 'TIEU', code: 'L1' });
    expect(w.core.run('trace.resolve', { lots: ['cf-261120-001'] })[0].code).toBe('CF-261120-001');
    const empty = w.core.call('trace.run', { lots: [] });
    expect(empty).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: [{ path: 'lots', code: 'TRACE_NO_LOTS' }] },
    });
    expect(!empty.ok && empty.error.message).toContain('ít nhất một mã lô');
  });

  it('takes a supplier lot code as all the lots received under it', () => {
    const w = new TraceWorld();
    const a = w.receive('DIEU', 100, { supplierLotCode: 'NCC-LOT-77' });
    const b = w.receive('DIEU', 50, { supplierLotCode: 'NCC-LOT-77' });
    const r = w.core.run('trace.resolve', { lots: ['NCC-LOT-77'] });
    expect(r.map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
    expect(r[0].matchedBy).toBe('supplierLot');
  });
});

describe('exports', () => {
  it('writes XLSX, CSV and a PDF with one page per lot, stamped with the user', async () => {
    const w = new TraceWorld();
    const raw = w.receive('DIEU', 100);
    const [out] = w.batch('DIEU-RANG', [{ qty: 80, inputs: [{ lot: raw, qty: 90 }] }]);
    w.ship(out, 10);
    const csv = w.core.run('trace.export', { lots: [raw.code], format: 'csv' }, { user: 'Chị Hoa' });
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text.startsWith('\ufeffNhóm,Cấp,Mã SP')).toBe(true);
    expect(text).toContain(out.code);
    const xlsx = w.core.run('trace.export', { lots: [raw.code], format: 'xlsx' }, { user: 'Chị Hoa' });
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const cells: string[] = [];
    sheet.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    expect(cells.some((c) => c.includes('Chị Hoa'))).toBe(true);
    expect(cells).toContain(out.code);
    // Dates are date cells in the Vietnamese order, not text.
    let dates = 0;
    sheet.eachRow((row) =>
      row.eachCell((c) => {
        if (c.value instanceof Date) {
          dates++;
          expect(c.numFmt).toBe('dd/mm/yyyy');
        }
      }),
    );
    expect(dates).toBeGreaterThan(0);
    const pdf = w.core.run('trace.export', { lots: [raw.code], format: 'pdf' });
    const bytes = Buffer.from(pdf.base64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // Summary page + one page per lot (raw, output).
    expect((bytes.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length).toBe(3);
  });
});
