// Builds production histories for trace/recall tests through the recording API (receipts, batches,
// shipments, corrections), so traces are checked against the events the real services write.
import type { Core } from '../../main/core';
import { aBusiness, aLocation, aPartner, aProduct, makeCore } from './core';

export type WorldLot = { id: number; code: string; productCode: string; unit: string; eventId: number };

export class TraceWorld {
  readonly core: Core;
  readonly locationId: number;
  readonly otherLocationId: number;
  readonly supplierId: number;
  readonly customers: number[] = [];
  private products = new Map<string, number>();
  private n = 0;

  constructor(core = makeCore()) {
    this.core = core;
    core.run('business.update', aBusiness());
    this.locationId = core.run('locations.create', aLocation({ name: 'Xưởng chế biến' })).id;
    this.otherLocationId = core.run('locations.create', aLocation({ name: 'Kho thành phẩm', kind: 'warehouse' })).id;
    this.supplierId = core.run(
      'partners.create',
      aPartner({ kind: 'supplier', name: 'HTX Điều Bình Phước', phone: '0912 345 678', email: 'htx@dieubp.vn' }),
    ).id;
  }

  customer(name = `Cửa hàng Thực phẩm Sạch ${this.customers.length + 1}`): number {
    const id = this.core.run(
      'partners.create',
      aPartner({
        kind: 'customer',
        name,
        phone: '0283 8123 456',
        email: `kh${this.customers.length + 1}@cuahang.vn`,
        contactPerson: 'Chị Lan',
      }),
    ).id;
    this.customers.push(id);
    return id;
  }

  product(code: string, kind: 'raw' | 'intermediate' | 'finished' = 'raw'): number {
    let id = this.products.get(code);
    if (!id) {
      id = this.core.run('products.create', aProduct({ code, name: `Sản phẩm ${code}`, kind, unit: 'kg' })).id;
      this.products.set(code, id);
    }
    return id;
  }

  /** A receipt of one lot from the supplier. */
  receive(
    productCode: string,
    qty: number,
    opts: { lotCode?: string; supplierLotCode?: string | null; date?: string } = {},
  ): WorldLot {
    const r = this.core.run('receipts.create', {
      supplierId: this.supplierId,
      locationId: this.locationId,
      date: opts.date ?? '2026-11-20',
      documentRef: `PN-${++this.n}`,
      lines: [
        {
          productId: this.product(productCode),
          qty,
          supplierLotCode: opts.supplierLotCode === undefined ? `NCC-${this.n}` : opts.supplierLotCode,
          lotCode: opts.lotCode ?? `${productCode}-R${this.n}`,
        },
      ],
    });
    const line = r.lines[0];
    return { id: line.lot.id, code: line.lot.code, productCode, unit: line.lot.unit, eventId: line.eventId };
  }

  /**
   * A batch making `outputs` lots of `productCode`; each output says which input lots it consumed and
   * how much (consumption per output lot).
   */
  batch(
    productCode: string,
    outputs: { qty: number; lotCode?: string; inputs: { lot: WorldLot; qty: number }[] }[],
    date = '2026-11-25',
  ): WorldLot[] {
    const totals = new Map<number, number>();
    for (const o of outputs)
      for (const i of o.inputs) totals.set(i.lot.id, Math.round(((totals.get(i.lot.id) ?? 0) + i.qty) * 1000) / 1000);
    const b = this.core.run('batches.record', {
      productId: this.product(productCode, 'finished'),
      locationId: this.locationId,
      productionDate: date,
      inputs: [...totals].map(([lotId, qty]) => ({ lotId, qty })),
      outputs: outputs.map((o, k) => ({
        qty: o.qty,
        lotCode: o.lotCode ?? `${productCode}-B${++this.n}-${k}`,
        inputs: o.inputs.map((i) => ({ lotId: i.lot.id, qty: i.qty })),
      })),
    });
    return b.outputs.map((o) => ({
      id: o.lot.id,
      code: o.lot.code,
      productCode,
      unit: o.lot.unit,
      eventId: o.eventId,
    }));
  }

  ship(lot: WorldLot, qty: number, customerId = this.customers[0] ?? this.customer(), date = '2026-11-27'): number {
    const s = this.core.run('shipments.create', {
      kind: 'customer',
      customerId,
      fromLocationId: this.locationId,
      date,
      documentRef: `PX-${++this.n}`,
      lines: [{ lotId: lot.id, qty }],
    });
    return s.eventId;
  }

  reverse(eventId: number, reason = 'Ghi nhầm lô'): number {
    return this.core.run('events.reverse', { eventId, reason }).id;
  }

  /** Corrects the consumption of `input` in the production event of `output` to `qty` (0 = reversed). */
  correctInput(output: WorldLot, input: WorldLot, qty = 0, reason = 'Cân nhầm, ghi lại'): number {
    const line = this.core.db
      .prepare(
        "SELECT id FROM event_lines WHERE event_id = ? AND role = 'input' AND lot_id = ? AND corrects_line_id IS NULL",
      )
      .get(output.eventId, input.id) as { id: number };
    return this.core.run('events.correct', { eventId: output.eventId, lines: [{ lineId: line.id, qty }], reason }).id;
  }
}
