import { describe, expect, it } from 'vitest';
import { fixedClock, makeCore } from '../helpers/core';
import { TraceWorld } from '../helpers/trace-factory';

function cashewWorld(clock = fixedClock()) {
  const w = new TraceWorld(makeCore({ clock }));
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
  const [box1, box2] = w.batch('DIEU-HOP', [
    { qty: 200, inputs: [{ lot: roasted, qty: 200 }] },
    { qty: 180, inputs: [{ lot: roasted, qty: 190 }] },
  ]);
  const coop = w.customer('Siêu thị Co.op Biên Hòa');
  const shop = w.customer('Cửa hàng Bà Tư');
  w.ship(box1, 120, coop);
  w.ship(box1, 30, shop);
  w.ship(box2, 50, coop);
  return { w, clock, raw, salt, roasted, box1, box2, coop, shop };
}

describe('recall scope', () => {
  it('lists affected lots with stock by location and the customers reached with quantities per lot', () => {
    const { w, raw, roasted, box1, box2, coop, shop, salt } = cashewWorld();
    const s = w.core.run('recall.scope', { lots: ['BP-2611'] });
    expect(s.lots.map((l) => l.code).sort()).toEqual([raw.code, roasted.code, box1.code, box2.code].sort());
    expect(s.lots.map((l) => l.code)).not.toContain(salt.code);
    const b1 = s.lots.find((l) => l.id === box1.id)!;
    expect(b1).toMatchObject({ balance: 50, shipped: 150, side: 'forward', depth: 2 });
    expect(b1.stock).toEqual([{ locationId: w.locationId, locationName: 'Xưởng chế biến', qty: 50 }]);
    const c = s.customers.find((x) => x.partner.id === coop)!;
    expect(c.partner).toMatchObject({
      name: 'Siêu thị Co.op Biên Hòa',
      phone: '0283 8123 456',
      contactPerson: 'Chị Lan',
    });
    expect(c.byLot.map((x) => [x.lotCode, x.qty]).sort()).toEqual(
      [
        [box1.code, 120],
        [box2.code, 50],
      ].sort(),
    );
    expect(s.customers.find((x) => x.partner.id === shop)?.byLot).toEqual([
      { lotId: box1.id, lotCode: box1.code, productCode: 'DIEU-HOP', qty: 30, unit: 'kg' },
    ]);
    expect(s.totals).toMatchObject({ lots: 4, customers: 2, shipments: 3, notHeld: 4 });
    const at = s.openStock.find((x) => x.locationId === w.locationId)!;
    expect(at.lots.find((l) => l.lotId === raw.id)?.qty).toBe(50);
  });
});

describe('the recall card', () => {
  it('counts the customers of a lot shipped moments before, and after the recall started', () => {
    const { w, raw, box1 } = cashewWorld();
    const r = w.core.run('recall.start', { lots: [raw.code], reason: 'NCC báo nhiễm nấm mốc' });
    const card = () => w.core.run('recall.list', { status: 'open' }).find((x) => x.id === r.id)!;
    expect(card()).toMatchObject({ lotsCount: 4, customersCount: 2 });
    // A shipment recorded just now (before anyone put the lots on hold) is one more customer to call.
    const late = w.customer('Quán cà phê Mộc');
    w.ship(box1, 5, late);
    expect(card().customersCount).toBe(3);
    expect(w.core.run('recall.get', { id: r.id }).scope.totals.customers).toBe(3);
  });
});

