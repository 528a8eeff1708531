// The `nguongoc` command on the user's own Node.js: an older Node runs it under the bundled one, keeping
// arguments, standard input and output, the exit code and signals; with no usable Node it says so in one
// line. And `npm start`'s script ends its children when it is stopped.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureBuilt, NODE, ROOT } from '../helpers/dist';
import { tempDir } from '../helpers/core';

const BIN = path.join(ROOT, 'bin', 'nguongoc.js');
const driverMajor = Number(
  /\d+/.exec(require(path.join(ROOT, 'node_modules/better-sqlite3/package.json')).engines.node)![0],
);

/** A Node.js on PATH (outside the project) older than the SQLite driver accepts, as a user may have. */
function olderNode(): string | undefined {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter((d) => d && !d.startsWith(ROOT));
  for (const file of [...dirs.map((d) => path.join(d, 'node')), '/usr/bin/node', '/usr/local/bin/node']) {
    if (!fs.existsSync(file)) continue;
    const major = Number(execFileSync(file, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }));
    if (major < driverMajor) return file;
  }
  return undefined;
}

function run(node: string, args: string[], input = '') {
  ensureBuilt();
  return spawnSync(node, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 60_000 });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The process ids below `pid` (children, grandchildren…). */
function descendants(pid: number): number[] {
  const r = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' });
  const kids = r.stdout.split('\n').filter(Boolean).map(Number);
  return kids.flatMap((k) => [k, ...descendants(k)]);
}

/** Waits until the child prints its browser address. */
function addressOf(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no address: ${out}`)), 60_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const url = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    });
  });
}

async function stopAndCheck(child: ChildProcess): Promise<void> {
  const below = descendants(child.pid!);
  expect(below.length).toBeGreaterThan(0);
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  for (let i = 0; i < 150 && below.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
  expect(below.filter(alive)).toEqual([]);
}

const older = olderNode();
describe.skipIf(!older)(
  `nguongoc under the user's own Node ${older ? '' : '(skipped: no Node older than the driver needs on PATH)'}`,
  () => {
    it('builds the demo, reads standard input and keeps the exit code', () => {
      const db = path.join(tempDir(), 'x.db');
      const demo = run(older!, ['demo', '--db', db]);
      expect(demo.status, demo.stderr).toBe(0);
      expect(demo.stderr).not.toMatch(/Segmentation|core dumped/);
      const created = run(
        older!,
        ['api', 'locations.create', '-', '--db', db],
        '{"name":"Kho phụ","kind":"warehouse"}',
      );
      expect(created.status, created.stderr).toBe(0);
      expect(JSON.parse(created.stdout).name).toBe('Kho phụ');
      expect(run(older!, ['bogus']).status).toBe(2);
      expect(run(older!, ['api', 'lots.get', '{"id":999999}', '--db', db]).status).toBe(1);
    });

    it('answers --version with the version the CLI itself prints', () => {
      const cli = spawnSync(NODE, [path.join(ROOT, 'dist', 'cli.js'), '--version'], { encoding: 'utf8' });
      expect(run(older!, ['--version'])).toMatchObject({ status: 0, stdout: cli.stdout });
      expect(run(older!, ['-v']).stdout).toBe(cli.stdout);
    });

    it('passes a stop signal on to the command it runs', async () => {
      const db = path.join(tempDir(), 'x.db');
      const child = spawn(older!, [BIN, 'serve', '--port', '0', '--db', db], { cwd: ROOT });
      await addressOf(child);
      await stopAndCheck(child);
    });
  },
);

describe('nguongoc where no Node can open the database', () => {
  /** A copy of the command whose driver asks for Node 99, with no bundled Node. */
  function unrunnable(): string {
    const root = tempDir();
    fs.mkdirSync(path.join(root, 'bin'));
    fs.copyFileSync(BIN, path.join(root, 'bin', 'nguongoc.js'));
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ version: '9.8.7' }));
    const driver = path.join(root, 'node_modules', 'better-sqlite3');
    fs.mkdirSync(driver, { recursive: true });
    fs.writeFileSync(path.join(driver, 'package.json'), JSON.stringify({ engines: { node: '>=99' } }));
    return path.join(root, 'bin', 'nguongoc.js');
  }

  it('still answers --version: it needs neither the driver nor a second Node', () => {
    for (const flag of ['--version', '-v']) {
      expect(spawnSync(NODE, [unrunnable(), flag], { encoding: 'utf8' })).toMatchObject({
        status: 0,
        stdout: '9.8.7\n',
        stderr: '',
      });
    }
  });

  it('says so in one plain line, in Vietnamese and English', () => {
    const r = spawnSync(NODE, [unrunnable(), 'lots'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('Nguồn Gốc cần Node.js 99 trở lên');
    expect(lines[0]).toContain('Nguồn Gốc needs Node.js 99 or newer');
  });
});

describe('npm start', () => {
  const startEnv = (dir: string) => ({
    ...process.env,
    NGUONGOC_SKIP_BUILD: '1',
    // No Electron binary and no download: the script serves the browser mode.
    ELECTRON_OVERRIDE_DIST_PATH: dir,
    ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
  });

  it('ends the app it started when npm is stopped', async () => {
    ensureBuilt();
    const dir = tempDir();
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const child = spawn(npm, ['start', '--', '--port', '0', '--db', path.join(dir, 'x.db')], {
      cwd: ROOT,
      env: startEnv(dir),
    });
    await addressOf(child);
    await stopAndCheck(child);
  });

  it('ends the app when its script is killed outright', async () => {
    ensureBuilt();
    const dir = tempDir();
    const script = spawn(
      NODE,
      [path.join(ROOT, 'scripts', 'start.mjs'), '--port', '0', '--db', path.join(dir, 'x.db')],
      {
        cwd: ROOT,
        env: startEnv(dir),
      },
    );
    await addressOf(script);
    const app = descendants(script.pid!);
    script.kill('SIGKILL');
    for (let i = 0; i < 150 && app.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
    expect(app.filter(alive)).toEqual([]);
  });
});
