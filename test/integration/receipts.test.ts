import { describe, expect, it } from 'vitest';
import { toGtin14, withCheckDigit } from '../../shared/gs1/checkdigit';
import { fails, recordsWorld } from '../unit/lots-fixtures';

describe('receipts.parseScan', () => {
  it('fills a receipt line from a scanned GS1 DataMatrix string', () => {
    const w = recordsWorld();
    const g = toGtin14(w.rawCashew.gtin!);
    const line = w.core.run('receipts.parseScan', { scan: `]d201${g}11261101\u001d10BP-0911\u001d` });
    expect(line).toMatchObject({
      productId: w.rawCashew.id,
      supplierLotCode: 'BP-0911',
      productionDate: '2026-11-01',
      expiryDate: '2027-11-01',
      expiryComputed: true,
      lotCode: 'DT-261129-001',
    });
    const r = w.core.run('receipts.create', {
      supplierId: w.supplier.id,
      locationId: w.workshop.id,
      lines: [
        {
          productId: line.productId!,
          qty: 25,
          supplierLotCode: line.supplierLotCode,
          productionDate: line.productionDate,
          expiryDate: line.expiryDate,
          lotCode: line.lotCode,
        },
      ],
    });
    expect(r.lines[0].lot).toMatchObject({
      code: 'DT-261129-001',
      supplierLotCode: 'BP-0911',
      balance: 25,
      supplierName: 'HTX Điều Bình Phước',
    });
    // The proposed code was used, so the next proposal moves on.
    expect(w.core.run('lots.nextCode', { productId: w.rawCashew.id }).code).toBe('DT-261129-002');
    expect(w.core.run('lots.nextCode', { productId: w.rawCashew.id, exclude: ['DT-261129-002'] }).code).toBe(
      'DT-261129-003',
    );
  });

  it('warns about an unknown GTIN and refuses bad barcodes with clear messages', () => {
    const w = recordsWorld();
    const unknown = w.core.run('receipts.parseScan', { scan: `(01)${withCheckDigit('0952000009999')}(17)271231` });
    expect(unknown.productId).toBeNull();
    expect(unknown.warnings[0]).toContain('Chưa có sản phẩm');
    const g = toGtin14(w.rawCashew.gtin!);
    const bad = g.slice(0, 13) + String((Number(g[13]) + 3) % 10);
    const e1 = fails(w.core, 'receipts.parseScan', { scan: `01${bad}10ABC` });
    expect(e1.code).toBe('SCAN_CHECK_DIGIT');
    expect(e1.message).toContain('số kiểm tra');
    expect(fails(w.core, 'receipts.parseScan', { scan: `01${g}2312345` }).code).toBe('SCAN_UNKNOWN_AI');
  });
});

describe('receipts', () => {
  it('splits one delivery into several lots and lists receipts', () => {
    const w = recordsWorld();
    const r = w.core.run('receipts.create', {
      supplierId: w.supplier.id,
      locationId: w.warehouse.id,
      date: '2026-11-27',
      documentRef: 'PGH-778',
      lines: [
        { productId: w.rawCashew.id, qty: 500, supplierLotCode: 'A' },
        { productId: w.rawCashew.id, qty: 480, supplierLotCode: 'B' },
      ],
    });
    expect(r.lines.map((l) => l.lot.code)).toEqual(['DT-261127-001', 'DT-261127-002']);
    expect(r.date).toBe('2026-11-27');
    const ev = w.core.run('events.get', { id: r.lines[0].eventId });
    expect(ev).toMatchObject({
      kind: 'receipt',
      epcisType: 'ObjectEvent',
      action: 'ADD',
      bizStep: 'receiving',
      documentRef: 'PGH-778',
      sourcePartnerName: 'HTX Điều Bình Phước',
    });
    expect(ev.eventTime.startsWith('2026-11-27T')).toBe(true);
    const list = w.core.run('receipts.list', { search: 'PGH' });
    expect(list.items[0]).toMatchObject({ lineCount: 2, products: 'Điều thô' });
    expect(w.core.run('stock.summary', {}).rows[0]).toMatchObject({
      productName: 'Điều thô',
      locationName: 'Kho thành phẩm',
      qty: 980,
      lots: 2,
    });
  });

  it('refuses a customer as supplier, and archived products', () => {
    const w = recordsWorld();
    expect(
      fails(w.core, 'receipts.create', {
        supplierId: w.customer.id,
        locationId: w.workshop.id,
        lines: [{ productId: w.salt.id, qty: 1 }],
      }).code,
    ).toBe('PARTNER_NOT_SUPPLIER');
    w.core.run('products.archive', { id: w.salt.id });
    expect(
      fails(w.core, 'receipts.create', {
        supplierId: w.supplier.id,
        locationId: w.workshop.id,
        lines: [{ productId: w.salt.id, qty: 1 }],
      }).code,
    ).toBe('PRODUCT_ARCHIVED');
  });

  it('freezes label data into the lot', () => {
    const w = recordsWorld();
    const lot = w.receive(w.roasted.id, 3);
    w.core.run('products.update', { id: w.roasted.id, name: 'Tên mới' });
    const page = w.core.run('lots.get', { id: lot.id });
    expect((page.labelData as { product: { name: string } }).product.name).toBe('Hạt điều rang muối');
    expect((page.labelData as { business: { taxCode: string } }).business.taxCode).toBe('0300588569');
  });
});
