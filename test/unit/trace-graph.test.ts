// The trace graph of a big answer: groups laid out step by step from the asked lot, and the smaller
// products of a wide step folded into one box, so the picture stays readable.
import { describe, expect, it } from 'vitest';
import { buildGroupGraph, initialViewport } from '../../renderer/src/pages/trace/TraceGraph';
import type { TraceLot } from '../../shared/api/trace';
import type { TraceGroup, TraceResult } from '../../shared/api/trace';

const group = (depth: number, productId: number, lots: number): TraceGroup => ({
  key: `forward:${depth}:${productId}`,
  side: 'forward',
  depth,
  productId,
  productCode: `P${productId}`,
  productName: `Sản phẩm ${productId}`,
  lots,
  customers: 1,
  suppliers: 0,
});
const words = {
  lots: (g: TraceGroup) => `${g.lots} lô ${g.productName}`,
  sub: () => '',
  balance: (q: string) => `Tồn: ${q}`,
  more: (n: number) => `+${n}`,
  others: (p: number, n: number) => `${n} lô của ${p} sản phẩm khác`,
};

describe('grouped trace graph', () => {
  it('draws the asked lot, then each step to its right, with the small products of a wide step folded', () => {
    const step1 = [1, 2].map((p) => group(1, p, 100));
    const step2 = Array.from({ length: 20 }, (_, i) => group(2, 10 + i, 50 + i));
    const t = {
      lots: [{ id: 1, side: 'root', productCode: 'MUOI', code: 'M1', productName: 'Muối' }],
      groups: [...step1, ...step2],
      groupLinks: [
        ...step1.map((g) => ({ from: 'root', to: g.key })),
        ...step2.map((g, i) => ({ from: step1[i % 2].key, to: g.key })),
      ],
    } as unknown as TraceResult;
    const { nodes, edges } = buildGroupGraph(t, new Map(), words);
    const x = (id: string) => nodes.find((n) => n.id === id)!.position.x;
    // root, 2 groups of step 1, the 6 biggest of step 2 and one box for the other 14
    expect(nodes).toHaveLength(1 + 2 + 6 + 1);
    expect(nodes.find((n) => n.id === 'others-forward:2')).toBeDefined();
    expect(x('group-forward:1:1')).toBeGreaterThan(x('root'));
    expect(x('group-forward:2:29')).toBeGreaterThan(x('group-forward:1:1'));
    expect(x('others-forward:2')).toBe(x('group-forward:2:29'));
    // each link drawn once, folded links merged
    expect(new Set(edges.map((e) => e.id)).size).toBe(edges.length);
    expect(edges.filter((e) => e.target === 'others-forward:2')).toHaveLength(2);
  });

  it("hangs an opened group's lots beside their group, from its row down, without moving the other boxes", () => {
    const step1 = [1, 2, 3].map((p) => group(1, p, 100));
    const step2 = [group(2, 9, 40)];
    const t = {
      lots: [{ id: 1, side: 'root', productCode: 'MUOI', code: 'M1', productName: 'Muối' }],
      groups: [...step1, ...step2],
      groupLinks: [...step1.map((g) => ({ from: 'root', to: g.key })), { from: step1[2].key, to: step2[0].key }],
    } as unknown as TraceResult;
    const lot = (id: number) =>
      ({ id, side: 'forward', productCode: 'P3', code: `L${id}`, balance: 1, unit: 'kg' }) as unknown as TraceLot;
    const closed = buildGroupGraph(t, new Map(), words).nodes;
    const open = buildGroupGraph(t, new Map([[step1[2].key, [lot(11), lot(12)]]]), words).nodes;
    const at = (nodes: typeof open, id: string) => nodes.find((n) => n.id === id)!.position;
    const g3 = at(open, 'group-forward:1:3');
    expect(at(open, 'lot-11').x).toBeGreaterThan(g3.x);
    expect(at(open, 'lot-11').x).toBeLessThan(at(open, 'group-forward:2:9').x);
    expect(at(open, 'lot-11').y).toBe(g3.y);
    expect(at(open, 'lot-12').y).toBeGreaterThan(at(open, 'lot-11').y);
    expect(at(open, 'more-forward:1:3').y).toBeGreaterThan(at(open, 'lot-12').y);
    for (const id of ['root', 'group-forward:1:1', 'group-forward:1:3']) expect(at(open, id)).toEqual(at(closed, id));
  });

  it('keeps the asked lot in the first view of a graph wider than its frame, at a readable zoom', () => {
    const box = (id: string, x: number) => ({ id, position: { x, y: 0 }, data: {} });
    const nodes = [box('lot-1', 0), ...Array.from({ length: 12 }, (_, i) => box(`lot-${i + 2}`, (i + 1) * 280))];
    const v = initialViewport(nodes, ['lot-1'], 1000, 500);
    expect(v.zoom).toBeGreaterThanOrEqual(0.86);
    expect(0 * v.zoom + v.x).toBeGreaterThanOrEqual(0);
    expect(190 * v.zoom + v.x).toBeLessThanOrEqual(1000);
    // a graph that fits is shown whole
    const small = initialViewport(nodes.slice(0, 3), ['lot-1'], 1000, 500);
    expect(small.x).toBeGreaterThanOrEqual(0);
    expect((560 + 190) * small.zoom + small.x).toBeLessThanOrEqual(1000);
  });
});
