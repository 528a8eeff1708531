// The built desktop shell (dist/electron/main.js) run under plain Node against a stand-in for the
// `electron` module, because the Electron binary cannot be installed on every machine. What is real:
// the shell's own code as bundled, the core worker, the IPC wiring and the database. What is a
// stand-in: only Electron's objects (app, BrowserWindow, ipcMain, session, protocol, dialog…), which
// record what the shell asks of them. The real-window test is test/e2e/electron.test.ts.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/dist';
import { APP_INDEX_URL } from '../../main/hosts/app-scheme';

const MAIN = path.join(ROOT, 'dist', 'electron', 'main.js');
const INDEX = path.join(ROOT, 'dist', 'renderer', 'index.html');
const OWN_PAGE = `${APP_INDEX_URL}#/`;

type Fn = (...args: unknown[]) => unknown;
type Recorded = {
  windows: { opts: Record<string, unknown>; loaded: string[] }[];
  ipc: Map<string, Fn>;
  appHandlers: Map<string, Fn[]>;
  protocols: Map<string, (req: { url: string }) => Promise<Response> | Response>;
  /** What happened, in order: 'registerSchemesAsPrivileged', 'whenReady'… (Electron needs the first before ready). */
  sequence: string[];
  privileged?: unknown;
  permission?: Fn;
  permissionCheck?: Fn;
  beforeRequest?: Fn;
  dialogs: { message?: string; detail?: string }[];
  opened: string[];
  quits: number;
  menu?: unknown;
  /** What the shell asked the OS driver to print (webContents.print options) and from which window. */
  prints: { opts: Record<string, unknown>; window: Record<string, unknown> }[];
  destroyed: number;
  printSession?: { partition: string; beforeRequest?: Fn };
};

/** safeStorage's stand-in: AES-GCM with a key of its own, as DPAPI seals with the Windows user's key. */
function fakeSafeStorage() {
  const osKey = crypto.randomBytes(32);
  return {
    isAsyncEncryptionAvailable: async () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    async encryptStringAsync(plain: string) {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', osKey, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    async decryptStringAsync(b: Buffer) {
      const d = crypto.createDecipheriv('aes-256-gcm', osKey, b.subarray(0, 12));
      d.setAuthTag(b.subarray(12, 28));
      return { result: Buffer.concat([d.update(b.subarray(28)), d.final()]).toString('utf8'), shouldReEncrypt: false };
    },
  };
}

/** Electron's objects, recording what the shell does with them. */
function fakeElectron(rec: Recorded) {
  class BrowserWindow {
    static all: BrowserWindow[] = [];
    static getAllWindows = () => BrowserWindow.all;
    readonly entry: Recorded['windows'][number];
    destroyedFlag = false;
    readonly webContents = {
      on: () => undefined,
      setWindowOpenHandler: () => undefined,
      getPrintersAsync: async () => [
        {
          name: 'Văn phòng HP',
          displayName: 'Văn phòng HP',
          description: 'HP LaserJet',
          options: { 'is-default': 'true' },
        },
      ],
      executeJavaScript: async (code: string) =>
        code.startsWith('addPages(') ? (JSON.parse(code.slice('addPages('.length, -1)) as string[]).length : null,
      print: (opts: Record<string, unknown>, cb: (ok: boolean, reason: string) => void) => {
        rec.prints.push({ opts, window: this.entry.opts });
        setTimeout(() => cb(true, ''), 5);
      },
    };
    constructor(opts: Record<string, unknown>) {
      this.entry = { opts, loaded: [] };
      rec.windows.push(this.entry);
      BrowserWindow.all.push(this);
    }
    on() {
      return this;
    }
    once() {
      return this;
    }
    loadFile(f: string) {
      this.entry.loaded.push(f);
      return Promise.resolve();
    }
    loadURL(u: string) {
      this.entry.loaded.push(u);
      return Promise.resolve();
    }
    show() {}
    isMinimized() {
      return false;
    }
    focus() {}
    isDestroyed() {
      return this.destroyedFlag;
    }
    destroy() {
      this.destroyedFlag = true;
      rec.destroyed++;
      BrowserWindow.all = BrowserWindow.all.filter((w) => w !== this);
    }
  }
  return {
    app: {
      isPackaged: false,
      requestSingleInstanceLock: () => true,
      enableSandbox: () => undefined,
      setName: () => undefined,
      setAppUserModelId: () => undefined,
      on: (ev: string, fn: Fn) => void rec.appHandlers.set(ev, [...(rec.appHandlers.get(ev) ?? []), fn]),
      whenReady: () => (rec.sequence.push('whenReady'), Promise.resolve()),
      quit: () => void rec.quits++,
      exit: () => void rec.quits++,
      getPath: () => os.tmpdir(),
    },
    BrowserWindow,
    ipcMain: {
      handle: (ch: string, fn: Fn) => void rec.ipc.set(ch, fn),
      removeHandler: (ch: string) => void rec.ipc.delete(ch),
    },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => void (rec.menu = m) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => {
        rec.sequence.push('registerSchemesAsPrivileged');
        rec.privileged = schemes;
      },
      handle: (scheme: string, fn: (req: { url: string }) => Promise<Response> | Response) =>
        void rec.protocols.set(scheme, fn),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Fn) => void (rec.permission = fn),
        setPermissionCheckHandler: (fn: Fn) => void (rec.permissionCheck = fn),
        webRequest: { onBeforeRequest: (fn: Fn) => void (rec.beforeRequest = fn), onHeadersReceived: () => undefined },
      },
      fromPartition: (partition: string) => {
        const ps: NonNullable<Recorded['printSession']> = { partition };
        rec.printSession = ps;
        return {
          setPermissionRequestHandler: () => undefined,
          webRequest: { onBeforeRequest: (fn: Fn) => void (ps.beforeRequest = fn) },
        };
      },
    },
    safeStorage: fakeSafeStorage(),
    dialog: {
      showMessageBox: (a: unknown, b?: unknown) => {
        rec.dialogs.push((b ?? a) as { message?: string; detail?: string });
        return Promise.resolve({ response: 0 });
      },
      showErrorBox: (title: string, detail: string) => void rec.dialogs.push({ message: title, detail }),
    },
    shell: { openExternal: (u: string) => (rec.opened.push(u), Promise.resolve()), showItemInFolder: () => undefined },
  };
}

