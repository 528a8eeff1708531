import { describe, expect, it } from 'vitest';
import { fails, recordsWorld } from '../unit/lots-fixtures';

describe('receipts → batch → shipment → lot page', () => {
  it('records the whole flow with balances, history and per-output consumption', () => {
    const w = recordsWorld();
    const { core } = w;
    const r = core.run('receipts.create', {
      supplierId: w.supplier.id,
      locationId: w.workshop.id,
      documentRef: 'PN-2611-01',
      lines: [
        { productId: w.rawCashew.id, qty: 60, supplierLotCode: 'BP-0911', productionDate: '2026-11-01' },
        { productId: w.rawCashew.id, qty: 50, supplierLotCode: 'BP-0912', expiryDate: '2026-12-20' },
        { productId: w.salt.id, qty: 5000, unit: 'g' },
      ],
    });
    expect(r.lines).toHaveLength(3);
    expect(r.lines[0].lot.code).toBe('DT-261129-001');
    expect(r.lines[1].lot.code).toBe('DT-261129-002');
    expect(r.lines[0].lot.expiryDate).toBe('2027-11-01');
    expect(r.lines[2].lot.balance).toBe(5);

    const plan = core.run('batches.plan', { recipeId: w.recipe.id, size: 100, locationId: w.workshop.id });
    expect(plan.inputs[0].need).toBe(98);
    // FEFO: the lot expiring 2026-12-20 is used first.
    expect(plan.inputs[0].lots.map((l) => [l.lotCode, l.selected])).toEqual([
      ['DT-261129-002', 50],
      ['DT-261129-001', 48],
    ]);
    expect(plan.inputs[1].lots[0].selected).toBe(2);
    expect(plan.outputLotCode).toBe('HDRM-261129-001');
    expect(plan.expectedOutput).toBe(90);
    expect(plan.expiryDate).toBe('2027-05-28');

    const batch = core.run('batches.record', { ...plan.record, operator: 'Chị Lan', requestKey: 'form-1' });
    expect(batch.code).toBe('ME-261129-001');
    expect(batch.outputs).toHaveLength(2);
    expect(batch.massBalance.warning).toBe(false);
    // Consumption is recorded per output lot: 90 kg of 95 kg of output is the main lot.
    const main = batch.outputs.find((o) => !o.byProduct)!;
    expect(main.inputs.reduce((a, x) => a + x.qty, 0)).toBeCloseTo((100 * 90) / 95, 2);
    // Double save of the same form records one batch.
    const again = core.run('batches.record', { ...plan.record, operator: 'Chị Lan', requestKey: 'form-1' });
    expect(again.id).toBe(batch.id);
    expect(core.run('batches.list', {}).total).toBe(1);

    const out = core.run('lots.get', { id: main.lot.id });
    expect(out.lot.balance).toBe(90);
    expect(out.madeFrom.map((m) => m.lotCode).sort()).toEqual(['DT-261129-001', 'DT-261129-002', 'MUOI-261129-001']);

    const ship = core.run('shipments.create', {
      customerId: w.customer.id,
      fromLocationId: w.workshop.id,
      documentRef: 'PX-01',
      vehiclePlate: '60C-123.45',
      driver: 'Anh Tâm',
      lines: [{ lotId: main.lot.id, qty: 30 }],
    });
    expect(ship.lines[0].qty).toBe(30);
    const page = core.run('lots.get', { id: main.lot.id });
    expect(page.lot.balance).toBe(60);
    expect(page.shippedTo[0]).toMatchObject({
      customerName: 'Cửa hàng Bách Hoá Xanh Biên Hoà',
      qty: 30,
      documentRef: 'PX-01',
    });
    expect(page.history.map((h) => h.kind)).toEqual(['production', 'shipment']);
    expect(page.history[1].summary).toContain('Xuất 30 kg');

    const raw = core.run('lots.get', { id: r.lines[1].lot.id });
    expect(raw.lot.balance).toBe(0);
    expect(raw.lot.state).toBe('used_up');
    expect(raw.usedIn.map((u) => u.lotCode).sort()).toEqual(['HDRM-261129-001', 'VO-261129-001']);
    expect(raw.history[0].summary).toContain('HTX Điều Bình Phước');

    const rebuilt = core.run('stock.rebuild', {});
    expect(rebuilt.differences).toEqual([]);
    const events = core.db.prepare('SELECT event_id, event_time FROM events').all() as {
      event_id: string;
      event_time: string;
    }[];
    for (const e of events) {
      expect(e.event_id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
      expect(e.event_time).toMatch(/\+07:00$/);
    }
  });
});

describe('rules', () => {
  it('refuses using more than the balance, and writes nothing', () => {
    const w = recordsWorld();
    const lot = w.receive(w.rawCashew.id, 10);
    const before = w.core.db.prepare('SELECT count(*) AS n FROM events').get();
    const err = fails(w.core, 'batches.record', {
      recipeId: w.recipe.id,
      locationId: w.workshop.id,
      inputs: [{ lotId: lot.id, qty: 11 }],
      outputs: [{ qty: 9 }],
    });
    expect(err.code).toBe('INSUFFICIENT_BALANCE');
    expect(err.message).toContain('chỉ còn 10 kg');
    expect(w.core.db.prepare('SELECT count(*) AS n FROM events').get()).toEqual(before);
    expect(w.core.db.prepare('SELECT count(*) AS n FROM batches').get()).toEqual({ n: 0 });
    const err2 = fails(w.core, 'shipments.create', {
      customerId: w.customer.id,
      fromLocationId: w.workshop.id,
      lines: [
        { lotId: lot.id, qty: 6 },
        { lotId: lot.id, qty: 5 },
      ],
    });
    expect(err2.code).toBe('INSUFFICIENT_BALANCE');
  });

  it('refuses a held lot without an override, records the override with its reason', () => {
    const w = recordsWorld();
    const lot = w.receive(w.rawCashew.id, 10);
    w.core.run('lots.setStatus', { lotIds: [lot.id], status: 'on_hold', reason: 'Chờ kết quả kiểm nghiệm độ ẩm' });
    const err = fails(w.core, 'shipments.create', {
      customerId: w.customer.id,
      fromLocationId: w.workshop.id,
      lines: [{ lotId: lot.id, qty: 1 }],
    });
    expect(err.code).toBe('LOT_NOT_USABLE');
    expect(err.message).toContain('tạm giữ');
    const s = w.core.run('shipments.create', {
      customerId: w.customer.id,
      fromLocationId: w.workshop.id,
      lines: [{ lotId: lot.id, qty: 1, override: { reason: 'Khách đồng ý nhận, đã báo' } }],
    });
    expect(s.lines[0].override).toBe('Khách đồng ý nhận, đã báo');
    const page = w.core.run('lots.get', { id: lot.id });
    expect(page.overrides).toHaveLength(1);
    expect(page.history.map((h) => h.kind)).toEqual(['receipt', 'status', 'shipment']);
    expect(page.history[2].summary).toContain('Khách đồng ý');
  });

  it('refuses an expired lot without an override', () => {
    const w = recordsWorld();
    const lot = w.receive(w.rawCashew.id, 10, { productionDate: '2026-01-01', expiryDate: '2026-11-01' });
    expect(lot.state).toBe('expired');
    const err = fails(w.core, 'batches.record', {
      recipeId: w.recipe.id,
      locationId: w.workshop.id,
      inputs: [{ lotId: lot.id, qty: 1 }],
      outputs: [{ qty: 1 }],
    });
    expect(err.code).toBe('LOT_NOT_USABLE');
    expect(err.message).toContain('hết hạn');
    // Expired lots are never proposed.
    expect(w.core.run('lots.propose', { productId: w.rawCashew.id, qty: 5 }).lots).toEqual([]);
  });

  it('checks lot codes: length, CSET 82, uniqueness per product', () => {
    const w = recordsWorld();
    const line = (lotCode: string, productId = w.rawCashew.id) => ({
      supplierId: w.supplier.id,
      locationId: w.workshop.id,
      lines: [{ productId, qty: 1, lotCode }],
    });
    expect(fails(w.core, 'receipts.create', line('A'.repeat(21))).fields?.[0].code).toBe('LOT_CODE_TOO_LONG');
    const cs = fails(w.core, 'receipts.create', line('LÔ-1'));
    expect(cs.fields?.[0].code).toBe('LOT_CODE_CHARSET');
    w.core.run('receipts.create', line('L-001'));
    expect(fails(w.core, 'receipts.create', line('L-001')).code).toBe('LOT_CODE_TAKEN');
    // The same code for another product is fine.
    w.core.run('receipts.create', line('L-001', w.salt.id));
    expect(w.core.run('lots.checkCode', { productId: w.rawCashew.id, code: 'L-001' }).code).toBe('LOT_CODE_TAKEN');
  });

  it('refuses expiry before production, zero and negative quantities, unconvertible units', () => {
    const w = recordsWorld();
    const base = { supplierId: w.supplier.id, locationId: w.workshop.id };
    expect(
      fails(w.core, 'receipts.create', {
        ...base,
        lines: [{ productId: w.rawCashew.id, qty: 1, productionDate: '2026-11-10', expiryDate: '2026-11-01' }],
      }).code,
    ).toBe('EXPIRY_BEFORE_PRODUCTION');
    expect(
      fails(w.core, 'receipts.create', { ...base, lines: [{ productId: w.rawCashew.id, qty: 0 }] }).fields?.[0].code,
    ).toBe('NOT_POSITIVE');
    expect(
      fails(w.core, 'receipts.create', { ...base, lines: [{ productId: w.rawCashew.id, qty: -3 }] }).fields?.[0].code,
    ).toBe('NOT_POSITIVE');
    const u = fails(w.core, 'receipts.create', { ...base, lines: [{ productId: w.rawCashew.id, qty: 3, unit: 'l' }] });
    expect(u.code).toBe('UNIT_NOT_CONVERTIBLE');
    expect(u.message).toContain('lít');
    // Through a pack size a count unit converts: 3 kg = 6 jars of 500 g.
    const jar = w.core.run('receipts.create', { ...base, lines: [{ productId: w.jar.id, qty: 3, unit: 'kg' }] });
    expect(jar.lines[0].lot.balance).toBe(6);
    expect(w.core.db.prepare('SELECT count(*) AS n FROM lots').get()).toEqual({ n: 1 });
  });

  it('refuses a batch consuming its own output, a recipe without inputs, a shipment to an archived customer', () => {
    const w = recordsWorld();
    const lot = w.receive(w.roasted.id, 10, { lotCode: 'HDRM-X' });
    const cyc = fails(w.core, 'batches.record', {
      productId: w.roasted.id,
      locationId: w.workshop.id,
      inputs: [{ lotId: lot.id, qty: 1 }],
      outputs: [{ lotCode: 'HDRM-X', qty: 1 }],
    });
    expect(cyc.code).toBe('BATCH_CYCLE');
    expect(
      fails(w.core, 'recipes.create', { productId: w.roasted.id, name: 'Trống', batchSize: 10, inputs: [] }).code,
    ).toBe('RECIPE_NO_INPUTS');
    w.core.run('partners.archive', { id: w.customer.id });
    const arch = fails(w.core, 'shipments.create', {
      customerId: w.customer.id,
      fromLocationId: w.workshop.id,
      lines: [{ lotId: lot.id, qty: 1 }],
    });
    expect(arch.code).toBe('CUSTOMER_ARCHIVED');
  });

  it('two saves of the same receipt form record one receipt', () => {
    const w = recordsWorld();
    const input = {
      supplierId: w.supplier.id,
      locationId: w.workshop.id,
      requestKey: 'rk-1',
      lines: [{ productId: w.rawCashew.id, qty: 5 }],
    };
    const a = w.core.run('receipts.create', input);
    const b = w.core.run('receipts.create', input);
    expect(b.id).toBe(a.id);
    expect(w.core.db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 1 });
  });
});

