// The app process killed (SIGKILL) at random points during a sync, then restarted: at the end the portal holds
// every event exactly once and every item is accepted. Also the CLI surface: portal set, sync, sync status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { TraceWorld } from '../helpers/trace-factory';
import { makeCore, tempDir } from '../helpers/core';
import { CLI, NODE, ROOT, ensureBuilt, runCli } from '../helpers/dist';
import { PortalSim } from '../../main/portal-sim/server';

let sim: PortalSim;
beforeAll(async () => {
  ensureBuilt();
  sim = new PortalSim({ latencyMs: 15, captureLimit: 20, token: 'tok' });
  await sim.listen();
});
afterAll(() => sim.close());

function killedSync(db: string, env: NodeJS.ProcessEnv, afterMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(NODE, [CLI, 'sync', '--db', db, '--quiet'], { cwd: ROOT, env: { ...process.env, ...env } });
    const t = setTimeout(() => child.kill('SIGKILL'), afterMs);
    child.on('close', (code) => {
      clearTimeout(t);
      resolve(code);
    });
  });
}

describe('sync survives being killed', () => {
  it('ends with every event on the portal exactly once', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'app.db');
    const env = { NGUONGOC_KEY_FILE: path.join(dir, 'key') };
    const w = new TraceWorld(makeCore({ file: db }));
    for (let i = 0; i < 150; i++) w.receive(i % 2 ? 'HAT' : 'MUOI', 10 + i);
    const eventIds = w.core.db.prepare('SELECT event_id FROM events').pluck().all() as string[];
    w.core.close();

    const set = await runCli(['portal', 'set', '--db', db, '--url', sim.url, '--token', 'tok'], { env });
    expect(set.code, set.stderr).toBe(0);
    // The token is stored encrypted, never in clear.
    const raw = makeCore({ file: db });
    const sealed = raw.db.prepare('SELECT secret_sealed FROM portals').pluck().get() as string;
    raw.close();
    expect(sealed).not.toContain('tok');
    expect(sealed).toMatch(/^v1:/);

    let killed = 0;
    for (let round = 0; round < 5; round++) {
      const code = await killedSync(db, env, 250 + Math.floor(Math.random() * 500));
      if (code === null) killed++;
    }
    expect(killed).toBeGreaterThan(0);
    const last = await runCli(['sync', '--db', db, '--json'], { env, timeoutMs: 120_000 });
    expect(last.code, last.stderr).toBe(0);
    expect(JSON.parse(last.stdout).outcome).toBe('done');

    const status = await runCli(['sync', 'status', '--db', db, '--json'], { env });
    const s = JSON.parse(status.stdout);
    expect(s.counts.accepted).toBe(s.counts.total);
    expect(s.counts.pending + s.counts.rejected + s.counts.sending).toBe(0);
    const onPortal = sim.eventIds();
    expect(onPortal.length).toBe(eventIds.length);
    expect(new Set(onPortal)).toEqual(new Set(eventIds));
  }, 180_000);

  it('exits 1 and names the rejected item', async () => {
    const rej = new PortalSim({ rejectMatch: 'MUOI' });
    await rej.listen();
    try {
      const dir = tempDir();
      const db = path.join(dir, 'app.db');
      const env = { NGUONGOC_KEY_FILE: path.join(dir, 'key') };
      const w = new TraceWorld(makeCore({ file: db }));
      w.receive('HAT', 1);
      w.receive('MUOI', 1);
      w.core.close();
      await runCli(['portal', 'set', '--db', db, '--url', rej.url], { env });
      const r = await runCli(['sync', '--db', db], { env });
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/1 bị từ chối/);
      const st = await runCli(['sync', 'status', '--db', db], { env });
      expect(st.stdout).toMatch(/chưa được đăng ký/);
      const t = await runCli(['portal', 'test', '--db', db], { env });
      expect(t.code).toBe(0);
      await runCli(['portal', 'set', '--db', db, '--url', 'http://127.0.0.1:9'], { env });
      const bad = await runCli(['portal', 'test', '--db', db], { env });
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(/Không kết nối được/);
    } finally {
      await rej.close();
    }
  }, 60_000);
});
