// Every method of the contract, called over HTTP with hostile input as the owner, a staff member and the
// auditor: whatever arrives, the answer is an envelope with a code and words, never a 500. The methods the
// HTTP host does not offer (shared/api/renderer-methods.ts) get the same input the way `nguongoc api` sends
// it, through the core in-process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, METHOD_NAMES, type MethodName } from '../../shared/api/contract';
import { openCore, type Core } from '../../main/core';
import { startHttpHost, type HttpHost } from '../../main/hosts/http';
import { isRendererMethod } from '../../shared/api/renderer-methods';
import { aBusiness, aLocation, aPartner, aProduct, fixedClock, tempDbPath } from '../helpers/core';

// Ending the session or rebuilding the training database would stop the run itself, not answer it.
const SKIP = new Set<MethodName>(['users.logout', 'workshop.reset']);

/** Whole bodies that are not an object, or not JSON at all. */
const BODIES = ['null', 'true', '1e308', '"\\u0000"', '[]', '"x"', '{"a":', '[1,2'];

/** Values put into each field in turn: broken text, paths, impossible numbers and dates, wrong shapes. */
const HOSTILE: unknown[] = [
  null,
  -0.0001,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  '\u0000',
  '\ud800',
  '\u200b\u2060',
  '../../../../etc/passwd',
  'file:/tmp/x',
  '9999-12-31',
  'x'.repeat(5000),
  [null],
  {},
];

type Def = { shape?: Record<string, unknown> };
/** The top-level field names of a method's input (through optional/default/pipe wrappers). */
function fieldsOf(m: MethodName): string[] {
  let s = api[m].input as unknown as { _zod: { def: Def & { innerType?: unknown; in?: unknown } } };
  for (let i = 0; i < 5 && !s._zod.def.shape; i++) {
    const next = (s._zod.def.innerType ?? s._zod.def.in) as typeof s | undefined;
    if (!next) break;
    s = next;
  }
  return Object.keys(s._zod.def.shape ?? {});
}

describe('hostile input to every method over HTTP', () => {
  const clock = fixedClock();
  let core: Core;
  let httpCore: Core;
  let http: HttpHost;
  const sessions: Record<string, string> = {};

  beforeAll(async () => {
    const file = tempDbPath();
    core = openCore({ dbPath: file, host: 'test', clock, log: () => {} });
    core.run('business.update', aBusiness());
    core.run('locations.create', aLocation());
    core.run('partners.create', aPartner());
    core.run('products.create', aProduct());
    sessions.owner = core.run('users.setup', { name: 'Chủ', pin: '1234' }).session;
    for (const role of ['staff', 'auditor'] as const) {
      const u = core.run('users.create', { name: role, role, pin: '5678' }, { session: sessions.owner });
      sessions[role] = core.run('users.login', { userId: u.id, pin: '5678' }).session;
    }
    httpCore = openCore({ dbPath: file, host: 'http', clock, log: () => {} });
    http = await startHttpHost({ core: httpCore, token: 'fuzz' });
  });
  afterAll(async () => {
    await http.close();
    httpCore.close();
    core.close();
  });

  /** As `nguongoc api METHOD JSON` runs it (the CLI refuses a body that is not JSON before the core). */
  const inProcess = (method: string, body: string, role: string) => {
    let input: unknown;
    try {
      input = JSON.parse(body);
    } catch {
      return { status: 400, body: { ok: false, error: { code: 'USAGE', message: 'not JSON' } } };
    }
    const { status, ...res } = core.call(method, input, { session: sessions[role] });
    return { status, body: res as { ok: boolean; error?: { code: string; message: string } } };
  };

  const send = async (method: string, body: string, role: string) =>
    isRendererMethod(method) ? overHttp(method, body, role) : inProcess(method, body, role);

  const overHttp = (method: string, body: string, role: string) =>
    fetch(`${http.url}api/${method}`, {
      method: 'POST',
      headers: {
        Authorization: 'Bearer fuzz',
        'Content-Type': 'application/json',
        'X-Nguongoc-Session': sessions[role],
      },
      body,
    }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as { ok: boolean; error?: { code: string; message: string } },
    }));

  it('answers every call with a code and a message, never a 500', async () => {
    const failures: string[] = [];
    let calls = 0;
    for (const role of ['owner', 'staff', 'auditor']) {
      for (const m of METHOD_NAMES) {
        if (SKIP.has(m)) continue;
        const bodies = [...BODIES];
        // Every field gets each hostile value in turn (the owner passes every permission check, so each
        // value reaches the schema and, when it passes, the handler); the other roles get a few of them.
        const values = role === 'owner' ? HOSTILE : HOSTILE.filter((_, i) => i % 6 === 0);
        for (const f of fieldsOf(m)) for (const v of values) bodies.push(JSON.stringify({ [f]: v }));
        for (const body of bodies) {
          const { status, body: res } = await send(m, body, role);
          calls++;
          if (status >= 500 && res.error?.code !== 'DB_BUSY')
            failures.push(`${role} ${m} ${body.slice(0, 60)} → ${status} ${res.error?.code}: ${res.error?.message}`);
          else if (!res.ok && (!res.error?.code || !res.error.message))
            failures.push(`${role} ${m} ${body.slice(0, 60)} → no code/message`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(METHOD_NAMES.length * BODIES.length * 3);
  }, 300_000);

  it('malformed URLs answer 400', async () => {
    for (const p of ['api/%E0%A4%A', 'api/%', '%E0%A4%A', '%00', 'api/%00']) {
      const r = await fetch(`${http.url}${p}`, {
        method: p.startsWith('api') ? 'POST' : 'GET',
        headers: { Authorization: 'Bearer fuzz', 'Content-Type': 'application/json' },
        body: p.startsWith('api') ? '{}' : undefined,
      });
      expect(r.status, p).toBe(400);
    }
  });
});