describe('recall', () => {
  it('puts every affected lot on hold in one action, once, and the held lot then cannot be used', () => {
    const { w, clock, raw, roasted, box1, box2 } = cashewWorld();
    const r = w.core.run('recall.start', { lots: [raw.code], reason: 'NCC báo nhiễm nấm mốc' });
    expect(r.ref).toMatch(/^TH-261129-01$/);
    expect(r.steps.map((s) => s.doneAt)).toEqual([null, null, null, null]);
    clock.set('2026-11-29T08:03:00+07:00');
    const held = w.core.run('recall.hold', { id: r.id }, { user: 'Anh Minh' });
    expect(held.heldLots).toBe(4);
    expect(held.elapsedMs.hold).toBe(180_000);
    expect(held.steps[0]).toMatchObject({ key: 'hold', user: 'Anh Minh' });
    for (const l of [raw, roasted, box1, box2]) {
      const d = w.core.run('lots.get', { id: l.id });
      expect(d.lot.status).toBe('on_hold');
      const ev = d.history.find((e) => e.kind === 'status')!;
      expect(ev.data).toMatchObject({ status: 'on_hold', recallRef: r.ref });
      expect(ev.lines.filter((x) => x.lotId === l.id)).toHaveLength(1);
    }
    const statusEvents = () =>
      (w.core.db.prepare("SELECT count(*) AS n FROM events WHERE kind = 'status'").get() as { n: number }).n;
    expect(statusEvents()).toBe(4);
    // Started again on the same lots (with hold): the same recall, no second hold.
    const again = w.core.run('recall.start', { lots: [raw.code], reason: 'Bấm lại', hold: true });
    expect(again.id).toBe(r.id);
    w.core.run('recall.hold', { id: r.id });
    expect(statusEvents()).toBe(4);
    expect(w.core.run('recall.list', {})).toHaveLength(1);

    // A held lot cannot go into a batch without an override.
    const use = w.core.call('batches.record', {
      productId: w.product('DIEU-RANG'),
      locationId: w.locationId,
      inputs: [{ lotId: raw.id, qty: 10 }],
      outputs: [{ qty: 9 }],
    });
    expect(use).toMatchObject({ ok: false, error: { code: 'LOT_NOT_USABLE' } });

    // Checklist and export, then the hold is lifted by events too.
    w.core.run('recall.check', { id: r.id, step: 'isolate', done: true });
    w.core.run('recall.check', { id: r.id, step: 'contact', done: true });
    clock.set('2026-11-29T08:20:00+07:00');
    const pdf = w.core.run('recall.export', { id: r.id, format: 'pdf' });
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const after = w.core.run('recall.get', { id: r.id });
    expect(after.elapsedMs.export).toBe(20 * 60_000);
    expect(after.steps.every((s) => s.doneAt)).toBe(true);
    const lifted = w.core.run('recall.lift', { id: r.id, reason: 'Kết quả xét nghiệm đạt' });
    expect(lifted.status).toBe('lifted');
    expect(w.core.run('lots.get', { id: box2.id }).lot.status).toBe('available');
    expect(statusEvents()).toBe(8);
    expect(w.core.call('recall.hold', { id: r.id })).toMatchObject({ ok: false, error: { code: 'RECALL_LIFTED' } });
  });

  it('exports the recall record as XLSX with the customers and their contacts', async () => {
    const { w, raw } = cashewWorld();
    const r = w.core.run('recall.start', { lots: [raw.code], reason: 'Kiểm tra', hold: true });
    const x = w.core.run('recall.export', { id: r.id, format: 'xlsx' });
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      'Tóm tắt',
      'Lô bị ảnh hưởng',
      'Khách hàng',
      'Hàng còn tồn có thể chặn',
    ]);
    const values: string[] = [];
    wb.worksheets[2].eachRow((row) => row.eachCell((c) => values.push(String(c.value))));
    expect(values).toContain('Siêu thị Co.op Biên Hòa');
    expect(values).toContain('0283 8123 456');
  });
});

describe('mock recall drill', () => {
  it('times the drill until the scope is confirmed and keeps the evidence', () => {
    const { w, clock, raw } = cashewWorld();
    const d = w.core.run('drill.start', { lots: [raw.code], trainer: 'Cô Mai' });
    expect(d.confirmedAt).toBeNull();
    clock.set('2026-11-29T08:04:30+07:00');
    const c = w.core.run('drill.confirm', { id: d.id });
    expect(c).toMatchObject({ durationMs: 270_000, lotsCount: 4, customersCount: 2, lotsWithStock: 4 });
    expect(c.evidence?.customers.map((x) => x.name).sort()).toEqual(['Cửa hàng Bà Tư', 'Siêu thị Co.op Biên Hòa']);
    expect(w.core.call('drill.confirm', { id: d.id })).toMatchObject({ ok: false, error: { code: 'DRILL_CONFIRMED' } });
    expect(w.core.run('drill.list', {}).map((x) => x.id)).toEqual([d.id]);
    // A drill changes no lot.
    expect((w.core.db.prepare("SELECT count(*) AS n FROM events WHERE kind = 'status'").get() as { n: number }).n).toBe(
      0,
    );
  });
});

describe('completeness', () => {
  it('scores recent records and lists the gaps with the record to open', () => {
    const w = new TraceWorld();
    const good = w.receive('DIEU', 100, { date: '2026-11-20' });
    const noSupplierLot = w.receive('MUOI', 10, { supplierLotCode: null, date: '2026-11-21' });
    const [out] = w.batch(
      'DIEU-RANG',
      [
        {
          qty: 80,
          inputs: [
            { lot: good, qty: 90 },
            { lot: noSupplierLot, qty: 1 },
          ],
        },
      ],
      '2026-11-22',
    );
    w.ship(out, 10);
    const c = w.core.run('trace.completeness', { days: 30 });
    expect(c.checks.map((x) => [x.key, x.total, x.passed])).toEqual([
      ['batchInputs', 1, 1],
      ['outputQty', 1, 1],
      ['shipmentLots', 1, 1],
      ['receiptSupplier', 2, 1],
    ]);
    expect(c.score).toBe(80);
    expect(c.gaps).toEqual([
      {
        check: 'receiptSupplier',
        entity: 'lot',
        entityId: noSupplierLot.id,
        label: noSupplierLot.code,
        message: `Lô nhập ${noSupplierLot.code} thiếu nhà cung cấp hoặc mã lô của nhà cung cấp`,
      },
    ]);
    // An empty business has no data, which is not a full mark.
    expect(new TraceWorld().core.run('trace.completeness', {}).score).toBeNull();
  });
});
