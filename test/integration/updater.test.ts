// The update path with electron-updater's real code, in plain Node: NsisUpdater (what the Windows app
// uses) with the generic provider reads latest.yml from a feed on loopback, downloads the installer
// in the background and verifies its sha512 (builder-util-runtime's DigestTransform). The electron
// module is never loaded: the updater gets an app adapter and a Node HTTP executor instead of
// Electron's app and net modules, the two places it would reach for electron.
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { configureRequestOptions, configureRequestUrl, HttpExecutor, type DownloadOptions } from 'builder-util-runtime';
import { NsisUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UpdatePolicy, type UpdaterLike } from '../../main/update-policy';
import { CoreWorkerClient } from '../../main/hosts/worker-client';
import { listBackups } from '../../main/store/backup';
import { ROOT } from '../helpers/dist';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util/out/DebugLogger';

/**
 * builder-util-runtime's executor over node:http instead of Electron's net module. `download` is the
 * same few lines as electron-updater's ElectronHttpExecutor.download: it hands over to the runtime's
 * doDownload, which streams through the DigestTransform that checks the sha512.
 */
class NodeHttpExecutor extends HttpExecutor<http.ClientRequest> {
  createRequest(options: http.RequestOptions, callback: (response: http.IncomingMessage) => void): http.ClientRequest {
    return http.request(options, callback);
  }
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: http.RequestOptions & { redirect?: string } = {
        headers: options.headers || undefined,
        redirect: 'manual',
      };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error) => (error == null ? resolve(destination) : reject(error)),
          responseHandler: null,
        },
        0,
      );
    });
  }
}

type Feed = { version: string; installer: Buffer; claimedSha512?: string };

const sha512 = (b: Buffer) => crypto.createHash('sha512').update(b).digest('base64');
const INSTALLER = 'Nguon-Goc-Setup.exe';

let server: http.Server;
let feedUrl = '';
let feed: Feed;
const requests: string[] = [];
const tmp: string[] = [];

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ng-update-'));
  tmp.push(d);
  return d;
}

function latestYml(f: Feed): string {
  const sum = f.claimedSha512 ?? sha512(f.installer);
  return [
    `version: ${f.version}`,
    'files:',
    `  - url: ${INSTALLER}`,
    `    sha512: ${sum}`,
    `    size: ${f.installer.length}`,
    `path: ${INSTALLER}`,
    `sha512: ${sum}`,
    `releaseDate: '2026-11-29T03:00:00.000Z'`,
    '',
  ].join('\n');
}

type Harness = {
  updater: NsisUpdater;
  cacheDir: string;
  quitHandlers: ((code: number) => void)[];
  errors: Error[];
  downloaded: string[];
};

/** An NsisUpdater as the packaged app builds it, but with a test app adapter and Node HTTP. */
function makeUpdater(opts: { publisherName?: string } = {}): Harness {
  const dir = tempDir();
  const configPath = path.join(dir, 'app-update.yml');
  // What electron-builder writes into resources/app-update.yml from the `publish` section, and from
  // win.signtoolOptions.publisherName when the signature check is on (its PublishManager does so).
  const publisher = opts.publisherName ? `publisherName:\n  - ${JSON.stringify(opts.publisherName)}\n` : '';
  fs.writeFileSync(
    configPath,
    `provider: generic\nurl: ${feedUrl}\nupdaterCacheDirName: nguongoc-updater\n${publisher}`,
  );
  const quitHandlers: ((code: number) => void)[] = [];
  const app: AppAdapter = {
    version: '0.1.0',
    name: 'Nguồn Gốc',
    isPackaged: true,
    appUpdateConfigPath: configPath,
    userDataPath: path.join(dir, 'userData'),
    baseCachePath: path.join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => undefined,
    onQuit: (h) => void quitHandlers.push(h),
  };
  const updater = new NsisUpdater(null, app);
  (updater as unknown as { httpExecutor: HttpExecutor<http.ClientRequest> }).httpExecutor = new NodeHttpExecutor();
  // electron-updater's own test hook: read the feed as the Windows app does (latest.yml, not
  // latest-linux.yml) although this test runs on Linux.
  (
    updater as unknown as { _testOnlyOptions: { platform: string; isUseDifferentialDownload: boolean } }
  )._testOnlyOptions = { platform: 'win32', isUseDifferentialDownload: false };
  updater.logger = null;
  const errors: Error[] = [];
  const downloaded: string[] = [];
  updater.on('error', (e) => errors.push(e));
  updater.on('update-downloaded', (info) => downloaded.push(info.version));
  return { updater, cacheDir: path.join(dir, 'cache', 'nguongoc-updater'), quitHandlers, errors, downloaded };
}

