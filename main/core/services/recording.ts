// The recording features joined, so the core adds them in one line.
import type { PartialHandlers } from '../core';
import { lotHandlers } from './lots';
import { stockHandlers } from './stock';
import { eventHandlers } from './corrections';
import { receiptHandlers } from './receipts';
import { recipeHandlers } from './recipes';
import { batchHandlers } from './batches';
import { shipmentHandlers } from './shipments';

export const recordHandlers: PartialHandlers = {
  ...lotHandlers,
  ...stockHandlers,
  ...eventHandlers,
  ...receiptHandlers,
  ...recipeHandlers,
  ...batchHandlers,
  ...shipmentHandlers,
};
