// EPCIS 2.0 capture interface (../shared/gs1/epcis-rest-openapi.json):
//   OPTIONS {base}/capture → capture limits and version;  POST {base}/capture (application/ld+json, or
//   application/json when the server answers 415 — the OpenAPI lists only that one; GS1-EPCIS-Version: 2.0,
//   GS1-CBV-Version: 2.0, GS1-Capture-Error-Behaviour: proceed) → 202 + Location;  GET the job until
//   running=false → success / errors (RFC 7807, `instance` = the eventID concerned). A 413 names the limits it
//   enforces in GS1-EPCIS-Capture-Limit / GS1-EPCIS-Capture-File-Size-Limit: the engine re-packs to them.
import { request, retryAfterMs, NetError, type HttpAnswer } from '../http';
import { PortalAuth } from '../auth';
import {
  SyncError,
  type Capabilities,
  type Delivery,
  type DeliveryResult,
  type ItemOutcome,
  type MediaType,
  type PortalAdapter,
  type PortalConfig,
  type TestResult,
} from '../types';
import { portalReason } from '../../../shared/i18n/sync';

type Problem = { type?: string; title?: string; detail?: string; instance?: string; status?: number };
type CaptureJob = {
  captureID?: string;
  running?: boolean;
  success?: boolean;
  captureErrorBehaviour?: string;
  errors?: Problem[];
  errorFile?: string;
};

export class EpcisCaptureAdapter implements PortalAdapter {
  readonly type = 'epcis' as const;
  private readonly auth: PortalAuth;
  private readonly base: string;
  private readonly timeoutMs: number;
  private mediaType: MediaType;

  constructor(
    private readonly cfg: PortalConfig,
    private readonly opts: { pollMs?: number; jobTimeoutMs?: number } = {},
  ) {
    this.auth = new PortalAuth(cfg);
    this.base = (cfg.url ?? '').replace(/\/+$/, '');
    this.timeoutMs = cfg.settings.timeoutMs ?? 30_000;
    this.mediaType = cfg.settings.mediaType ?? 'application/ld+json';
  }

  learntMediaType(): MediaType | null {
    return this.mediaType !== (this.cfg.settings.mediaType ?? 'application/ld+json') ? this.mediaType : null;
  }

  /** One authenticated request; a 401 refreshes the credentials once and repeats, a second 401 stops. */
  private async call(
    method: string,
    url: string,
    body?: string,
    extra: Record<string, string> = {},
  ): Promise<HttpAnswer> {
    for (let attempt = 0; ; attempt++) {
      let ans: HttpAnswer;
      try {
        ans = await request(url, {
          method,
          body,
          timeoutMs: this.timeoutMs,
          headers: {
            accept: 'application/json, application/ld+json, application/problem+json',
            'GS1-EPCIS-Version': '2.0',
            'GS1-CBV-Version': '2.0',
            ...extra,
            ...(await this.auth.headers()),
          },
        });
      } catch (err) {
        if (err instanceof SyncError) throw err;
        const e = err as NetError;
        throw new SyncError('retry', e.kind === 'timeout' ? 'PORTAL_TIMEOUT' : 'PORTAL_UNREACHABLE', {
          url: this.base,
          detail: e.message,
        });
      }
      if (ans.status === 401) {
        if (attempt === 0 && (await this.auth.refresh())) continue;
        throw new SyncError('auth', 'PORTAL_BAD_CREDENTIALS', { status: 401 }, null, ans.text.slice(0, 2000));
      }
      return ans;
    }
  }