function policyFor(h: Harness, opts: { backup?: () => Promise<void>; now?: () => Date } = {}) {
  const logs: string[] = [];
  const clock = { now: opts.now ?? (() => new Date('2026-11-29T02:00:00Z')), offset: '+07:00' };
  const policy = new UpdatePolicy({
    updater: h.updater as unknown as UpdaterLike,
    backup: opts.backup ?? (async () => undefined),
    statePath: path.join(tempDir(), 'update-state.json'),
    clock,
    log: (l) => logs.push(l),
  });
  return { policy, logs, clock };
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}

describe('updates from a generic feed (electron-updater, real verification)', () => {
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/latest.yml') {
        res.writeHead(200, { 'Content-Type': 'text/yaml' });
        res.end(latestYml(feed));
      } else if (url.pathname === `/${INSTALLER}`) {
        res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': feed.installer.length });
        res.end(feed.installer);
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });
  afterEach(() => {
    requests.length = 0;
    for (const d of tmp.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('finds a newer version, downloads it in the background and accepts it when the sha512 matches', async () => {
    feed = { version: '0.2.0', installer: crypto.randomBytes(300_000) };
    const h = makeUpdater();
    const { policy } = policyFor(h);
    expect(h.updater.autoDownload).toBe(true);
    await policy.start();
    policy.stop();
    // Downloaded and verified, electron-updater's install-on-quit hook is in place, but held until a backup.
    expect(h.quitHandlers).toHaveLength(1);
    expect(h.updater.autoInstallOnAppQuit).toBe(false);
    expect(policy.needsBackupBeforeQuit()).toBe(true);
    expect(h.errors).toEqual([]);
    expect(h.downloaded).toEqual(['0.2.0']);
    expect(policy.downloaded).toBe('0.2.0');
    expect(requests.some((r) => r.startsWith('/latest.yml'))).toBe(true);
    const files = filesUnder(h.cacheDir).filter((f) => f.endsWith('.exe'));
    expect(files).toHaveLength(1);
    expect(fs.readFileSync(files[0]).equals(feed.installer)).toBe(true);
  });

  it('refuses a download whose sha512 does not match latest.yml', async () => {
    feed = {
      version: '0.2.0',
      installer: crypto.randomBytes(200_000),
      claimedSha512: sha512(Buffer.from('another file')),
    };
    const h = makeUpdater();
    const { policy, logs } = policyFor(h);
    await policy.checkNow();
    expect(h.downloaded).toEqual([]);
    expect(policy.downloaded).toBeNull();
    expect(h.errors.length).toBeGreaterThan(0);
    expect(h.errors.map((e) => e.message).join(' ')).toMatch(/sha512 checksum mismatch/);
    expect(logs.join('\n')).toMatch(/sha512 checksum mismatch/);
    // Nothing is left that could be installed.
    expect(filesUnder(h.cacheDir).filter((f) => f.endsWith('.exe'))).toEqual([]);
    expect(policy.needsBackupBeforeQuit()).toBe(false);
    expect(await policy.prepareInstallOnQuit()).toBe(false);
    // electron-updater never armed its install-on-quit hook.
    expect(h.quitHandlers).toEqual([]);
  });

  it('refuses an update not signed by the publisher named in electron-builder.yml, and installs nothing', async () => {
    const publisher = (await getConfig(ROOT, null, null)).win?.signtoolOptions?.publisherName;
    expect(typeof publisher).toBe('string');
    feed = { version: '0.2.0', installer: crypto.randomBytes(100_000) };
    const h = makeUpdater({ publisherName: publisher as string });
    const { policy, logs } = policyFor(h);
    // Windows' Authenticode reader (PowerShell Get-AuthenticodeSignature) stood in through electron-updater's
    // own hook: it answers as Windows does for these unsigned bytes. electron-updater calls it after the sha512.
    const asked: { names: string[]; bytes: Buffer }[] = [];
    h.updater.verifyUpdateCodeSignature = async (names: string[], file: string) => {
      asked.push({ names, bytes: fs.readFileSync(file) });
      return `publisherNames: ${names.join(' | ')}, raw info: {"Status": 2, "StatusMessage": "The file is not digitally signed."}`;
    };
    await policy.checkNow();
    expect(asked).toHaveLength(1);
    expect(asked[0].names).toEqual([publisher]);
    expect(asked[0].bytes.equals(feed.installer)).toBe(true);
    expect(h.errors.map((e) => (e as Error & { code?: string }).code)).toContain('ERR_UPDATER_INVALID_SIGNATURE');
    expect(logs.join('\n')).toMatch(/not signed by the application owner/);
    expect(h.downloaded).toEqual([]);
    expect(policy.downloaded).toBeNull();
    expect(filesUnder(h.cacheDir).filter((f) => f.endsWith('.exe'))).toEqual([]);
    expect(policy.needsBackupBeforeQuit()).toBe(false);
    expect(await policy.prepareInstallOnQuit()).toBe(false);
    expect(h.quitHandlers).toEqual([]);
  });

  it('our updater code leaves the signature check as electron-updater made it', async () => {
    feed = { version: '0.1.0', installer: Buffer.from('same') };
    const h = makeUpdater({ publisherName: 'Nguồn Gốc' });
    const own = h.updater.verifyUpdateCodeSignature;
    const set: string[] = [];
    const watched = new Proxy(h.updater, {
      set(target, key, value) {
        set.push(String(key));
        return Reflect.set(target, key, value);
      },
    });
    const policy = new UpdatePolicy({
      updater: watched as unknown as UpdaterLike,
      backup: async () => undefined,
      statePath: path.join(tempDir(), 'update-state.json'),
      clock: { now: () => new Date('2026-11-29T02:00:00Z'), offset: '+07:00' },
      log: () => undefined,
    });
    await policy.checkNow();
    policy.postponeToday();
    expect(h.updater.verifyUpdateCodeSignature).toBe(own);
    // electron-updater's own methods set their state through the proxy too; ours set only these four.
    expect(set).toEqual(expect.arrayContaining(['autoDownload', 'autoInstallOnAppQuit', 'disableWebInstaller']));
    for (const key of ['verifyUpdateCodeSignature', '_verifyUpdateCodeSignature', 'configOnDisk', 'updateConfigPath'])
      expect(set, key).not.toContain(key);
    // The Electron wiring cannot run here: read it. It sets no verifier, no other config file, no dev config.
    for (const file of ['main/electron/updater.ts', 'main/update-policy.ts']) {
      const code = fs.readFileSync(path.join(ROOT, file), 'utf8');
      expect(code, file).not.toMatch(
        /verifyUpdateCodeSignature\s*=|_verifyUpdateCodeSignature|verifySignature\s*=|updateConfigPath|forceDevUpdateConfig/,
      );
    }
  });

  it('does nothing when the feed has the same version', async () => {
    feed = { version: '0.1.0', installer: Buffer.from('same') };
    const h = makeUpdater();
    const notAvailable: string[] = [];
    h.updater.on('update-not-available', (i) => notAvailable.push(i.version));
    const { policy } = policyFor(h);
    await policy.checkNow();
    expect(notAvailable).toEqual(['0.1.0']);
    expect(requests.some((r) => r.includes(INSTALLER))).toBe(false);
    expect(policy.downloaded).toBeNull();
  });

  it('installs on quit only after a real backup of the database; "not today" puts it off until tomorrow', async () => {
    const worker = path.join(ROOT, 'dist', 'core-worker.js');
    if (!fs.existsSync(worker))
      execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), 'main'], {
        cwd: ROOT,
        stdio: 'inherit',
      });
    const dbPath = path.join(tempDir(), 'nguongoc.db');
    const client = new CoreWorkerClient({ workerPath: worker, dbPath, log: () => undefined });
    await client.start();
    try {
      feed = { version: '0.3.0', installer: crypto.randomBytes(50_000) };
      const h = makeUpdater();
      let now = new Date('2026-11-29T02:00:00Z'); // 09:00 in Vietnam
      const backup = async () => {
        const r = await client.backupBeforeUpdate();
        if (!r.ok) throw new Error(r.error.message);
      };
      const { policy } = policyFor(h, { backup, now: () => now });
      await policy.checkNow();
      expect(policy.downloaded).toBe('0.3.0');

      // A production day: the owner says "not today". Nothing installs, no backup, no new check.
      policy.postponeToday();
      expect(policy.needsBackupBeforeQuit()).toBe(false);
      expect(await policy.prepareInstallOnQuit()).toBe(false);
      expect(h.updater.autoInstallOnAppQuit).toBe(false);
      requests.length = 0;
      await policy.checkNow();
      expect(requests).toEqual([]);

      // Next morning (business date): the quit waits for a backup, then lets the updater install.
      now = new Date('2026-11-30T01:00:00Z');
      expect(policy.isPostponed()).toBe(false);
      expect(policy.needsBackupBeforeQuit()).toBe(true);
      expect(listBackups(dbPath).filter((b) => b.kind === 'update')).toHaveLength(0);
      expect(await policy.prepareInstallOnQuit()).toBe(true);
      expect(h.updater.autoInstallOnAppQuit).toBe(true);
      expect(listBackups(dbPath).filter((b) => b.kind === 'update')).toHaveLength(1);
      expect(policy.needsBackupBeforeQuit()).toBe(false);
      // electron-updater registered its install-on-quit hook with the app adapter.
      expect(h.quitHandlers.length).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });

  it('a failed backup keeps the update from installing', async () => {
    feed = { version: '0.2.1', installer: crypto.randomBytes(10_000) };
    const h = makeUpdater();
    const { policy, logs } = policyFor(h, { backup: async () => Promise.reject(new Error('ổ đĩa đầy / disk full')) });
    await policy.checkNow();
    expect(policy.downloaded).toBe('0.2.1');
    expect(await policy.prepareInstallOnQuit()).toBe(false);
    expect(h.updater.autoInstallOnAppQuit).toBe(false);
    expect(logs.join('\n')).toMatch(/disk full/);
  });

  it('checks again only once a day has passed', async () => {
    feed = { version: '0.1.0', installer: Buffer.from('same') };
    const h = makeUpdater();
    let now = new Date('2026-11-29T02:00:00Z');
    const { policy } = policyFor(h, { now: () => now });
    await policy.checkIfDue();
    const count = () => requests.filter((r) => r.startsWith('/latest.yml')).length;
    expect(count()).toBe(1);
    now = new Date('2026-11-29T20:00:00Z');
    await policy.checkIfDue();
    expect(count()).toBe(1);
    now = new Date('2026-11-30T02:30:00Z');
    await policy.checkIfDue();
    expect(count()).toBe(2);
  });
});

