import type { OutboxItem } from './outbox';

// What every portal adapter offers the sync engine. A new portal = one module implementing PortalAdapter plus
// its settings; the engine does batching, retries, status and progress for all of them.
export type PortalType = 'epcis' | 'file' | 'hanoicheck';
export type AuthKind = 'none' | 'bearer' | 'basic' | 'oauth2';

export type PortalSettings = {
  clientId?: string;
  tokenUrl?: string;
  username?: string;
  scope?: string;
  /** Per-request timeout (ms). */
  timeoutMs?: number;
  /** Largest batch we send even if the server allows more. */
  batchSize?: number;
  /** File-package portals: folder where packages are written. */
  outDir?: string;
  /** The content type the portal accepts for captures, learnt from a 415 (remembered for the next runs). */
  mediaType?: MediaType;
};

export type MediaType = 'application/ld+json' | 'application/json';

export type PortalConfig = {
  id: number;
  name: string;
  type: PortalType;
  url: string | null;
  auth: AuthKind;
  settings: PortalSettings;
  /** The opened secret (token, password or client secret); lives only in memory. */
  secret: string | null;
};

/** One EPCIS document to deliver, with the outbox items it carries (event items by eventID). */
export type Delivery = {
  document: Record<string, unknown>;
  /** eventID → outbox item ids (a correction gives two EPCIS events for one item). */
  eventItems: Map<string, number[]>;
  masterItems: number[];
  eventCount: number;
  /** The outbox items themselves, for adapters that send records of their own shape (HanoiCheck). */
  items: OutboxItem[];
};

export type ItemOutcome =
  | { status: 'accepted'; receipt: string | null }
  | { status: 'rejected'; reasonVi: string; reasonEn: string; raw: string }
  | { status: 'retry' };

export type DeliveryResult = { receipt: string | null; outcomes: Map<number, ItemOutcome> };

export type Capabilities = { captureLimit: number | null; fileSizeLimit: number | null; epcisVersion: string | null };

export type TestResult = {
  ok: boolean;
  /** Error code from shared/i18n/sync.ts when not ok. */
  code: string | null;
  params: Record<string, string | number>;
  capabilities: Capabilities | null;
};

export interface PortalAdapter {
  readonly type: PortalType;
  test(): Promise<TestResult>;
  capabilities(): Promise<Capabilities>;
  /** Throws SyncError for problems of the whole delivery; returns per-item outcomes otherwise. */
  deliver(d: Delivery): Promise<DeliveryResult>;
  /** The content type the portal turned out to accept, when it differs from the one configured. */
  learntMediaType?(): MediaType | null;
}

/**
 * A problem with a whole delivery. `retry`: network error, timeout, 5xx, 429 (wait retryAfterMs if given);
 * `too_large`: split the batch; `auth`: credentials refused (refresh once); `stop`: nothing to do but tell the user.
 */
export class SyncError extends Error {
  constructor(
    readonly action: 'retry' | 'too_large' | 'auth' | 'stop' | 'invalid',
    readonly code: string,
    readonly params: Record<string, string | number> = {},
    readonly retryAfterMs: number | null = null,
    readonly raw = '',
    /** Limits a 413 answer named in its GS1-EPCIS-Capture-Limit / GS1-EPCIS-Capture-File-Size-Limit headers. */
    readonly limits: { captureLimit: number | null; fileSizeLimit: number | null } | null = null,
  ) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'SyncError';
  }
}
