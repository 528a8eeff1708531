// Shipments (xuất hàng) to customers and internal transfers between the business's own locations.
import { z } from 'zod';
import { byId, id, isoDate, optText, positiveQuantity, type ListResult } from './fields';
import { method } from './method';
import { optEventDate, override, requestKey, unit } from './lots';

export const shipmentInput = z
  .object({
    kind: z.enum(['customer', 'transfer'], { error: 'INVALID_CHOICE' }).default('customer'),
    customerId: id.optional(),
    toLocationId: id.optional(),
    fromLocationId: id,
    date: optEventDate,
    documentRef: optText(60),
    vehiclePlate: optText(20),
    driver: optText(100),
    note: optText(1000),
    lines: z
      .array(z.object({ lotId: id, qty: positiveQuantity, unit: unit.optional(), override }).strict())
      .min(1, { error: 'REQUIRED' })
      .max(1000, { error: 'TOO_BIG' }),
    requestKey,
  })
  .strict();
export type ShipmentInput = z.input<typeof shipmentInput>;

export type ShipmentLineView = {
  lineId: number;
  lotId: number;
  lotCode: string;
  productId: number;
  productName: string;
  gtin: string | null;
  qty: number;
  unit: string;
  expiryDate: string | null;
  override: string | null;
};
export type Shipment = {
  id: number;
  kind: 'customer' | 'transfer';
  customerId: number | null;
  customerName: string | null;
  fromLocationId: number;
  fromLocationName: string;
  toLocationId: number | null;
  toLocationName: string | null;
  date: string;
  documentRef: string | null;
  vehiclePlate: string | null;
  driver: string | null;
  note: string | null;
  user: string;
  createdAt: string;
  eventId: number;
  lines: ShipmentLineView[];
};
export type ShipmentListItem = Omit<Shipment, 'lines'> & { lineCount: number; products: string };

export const shipmentMethods = {
  'shipments.create': method(shipmentInput, 'write').returns<Shipment>(),
  'shipments.get': method(byId, 'read').returns<Shipment>(),
  'shipments.list': method(
    z
      .object({
        customerId: id.optional(),
        kind: z.enum(['customer', 'transfer']).optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
        search: z.string().trim().max(200).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
        offset: z.number().int().min(0).optional(),
      })
      .strict(),
    'read',
  ).returns<ListResult<ShipmentListItem>>(),
};
