// Sync engine against the portal simulator on loopback, with faults injected.
import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { TraceWorld } from '../helpers/trace-factory';
import { tempDir } from '../helpers/core';
import { PortalSim } from '../../main/portal-sim/server';
import { FileSecretStore } from '../../main/sync/secrets';
import { savePortal } from '../../main/sync/portals';
import { runSync } from '../../main/sync/engine';
import { countByStatus, listItems } from '../../main/sync/outbox';

const sims: PortalSim[] = [];
afterEach(async () => {
  while (sims.length) await sims.pop()!.close();
});

async function sim(opts: ConstructorParameters<typeof PortalSim>[0] = {}) {
  const s = new PortalSim(opts);
  sims.push(s);
  await s.listen();
  return s;
}

function world() {
  const w = new TraceWorld();
  const a = w.receive('HAT', 100);
  const b = w.receive('MUOI', 10);
  const [out] = w.batch('HDRM', [
    {
      qty: 80,
      inputs: [
        { lot: a, qty: 90 },
        { lot: b, qty: 2 },
      ],
    },
  ]);
  w.ship(out, 20);
  for (let i = 0; i < 30; i++) w.receive('HAT', 5);
  w.correctInput(out, b, 1.5);
  return w;
}

const store = () => new FileSecretStore({ keyFile: path.join(tempDir(), 'secret.key') });
const fast = { baseDelayMs: 5, maxDelayMs: 50, maxAttempts: 20 };