type ModuleInternals = { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
const moduleInternals = Module as unknown as ModuleInternals;

/** Loads dist/electron/main.js fresh with `electron` answered by the stand-in, and `--db` set. */
function launchShell(dbPath: string): Recorded {
  const rec: Recorded = {
    windows: [],
    ipc: new Map(),
    appHandlers: new Map(),
    protocols: new Map(),
    sequence: [],
    dialogs: [],
    opened: [],
    quits: 0,
    prints: [],
    destroyed: 0,
  };
  const fake = fakeElectron(rec);
  const original = moduleInternals._load;
  moduleInternals._load = function (request, parent, isMain) {
    if (request === 'electron') return fake;
    return original.call(this, request, parent, isMain);
  };
  const argv = process.argv;
  process.argv = [argv[0], ROOT, '--db', dbPath];
  try {
    delete require.cache[MAIN];
    Module.createRequire(MAIN)(MAIN);
  } finally {
    process.argv = argv;
    // main() already holds its `electron` reference; later requires go to the real loader.
    moduleInternals._load = original;
  }
  return rec;
}

async function until<T>(fn: () => T | undefined, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function quit(rec: Recorded): Promise<void> {
  const before = rec.quits;
  for (const h of rec.appHandlers.get('will-quit') ?? []) h({ preventDefault: () => undefined });
  await until(() => rec.quits > before || undefined);
}

describe('desktop shell (built main.js, electron stood in)', () => {
  let dir: string;
  let rec: Recorded;
  let dbPath: string;

  beforeAll(async () => {
    if (!fs.existsSync(MAIN) || !fs.existsSync(INDEX))
      execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ng-shell-'));
    dbPath = path.join(dir, 'data', 'nguongoc.db');
    // The shell keeps the portal-credentials key next to the plain key file's place: a temp folder here.
    process.env.NGUONGOC_KEY_FILE = path.join(dir, 'keys', 'secret.key');
    rec = launchShell(dbPath);
    await until(() => rec.windows[0]);
  });
  afterAll(async () => {
    if (rec) await quit(rec);
    delete process.env.NGUONGOC_KEY_FILE;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens one locked-down window on the built renderer', () => {
    expect(rec.windows).toHaveLength(1);
    const { opts, loaded } = rec.windows[0];
    expect(opts.title).toBe('Nguồn Gốc');
    expect(opts.webPreferences).toMatchObject({
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      webviewTag: false,
    });
    expect(fs.existsSync(String((opts.webPreferences as { preload: string }).preload))).toBe(true);
    expect(loaded).toEqual([APP_INDEX_URL]);
    expect(JSON.stringify(rec.menu)).toContain('Thoát');
  });

  it('answers the page over IPC from the core worker, on the database given with --db; no other origin', async () => {
    const handler = rec.ipc.get('nguongoc:call')!;
    const info = (await handler({ senderFrame: { url: OWN_PAGE } }, 'system.info', {}, 'vi')) as {
      ok: boolean;
      data: { dbPath: string; host: string };
    };
    expect(info).toMatchObject({ ok: true, data: { dbPath, host: 'electron' } });
    expect(fs.existsSync(dbPath)).toBe(true);
    for (const url of [
      'https://evil.example/',
      pathToFileURL(INDEX).href,
      'app://evil/index.html',
      'app://nguongoc/other.html',
      'http://localhost:5173/',
    ]) {
      const foreign = await handler({ senderFrame: { url } }, 'system.info', {}, 'vi');
      expect(foreign, url).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const cliOnly = await handler({ senderFrame: { url: OWN_PAGE } }, 'stock.rebuild', {}, 'vi');
    expect(cliOnly).toMatchObject({ ok: false, error: { code: 'METHOD_NOT_IN_APP' } });
  });

  it('registers app:// as a privileged standard, secure scheme before the app is ready', () => {
    expect(rec.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    const seq = rec.sequence;
    expect(seq.indexOf('registerSchemesAsPrivileged')).toBeGreaterThanOrEqual(0);
    expect(seq.indexOf('registerSchemesAsPrivileged')).toBeLessThan(seq.indexOf('whenReady'));
  });

  it('serves the page and every asset it names from app://, with their types and the Content-Security-Policy', async () => {
    const handle = rec.protocols.get('app')!;
    const page = await handle({ url: OWN_PAGE });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    const html = await page.text();
    expect(html).toContain('<meta http-equiv="Content-Security-Policy"');
    // Vite's relative asset paths (base './') resolve under app://nguongoc/ and are all served.
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => new URL(m[1], APP_INDEX_URL).href);
    expect(refs.length).toBeGreaterThan(2);
    for (const ref of refs) {
      expect(ref.startsWith('app://nguongoc/assets/'), ref).toBe(true);
      const r = await handle({ url: ref });
      expect(r.status, ref).toBe(200);
      const type = ref.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8';
      expect(r.headers.get('content-type'), ref).toBe(type);
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('refuses every path outside dist/renderer, however it is spelled, and every file:// request', async () => {
    const handle = rec.protocols.get('app')!;
    const outside = [
      'app://nguongoc/../../etc/passwd',
      'app://nguongoc/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      'app://nguongoc/..%2f..%2f..%2f..%2fetc%2fpasswd',
      'app://nguongoc/..%2F..%2Fpackage.json',
      'app://nguongoc/assets/..%2f..%2f..%2fpackage.json',
      'app://nguongoc/..%5c..%5cpackage.json',
      'app://nguongoc/%252e%252e/%252e%252e/package.json',
      'app://nguongoc/index.html%00.png',
      'app://nguongoc/%E0%A4%A',
      'app://evil/index.html',
      `app://nguongoc/${encodeURIComponent(path.join(ROOT, 'package.json'))}`,
    ];
    for (const url of outside) {
      const r = await handle({ url });
      expect(r.status, url).toBe(404);
      const body = await r.text();
      expect(body, url).not.toContain('root:');
      expect(body, url).not.toContain('"name": "nguongoc"');
    }
    const file = rec.protocols.get('file')!;
    for (const url of [
      'file:///etc/passwd',
      pathToFileURL(INDEX).href,
      pathToFileURL(path.join(ROOT, 'package.json')).href,
    ])
      expect((await file({ url })).status, url).toBe(404);
  });

  it('blocks remote content, denies permissions, navigation and new windows; web links open in the browser', async () => {
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      rec.beforeRequest!({ url }, (r: { cancel: boolean }) => (cancel = r.cancel));
      return cancel;
    };
    expect(decide('https://cdn.example.com/x.js')).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
    expect(decide(pathToFileURL(INDEX).href)).toBe(true);
    expect(decide('app://evil/index.html')).toBe(true);
    expect(decide(OWN_PAGE)).toBe(false);
    expect(decide('app://nguongoc/assets/index.js')).toBe(false);
    let granted: boolean | undefined;
    rec.permission!({}, 'media', (ok: boolean) => (granted = ok));
    expect(granted).toBe(false);
    expect(rec.permissionCheck!()).toBe(false);

    // Guards given to every web contents the app creates.
    const events = new Map<string, Fn>();
    let openHandler: Fn | undefined;
    const contents = {
      on: (ev: string, fn: Fn) => void events.set(ev, fn),
      setWindowOpenHandler: (fn: Fn) => void (openHandler = fn),
    };
    for (const h of rec.appHandlers.get('web-contents-created') ?? []) h({}, contents);
    const navigate = (url: string) => {
      let prevented = false;
      events.get('will-navigate')!({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('https://nguongoc.example/help')).toBe(true);
    expect(navigate('file:///etc/hostname')).toBe(true);
    expect(navigate('app://nguongoc/index.html')).toBe(true);
    expect(navigate('javascript:alert(1)')).toBe(true);
    expect(openHandler!({ url: 'http://example.com/a' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'smb://server/share' })).toEqual({ action: 'deny' });
    expect(rec.opened).toEqual(['https://nguongoc.example/help', 'http://example.com/a']);
  });

  it('a database file that is not SQLite gets a Vietnamese dialog instead of a crash, and no window', async () => {
    const bad = path.join(dir, 'bad.db');
    fs.writeFileSync(bad, 'Sổ ghi chép, không phải SQLite\n'.repeat(50));
    const other = launchShell(bad);
    await until(() => (other.quits > 0 ? true : undefined));
    expect(other.windows).toHaveLength(0);
    expect(other.ipc.size).toBe(0);
    expect(other.dialogs).toHaveLength(1);
    expect(other.dialogs[0].message).toBe('Không mở được dữ liệu của Nguồn Gốc');
    expect(other.dialogs[0].detail).toContain('không phải là cơ sở dữ liệu của Nguồn Gốc');
    expect(other.dialogs[0].detail).toContain(bad);
    expect(fs.readFileSync(bad, 'utf8').startsWith('Sổ ghi chép')).toBe(true);
  });

  it('keeps the portal login key under safeStorage and hands it to the core: no plain key file is written', async () => {
    const keys = path.join(dir, 'keys');
    expect(fs.existsSync(path.join(keys, 'secret.key.safe'))).toBe(true);
    const handler = rec.ipc.get('nguongoc:call')!;
    const saved = (await handler(
      { senderFrame: { url: OWN_PAGE } },
      'sync.settings.save',
      { type: 'epcis', url: 'http://127.0.0.1:9/epcis', auth: 'bearer', secret: 'mã-bí-mật' },
      'vi',
    )) as { ok: boolean };
    expect(saved.ok).toBe(true);
    expect(fs.existsSync(path.join(keys, 'secret.key'))).toBe(false);
    expect(fs.readFileSync(path.join(keys, 'secret.key.safe')).includes(Buffer.from('mã-bí-mật'))).toBe(false);
  });

  it('lists the installed printers and prints a driver: job silently at the label size in a window of its own', async () => {
    const handler = rec.ipc.get('nguongoc:call')!;
    const call = async <T>(method: string, input: unknown) => {
      const r = (await handler({ senderFrame: { url: OWN_PAGE } }, method, input, 'vi')) as
        { ok: true; data: T } | { ok: false; error: { message: string } };
      if (!r.ok) throw new Error(r.error.message);
      return r.data;
    };
    const printer = await call<{ id: number }>('printers.save', {
      name: 'Máy in văn phòng',
      uri: 'driver:Văn phòng HP',
      language: 'driver',
      dpi: 300,
      labelWidthMm: 60,
      labelHeightMm: 40,
    });
    const job = await call<{ id: number }>('print.test', { printerId: printer.id, kind: 'calibration' });
    let status = '';
    for (let i = 0; i < 200 && status !== 'done' && status !== 'failed'; i++) {
      status = (await call<{ status: string }>('print.job', { id: job.id })).status;
      if (status !== 'done' && status !== 'failed') await new Promise((r) => setTimeout(r, 25));
    }
    expect(status).toBe('done');
    expect(rec.prints).toHaveLength(1);
    const { opts, window } = rec.prints[0];
    expect(opts).toMatchObject({
      silent: true,
      deviceName: 'Văn phòng HP',
      margins: { marginType: 'none' },
      pageSize: { width: 60000, height: 40000 },
      scaleFactor: 100,
      landscape: false,
    });
    // A hidden, sandboxed window in its own session, whose only allowed loads are data: URLs; destroyed after.
    expect(window).toMatchObject({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false },
    });
    const loaded = rec.windows.find((w) => w.opts === window)!.loaded[0];
    expect(decodeURIComponent(loaded)).toContain('@page { size: 60mm 40mm; margin: 0 }');
    expect(rec.printSession?.partition).toBe('nguongoc-print');
    let cancel: boolean | undefined;
    rec.printSession!.beforeRequest!(
      { url: 'https://example.com/x.png' },
      (r: { cancel: boolean }) => (cancel = r.cancel),
    );
    expect(cancel).toBe(true);
    expect(rec.destroyed).toBeGreaterThanOrEqual(1);
  });
});
