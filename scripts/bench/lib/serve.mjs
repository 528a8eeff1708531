// `nguongoc serve` as a child process for benchmarks: started on a free port, its stderr kept (the
// background integrity check reports there), one helper to call the API.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const TOKEN = 'bench-serve-token-0123456789';

/** Starts serve on `dbPath`; resolves once it prints its address, with the time that took. */
export function startServe(dbPath, extraArgs = []) {
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [path.join(root, 'dist', 'cli.js'), 'serve', '--db', dbPath, '--port', '0', '--token', TOKEN, ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  const stderrWaiters = [];
  child.stderr.on('data', (d) => {
    stderr += d;
    for (const w of [...stderrWaiters]) if (w.re.test(stderr)) w.resolve(w.re.exec(stderr));
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
    child.stdout.on('data', (d) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (!m) return;
      resolve({
        url: m[1],
        t0,
        listeningMs: performance.now() - t0,
        /** Resolves with the match once serve's stderr matches `re`. */
        stderrMatch: (re) =>
          new Promise((r) => (re.test(stderr) ? r(re.exec(stderr)) : stderrWaiters.push({ re, resolve: r }))),
        stop: () =>
          new Promise((r) => {
            child.removeAllListeners('exit');
            if (child.exitCode !== null) return r();
            child.once('exit', () => r());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** POST /api/<method>; resolves with the envelope and the time the answer took. */
export async function callApi(url, method, input = {}) {
  const t0 = performance.now();
  const res = await fetch(`${url}api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${method}: HTTP ${res.status}, not JSON: ${text.slice(0, 200)}`);
  }
  return { body, ms: performance.now() - t0, at: performance.now() };
}