describe('sync', () => {
  it('queues every event and master-data change in the outbox', () => {
    const w = world();
    const events = (w.core.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
    const items = (w.core.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'event'").get() as { n: number }).n;
    expect(items).toBe(events);
    expect(
      (
        w.core.db
          .prepare("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'masterdata' AND entity = 'product'")
          .get() as { n: number }
      ).n,
    ).toBeGreaterThanOrEqual(3);
  });

  it('delivers everything exactly once through drops, 500s, 429, 413 and slow answers', async () => {
    const w = world();
    const s = await sim({ token: 'T0K', captureLimit: 7, slowMs: 400, retryAfterSec: 0 });
    s.faults.push('drop', '500', '429', '413', 'slow', '503', 'drop');
    const st = store();
    savePortal(
      w.core.db,
      { type: 'epcis', url: s.url, auth: 'bearer', secret: 'T0K', settings: { timeoutMs: 200 } },
      '2026-11-29T08:00:00+07:00',
      st,
    );
    const progress: number[] = [];
    const r = await runSync(w.core.db, { store: st, ...fast, onProgress: (p) => progress.push(p.done) });
    expect(r.error).toBeNull();
    expect(r.outcome).toBe('done');
    const c = countByStatus(w.core.db, 1);
    expect(c.pending + c.sending + c.rejected).toBe(0);
    expect(c.accepted).toBe(c.total);
    const events = (w.core.db.prepare('SELECT event_id FROM events ORDER BY id').all() as { event_id: string }[]).map(
      (e) => e.event_id,
    );
    const ids = s.eventIds();
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(events.filter((id) => ids.includes(id))));
    // Every stored event is on the portal (the correction's corrective event too), each once.
    for (const id of events) expect(ids).toContain(id);
    expect(s.stats.faultsServed).toBe(7);
    expect(Math.max(...progress)).toBe(c.total);
    // A second sync has nothing to send.
    const again = await runSync(w.core.db, { store: st, ...fast });
    expect(again.sent).toBe(0);
  });

  it('talks to a server that takes only application/json, and remembers it', async () => {
    const w = world();
    const s = await sim({ contentTypes: ['application/json'] });
    savePortal(w.core.db, { type: 'epcis', url: s.url }, '2026-11-29T08:00:00+07:00');
    const r = await runSync(w.core.db, { ...fast });
    expect(r.error).toBeNull();
    const c = countByStatus(w.core.db, 1);
    expect(c.accepted).toBe(c.total);
    const ids = s.eventIds();
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of w.core.db.prepare('SELECT event_id FROM events').pluck().all() as string[])
      expect(ids).toContain(id);
    // One 415, then every POST in plain JSON; the next run starts with it.
    expect(s.captures.filter((x) => x.status === 415).length).toBe(1);
    w.receive('HAT', 4);
    const before = s.captures.length;
    await runSync(w.core.db, { ...fast });
    expect(s.captures.slice(before).map((x) => x.contentType)).toEqual(['application/json']);
  });

  it('says what a server that refuses both JSON types answered', async () => {
    const w = world();
    const s = await sim({ contentTypes: ['application/xml'] });
    savePortal(w.core.db, { type: 'epcis', url: s.url }, '2026-11-29T08:00:00+07:00');
    const r = await runSync(w.core.db, { ...fast });
    expect(r.error?.code).toBe('PORTAL_MEDIA_TYPE');
    expect(r.error?.message).toContain('415');
    expect(r.error?.message).toContain('application/xml');
    expect(r.error?.message).toContain('Chỉ nhận application/xml');
    expect(countByStatus(w.core.db, 1).pending).toBe(countByStatus(w.core.db, 1).total);
  });

  it('keeps to the capture limit a 413 names, never sending more after the first refusal', async () => {
    const w = world();
    for (let i = 0; i < 90; i++) w.receive('MUOI', 1);
    const s = await sim({ captureLimit: 50, announceLimits: false });
    savePortal(w.core.db, { type: 'epcis', url: s.url }, '2026-11-29T08:00:00+07:00');
    const r = await runSync(w.core.db, { ...fast });
    expect(r.error).toBeNull();
    const c = countByStatus(w.core.db, 1);
    expect(c.accepted).toBe(c.total);
    const first = s.captures.findIndex((x) => x.status === 413);
    expect(first).toBe(0);
    const after = s.captures.slice(first + 1);
    expect(after.every((x) => x.status === 202 && x.events <= 50)).toBe(true);
    expect(s.captures.filter((x) => x.status === 413).length).toBe(1);
    expect(new Set(s.eventIds()).size).toBe(s.eventIds().length);
    expect(s.eventCount()).toBeGreaterThan(100);
  });

  it('shows a rejected item with its reason while the others go through', async () => {
    const w = world();
    const s = await sim({ rejectMatch: 'MUOI' });
    const st = store();
    savePortal(w.core.db, { type: 'epcis', url: s.url }, '2026-11-29T08:00:00+07:00', st);
    const r = await runSync(w.core.db, { store: st, ...fast });
    expect(r.outcome).toBe('partial');
    expect(r.rejected).toBeGreaterThan(0);
    const rejected = listItems(w.core.db, 1, { status: 'rejected', limit: 50, offset: 0, lang: 'vi' });
    expect(rejected.items[0].reason).toMatch(/chưa được đăng ký/);
    expect(rejected.items[0].rawAnswer).toMatch(/ValidationException/);
    const c = countByStatus(w.core.db, 1);
    expect(c.accepted + c.rejected).toBe(c.total);
    expect(s.eventCount()).toBe(
      (w.core.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n -
        rejected.items.filter((i) => i.kind === 'event').length +
        0,
    );
  });

  it('refreshes an expired OAuth2 token once and carries on; stops with a clear message on wrong credentials', async () => {
    const w = world();
    const s = await sim({ clientId: 'cid', clientSecret: 'sec', captureLimit: 5 });
    const st = store();
    savePortal(
      w.core.db,
      {
        type: 'epcis',
        url: s.url,
        auth: 'oauth2',
        secret: 'sec',
        settings: { clientId: 'cid', tokenUrl: `${s.url}/oauth/token` },
      },
      '2026-11-29T08:00:00+07:00',
      st,
    );
    let expired = false;
    const r = await runSync(w.core.db, {
      store: st,
      ...fast,
      onProgress: (p) => {
        if (!expired && p.done > 10) {
          expired = true;
          s.expireTokens();
        }
      },
    });
    expect(expired).toBe(true);
    expect(r.outcome).toBe('done');
    expect(countByStatus(w.core.db, 1).accepted).toBe(countByStatus(w.core.db, 1).total);

    const w2 = world();
    savePortal(
      w2.core.db,
      {
        type: 'epcis',
        url: s.url,
        auth: 'oauth2',
        secret: 'wrong',
        settings: { clientId: 'cid', tokenUrl: `${s.url}/oauth/token` },
      },
      '2026-11-29T08:00:00+07:00',
      st,
    );
    const bad = await runSync(w2.core.db, { store: st, ...fast });
    expect(bad.outcome).toBe('failed');
    expect(bad.error?.message).toMatch(/đăng nhập/);
    expect(countByStatus(w2.core.db, 1).accepted).toBe(0);
  });

  it('keeps everything pending while the portal is down and sends it when it is back', async () => {
    const w = world();
    const s = await sim();
    const url = s.url;
    await s.close();
    sims.pop();
    const st = store();
    savePortal(w.core.db, { type: 'epcis', url, settings: { timeoutMs: 300 } }, '2026-11-29T08:00:00+07:00', st);
    const down = await runSync(w.core.db, { store: st, baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 3 });
    expect(down.outcome).toBe('stopped');
    expect(down.error?.message).toMatch(/Không kết nối được/);
    expect(countByStatus(w.core.db, 1).accepted).toBe(0);
    // Recording goes on while offline.
    w.receive('HAT', 1);
    const s2 = await sim({ port: Number(new URL(url).port) });
    const up = await runSync(w.core.db, { store: st, ...fast });
    expect(up.outcome).toBe('done');
    expect(s2.eventCount()).toBeGreaterThan(30);
    expect(countByStatus(w.core.db, 1).pending).toBe(0);
  });
});

describe('sync API', () => {
  it('starts a job that returns at once, reports progress, and exports through jobs', async () => {
    const w = world();
    const s = await sim({ latencyMs: 5, captureLimit: 10 });
    const core = w.core;
    const saved = core.run('sync.settings.save', { type: 'epcis', url: s.url, auth: 'bearer', secret: 'x' });
    expect(saved.hasSecret).toBe(true);
    expect(JSON.stringify(core.run('sync.settings.get', {}))).not.toContain('"x"');
    const test = core.run('sync.settings.test', {});
    const job = core.run('sync.run', {});
    expect(job.state).toBe('running');
    // Recording still works while the sync runs.
    w.receive('HAT', 2);
    let j = job;
    while (j.state === 'running') {
      await new Promise((r) => setTimeout(r, 20));
      j = core.run('sync.job', { jobId: job.id });
    }
    expect(j.state).toBe('done');
    expect(core.run('sync.job', { jobId: test.id }).result).toMatchObject({ ok: true });
    const st = core.run('sync.status', {});
    expect(st.lastRun?.outcome).toBe('done');
    // The receipt recorded during the sync is either sent or still pending, never lost.
    expect(st.counts.accepted + st.counts.pending).toBe(st.counts.total);
    expect(core.run('sync.items', { status: 'accepted', limit: 5 }).items.length).toBe(5);

    for (let i = 0; i < 1500; i++) w.receive('HAT', 1);
    const ex = core.run('export.start', { kind: 'epcis' });
    let e = ex;
    let recordedDuring = 0;
    while (e.state === 'running') {
      await new Promise((r) => setImmediate(r));
      // Recording goes on while the export job writes its file (no SQLite iterator is held across awaits).
      w.receive('HAT', 1);
      recordedDuring++;
      e = core.run('sync.job', { jobId: ex.id });
    }
    expect(e.state).toBe('done');
    expect(recordedDuring).toBeGreaterThan(0);
    const file = core.run('export.download', { jobId: ex.id });
    expect(JSON.parse(Buffer.from(file.base64, 'base64').toString('utf8')).type).toBe('EPCISDocument');
    expect(core.call('sync.run', {}).ok).toBe(true);
  });
});

describe('test connection and the file package portal', () => {
  it('says exactly what is wrong', async () => {
    const { EpcisCaptureAdapter } = await import('../../main/sync/adapters/epcis-capture');
    const http = await import('node:http');
    const s = await sim({ token: 'good' });
    const cfg = (url: string, secret: string | null = 'good') => ({
      id: 1,
      name: 'x',
      type: 'epcis' as const,
      url,
      auth: 'bearer' as const,
      settings: { timeoutMs: 2000 },
      secret,
    });
    expect((await new EpcisCaptureAdapter(cfg(s.url)).test()).ok).toBe(true);
    expect((await new EpcisCaptureAdapter(cfg(s.url, 'bad')).test()).code).toBe('PORTAL_BAD_CREDENTIALS');
    expect((await new EpcisCaptureAdapter(cfg('http://127.0.0.1:9')).test()).code).toBe('PORTAL_UNREACHABLE');
    expect((await new EpcisCaptureAdapter(cfg('ftp://x')).test()).code).toBe('PORTAL_URL_INVALID');
    // A server of another EPCIS version, one that forbids, and one that is not EPCIS at all.
    const mode = { v: '1.2', get: 200 };
    const other = http.createServer((req, res) => {
      if (req.url === '/epcis/capture' && req.method === 'OPTIONS')
        res.writeHead(204, { 'GS1-EPCIS-Version': mode.v }).end();
      else if (req.url === '/epcis/capture') res.writeHead(mode.get).end('[]');
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', () => r()));
    const base = `http://127.0.0.1:${(other.address() as { port: number }).port}`;
    try {
      const version = await new EpcisCaptureAdapter(cfg(`${base}/epcis`)).test();
      expect(version.code).toBe('PORTAL_VERSION');
      mode.v = '2.0';
      mode.get = 403;
      expect((await new EpcisCaptureAdapter(cfg(`${base}/epcis`)).test()).code).toBe('PORTAL_FORBIDDEN');
      expect((await new EpcisCaptureAdapter(cfg(`${base}/other`)).test()).code).toBe('PORTAL_NOT_EPCIS');
    } finally {
      other.close();
    }
  });

  it('writes ZIP packages for a file portal and marks the items accepted with the file name', async () => {
    const fs = await import('node:fs');
    const JSZip = (await import('jszip')).default;
    const { validateEpcis } = await import('../../main/epcis/schema');
    const w = world();
    const dir = tempDir();
    const st = store();
    savePortal(w.core.db, { type: 'file', url: dir, settings: { outDir: dir } }, '2026-11-29T08:00:00+07:00', st);
    const r = await runSync(w.core.db, { store: st, ...fast });
    expect(r.outcome).toBe('done');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.zip'));
    expect(files.length).toBe(1);
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(dir, files[0])));
    const doc = JSON.parse(await zip.file('epcis.jsonld')!.async('string'));
    expect(validateEpcis(doc)).toEqual({ ok: true });
    const items = listItems(w.core.db, 1, { status: 'accepted', limit: 1, offset: 0, lang: 'vi' }).items;
    expect(items[0].receipt).toBe(files[0]);
  });
});

describe('automatic sync', () => {
  it('sends what is pending on its own, in the background', async () => {
    const { startAutoSync } = await import('../../main/sync/auto');
    const w = world();
    const s = await sim();
    w.core.run('sync.settings.save', { type: 'epcis', url: s.url });
    const stop = startAutoSync(w.core, { intervalMs: 50 });
    try {
      const total = (w.core.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
      await expect.poll(() => s.eventCount(), { timeout: 20_000, interval: 50 }).toBe(total);
      await expect.poll(() => w.core.run('sync.status', {}).counts.pending, { timeout: 20_000, interval: 50 }).toBe(0);
    } finally {
      stop();
    }
  });
});
