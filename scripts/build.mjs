// Builds everything into dist/: the renderer (Vite) and the Node entry points (esbuild).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const only = process.argv[2]; // 'main' | 'renderer' | undefined (both)

// Native or binary-carrying packages stay outside the bundle and load from node_modules.
const external = [
  'electron',
  'better-sqlite3',
  '@napi-rs/canvas',
  'koffi',
  'electron-updater',
  'zxing-wasm',
  'pdfkit',
  'exceljs',
  'bwip-js',
  'node-thermal-printer',
];

async function buildMain() {
  const entryPoints = {
    cli: 'main/cli.ts',
    'cli-main': 'main/cli-main.ts',
    'electron/main': 'main/electron/main.ts',
    'electron/preload': 'main/electron/preload.ts',
    'core-worker': 'main/hosts/worker.ts',
    lib: 'main/lib.ts',
  };
  for (const [name, file] of Object.entries(entryPoints))
    if (!fs.existsSync(path.join(root, file))) delete entryPoints[name];
  await build({
    absWorkingDir: root,
    entryPoints,
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'linked',
    external,
    define: { __APP_VERSION__: JSON.stringify(pkg.version) },
    logLevel: 'warning',
  });
}

function buildRenderer() {
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}

if (only !== 'renderer') await buildMain();
if (only !== 'main' && fs.existsSync(path.join(root, 'renderer', 'index.html'))) buildRenderer();
