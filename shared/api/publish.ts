// Publishing the consumer pages: the app writes the static site into its own folder (beside the database) and
// offers it as one ZIP to upload; the trace address and the products kept private are the business's settings.
import { z } from 'zod';
import { id, optTraceAddress } from './fields';
import { method } from './method';
import type { JobView } from './sync';
import '../i18n/publish';

export type PublishSettings = {
  /** The business's trace address (labels' QR codes lead there), null when none is set. */
  traceAddress: string | null;
  /** Products never published, even with a GTIN. */
  privateProductIds: number[];
};

export const publishMethods = {
  'publish.settings': method(z.object({}).strict(), 'read').returns<PublishSettings>(),
  'publish.updateSettings': method(
    z.object({ privateProductIds: z.array(id).max(10_000) }).strict(),
    'write',
  ).returns<PublishSettings>(),
  /** Starts writing the site; the finished job's ZIP is fetched with export.download. */
  'publish.run': method(z.object({ baseUrl: optTraceAddress }).strict(), 'write').returns<JobView>(),
};
