// The portal simulator speaks the EPCIS 2.0 capture interface: 202 + Location, job documents, de-duplication by
// eventID, schema validation per event, capture limit, OAuth2 tokens, GET /events and the Vietnamese page.
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { PortalSim } from '../../main/portal-sim/server';

// GS1's official examples, copied into the repository (test/fixtures/gs1-examples).
const EXAMPLES = path.resolve(__dirname, '../fixtures/gs1-examples');
const sims: PortalSim[] = [];
afterEach(async () => {
  while (sims.length) await sims.pop()!.close();
});

const ev = (id: string, extra: Record<string, unknown> = {}) => ({
  type: 'ObjectEvent',
  eventTime: '2026-11-20T08:00:00+07:00',
  eventTimeZoneOffset: '+07:00',
  eventID: id,
  action: 'OBSERVE',
  bizStep: 'shipping',
  readPoint: { id: 'https://id.gs1.org/414/9520000000019' },
  quantityList: [{ epcClass: 'urn:epc:class:lgtin:952000.0000001.L1', quantity: 2, uom: 'KGM' }],
  ...extra,
});
const doc = (events: unknown[]) => ({
  '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
  type: 'EPCISDocument',
  schemaVersion: '2.0',
  creationDate: '2026-11-29T08:00:00+07:00',
  epcisBody: { eventList: events },
});