describe('corrections', () => {
  it('corrects a receipt quantity and reverses a shipment; history keeps both', () => {
    const w = recordsWorld();
    const r = w.core.run('receipts.create', {
      supplierId: w.supplier.id,
      locationId: w.workshop.id,
      lines: [{ productId: w.rawCashew.id, qty: 80 }],
    });
    const lot = r.lines[0].lot;
    const ev = w.core.run('events.get', { id: r.lines[0].eventId });
    const c = w.core.run('events.correct', {
      eventId: ev.id,
      lines: [{ lineId: ev.lines[0].lineId, qty: 75 }],
      reason: 'Cân lại thiếu 5 kg',
    });
    expect(c.lines[0]).toMatchObject({ qty: -5, stockDelta: -5 });
    const s = w.core.run('shipments.create', {
      customerId: w.customer.id,
      fromLocationId: w.workshop.id,
      lines: [{ lotId: lot.id, qty: 70 }],
    });
    expect(w.core.run('lots.get', { id: lot.id }).lot.balance).toBe(5);
    // Correcting the receipt below what was shipped would go negative.
    expect(
      fails(w.core, 'events.correct', { eventId: ev.id, lines: [{ lineId: ev.lines[0].lineId, qty: 10 }], reason: 'x' })
        .code,
    ).toBe('CORRECTION_NEGATIVE');
    w.core.run('events.reverse', { eventId: s.eventId, reason: 'Khách trả lại, xuất nhầm' });
    expect(fails(w.core, 'events.reverse', { eventId: s.eventId, reason: 'again' }).code).toBe(
      'EVENT_ALREADY_REVERSED',
    );
    const page = w.core.run('lots.get', { id: lot.id });
    expect(page.lot.balance).toBe(75);
    expect(page.history.map((h) => h.kind)).toEqual(['receipt', 'correction', 'shipment', 'correction']);
    expect(page.shippedTo).toEqual([]);
    expect(w.core.run('stock.rebuild', {}).differences).toEqual([]);
  });

  it('reverses a status change back to the previous status', () => {
    const w = recordsWorld();
    const lot = w.receive(w.rawCashew.id, 10);
    const hold = w.core.run('lots.setStatus', { lotIds: [lot.id], status: 'quarantined', reason: 'Nghi nhiễm mốc' });
    w.core.run('events.reverse', { eventId: hold.id, reason: 'Kết quả kiểm nghiệm đạt' });
    expect(w.core.run('lots.get', { id: lot.id }).lot.status).toBe('available');
    const destroy = w.core.run('lots.setStatus', { lotIds: [lot.id], status: 'destroyed', reason: 'Mốc' });
    expect(w.core.run('lots.get', { id: lot.id }).lot.balance).toBe(0);
    expect(fails(w.core, 'lots.setStatus', { lotIds: [lot.id], status: 'available', reason: 'x' }).code).toBe(
      'LOT_STATUS_FINAL',
    );
    w.core.run('events.reverse', { eventId: destroy.id, reason: 'Huỷ nhầm lô' });
    const after = w.core.run('lots.get', { id: lot.id }).lot;
    expect(after).toMatchObject({ status: 'available', balance: 10 });
    expect(w.core.run('stock.rebuild', {}).differences).toEqual([]);
  });
});
