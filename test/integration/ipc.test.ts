// The Electron IPC wiring with a fake ipcMain (the electron module is never loaded in tests) and a
// real core in its worker over a temp database.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IPC_CHANNEL,
  isTrustedSender,
  registerIpc,
  type IpcInvokeEventLike,
  type IpcMainLike,
} from '../../main/hosts/ipc';
import { CoreWorkerClient, type CoreCaller } from '../../main/hosts/worker-client';
import { APP_INDEX_URL } from '../../main/hosts/app-scheme';
import { RENDERER_METHODS } from '../../shared/api/renderer-methods';
import { METHOD_NAMES } from '../../shared/api/contract';
import { ROOT } from '../helpers/dist';

const WORKER = path.join(ROOT, 'dist', 'core-worker.js');
const RENDERER_INDEX = path.join(ROOT, 'dist', 'renderer', 'index.html');
const OWN_PAGE = `${APP_INDEX_URL}#/products`;

type Listener = (event: IpcInvokeEventLike, ...args: unknown[]) => unknown;

/** Behaves like Electron's ipcMain for `handle`: one handler per channel, invoke awaits it. */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke does, from a frame at `url`. */
  async invoke(url: string | null, channel: string, ...args: unknown[]): Promise<unknown> {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`No handler registered for '${channel}'`);
    return h({ senderFrame: url === null ? null : { url } }, ...args);
  }
}

