// Workshop mode (chế độ đào tạo): a training database with the demo business, a guided checklist that
// ticks itself from the records, one-click reset, and a QR code of the classroom address.
import { z } from 'zod';
import { method } from './method';
import { text } from './fields';

export const WORKSHOP_STEPS = ['product', 'receive', 'batch', 'label', 'trace', 'recall', 'sync'] as const;
export type WorkshopStep = (typeof WORKSHOP_STEPS)[number];
export type WorkshopStatus = {
  workshop: boolean;
  resetAt: string | null;
  steps: { step: WorkshopStep; done: boolean; at: string | null }[];
  done: number;
  total: number;
};

export const workshopMethods = {
  'workshop.status': method(z.object({}).strict(), 'read').returns<WorkshopStatus>(),
  /** Marks a step that leaves no record of its own (looking at a trace); the others tick from the data. */
  'workshop.tick': method(
    z.object({ step: z.enum(WORKSHOP_STEPS, { error: 'INVALID_CHOICE' }) }).strict(),
    'write',
  ).returns<WorkshopStatus>(),
  /** Rebuilds the training database with the demo business. Swaps the file: runs outside a transaction. */
  'workshop.reset': method(
    z.object({ scale: z.number().int().min(1).max(2000).optional() }).strict(),
    'read',
  ).returns<WorkshopStatus>(),
  /** A QR code (SVG) of an address, for trainees to open the classroom app on their phones. */
  'workshop.qr': method(z.object({ text: text(500) }).strict(), 'read').returns<{
    svg: string;
  }>(),
};

export const GUIDES = ['receiving', 'labels', 'recall'] as const;
export type Guide = (typeof GUIDES)[number];
export const helpMethods = {
  /** A printable one-page guide for shop staff (PDF), in the caller's language. */
  'help.guide': method(z.object({ guide: z.enum(GUIDES, { error: 'INVALID_CHOICE' }) }).strict(), 'read').returns<{
    fileName: string;
    mimeType: string;
    base64: string;
    bytes: number;
  }>(),
};
