#!/usr/bin/env node
// The `nguongoc` command. The code is built into dist/ by `npm run build`.
//
// The SQLite driver (better-sqlite3) needs a newer Node.js than a user's own may be, and on an older one it
// crashes with a segmentation fault rather than an error, so it cannot simply be tried. The command reads
// the Node version the driver declares and, when the running Node is older, runs itself again under the
// Node.js the package installs (the `node` package), keeping arguments, standard input and output, the
// exit code and signals. Where neither works it says so in one plain line.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
/** Set in the second run, so a bundled Node that is still too old cannot start a loop. */
const REEXEC_ENV = 'NGUONGOC_BUNDLED_NODE';

/** The lowest Node major the driver accepts, from its engines field (">=22" → 22, "20.x || 22.x" → 20). */
function requiredMajor() {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8'));
    const majors = String(pkg.engines?.node ?? '')
      .split('||')
      .map((alt) => Number(/\d+/.exec(alt)?.[0]))
      .filter(Number.isFinite);
    return majors.length ? Math.min(...majors) : 0;
  } catch {
    return 0;
  }
}

/** The Node.js binary of the `node` package, or null (on Windows `bin/node` is a blank placeholder). */
function bundledNode() {
  const bin = path.join(root, 'node_modules', 'node', 'bin');
  for (const name of process.platform === 'win32' ? ['node.exe'] : ['node']) {
    const file = path.join(bin, name);
    try {
      if (fs.statSync(file).size > 1_000_000) return file;
    } catch {
      // not installed
    }
  }
  return null;
}

function tooOld(need) {
  const have = process.versions.node;
  process.stderr.write(
    `Nguồn Gốc cần Node.js ${need} trở lên (máy đang chạy ${have}): cài Node.js mới hơn hoặc chạy "npm install" trong thư mục ứng dụng. / ` +
      `Nguồn Gốc needs Node.js ${need} or newer (this is ${have}): install a newer Node.js or run "npm install" in the app's folder.\n`,
  );
  process.exit(1);
}

function runUnder(node) {
  const child = spawn(node, [__filename, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, [REEXEC_ENV]: '1' },
  });
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'].filter(
    (s) => process.platform === 'win32' || s !== 'SIGBREAK',
  );
  for (const sig of signals) process.on(sig, () => child.kill(sig));
  child.on('error', () => tooOld(requiredMajor()));
  child.on('exit', (code, signal) => {
    if (signal) {
      // End the same way the child did, so a caller sees the signal, not a made-up exit code.
      for (const sig of signals) process.removeAllListeners(sig);
      process.kill(process.pid, signal);
    }
    process.exit(code ?? 1);
  });
}

/** `--version` needs neither the driver nor a second Node: it is the package's version, as the CLI prints it. */
function printVersionAndExit() {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  process.stdout.write(`${pkg.version}\n`);
  process.exit(0);
}

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) printVersionAndExit();
const need = requiredMajor();
if (Number(process.versions.node.split('.')[0]) >= need) {
  require('../dist/cli.js');
} else if (process.env[REEXEC_ENV]) {
  tooOld(need);
} else {
  const node = bundledNode();
  if (node) runUnder(node);
  else tooOld(need);
}