async function capture(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/capture`, {
    method: 'POST',
    headers: { 'content-type': 'application/ld+json', 'GS1-EPCIS-Version': '2.0', ...headers },
    body: JSON.stringify(body),
  });
  if (res.status !== 202) return { status: res.status, job: null as null | Record<string, unknown> };
  const job = (await (await fetch(new URL(res.headers.get('location')!, url))).json()) as Record<string, unknown>;
  return { status: 202, job };
}

describe('portal simulator', () => {
  it('captures, de-duplicates by eventID and lists what it received', async () => {
    const s = new PortalSim({ captureLimit: 3 });
    sims.push(s);
    const url = await s.listen();
    const opt = await fetch(`${url}/capture`, { method: 'OPTIONS' });
    expect(opt.headers.get('GS1-EPCIS-Capture-Limit')).toBe('3');
    expect(opt.headers.get('GS1-EPCIS-Version')).toBe('2.0');
    const a = await capture(url, doc([ev('urn:uuid:1'), ev('urn:uuid:2')]));
    expect(a.job).toMatchObject({ running: false, success: true });
    await capture(url, doc([ev('urn:uuid:2'), ev('urn:uuid:3')]));
    expect(s.eventCount()).toBe(3);
    // An error declaration is kept beside its event, not instead of it.
    await capture(
      url,
      doc([
        ev('urn:uuid:1', {
          errorDeclaration: { declarationTime: '2026-11-21T08:00:00+07:00', reason: 'did_not_occur' },
        }),
      ]),
    );
    expect(s.eventCount()).toBe(3);
    expect(
      (await capture(url, doc([ev('urn:uuid:4'), ev('urn:uuid:5'), ev('urn:uuid:6'), ev('urn:uuid:7')]))).status,
    ).toBe(413);
    const events = (await (await fetch(`${url}/events`)).json()) as {
      epcisBody: { queryResults: { resultsBody: { eventList: { eventID: string }[] } } };
    };
    expect(events.epcisBody.queryResults.resultsBody.eventList.map((e) => e.eventID)).toEqual([
      'urn:uuid:1',
      'urn:uuid:2',
      'urn:uuid:3',
      'urn:uuid:1',
    ]);
    const page = await (await fetch(`${url}/`)).text();
    expect(page).toContain('Đã nhận 3 sự kiện');
    expect(page).toContain('1 lần khai báo sửa sai');
  });

  it('refuses events that break the official schema, and keeps the good ones with proceed', async () => {
    const s = new PortalSim();
    sims.push(s);
    const url = await s.listen();
    const bad = ev('urn:uuid:bad', { bizStep: 'not a step' });
    const r = await capture(url, doc([ev('urn:uuid:ok'), bad]), { 'GS1-Capture-Error-Behaviour': 'proceed' });
    expect(r.job).toMatchObject({ success: false, captureErrorBehaviour: 'proceed' });
    expect((r.job!.errors as { instance: string }[]).map((e) => e.instance)).toEqual(['urn:uuid:bad']);
    expect(s.eventIds()).toEqual(['urn:uuid:ok']);
    // With rollback (the default) nothing of a failed job is stored.
    const rb = await capture(url, doc([ev('urn:uuid:ok2'), bad]));
    expect(rb.job).toMatchObject({ success: false, captureErrorBehaviour: 'rollback' });
    expect(s.eventIds()).toEqual(['urn:uuid:ok']);
  });

  it('asks for a token and issues expiring OAuth2 tokens', async () => {
    const s = new PortalSim({ clientId: 'cid', clientSecret: 'sec', tokenTtlSec: 60 });
    sims.push(s);
    const url = await s.listen();
    expect((await capture(url, doc([ev('urn:uuid:1')]))).status).toBe(401);
    const bad = await fetch(`${url}/oauth/token`, {
      method: 'POST',
      body: 'grant_type=client_credentials&client_id=cid&client_secret=nope',
    });
    expect(bad.status).toBe(401);
    const tok = (await (
      await fetch(`${url}/oauth/token`, {
        method: 'POST',
        body: 'grant_type=client_credentials&client_id=cid&client_secret=sec',
      })
    ).json()) as { access_token: string; expires_in: number };
    expect(tok.expires_in).toBe(60);
    const res = await fetch(`${url}/capture`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tok.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify(doc([ev('urn:uuid:1')])),
    });
    expect(res.status).toBe(202);
    s.expireTokens();
    const again = await fetch(`${url}/capture`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tok.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify(doc([ev('urn:uuid:2')])),
    });
    expect(again.status).toBe(401);
  });

  it("accepts GS1's own example documents, in JSON and JSON-LD, and refuses other content types", async () => {
    const s = new PortalSim();
    sims.push(s);
    const url = await s.listen();
    const dir = EXAMPLES;
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.jsonld'));
    expect(files.length).toBe(6);
    for (const [i, f] of files.entries()) {
      const body = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
      const r = await capture(url, body, { 'content-type': i % 2 ? 'application/json' : 'application/ld+json' });
      expect({ f, status: r.status, errors: r.job?.errors }).toEqual({ f, status: 202, errors: [] });
    }
    expect((await capture(url, doc([ev('urn:uuid:x')]), { 'content-type': 'text/plain' })).status).toBe(415);
  });

  it('refuses invalid variants of the examples, naming the rule each breaks', async () => {
    const s = new PortalSim();
    sims.push(s);
    const url = await s.listen();
    const dir = EXAMPLES;
    const base = JSON.parse(fs.readFileSync(path.join(dir, 'Example_9.6.4-TransformationEvent.jsonld'), 'utf8'));
    const one = base.epcisBody.eventList[0];
    const variant = (id: string, change: (e: Record<string, unknown>) => void) => {
      const e = structuredClone(one);
      e.eventID = id;
      change(e);
      return e;
    };
    const variants = [
      variant('urn:uuid:v-step', (e) => (e.bizStep = 'https://ref.gs1.org/cbv/BizStep-roasting')),
      variant('urn:uuid:v-schema', (e) => (e.bizStep = 'roasting')),
      variant('urn:uuid:v-count', (e) => ((e.inputQuantityList as { quantity: number }[])[1].quantity = 2.5)),
      variant('urn:uuid:v-uom', (e) => ((e.inputQuantityList as { uom: string }[])[0].uom = 'kg')),
      variant('urn:uuid:v-place', (e) => delete e.readPoint),
      variant('urn:uuid:v-future', (e) => (e.eventTime = new Date(Date.now() + 86_400_000).toISOString())),
      variant('urn:uuid:v-country', (e) => (e.ilmd = { 'cbvmda:countryOfOrigin': 'Việt Nam' })),
      variant('urn:uuid:v-ok', () => {}),
    ];
    const r = await capture(
      url,
      { ...base, epcisBody: { eventList: variants } },
      { 'GS1-Capture-Error-Behaviour': 'proceed' },
    );
    const errors = r.job!.errors as { instance: string; detail: string }[];
    // The schema speaks first (a JSON path); the semantic rules then name themselves.
    const rule = (d: string) => (d.startsWith('/') ? 'schema' : d.split(':')[0]);
    expect(Object.fromEntries(errors.map((e) => [e.instance, rule(e.detail)]))).toEqual({
      'urn:uuid:v-schema': 'schema',
      'urn:uuid:v-step': 'cbv-vocabulary',
      'urn:uuid:v-count': 'count-integer',
      'urn:uuid:v-uom': 'schema',
      'urn:uuid:v-place': 'event-location',
      'urn:uuid:v-future': 'not-future',
      'urn:uuid:v-country': 'country-iso',
    });
    expect(s.eventIds()).toEqual(['urn:uuid:v-ok']);
  });

  it('names its limits in a 413, even when OPTIONS keeps them to itself', async () => {
    const s = new PortalSim({ captureLimit: 2, announceLimits: false });
    sims.push(s);
    const url = await s.listen();
    expect((await fetch(`${url}/capture`, { method: 'OPTIONS' })).headers.get('GS1-EPCIS-Capture-Limit')).toBeNull();
    const res = await fetch(`${url}/capture`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(doc([ev('urn:uuid:1'), ev('urn:uuid:2'), ev('urn:uuid:3')])),
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('GS1-EPCIS-Capture-Limit')).toBe('2');
    expect(((await res.json()) as { type: string }).type).toBe('epcisException:CaptureLimitExceededException');
  });
});