describe('IPC wiring', () => {
  let dir: string;
  let client: CoreWorkerClient;
  const ipc = new FakeIpcMain();
  const logs: string[] = [];
  let unregister: () => void;

  beforeAll(async () => {
    if (!fs.existsSync(WORKER))
      execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), 'main'], {
        cwd: ROOT,
        stdio: 'inherit',
      });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ng-ipc-'));
    client = new CoreWorkerClient({ workerPath: WORKER, dbPath: path.join(dir, 'nguongoc.db'), log: () => undefined });
    await client.start();
    unregister = registerIpc(ipc, client, { log: (l) => logs.push(l) });
  });
  afterAll(async () => {
    unregister();
    await client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('our own page gets data from the real core, writes included', async () => {
    const info = (await ipc.invoke(OWN_PAGE, IPC_CHANNEL, 'system.info', {}, 'vi')) as { ok: boolean; data?: unknown };
    expect(info.ok).toBe(true);
    expect(info).not.toHaveProperty('status');
    const business = await ipc.invoke(OWN_PAGE, IPC_CHANNEL, 'business.get', {}, 'en');
    expect(business).toEqual({ ok: true, data: null });
    const updated = await ipc.invoke(OWN_PAGE, IPC_CHANNEL, 'settings.update', { language: 'en' }, 'vi');
    expect(updated).toMatchObject({ ok: true, data: { language: 'en' } });
    expect(await ipc.invoke(OWN_PAGE, IPC_CHANNEL, 'settings.get', undefined, 'vi')).toMatchObject({
      ok: true,
      data: { language: 'en' },
    });
  });

  it('a foreign sender gets FORBIDDEN and the core is not called', async () => {
    let calls = 0;
    const spy: CoreCaller = { call: async () => (calls++, { ok: true, data: 1, status: 200 }) };
    const other = new FakeIpcMain();
    registerIpc(other, spy, { log: () => undefined });
    const foreign = [
      'https://evil.example/',
      'file:///tmp/evil.html',
      pathToFileURL(RENDERER_INDEX).href,
      'app://nguongoc/other.html',
      'app://evil/index.html',
      'apps://nguongoc/index.html',
      'http://localhost:5173/',
      'about:blank',
      'not a url',
      null,
    ];
    for (const url of foreign) {
      const res = await other.invoke(url, IPC_CHANNEL, 'system.info', {}, 'vi');
      expect(res).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Bạn không có quyền làm việc này.' },
      });
    }
    expect(calls).toBe(0);
    expect(await other.invoke(OWN_PAGE, IPC_CHANNEL, 'system.info', {}, 'vi')).toEqual({ ok: true, data: 1 });
    expect(calls).toBe(1);
  });

  it('allows the dev server origin only when it is configured', () => {
    const opts = { devServerUrl: 'http://localhost:5173/' };
    expect(isTrustedSender('http://localhost:5173/#/home', opts)).toBe(true);
    expect(isTrustedSender('http://localhost:5174/', opts)).toBe(false);
    expect(isTrustedSender('http://localhost:5173/', {})).toBe(false);
    expect(isTrustedSender(`${APP_INDEX_URL}?x=1`, opts)).toBe(true);
    expect(isTrustedSender(`${APP_INDEX_URL}#/lots/1`, {})).toBe(true);
  });

  it('bad argument types get BAD_REQUEST; bad input gets the core field errors', async () => {
    const cases: unknown[][] = [
      [42, {}, 'vi'],
      ['x'.repeat(101), {}, 'vi'],
      ['', {}, 'vi'],
      ['system.info', {}, 'fr'],
      ['system.info', {}, undefined],
      ['system.info', {}, 'vi', 12345],
    ];
    for (const args of cases) {
      const res = await ipc.invoke(OWN_PAGE, IPC_CHANNEL, ...args);
      expect(res).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    const unknown = await ipc.invoke(OWN_PAGE, IPC_CHANNEL, 'nope.nothing', {}, 'en');
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const invalid = (await ipc.invoke(
      OWN_PAGE,
      IPC_CHANNEL,
      'products.create',
      { name: '', kind: 'finished', gtin: '8930000000001' },
      'vi',
    )) as {
      ok: false;
      error: { code: string; fields: { path: string }[] };
    };
    expect(invalid.ok).toBe(false);
    expect(invalid.error.code).toBe('VALIDATION');
    expect(invalid.error.fields.map((f) => f.path)).toContain('name');
    expect(await ipc.invoke(OWN_PAGE, IPC_CHANNEL, 'products.list', {}, 'vi')).toMatchObject({
      ok: true,
      data: { total: 0 },
    });
  });

  it('refuses a method the app page does not use, even with a valid owner session, before the core sees it', async () => {
    const setup = (await ipc.invoke(OWN_PAGE, IPC_CHANNEL, 'users.setup', { name: 'Chủ', pin: '2468' }, 'vi')) as {
      ok: true;
      data: { session: string };
    };
    const session = setup.data.session;
    expect(await ipc.invoke(OWN_PAGE, IPC_CHANNEL, 'users.me', {}, 'vi', session)).toMatchObject({ ok: true });
    const cliOnly = METHOD_NAMES.filter((m) => !(RENDERER_METHODS as readonly string[]).includes(m));
    expect(cliOnly).toContain('stock.rebuild');
    for (const m of cliOnly) {
      const res = await ipc.invoke(OWN_PAGE, IPC_CHANNEL, m, {}, 'vi', session);
      expect(res, m).toEqual({
        ok: false,
        error: {
          code: 'METHOD_NOT_IN_APP',
          message:
            'Việc này không làm được từ màn hình của phần mềm. Nếu thật cần, hãy nhờ người quản lý máy chạy lệnh nguongoc trên máy tính này.',
        },
      });
    }
    const en = await ipc.invoke(OWN_PAGE, IPC_CHANNEL, 'lots.createOpening', {}, 'en', session);
    expect(en).toMatchObject({
      error: { code: 'METHOD_NOT_IN_APP', message: expect.stringMatching(/^This cannot be done/) },
    });
    // Refused in the main process: the worker is never asked.
    let calls = 0;
    const spy: CoreCaller = { call: async () => (calls++, { ok: true, data: 1, status: 200 }) };
    const other = new FakeIpcMain();
    registerIpc(other, spy, { log: () => undefined });
    for (const m of cliOnly) await other.invoke(OWN_PAGE, IPC_CHANNEL, m, {}, 'vi', session);
    expect(calls).toBe(0);
    for (const m of RENDERER_METHODS) await other.invoke(OWN_PAGE, IPC_CHANNEL, m, {}, 'vi', session);
    expect(calls).toBe(RENDERER_METHODS.length);
  });

  it('a dead worker turns into an INTERNAL envelope, and the next call works again', async () => {
    const gen = client.generation;
    const pending = ipc.invoke(OWN_PAGE, IPC_CHANNEL, 'system.check', {}, 'en');
    await client.kill();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await ipc.invoke(OWN_PAGE, IPC_CHANNEL, 'system.info', {}, 'en')).toMatchObject({ ok: true });
    expect(client.generation).toBe(gen + 1);
  });

  it('registers one handler and removes it', () => {
    const other = new FakeIpcMain();
    const off = registerIpc(other, client, {});
    expect([...other.handlers.keys()]).toEqual([IPC_CHANNEL]);
    off();
    expect(other.handlers.size).toBe(0);
  });
});
