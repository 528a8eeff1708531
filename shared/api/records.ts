// The recording features joined, so the contract adds them in one line.
import { lotMethods } from './lots';
import { receiptMethods } from './receipts';
import { recipeMethods } from './recipes';
import { batchMethods } from './batches';
import { shipmentMethods } from './shipments';

export const recordMethods = {
  ...lotMethods,
  ...receiptMethods,
  ...recipeMethods,
  ...batchMethods,
  ...shipmentMethods,
};
