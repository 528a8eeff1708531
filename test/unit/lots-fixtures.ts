// A small business for the recording tests: a workshop and a warehouse, a supplier and a customer,
// two raw materials and a finished product with a recipe.
import type { Core } from '../../main/core';
import { aBusiness, aLocation, aPartner, aProduct, demoGtin, fixedClock, makeCore } from '../helpers/core';

export function recordsWorld(opts: { clock?: ReturnType<typeof fixedClock>; file?: string } = {}) {
  const clock = opts.clock ?? fixedClock('2026-11-29T08:00:00+07:00');
  const core: Core = makeCore({ clock, file: opts.file });
  core.run('business.update', aBusiness({ gs1CompanyPrefix: '9520000' }));
  const workshop = core.run('locations.create', aLocation({ name: 'Xưởng chế biến', kind: 'production' }));
  const warehouse = core.run('locations.create', aLocation({ name: 'Kho thành phẩm', kind: 'warehouse' }));
  const supplier = core.run('partners.create', aPartner({ kind: 'supplier', name: 'HTX Điều Bình Phước' }));
  const customer = core.run('partners.create', aPartner({ kind: 'customer', name: 'Cửa hàng Bách Hoá Xanh Biên Hoà' }));
  const rawCashew = core.run(
    'products.create',
    aProduct({ kind: 'raw', name: 'Điều thô', code: 'DT', unit: 'kg', gtin: demoGtin(901), shelfLifeDays: 365 }),
  );
  const salt = core.run(
    'products.create',
    aProduct({ kind: 'raw', name: 'Muối', code: 'MUOI', unit: 'kg', shelfLifeDays: 720 }),
  );
  const roasted = core.run(
    'products.create',
    aProduct({
      kind: 'finished',
      name: 'Hạt điều rang muối',
      code: 'HDRM',
      unit: 'kg',
      gtin: demoGtin(902),
      shelfLifeDays: 180,
      lotPattern: '{CODE}-{YYMMDD}-{SEQ}',
    }),
  );
  const jar = core.run(
    'products.create',
    aProduct({
      kind: 'finished',
      name: 'Hũ điều 500 g',
      code: 'HU500',
      unit: 'hu',
      packSize: 500,
      packUnit: 'g',
      shelfLifeDays: 180,
    }),
  );
  const shells = core.run(
    'products.create',
    aProduct({ kind: 'intermediate', name: 'Vỏ hạt điều', code: 'VO', unit: 'kg' }),
  );
  const recipe = core.run('recipes.create', {
    productId: roasted.id,
    name: 'Rang muối 100 kg',
    batchSize: 100,
    batchUnit: 'kg',
    inputMode: 'quantity',
    inputs: [
      { productId: rawCashew.id, qty: 98, unit: 'kg' },
      { productId: salt.id, qty: 2000, unit: 'g' },
    ],
    byProducts: [{ productId: shells.id, qty: 5, unit: 'kg' }],
    yieldPct: 90,
    lossPct: 10,
    steps: 'Rang 20 phút ở 160°C, rắc muối, để nguội.',
  });
  const receive = (productId: number, qty: number, extra: Record<string, unknown> = {}) =>
    core.run('receipts.create', {
      supplierId: supplier.id,
      locationId: workshop.id,
      documentRef: 'PN-001',
      lines: [{ productId, qty, ...extra }],
    }).lines[0].lot;
  return {
    core,
    clock,
    workshop,
    warehouse,
    supplier,
    customer,
    rawCashew,
    salt,
    roasted,
    jar,
    shells,
    recipe,
    receive,
  };
}

/** Runs a call that must fail and returns its error envelope. */
export function fails(core: Core, method: string, input: unknown) {
  const res = core.call(method, input);
  if (res.ok) throw new Error(`${method} should have failed`);
  return res.error;
}