describe("electron-builder.yml (checked with electron-builder's own schema)", () => {
  it('is valid and describes a per-user Vietnamese NSIS installer with a generic update feed', async () => {
    const cfg = await getConfig(ROOT, null, null);
    await expect(validateConfiguration(cfg, new DebugLogger(false))).resolves.toBeUndefined();
    expect(cfg.appId).toBe('vn.nguongoc.app');
    expect(cfg.productName).toBe('Nguồn Gốc');
    expect(cfg.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      installerLanguages: ['vi_VN'],
      language: '1066',
      createDesktopShortcut: 'always',
      createStartMenuShortcut: true,
    });
    expect(cfg.publish).toMatchObject({ provider: 'generic' });
    // Updates are checked against the signing publisher: the name is set and the check is not turned off.
    expect(cfg.win?.signtoolOptions?.publisherName).toEqual(expect.stringMatching(/\S/));
    expect(cfg.win?.verifyUpdateCodeSignature).not.toBe(false);
    expect(JSON.stringify(cfg)).not.toMatch(/"verifyUpdateCodeSignature":false|"publisherName":null/);
    // The installed exe is never a plain Node runtime, nor loads app code from outside its checked asar.
    expect(cfg.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      // The window loads from app://, so file:// pages get nothing extra.
      grantFileProtocolExtraPrivileges: false,
    });
    expect(cfg.asarUnpack).toEqual(
      expect.arrayContaining([
        '**/node_modules/better-sqlite3/**',
        '**/node_modules/@napi-rs/**',
        '**/node_modules/koffi/**',
      ]),
    );
    for (const icon of [cfg.win?.icon, cfg.nsis?.installerIcon])
      expect(fs.existsSync(path.join(ROOT, String(icon)))).toBe(true);
    // The icon is a real multi-size ICO: header type 1 with a 256 px entry.
    const ico = fs.readFileSync(path.join(ROOT, 'resources', 'icons', 'icon.ico'));
    expect(ico.readUInt16LE(2)).toBe(1);
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + i * 16] || 256);
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    // A broken option is refused by the same validator.
    await expect(
      validateConfiguration(
        { ...cfg, nsis: { ...cfg.nsis, perMachin: false } as typeof cfg.nsis },
        new DebugLogger(false),
      ),
    ).rejects.toThrow(/Invalid configuration/);
  });
});
