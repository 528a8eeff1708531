// One business clock through every host: a session made by a core whose clock reads an instant long past
// is good in the HTTP host, in the desktop app's worker and in a `nguongoc serve` child that are given the
// same clock, and expired in one that reads the PC's clock.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../main/core';
import { clockFromEnv, clockStartingAt, NOW_ENV, systemClock, todayLocal } from '../../main/clock';
import { startHttpHost } from '../../main/hosts/http';
import { CoreWorkerClient } from '../../main/hosts/worker-client';
import { fixedClock, makeCore, tempDbPath } from '../helpers/core';
import { ensureBuilt, ROOT, serve } from '../helpers/dist';

const WORKER = path.join(ROOT, 'dist', 'core-worker.js');
// Long enough ago that a session made then has expired by any real clock.
const PAST = '2026-06-01T23:30:00+07:00';

async function listAs(url: string, token: string, session: string): Promise<string> {
  const r = await fetch(`${url}api/products.list`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'X-Nguongoc-Session': session },
    body: '{}',
  });
  const body = (await r.json()) as { ok: boolean; error?: { code: string } };
  return body.ok ? 'ok' : body.error!.code;
}

describe('the business clock', () => {
  let file: string;
  let session: string;
  const clock = fixedClock(PAST);
  beforeAll(() => {
    ensureBuilt();
    file = tempDbPath();
    const core = makeCore({ file, clock });
    session = core.run('users.setup', { name: 'Chủ cơ sở', pin: '1234' }).session;
    core.close();
  });

  it('reads NGUONGOC_NOW and runs on from it, one clock per process', () => {
    expect(clockFromEnv({})).toBe(systemClock);
    const c = clockFromEnv({ [NOW_ENV]: PAST });
    expect(clockFromEnv({ [NOW_ENV]: PAST })).toBe(c);
    expect(todayLocal(c)).toBe('2026-06-01');
    expect(todayLocal(clockStartingAt('2026-06-01T17:30:00Z'))).toBe('2026-06-02');
    expect(() => clockStartingAt('not a time')).toThrow(RangeError);
  });

  describe('the HTTP host', () => {
    let core: Core;
    let real: Core;
    afterAll(() => {
      core?.close();
      real?.close();
    });
    it('judges the session by the clock it is given', async () => {
      core = openCore({ dbPath: file, host: 'http', clock, log: () => {} });
      real = openCore({ dbPath: file, host: 'http', clock: systemClock, log: () => {} });
      const withClock = await startHttpHost({ core, token: 't' });
      const withPc = await startHttpHost({ core: real, token: 't' });
      try {
        expect(await listAs(withClock.url, 't', session)).toBe('ok');
        expect(await listAs(withPc.url, 't', session)).toBe('SESSION_EXPIRED');
      } finally {
        await withClock.close();
        await withPc.close();
      }
    });
  });

  it("passes to the desktop app's worker", async () => {
    const client = new CoreWorkerClient({ workerPath: WORKER, dbPath: file, clock, log: () => undefined });
    const pc = new CoreWorkerClient({ workerPath: WORKER, dbPath: file, log: () => undefined });
    await client.start();
    await pc.start();
    try {
      expect((await client.call('products.list', {}, { session })).ok).toBe(true);
      const r = await pc.call('products.list', {}, { session });
      expect(r.ok ? 'ok' : r.error.code).toBe('SESSION_EXPIRED');
    } finally {
      await client.close();
      await pc.close();
    }
  });

  it('passes to a CLI child process', async () => {
    const child = await serve(['--db', file], {}, clock);
    const pc = await serve(['--db', file]);
    try {
      expect(await listAs(child.url, child.token, session)).toBe('ok');
      expect(await listAs(pc.url, pc.token, session)).toBe('SESSION_EXPIRED');
    } finally {
      await child.stop();
      await pc.stop();
    }
  });
});
