// The desktop shell (Electron main process; the only module that imports `electron` besides the
// preload and the updater wiring). It opens one locked-down window on the built renderer and moves API
// calls from the page to the core, which runs in a worker thread so a long query never freezes the
// window. Security: contextIsolation, sandbox, no Node in the page, the page on a privileged scheme of
// its own (app://nguongoc/, only the files of dist/renderer; file:// is refused), a strict
// Content-Security-Policy (a header and a <meta>), no remote content, no navigation, no new windows,
// every permission request denied, and IPC that checks which page is calling and which method.
import fs from 'node:fs';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  safeStorage,
  session,
  shell,
  type MenuItemConstructorOptions,
  type WebContents,
} from 'electron';
import { registerIpc } from '../hosts/ipc';
import { CoreOpenError } from '../hosts/worker-client';
import { DesktopCore } from '../hosts/desktop-core';
import { resolveDbPath } from '../paths';
import { loadDesktopKey } from '../sync/secret-key';
import { defaultKeyFile } from '../sync/secrets';
import { desktopShellServices } from './printing';
import { APP_VERSION } from '../version';
import { setupUpdates } from './updater';
import { contentSecurityPolicy } from '../hosts/web-assets';
import { APP_INDEX_URL, APP_SCHEME, appResponse, isAppUrl } from '../hosts/app-scheme';

const TITLE = 'Nguồn Gốc';
// dist/electron/main.js → dist/
const DIST = path.resolve(__dirname, '..');
const RENDERER_DIR = path.join(DIST, 'renderer');
const WORKER = path.join(DIST, 'core-worker.js');
const PRELOAD = path.join(__dirname, 'preload.js');
/** Vite dev server for renderer work (`NGUONGOC_DEV_SERVER=http://localhost:5173/`); ignored when installed. */
const DEV_SERVER = !app.isPackaged ? process.env.NGUONGOC_DEV_SERVER || undefined : undefined;

// Same policy as browser mode; the dev server also needs its HMR websocket.
const CSP = contentSecurityPolicy(DEV_SERVER ? new URL(DEV_SERVER).origin.replace(/^http/, 'ws') : undefined);

// Before the app is ready (Electron's rule): a standard, secure scheme gets an origin of its own,
// storage and fetch like https, which file:// never had.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

function log(line: string): void {
  process.stderr.write(line + '\n');
}

/** `--db PATH` or `--db=PATH` from the command line (Electron adds its own arguments around ours). */
function dbArg(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--db' && argv[i + 1]) return argv[i + 1];
    if (argv[i].startsWith('--db=')) return argv[i].slice('--db='.length);
  }
  return undefined;
}

function isOwnUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    if (isAppUrl(raw)) return true;
    if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'devtools:') return true;
    if (DEV_SERVER && (url.protocol === 'http:' || url.protocol === 'ws:'))
      return url.host === new URL(DEV_SERVER).host;
  } catch {
    return false;
  }
  return false;
}

/** Links the user clicks go to the system browser, and only when they really are web links. */
function openExternally(raw: string): void {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    log(`[shell] refused to open ${url.protocol} link`);
    return;
  }
  void shell.openExternal(url.href);
}

/**
 * Serves app:// (only files of the built renderer, with the CSP header and the same policy as a <meta>)
 * and refuses every file:// request: nothing on the PC is loaded, whatever a page asks for.
 */
function serveOwnFiles(): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(RENDERER_DIR, request.url, CSP));
  protocol.handle('file', (request) => {
    log(`[shell] refused local file ${request.url.slice(0, 200)}`);
    return new Response('Not found', { status: 404 });
  });
}

function lockDownSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, permission, callback) => {
    log(`[shell] denied permission ${permission}`);
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  // No remote content: only our own files (and the dev server while developing) may load.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const ok = isOwnUrl(details.url);
    if (!ok) log(`[shell] blocked request to ${details.url.slice(0, 200)}`);
    callback({ cancel: !ok });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
}

/** Every web contents (the window, and any the page might try to create) gets the same guards. */
function guardContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    if (!isOwnUrl(url)) openExternally(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
}

