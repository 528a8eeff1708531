// Crash safety: a child records receipts and is killed with SIGKILL at random moments,
// many times. After each kill the database must pass integrity_check and hold every receipt whose
// acknowledgement was printed before the kill (WAL + synchronous=FULL: nothing acknowledged is lost).
import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ensureBuilt, NODE, ROOT } from '../helpers/dist';
import { tempDbPath } from '../helpers/core';

const CHILD = path.join(ROOT, 'test', 'helpers', 'crash-child.cjs');
const ROUNDS = 25;

function runAndKill(dbPath: string, prefix: string, killAfterMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [CHILD, dbPath, prefix], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (d) => {
      out += d;
      // The clock starts when the child is recording, so every kill lands in the middle of writes.
      if (!timer && out.includes('READY')) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL') return reject(new Error(`child ended by itself (${code}): ${err}`));
      // Only complete lines count: a line cut by the kill was not acknowledged.
      const acked = out
        .split('\n')
        .slice(0, -1)
        .filter((l) => l.startsWith('ACK '))
        .map((l) => l.slice(4));
      resolve(acked);
    });
  });
}

describe('crash safety', () => {
  it(`keeps every acknowledged receipt through ${ROUNDS} SIGKILLs`, async () => {
    ensureBuilt();
    const dbPath = tempDbPath();
    let seed = 12345;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let total = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const acked = await runAndKill(dbPath, `R${round}`, 30 + Math.floor(rand() * 400));
      total += acked.length;
      const db = new Database(dbPath);
      try {
        expect(db.pragma('integrity_check', { simple: true }), `round ${round}`).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);
        const refs = new Set(
          db
            .prepare('SELECT document_ref FROM receipts WHERE document_ref LIKE ?')
            .pluck()
            .all(`R${round}-%`) as string[],
        );
        const missing = acked.filter((r) => !refs.has(r));
        expect(missing, `round ${round}: acknowledged but lost`).toEqual([]);
        // Balances follow the events: every receipt line added its quantity to the one lot per line.
        const bad = db
          .prepare(
            'SELECT count(*) FROM lots l WHERE balance_milli <> (SELECT coalesce(sum(stock_delta_milli), 0) FROM event_lines WHERE lot_id = l.id)',
          )
          .pluck()
          .get();
        expect(bad).toBe(0);
      } finally {
        db.close();
      }
    }
    expect(total).toBeGreaterThan(ROUNDS); // the child really recorded between kills
  }, 120_000);
});
