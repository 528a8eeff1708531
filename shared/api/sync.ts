// Sync to traceability portals and exports. Network work (sync, test connection, large exports) runs as a
// background job: the call returns a job id at once and `sync.job` tells its progress and result, so recording
// never waits for the network.
import { z } from 'zod';
import { optText } from './fields';
import { method } from './method';
import { secret } from './secrets';
import '../i18n/sync';

export type PortalType = 'epcis' | 'file' | 'hanoicheck';
export type AuthKind = 'none' | 'bearer' | 'basic' | 'oauth2';

export type PortalView = {
  id: number;
  name: string;
  type: PortalType;
  url: string | null;
  auth: AuthKind;
  settings: {
    clientId?: string;
    tokenUrl?: string;
    username?: string;
    timeoutMs?: number;
    batchSize?: number;
    outDir?: string;
  };
  hasSecret: boolean;
  enabled: boolean;
  lastSyncAt: string | null;
  lastSyncResult: string | null;
};

export type SyncCounts = { total: number; pending: number; sending: number; accepted: number; rejected: number };

export type SyncItem = {
  itemId: number;
  kind: 'event' | 'masterdata';
  label: string;
  eventId: string | null;
  eventTime: string | null;
  status: string;
  attempts: number;
  reason: string | null;
  rawAnswer: string | null;
  receipt: string | null;
  updatedAt: string | null;
};

export type JobView = {
  id: string;
  kind: 'sync' | 'test' | 'export';
  state: 'running' | 'done' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  progress: {
    total: number;
    done: number;
    accepted: number;
    rejected: number;
    phase: string;
    message: string | null;
  } | null;
  /** Kind-specific result: sync outcome, test result, or export file facts. */
  result: Record<string, unknown> | null;
  error: { code: string; message: string } | null;
};

export type SyncStatus = {
  portal: PortalView | null;
  counts: SyncCounts;
  lastRun: {
    startedAt: string;
    finishedAt: string | null;
    outcome: string | null;
    accepted: number;
    rejected: number;
    message: string | null;
  } | null;
  job: JobView | null;
};

export type CircularRow = {
  productId: number;
  code: string;
  values: Record<string, string | null>;
  missing: string[];
  missingText: string;
};

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'INVALID_DATE' });

export const portalInput = z
  .object({
    type: z.enum(['epcis', 'file', 'hanoicheck'], { error: 'INVALID_CHOICE' }),
    url: optText(500),
    auth: z.enum(['none', 'bearer', 'basic', 'oauth2'], { error: 'INVALID_CHOICE' }).default('none'),
    /** Bearer token, basic password or OAuth2 client secret; omitted = keep the stored one, '' = remove it. */
    secret: secret(z.string().max(4000)).optional(),
    username: optText(200),
    clientId: optText(200),
    tokenUrl: optText(500),
    timeoutMs: z.number().int().min(1000).max(600_000).optional(),
  })
  .strict();

export const exportInput = z
  .object({
    kind: z.enum(['epcis', 'sheet', 'package'], { error: 'INVALID_CHOICE' }),
    format: z.enum(['jsonld', 'xlsx', 'csv', 'zip'], { error: 'INVALID_CHOICE' }).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    lots: z.array(z.string().trim().min(1).max(80)).max(500).optional(),
  })
  .strict();

const jobId = z.object({ jobId: z.string().min(1).max(100) }).strict();

export const syncMethods = {
  'sync.status': method(z.object({}).strict(), 'read').returns<SyncStatus>(),
  'sync.items': method(
    z
      .object({
        status: z.enum(['pending', 'sending', 'accepted', 'rejected']).optional(),
        limit: z.number().int().min(1).max(1000).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    'read',
  ).returns<{ total: number; items: SyncItem[] }>(),
  'sync.run': method(z.object({}).strict(), 'write').returns<JobView>(),
  'sync.job': method(jobId, 'read').returns<JobView>(),
  'sync.retryRejected': method(z.object({}).strict(), 'write').returns<{ requeued: number }>(),
  'sync.settings.get': method(z.object({}).strict(), 'read').returns<PortalView | null>(),
  'sync.settings.save': method(portalInput, 'write').returns<PortalView>(),
  'sync.settings.test': method(z.object({}).strict(), 'read').returns<JobView>(),
  'export.start': method(exportInput, 'read').returns<JobView>(),
  'export.download': method(jobId, 'read').returns<{
    fileName: string;
    mimeType: string;
    base64: string;
    bytes: number;
  }>(),
  'export.circular': method(z.object({}).strict(), 'read').returns<CircularRow[]>(),
};