function buildMenu(dbPath: string): Menu {
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'Tệp',
      submenu: [
        { label: 'Mở thư mục dữ liệu', click: () => shell.showItemInFolder(dbPath) },
        { type: 'separator' },
        { label: 'Thoát', role: 'quit' },
      ],
    },
    {
      label: 'Sửa',
      submenu: [
        { label: 'Hoàn tác', role: 'undo' },
        { label: 'Làm lại', role: 'redo' },
        { type: 'separator' },
        { label: 'Cắt', role: 'cut' },
        { label: 'Sao chép', role: 'copy' },
        { label: 'Dán', role: 'paste' },
        { label: 'Chọn tất cả', role: 'selectAll' },
      ],
    },
    {
      label: 'Xem',
      submenu: [
        { label: 'Tải lại', role: 'reload' },
        { type: 'separator' },
        { label: 'Phóng to', role: 'zoomIn' },
        { label: 'Thu nhỏ', role: 'zoomOut' },
        { label: 'Cỡ chữ gốc', role: 'resetZoom' },
        { type: 'separator' },
        { label: 'Toàn màn hình', role: 'togglefullscreen' },
        ...(app.isPackaged
          ? []
          : [{ label: 'Công cụ phát triển', role: 'toggleDevTools' } as MenuItemConstructorOptions]),
      ],
    },
    {
      label: 'Trợ giúp',
      submenu: [
        {
          label: 'Giới thiệu',
          click: () =>
            void dialog.showMessageBox({
              type: 'info',
              title: TITLE,
              message: `${TITLE} ${APP_VERSION}`,
              detail: `Sổ truy xuất nguồn gốc cho doanh nghiệp nhỏ.\nDữ liệu: ${dbPath}`,
              buttons: ['Đóng'],
              noLink: true,
            }),
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}

function iconPath(): string | undefined {
  const base = app.isPackaged ? path.join(process.resourcesPath, 'resources') : path.join(DIST, '..', 'resources');
  const file = path.join(base, 'icons', 'icon.png');
  return fs.existsSync(file) ? file : undefined;
}

let mainWindow: BrowserWindow | null = null;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    title: TITLE,
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    icon: iconPath(),
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  // The page's <title> may change per screen; the window keeps the product's name.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  if (DEV_SERVER) void win.loadURL(DEV_SERVER);
  else void win.loadURL(APP_INDEX_URL);
  return win;
}

async function showOpenError(err: unknown, dbPath: string): Promise<void> {
  const vi =
    err instanceof CoreOpenError
      ? err.messages.vi
      : `Không mở được dữ liệu: ${err instanceof Error ? err.message : String(err)}`;
  const en =
    err instanceof CoreOpenError
      ? err.messages.en
      : `Could not open the data: ${err instanceof Error ? err.message : String(err)}`;
  const { response } = await dialog.showMessageBox({
    type: 'error',
    title: TITLE,
    message: 'Không mở được dữ liệu của Nguồn Gốc',
    detail: `${vi}\n\nTệp dữ liệu: ${dbPath}\n\n${en}`,
    buttons: ['Đóng', 'Mở thư mục dữ liệu'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  });
  if (response === 1) shell.showItemInFolder(dbPath);
}

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    // The app is already open: the other instance brings its window forward.
    app.quit();
    return;
  }
  app.enableSandbox();
  app.setName(TITLE);
  if (process.platform === 'win32') app.setAppUserModelId('vn.nguongoc.app');
  // Bundled fonts, templates and demo data sit next to app.asar once installed (extraResources).
  if (app.isPackaged && !process.env.NGUONGOC_RESOURCES)
    process.env.NGUONGOC_RESOURCES = path.join(process.resourcesPath, 'resources');

  const dbPath = resolveDbPath(dbArg(process.argv));
  fs.mkdirSync(path.dirname(dbPath), { recursive: true });
  let core: DesktopCore | null = null;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
  app.on('window-all-closed', () => app.quit());

  let closed = false;
  app.on('will-quit', (event) => {
    if (closed || !core) return;
    // Close the database cleanly (WAL checkpoint) before the process ends, then quit again.
    event.preventDefault();
    closed = true;
    void core.close().finally(() => app.quit());
  });

  await app.whenReady();
  serveOwnFiles();
  lockDownSession();
  Menu.setApplicationMenu(buildMenu(dbPath));

  // Portal credentials: their key is kept under the OS's protection (DPAPI on Windows), opened only here.
  let secretKey: Buffer | undefined;
  try {
    const k = await loadDesktopKey(defaultKeyFile(), safeStorage, log);
    if (k.protected) secretKey = k.key;
    else log(`[shell] ${k.note}`);
  } catch (err) {
    log(`[shell] portal credentials key: ${err instanceof Error ? err.message : String(err)}; using the key file`);
  }
  // Reads are also answered by reader threads, so a long export never holds up a click.
  core = new DesktopCore({
    workerPath: WORKER,
    dbPath,
    log,
    secretKey,
    shell: desktopShellServices(log),
    // Found by the background check after the window opened: the same dialog; writes are refused meanwhile.
    onDamaged: (err) => void showOpenError(err, dbPath),
  });
  const client = core;

  try {
    await client.start();
  } catch (err) {
    log(`[shell] cannot open ${dbPath}: ${err instanceof Error ? err.message : String(err)}`);
    await showOpenError(err, dbPath);
    closed = true;
    app.quit();
    return;
  }

  registerIpc(ipcMain, client, { devServerUrl: DEV_SERVER, log });
  mainWindow = createWindow();
  mainWindow.on('closed', () => (mainWindow = null));
  setupUpdates({
    window: () => mainWindow,
    backup: async () => {
      const r = await client.backupBeforeUpdate();
      if (!r.ok) throw new Error(r.error.message);
    },
    log,
  });
}

main().catch((err) => {
  log(`[shell] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  dialog.showErrorBox(
    TITLE,
    `Phần mềm gặp lỗi khi khởi động / The app failed to start:\n${err instanceof Error ? err.message : String(err)}`,
  );
  app.exit(1);
});
