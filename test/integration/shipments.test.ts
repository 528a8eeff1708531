import { describe, expect, it } from 'vitest';
import { fails, recordsWorld } from '../unit/lots-fixtures';

describe('shipments and transfers', () => {
  it('ships with document, vehicle and driver; proposes lots FEFO for a product', () => {
    const w = recordsWorld();
    const late = w.receive(w.roasted.id, 40, { expiryDate: '2027-03-01' });
    const early = w.receive(w.roasted.id, 20, { expiryDate: '2027-01-01' });
    const prop = w.core.run('lots.propose', { productId: w.roasted.id, qty: 30, locationId: w.workshop.id });
    expect(prop.lots.map((l) => [l.lotId, l.selected])).toEqual([
      [early.id, 20],
      [late.id, 10],
    ]);
    const s = w.core.run('shipments.create', {
      customerId: w.customer.id,
      fromLocationId: w.workshop.id,
      documentRef: 'HD-0091',
      vehiclePlate: '60C-999.99',
      driver: 'Anh Tâm',
      lines: prop.lots.map((l) => ({ lotId: l.lotId, qty: l.selected })),
    });
    expect(s).toMatchObject({
      kind: 'customer',
      customerName: 'Cửa hàng Bách Hoá Xanh Biên Hoà',
      vehiclePlate: '60C-999.99',
      driver: 'Anh Tâm',
    });
    const ev = w.core.run('events.get', { id: s.eventId });
    expect(ev).toMatchObject({
      kind: 'shipment',
      bizStep: 'shipping',
      disposition: 'in_transit',
      destinationPartnerId: w.customer.id,
      data: { vehiclePlate: '60C-999.99', driver: 'Anh Tâm' },
    });
    expect(w.core.run('shipments.list', { search: 'HD-0091' }).items[0]).toMatchObject({ lineCount: 2 });
  });

  it('moves stock between own locations and ships only what is at the origin', () => {
    const w = recordsWorld();
    const lot = w.receive(w.roasted.id, 40);
    const t = w.core.run('shipments.create', {
      kind: 'transfer',
      fromLocationId: w.workshop.id,
      toLocationId: w.warehouse.id,
      lines: [{ lotId: lot.id, qty: 15 }],
    });
    expect(t).toMatchObject({ kind: 'transfer', toLocationName: 'Kho thành phẩm' });
    const stock = w.core.run('lots.get', { id: lot.id }).lot.stock;
    expect(stock.map((x) => [x.locationName, x.qty])).toEqual([
      ['Kho thành phẩm', 15],
      ['Xưởng chế biến', 25],
    ]);
    const e = fails(w.core, 'shipments.create', {
      customerId: w.customer.id,
      fromLocationId: w.warehouse.id,
      lines: [{ lotId: lot.id, qty: 16 }],
    });
    expect(e.code).toBe('INSUFFICIENT_BALANCE');
    expect(e.message).toContain('tại Kho thành phẩm');
    expect(
      fails(w.core, 'shipments.create', {
        kind: 'transfer',
        fromLocationId: w.workshop.id,
        toLocationId: w.workshop.id,
        lines: [{ lotId: lot.id, qty: 1 }],
      }).code,
    ).toBe('TRANSFER_SAME_LOCATION');
    expect(
      fails(w.core, 'shipments.create', { fromLocationId: w.workshop.id, lines: [{ lotId: lot.id, qty: 1 }] }).code,
    ).toBe('SHIPMENT_NEEDS_CUSTOMER');
    expect(
      fails(w.core, 'shipments.create', {
        customerId: w.supplier.id,
        fromLocationId: w.workshop.id,
        lines: [{ lotId: lot.id, qty: 1 }],
      }).code,
    ).toBe('PARTNER_NOT_CUSTOMER');
    // Correcting a transfer line moves both sides.
    const ev = w.core.run('events.get', { id: t.eventId });
    w.core.run('events.correct', {
      eventId: ev.id,
      lines: [{ lineId: ev.lines[0].lineId, qty: 10 }],
      reason: 'Chuyển 10 thôi',
    });
    expect(w.core.run('lots.get', { id: lot.id }).lot.stock.map((x) => x.qty)).toEqual([10, 30]);
    expect(w.core.run('stock.rebuild', {}).differences).toEqual([]);
  });
});

