// Delivery slips (phiếu giao hàng) on receipt printers: a preview of a shipment's slip and printing it to a saved
// receipt-printer profile through the print queue (a print names a profile, never an address).
import { z } from 'zod';
import { id } from './fields';
import { method } from './method';
import type { PrintJob } from './labels';
import { SLIP_CODES, type SlipCode, type SlipData } from '../labels/slip';
import '../i18n/slips';

const paper = z.union([z.literal(58), z.literal(80)], { error: 'INVALID_CHOICE' });
/** The symbol on each line: GS1 DataMatrix (element string) or QR (the lot's GS1 Digital Link URI). */
const code = z.enum(SLIP_CODES, { error: 'INVALID_CHOICE' }).default('datamatrix');

export type SlipPreview = {
  /** data:image/png;base64,… of the 1-bit bitmap that prints, at the printer's dots. */
  png: string;
  dpi: number;
  paperWidthMm: 58 | 80;
  widthDots: number;
  heightDots: number;
  widthMm: number;
  heightMm: number;
  code: SlipCode;
  /**
   * Each shipment line and what its code carries: the GS1 element string (DataMatrix) or the Digital Link URI
   * (QR); null when the product has no GTIN.
   */
  lines: { productName: string; lotCode: string; code: string | null }[];
  /** What the slip says (the CLI renders its --out file from it). */
  data: SlipData;
};

export const slipMethods = {
  'print.slipPreview': method(
    z
      .object({
        shipmentId: id,
        /** Render for this receipt printer (its paper width and dpi); otherwise `paperWidthMm` (default 80). */
        printerId: id.optional(),
        paperWidthMm: paper.optional(),
        code,
      })
      .strict(),
    'read',
  ).returns<SlipPreview>(),
  'print.slip': method(
    z
      .object({
        shipmentId: id,
        printerId: id,
        code,
        /** Idempotency key: the same key submits one job (double click). */
        requestKey: z.string().trim().min(1).max(100).optional(),
      })
      .strict(),
    'write',
  ).returns<PrintJob>(),
};
