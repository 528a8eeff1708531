// `npm start`: builds, then opens the desktop window with Electron. On a machine where the
// Electron binary is missing and cannot be fetched (an offline build machine), it says so in one line
// and serves the same app in browser mode instead, printing the address to open.
// Arguments after `npm start --` go to the app (e.g. `npm start -- --db ./try.db`); the database is
// chosen by the same rule as the CLI (--db, then NGUONGOC_DB, then the per-user app-data folder).
// Never `require('electron')`: its index.js downloads the binary as a side effect.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');
const marker = path.join(root, 'node_modules', '.cache', 'nguongoc', 'electron-download-failed');
const args = process.argv.slice(2);
// A failed download is not retried for a while, so `npm start` on an offline machine stays quick.
const RETRY_AFTER_MS = 6 * 3600_000;

/** The Electron executable if it is on disk, else null. Mirrors node_modules/electron/index.js without downloading. */
function electronBinary() {
  const pathFile = path.join(electronDir, 'path.txt');
  const rel = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, rel || 'electron');
    return fs.existsSync(p) ? p : null;
  }
  if (!rel) return null;
  const p = path.join(electronDir, 'dist', rel);
  return fs.existsSync(p) ? p : null;
}

function tryDownloadOnce() {
  const install = path.join(electronDir, 'install.js');
  if (!fs.existsSync(install)) return;
  try {
    if (Date.now() - fs.statSync(marker).mtimeMs < RETRY_AFTER_MS) return;
  } catch {
    // no marker: try
  }
  process.stdout.write('Đang tải Electron (tối đa 60 giây) / Fetching Electron (up to 60 s)…\n');
  const r = spawnSync(process.execPath, [install], { cwd: electronDir, stdio: 'ignore', timeout: 60_000 });
  if (r.status !== 0 || !electronBinary()) {
    fs.mkdirSync(path.dirname(marker), { recursive: true });
    fs.writeFileSync(marker, new Date().toISOString() + '\n');
  } else {
    fs.rmSync(marker, { force: true });
  }
}

/** Grace period for the app to close its database before it is killed. */
const STOP_GRACE_MS = 5_000;

// Stopping `npm start` stops the app too: the signal is passed on, and the app is killed if it lingers
// or if this script ends any other way.
function forwardSignals(child) {
  let stopping = false;
  const stop = (sig) => {
    if (stopping) return child.kill(sig);
    stopping = true;
    child.kill(sig);
    setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS).unref();
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => stop(sig));
  process.on('exit', () => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'));
  // npm runs this script through a shell that does not pass signals on: when npm is stopped, the shell
  // ends and this script is left to another parent. That is the signal to stop.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && !stopping && stop('SIGTERM'), 500).unref();
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** `npm run build` in this process's place, so npm's signal reaches this script and no shell sits between. */
function build() {
  if (process.env.NGUONGOC_SKIP_BUILD === '1') return;
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function startElectron(binary) {
  const env = { ...process.env };
  // Set by some tools; it would make Electron behave as plain Node and never open a window.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [root, ...args], { cwd: root, env, stdio: 'inherit' });
  child.on('error', (err) => {
    process.stderr.write(`Không chạy được Electron / Electron failed to start: ${err.message}\n`);
    startBrowserMode();
  });
  forwardSignals(child);
}

function startBrowserMode() {
  const cli = path.join(root, 'dist', 'cli.js');
  if (!fs.existsSync(cli)) {
    process.stderr.write('Chưa build: chạy "npm run build" trước / Not built: run "npm run build" first.\n');
    process.exit(1);
  }
  // Through the package's bin, which moves to the bundled Node when this one is too old for SQLite.
  const bin = path.join(root, 'bin', 'nguongoc.js');
  const child = spawn(process.execPath, [bin, 'serve', ...args], {
    cwd: root,
    stdio: ['inherit', 'pipe', 'inherit', 'ipc'],
  });
  let out = '';
  let hinted = false;
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (hinted) return;
    out += chunk;
    const url = /(https?:\/\/[^\s]+)/.exec(out)?.[1];
    if (url) {
      hinted = true;
      process.stdout.write(`→ Mở địa chỉ này trong trình duyệt / Open this address in a browser: ${url}\n`);
    }
  });
  forwardSignals(child);
}

build();
let binary = electronBinary();
if (!binary) {
  tryDownloadOnce();
  binary = electronBinary();
}
if (binary) {
  startElectron(binary);
} else {
  process.stdout.write(
    'Không có Electron trên máy này (không tải được), nên mở chế độ trình duyệt / Electron is not available here (cannot be downloaded), so the app runs in browser mode.\n',
  );
  startBrowserMode();
}
