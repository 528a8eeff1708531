// Property: for random production histories recorded through the API (receipts, multi-level batches
// with several output lots, shipments, reversed and corrected consumptions), backward and forward trace
// equal a plain breadth-first search over the recorded event lines.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TraceWorld, type WorldLot } from '../helpers/trace-factory';

type Step =
  | { t: 'receive'; product: number }
  | { t: 'batch'; product: number; picks: number[]; outputs: number }
  | { t: 'ship'; pick: number }
  | { t: 'correct'; pick: number; zero: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ t: fc.constant('receive' as const), product: fc.nat(2) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('batch' as const),
      product: fc.nat(3),
      picks: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
      outputs: fc.integer({ min: 1, max: 2 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('ship' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('correct' as const), pick: fc.nat(), zero: fc.boolean() }) },
);

type Line = {
  id: number;
  event_id: number;
  role: string;
  lot_id: number;
  qty_milli: number;
  corrects_line_id: number | null;
};

/** The reference: every (input → output) pair of a production event whose net input quantity is > 0. */
function referenceLinks(lines: Line[]): Map<string, number> {
  const corr = new Map<number, number>();
  for (const l of lines)
    if (l.corrects_line_id !== null) corr.set(l.corrects_line_id, (corr.get(l.corrects_line_id) ?? 0) + l.qty_milli);
  const byEvent = new Map<number, Line[]>();
  for (const l of lines)
    if (l.corrects_line_id === null) byEvent.set(l.event_id, [...(byEvent.get(l.event_id) ?? []), l]);
  const links = new Map<string, number>();
  for (const [ev, ls] of byEvent) {
    for (const i of ls.filter((x) => x.role === 'input')) {
      const net = i.qty_milli + (corr.get(i.id) ?? 0);
      if (net <= 0) continue;
      for (const o of ls.filter((x) => x.role === 'output')) {
        const key = `${i.lot_id}>${o.lot_id}@${ev}`;
        links.set(key, (links.get(key) ?? 0) + net);
      }
    }
  }
  return links;
}

function bfs(start: number[], links: Map<string, number>, dir: 'back' | 'forward'): Set<number> {
  const adj = new Map<number, number[]>();
  for (const k of links.keys()) {
    const [from, to] = k.split('@')[0].split('>').map(Number);
    const [a, b] = dir === 'forward' ? [from, to] : [to, from];
    adj.set(a, [...(adj.get(a) ?? []), b]);
  }
  const seen = new Set(start);
  const queue = [...start];
  while (queue.length) {
    for (const n of adj.get(queue.shift()!) ?? []) {
      if (seen.has(n)) continue;
      seen.add(n);
      queue.push(n);
    }
  }
  return seen;
}

describe('trace equals a breadth-first search over the recorded events', () => {
  it('for random histories', () => {
    // Coverage of the generator itself: reversed consumptions and multi-level traces must occur.
    let reversed = 0;
    let deep = 0;
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 4, maxLength: 28 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        (steps, probes) => {
          const w = new TraceWorld();
          const lots: WorldLot[] = [w.receive('R0', 1000)];
          const made: { out: WorldLot; inputs: WorldLot[] }[] = [];
          for (const s of steps) {
            if (s.t === 'receive') lots.push(w.receive(`R${s.product}`, 1000));
            else if (s.t === 'batch') {
              const inputs = [
                ...new Map(s.picks.map((p) => [lots[p % lots.length].id, lots[p % lots.length]])).values(),
              ];
              const outs = w.batch(
                `P${s.product}`,
                Array.from({ length: s.outputs }, (_, k) => ({
                  qty: 20 + k,
                  inputs: inputs.map((lot) => ({ lot, qty: 1 + k })),
                })),
              );
              for (const out of outs) {
                lots.push(out);
                made.push({ out, inputs });
              }
            } else if (s.t === 'ship') w.ship(lots[s.pick % lots.length], 0.5);
            else if (made.length) {
              const m = made[s.pick % made.length];
              const input = m.inputs[s.pick % m.inputs.length];
              // A line already reversed cannot be corrected again; skip those.
              const res = w.core.call('events.correct', {
                eventId: m.out.eventId,
                lines: [
                  {
                    lineId: (
                      w.core.db
                        .prepare(
                          "SELECT id FROM event_lines WHERE event_id = ? AND role = 'input' AND lot_id = ? AND corrects_line_id IS NULL",
                        )
                        .get(m.out.eventId, input.id) as { id: number }
                    ).id,
                    qty: s.zero ? 0 : 0.5,
                  },
                ],
                reason: 'Sửa số cân',
              });
              if (
                !res.ok &&
                !['CORRECTION_NO_CHANGE', 'EVENT_ALREADY_REVERSED', 'CORRECTION_NEGATIVE'].includes(res.error.code)
              )
                throw new Error(JSON.stringify(res.error));
            }
          }
          const lines = w.core.db
            .prepare('SELECT id, event_id, role, lot_id, qty_milli, corrects_line_id FROM event_lines ORDER BY id')
            .all() as Line[];
          const ref = referenceLinks(lines);
          reversed += lines.filter((l) => l.corrects_line_id !== null && l.role === 'input').length;
          for (const p of probes) {
            const root = lots[p % lots.length];
            for (const dir of ['back', 'forward'] as const) {
              const t = w.core.run('trace.run', { lotIds: [root.id], direction: dir, limit: 50_000 });
              const expected = bfs([root.id], ref, dir);
              expect(new Set(t.lots.map((l) => l.id))).toEqual(expected);
              if (t.lots.some((l) => l.depth >= 2)) deep++;
              const expectedLinks = [...ref].filter(([k]) => {
                const [from, to] = k.split('@')[0].split('>').map(Number);
                return expected.has(from) && expected.has(to);
              });
              expect(
                new Map(t.links.map((k) => [`${k.fromLotId}>${k.toLotId}@${k.eventId}`, Math.round(k.qty * 1000)])),
              ).toEqual(new Map(expectedLinks));
            }
          }
          w.core.close();
        },
      ),
      { numRuns: 40 },
    );
    expect(reversed).toBeGreaterThan(0);
    expect(deep).toBeGreaterThan(0);
  });
});
