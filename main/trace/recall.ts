// Recall scope (what a recall touches) from the forward trace of its root lots: every lot made from
// them at any level, stock on hand by location (what can still be stopped) and the customers reached
// with their contact details and quantities per lot.
import {
  TRACE_MAX_LOTS,
  type RecallCustomer,
  type RecallLot,
  type RecallScope,
  type RecallStockAt,
} from '../../shared/api/trace';
import { fromMilli } from '../../shared/domain/quantity';
import type { Db } from '../store/db';
import { lotRows, partners, reach, shipments, stock } from './queries';

export function recallScope(db: Db, rootIds: number[], generatedAt: string, max = TRACE_MAX_LOTS): RecallScope {
  const { rows, truncated } = reach(db, rootIds, 'forward', max);
  const ids = rows.map((r) => r.lotId);
  const base = lotRows(db, ids);
  const st = stock(db, ids);
  const sh = shipments(db, ids);
  const lots: RecallLot[] = [];
  const byCustomer = new Map<number, RecallCustomer['shipments']>();
  const byLocation = new Map<number, RecallStockAt>();
  let shipmentsCount = 0;
  let notHeld = 0;
  for (const r of rows) {
    const l = base.get(r.lotId);
    if (!l) continue;
    const lotStock = st.get(l.id) ?? [];
    let shipped = 0;
    for (const s of sh.get(l.id) ?? []) {
      if (s.kind !== 'shipment' || s.customerId === null) continue;
      shipped += s.qty;
      shipmentsCount++;
      const list = byCustomer.get(s.customerId) ?? [];
      list.push({
        eventId: s.eventId,
        shipmentId: s.shipmentId,
        date: s.date,
        documentRef: s.documentRef,
        lotId: l.id,
        lotCode: l.code,
        productCode: l.productCode,
        productName: l.productName,
        qty: s.qty,
        unit: s.unit,
      });
      byCustomer.set(s.customerId, list);
    }
    for (const s of lotStock) {
      const at = byLocation.get(s.locationId) ?? { locationId: s.locationId, locationName: s.locationName, lots: [] };
      at.lots.push({
        lotId: l.id,
        lotCode: l.code,
        productCode: l.productCode,
        productName: l.productName,
        qty: s.qty,
        unit: l.unit,
        status: l.status,
      });
      byLocation.set(s.locationId, at);
    }
    if (l.status === 'available') notHeld++;
    lots.push({
      id: l.id,
      productId: l.productId,
      productCode: l.productCode,
      productName: l.productName,
      code: l.code,
      supplierLotCode: l.supplierLotCode,
      unit: l.unit,
      status: l.status,
      balance: fromMilli(l.balanceMilli),
      side: r.side === 'root' ? 'root' : 'forward',
      depth: r.depth,
      stock: lotStock,
      shipped: Math.round(shipped * 1000) / 1000,
    });
  }
  const customers: RecallCustomer[] = partners(db, [...byCustomer.keys()]).map((p) => {
    const list = byCustomer.get(p.id) ?? [];
    const perLot = new Map<number, RecallCustomer['byLot'][number]>();
    for (const s of list) {
      const x = perLot.get(s.lotId) ?? {
        lotId: s.lotId,
        lotCode: s.lotCode,
        productCode: s.productCode,
        qty: 0,
        unit: s.unit,
      };
      x.qty = Math.round((x.qty + s.qty) * 1000) / 1000;
      perLot.set(s.lotId, x);
    }
    return {
      partner: p,
      shipments: list.sort((a, b) => a.date.localeCompare(b.date) || a.eventId - b.eventId),
      byLot: [...perLot.values()],
    };
  });
  const openStock = [...byLocation.values()].sort((a, b) => a.locationName.localeCompare(b.locationName));
  return {
    rootIds,
    generatedAt,
    truncated,
    lots,
    customers,
    openStock,
    totals: {
      lots: lots.length,
      lotsWithStock: lots.filter((l) => l.balance > 0).length,
      customers: customers.length,
      shipments: shipmentsCount,
      notHeld,
    },
  };
}