describe('stock and lot lists', () => {
  it('summarises stock by product and location and counts lots expiring in 7/30/90 days', () => {
    const w = recordsWorld();
    w.receive(w.rawCashew.id, 10, { expiryDate: '2026-12-03' });
    w.receive(w.rawCashew.id, 10, { expiryDate: '2026-12-20' });
    w.receive(w.salt.id, 5, { expiryDate: '2027-02-10' });
    w.receive(w.salt.id, 5, { productionDate: '2020-01-01', expiryDate: '2026-11-01' });
    const sum = w.core.run('stock.summary', {});
    expect(sum.byProduct.map((p) => [p.productName, p.qty, p.lots])).toEqual([
      ['Điều thô', 20, 2],
      ['Muối', 10, 2],
    ]);
    expect(sum.rows.find((r) => r.productName === 'Muối')).toMatchObject({ usableQty: 5, nearestExpiry: '2026-11-01' });
    const exp = w.core.run('stock.expiring', { days: 90 });
    expect(exp.counts).toEqual({ expired: 1, within7: 1, within30: 2, within90: 3 });
    expect(exp.lots.map((l) => l.daysToExpiry)).toEqual([-28, 4, 21, 73]);
    expect(w.core.run('lots.list', { state: 'expired' }).total).toBe(1);
    expect(w.core.run('lots.list', { usable: true, sort: 'expiryDate' }).items.map((l) => l.expiryDate)).toEqual([
      '2026-12-03',
      '2026-12-20',
      '2027-02-10',
    ]);
    expect(w.core.run('lots.list', { expiringWithinDays: 7 }).total).toBe(2);
    expect(w.core.run('lots.list', { search: 'muoi' }).total).toBe(2);
    expect(w.core.run('lots.findByCode', { code: 'DT-261129-001' })[0].productName).toBe('Điều thô');
  });

  it('creates opening stock and recalls lots with a reference', () => {
    const w = recordsWorld();
    const lot = w.core.run('lots.createOpening', {
      productId: w.roasted.id,
      locationId: w.warehouse.id,
      qty: 12,
      productionDate: '2026-11-20',
      requestKey: 'op-1',
    });
    expect(lot).toMatchObject({ origin: 'opening', balance: 12, expiryDate: '2027-05-19', code: 'HDRM-261120-001' });
    expect(
      w.core.run('lots.createOpening', {
        productId: w.roasted.id,
        locationId: w.warehouse.id,
        qty: 12,
        productionDate: '2026-11-20',
        requestKey: 'op-1',
      }).id,
    ).toBe(lot.id);
    const ev = w.core.run('lots.setStatus', {
      lotIds: [lot.id],
      status: 'recalled',
      reason: 'Quyết định thu hồi',
      recallRef: 'QĐ-12/2026',
    });
    expect(ev).toMatchObject({
      bizStep: 'recalling',
      disposition: 'recalled',
      docType: 'recall',
      data: { status: 'recalled', recallRef: 'QĐ-12/2026' },
    });
    expect(w.core.run('lots.list', { state: 'recalled' }).items[0].id).toBe(lot.id);
    expect(w.core.run('lots.propose', { productId: w.roasted.id, qty: 1 }).lots).toEqual([]);
  });
});

describe('double saves', () => {
  it('records one shipment, one status change and one correction per request key', () => {
    const w = recordsWorld();
    const lot = w.receive(w.roasted.id, 10);
    const ship = {
      customerId: w.customer.id,
      fromLocationId: w.workshop.id,
      lines: [{ lotId: lot.id, qty: 2 }],
      requestKey: 's-1',
    };
    expect(w.core.run('shipments.create', ship).id).toBe(w.core.run('shipments.create', ship).id);
    const st = { lotIds: [lot.id], status: 'on_hold' as const, reason: 'x', requestKey: 'st-1' };
    expect(w.core.run('lots.setStatus', st).id).toBe(w.core.run('lots.setStatus', st).id);
    const ev = w.core.run('events.list', { lotId: lot.id, kind: 'receipt' }).items[0];
    const corr = {
      eventId: ev.id,
      lines: [{ lineId: ev.lines[0].lineId, qty: 9 }],
      reason: 'cân lại',
      requestKey: 'c-1',
    };
    expect(w.core.run('events.correct', corr).id).toBe(w.core.run('events.correct', corr).id);
    expect(w.core.run('lots.get', { id: lot.id }).lot.balance).toBe(7);
    expect(w.core.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(4);
  });
});
