// Receipts (nhập hàng): goods from a supplier, one or more lots per line; a scanner fills a line.
import { z } from 'zod';
import { byId, expiryDate, id, isoDate, optText, positiveQuantity, recordDate, text, type ListResult } from './fields';
import { method } from './method';
import { optEventDate, optLotCode, requestKey, unit, type Lot } from './lots';

export const receiptLine = z
  .object({
    productId: id,
    qty: positiveQuantity,
    /** Defaults to the product's unit; must convert to it. */
    unit: unit.optional(),
    supplierLotCode: optText(40),
    productionDate: recordDate.nullish().transform((v) => v ?? null),
    /** Typed or scanned; computed from the product's shelf life when only the production date is known. */
    expiryDate: expiryDate.nullish().transform((v) => v ?? null),
    /** Our lot code; generated from the product's pattern when empty. */
    lotCode: optLotCode,
  })
  .strict();

export const receiptInput = z
  .object({
    supplierId: id,
    locationId: id,
    date: optEventDate,
    documentRef: optText(60),
    note: optText(1000),
    lines: z.array(receiptLine).min(1, { error: 'REQUIRED' }).max(500, { error: 'TOO_BIG' }),
    requestKey,
  })
  .strict();

export type ReceiptLineView = { eventId: number; lot: Lot; qty: number; unit: string };
export type Receipt = {
  id: number;
  supplierId: number;
  supplierName: string;
  locationId: number;
  locationName: string;
  date: string;
  documentRef: string | null;
  note: string | null;
  user: string;
  createdAt: string;
  lines: ReceiptLineView[];
};
export type ReceiptListItem = Omit<Receipt, 'lines'> & { lineCount: number; products: string };

/** A line filled from a scanned GS1 barcode. */
export type ScannedLine = {
  gtin: string | null;
  productId: number | null;
  productName: string | null;
  unit: string | null;
  supplierLotCode: string | null;
  productionDate: string | null;
  expiryDate: string | null;
  /** True when the expiry was computed from the product's shelf life rather than scanned. */
  expiryComputed: boolean;
  /** Quantity from AI 30/37/310n when present. */
  qty: number | null;
  /** Our proposed lot code for the product (editable). */
  lotCode: string | null;
  /** Every element of the scan, e.g. {"01": "0952…", "10": "ABC"}. */
  elements: { ai: string; value: string }[];
  /** Non-blocking remarks, e.g. unknown GTIN. */
  warnings: string[];
};

export const receiptMethods = {
  'receipts.create': method(receiptInput, 'write').returns<Receipt>(),
  'receipts.get': method(byId, 'read').returns<Receipt>(),
  'receipts.list': method(
    z
      .object({
        supplierId: id.optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
        search: z.string().trim().max(200).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
        offset: z.number().int().min(0).optional(),
      })
      .strict(),
    'read',
  ).returns<ListResult<ReceiptListItem>>(),
  'receipts.parseScan': method(
    z.object({ scan: text(500), date: recordDate.optional() }).strict(),
    'read',
  ).returns<ScannedLine>(),
};