  private classify(ans: HttpAnswer): SyncError {
    const s = ans.status;
    const raw = ans.text.slice(0, 4000);
    if (s === 403) return new SyncError('stop', 'PORTAL_FORBIDDEN', { status: s }, null, raw);
    if (s === 404) return new SyncError('stop', 'PORTAL_NOT_EPCIS', { url: this.base }, null, raw);
    const title = problemTitle(ans.text);
    if (s === 415)
      return new SyncError(
        'stop',
        'PORTAL_MEDIA_TYPE',
        { status: s, sent: this.mediaType, accept: ans.headers.get('accept') ?? '-', title },
        null,
        raw,
      );
    if (s === 406 || s === 501)
      return new SyncError(
        'stop',
        'PORTAL_VERSION_REFUSED',
        { status: s, version: ans.headers.get('GS1-EPCIS-Version') ?? '-', title },
        null,
        raw,
      );
    if (s === 413) {
      const limits = {
        captureLimit: headerNumber(ans, 'GS1-EPCIS-Capture-Limit'),
        fileSizeLimit: headerNumber(ans, 'GS1-EPCIS-Capture-File-Size-Limit'),
      };
      return new SyncError(
        'too_large',
        'PORTAL_TOO_LARGE',
        { status: s, limit: limits.captureLimit ?? '-', sizeLimit: limits.fileSizeLimit ?? '-', title },
        null,
        raw,
        limits,
      );
    }
    if (s === 429 || s === 503)
      return new SyncError('retry', 'PORTAL_BUSY', { status: s }, retryAfterMs(ans.headers.get('retry-after')), raw);
    if (s >= 500) return new SyncError('retry', 'PORTAL_SERVER_ERROR', { status: s }, null, raw);
    if (s === 400) return new SyncError('invalid', 'PORTAL_REJECTED_DOCUMENT', { status: s, title }, null, raw);
    return new SyncError('stop', 'PORTAL_UNEXPECTED', { status: s, title }, null, raw);
  }

  async capabilities(): Promise<Capabilities> {
    const ans = await this.call('OPTIONS', `${this.base}/capture`);
    if (ans.status >= 300) throw this.classify(ans);
    return {
      captureLimit: headerNumber(ans, 'GS1-EPCIS-Capture-Limit'),
      fileSizeLimit: headerNumber(ans, 'GS1-EPCIS-Capture-File-Size-Limit'),
      epcisVersion: ans.headers.get('GS1-EPCIS-Version'),
    };
  }

