// Tests of the built hosts (CLI, HTTP with the built renderer) need dist/. `npm test` builds first;
// when a single test file is run by hand, build once here.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { NOW_ENV, type Clock } from '../../main/clock';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');
/** Node 24 from the `node` devDependency when present (better-sqlite3 13 needs Node ≥ 22). */
export const NODE = fs.existsSync(path.join(ROOT, 'node_modules', '.bin', 'node'))
  ? path.join(ROOT, 'node_modules', '.bin', 'node')
  : process.execPath;

export function ensureBuilt(): void {
  if (!fs.existsSync(CLI))
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), 'main'], { cwd: ROOT, stdio: 'inherit' });
}

/** A child's environment: the test run's (temporary home folders), plus the test's clock when it has one. */
function childEnv(env: NodeJS.ProcessEnv = {}, clock?: Clock): NodeJS.ProcessEnv {
  return { ...process.env, ...(clock ? { [NOW_ENV]: clock.now().toISOString() } : {}), ...env };
}

export type CliResult = { code: number; stdout: string; stderr: string };

/** Runs `nguongoc …` as a child process. */
export function runCli(
  args: string[],
  opts: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; clock?: Clock } = {},
): Promise<CliResult> {
  ensureBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [CLI, ...args], { cwd: ROOT, env: childEnv(opts.env, opts.clock) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

export type Served = {
  url: string;
  token: string;
  child: ChildProcess;
  /** Everything serve wrote to stderr so far (its background duties report there). */
  stderr(): string;
  stop(): Promise<void>;
};

/** Starts `nguongoc serve` on a free port and waits for its address. */
export function serve(args: string[], env: NodeJS.ProcessEnv = {}, clock?: Clock): Promise<Served> {
  ensureBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [CLI, 'serve', '--port', '0', ...args], { cwd: ROOT, env: childEnv(env, clock) });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out} ${err}`)), 30_000);
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      const url = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
      const token = /Token: (\S+)/.exec(out)?.[1];
      if (url && token) {
        clearTimeout(timer);
        resolve({
          url,
          token,
          child,
          stderr: () => err,
          stop: () =>
            new Promise<void>((r) => {
              if (child.exitCode !== null) return r();
              child.once('exit', () => r());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}
