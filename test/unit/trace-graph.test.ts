// The trace graph of a big answer: groups laid out step by step from the asked lot, and the smaller
// products of a wide step folded into one box, so the picture stays readable.
import { describe, expect, it } from 'vitest';
import { buildGroupGraph } from '../../renderer/src/pages/trace/TraceGraph';
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
});