  async test(): Promise<TestResult> {
    if (!this.base || !/^https?:\/\//.test(this.base))
      return { ok: false, code: 'PORTAL_URL_INVALID', params: { url: this.base }, capabilities: null };
    try {
      const caps = await this.capabilities();
      if (caps.epcisVersion && !/(^|[ ,])2\.\d/.test(caps.epcisVersion))
        return { ok: false, code: 'PORTAL_VERSION', params: { version: caps.epcisVersion }, capabilities: caps };
      // OPTIONS may be open to anyone: a read with credentials tells wrong credentials / missing permission apart.
      const probe = await this.call('GET', `${this.base}/capture`);
      if (probe.status === 403)
        return { ok: false, code: 'PORTAL_FORBIDDEN', params: { status: 403 }, capabilities: caps };
      return { ok: true, code: null, params: {}, capabilities: caps };
    } catch (err) {
      if (err instanceof SyncError) return { ok: false, code: err.code, params: err.params, capabilities: null };
      throw err;
    }
  }

  async deliver(d: Delivery): Promise<DeliveryResult> {
    const body = JSON.stringify(d.document);
    const post = () =>
      this.call('POST', `${this.base}/capture`, body, {
        'content-type': this.mediaType,
        'GS1-Capture-Error-Behaviour': 'proceed',
      });
    let ans = await post();
    // JSON-LD first (what the document is); a server that takes only plain JSON says 415: switch once, remember.
    if (ans.status === 415 && this.mediaType === 'application/ld+json') {
      this.mediaType = 'application/json';
      ans = await post();
    }
    if (ans.status !== 202 && ans.status !== 201 && ans.status !== 200) {
      const e = this.classify(ans);
      if (e.action === 'invalid') return this.mapProblems(d, null, parseProblems(ans.text), 'rollback', ans.text);
      throw e;
    }
    const location = ans.headers.get('location');
    if (!location) {
      // A server that captures synchronously and says nothing more: the whole document was taken.
      return this.mapProblems(d, null, [], 'proceed', ans.text);
    }
    const jobUrl = new URL(location, `${this.base}/capture`).toString();
    const job = await this.poll(jobUrl);
    const captureId = job.captureID ?? jobUrl.split('/').pop() ?? null;
    return this.mapProblems(
      d,
      captureId,
      job.success === false ? (job.errors ?? []) : [],
      job.captureErrorBehaviour === 'rollback' ? 'rollback' : 'proceed',
      JSON.stringify(job),
      job.success === false,
    );
  }

  private async poll(url: string): Promise<CaptureJob> {
    const started = Date.now();
    let wait = this.opts.pollMs ?? 50;
    for (;;) {
      const ans = await this.call('GET', url);
      if (ans.status !== 200) throw this.classify(ans);
      const job = JSON.parse(ans.text) as CaptureJob;
      if (job.running === false) return job;
      if (Date.now() - started > (this.opts.jobTimeoutMs ?? 120_000))
        throw new SyncError('retry', 'PORTAL_JOB_SLOW', {});
      await new Promise((r) => setTimeout(r, wait));
      wait = Math.min(wait * 2, 1000);
    }
  }

  /**
   * Per-item outcome from the problems of a job. Problems name their event by `instance` (the eventID). When the
   * job failed but no problem names an event, and the batch has several items, every item is sent again one
   * by one ('retry' after the engine splits), so the one bad item is found and the others go through.
   */
  private mapProblems(
    d: Delivery,
    receipt: string | null,
    problems: Problem[],
    behaviour: 'rollback' | 'proceed',
    raw: string,
    failed = problems.length > 0,
  ): DeliveryResult {
    const outcomes = new Map<number, ItemOutcome>();
    const byEvent = new Map<string, Problem>();
    for (const p of problems) if (p.instance) byEvent.set(p.instance, p);
    const itemCount = new Set([...d.eventItems.values()].flat()).size + d.masterItems.length;
    const unnamed = failed && byEvent.size === 0;
    if (unnamed && itemCount > 1)
      throw new SyncError('too_large', 'PORTAL_REJECTED_DOCUMENT', {}, null, raw.slice(0, 4000));
    for (const [eventId, items] of d.eventItems) {
      const p = byEvent.get(eventId) ?? (unnamed ? (problems[0] ?? { title: 'rejected' }) : undefined);
      for (const item of items) {
        if (p) {
          const r = portalReason(p.type ?? '', p.title ?? '', p.detail ?? '');
          outcomes.set(item, {
            status: 'rejected',
            reasonVi: r.vi,
            reasonEn: r.en,
            raw: JSON.stringify(p).slice(0, 4000),
          });
        } else if (!outcomes.has(item) || outcomes.get(item)!.status === 'accepted') {
          // Under rollback nothing of a failed job was stored: the good items go again in the next batch.
          outcomes.set(
            item,
            failed && behaviour === 'rollback' ? { status: 'retry' } : { status: 'accepted', receipt },
          );
        }
      }
    }
    for (const item of d.masterItems)
      outcomes.set(item, failed && behaviour === 'rollback' ? { status: 'retry' } : { status: 'accepted', receipt });
    return { receipt, outcomes };
  }
}

function headerNumber(ans: HttpAnswer, name: string): number | null {
  const v = Number(ans.headers.get(name));
  return Number.isInteger(v) && v > 0 ? v : null;
}

/** The title (or detail) of an RFC 7807 problem answer, for the message; '-' when the answer is not one. */
function problemTitle(text: string): string {
  try {
    const p = JSON.parse(text) as Problem;
    return String(p.title ?? p.detail ?? '-').slice(0, 200);
  } catch {
    return '-';
  }
}

function parseProblems(text: string): Problem[] {
  try {
    const j = JSON.parse(text) as Problem | { errors?: Problem[] };
    if (Array.isArray((j as { errors?: Problem[] }).errors)) return (j as { errors: Problem[] }).errors;
    return [j as Problem];
  } catch {
    return [{ title: text.slice(0, 200) || 'rejected' }];
  }
}
