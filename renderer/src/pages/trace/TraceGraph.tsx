// The trace as a graph: suppliers → receipts → lots → batches → lots → shipments → customers, laid out
// left to right by dagre. A big answer (more than TRACE_GROUP_OVER lots) is drawn as its groups — the
// asked lots, then one box per product and step ("3,204 lô … — 18 khách hàng") — and a group opens on
// a click into its first lots. Everything is built in one pass over maps, so the work grows with what
// is drawn, never with the size of the trace.
import { useMemo, useState } from 'react';
import { Background, Controls, MarkerType, Position, ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import dagre from '@dagrejs/dagre';
import type { TraceGroup, TraceLot, TraceResult } from '../../../../shared/api/trace';
import { useTranslation } from 'react-i18next';
import { dateVi, qty } from './common';

export type GraphNodeData = {
  kind: 'lot' | 'batch' | 'receipt' | 'shipment' | 'partner' | 'group';
  id: number;
  label: string;
  sub?: string;
  side?: string;
};

const SMALL = 60;
// Text at 14 px and a fit that never zooms below 0.86 keep every label at 12 px or more on screen; a
// large trace is panned (drag) or zoomed out on purpose (Ctrl + wheel, the buttons).
const W = 190;
const H = 72;
const FONT = 14;
const MIN_FIT_ZOOM = 0.86;

const COLORS: Record<string, { bg: string; border: string }> = {
  root: { bg: '#fff1b8', border: '#d48806' },
  back: { bg: '#e6f4ff', border: '#1677ff' },
  forward: { bg: '#f6ffed', border: '#389e0d' },
  batch: { bg: '#f9f0ff', border: '#722ed1' },
  receipt: { bg: '#f0f5ff', border: '#2f54eb' },
  shipment: { bg: '#fff0f6', border: '#c41d7f' },
  partner: { bg: '#fafafa', border: '#595959' },
};

/** Lots shown when a group is opened; the rest are in the table. */
export const GROUP_SHOWN = 12;
/** Groups drawn per step; the smaller ones of a step fold into one "other products" box. */
const GROUPS_PER_STEP = 6;

function box(key: string, data: GraphNodeData, color: string): Node {
  const c = COLORS[color];
  return {
    id: key,
    data: {
      ...data,
      label: (
        <div style={{ lineHeight: 1.25 }}>
          <div style={{ fontWeight: 600, overflowWrap: 'anywhere' }}>{data.label}</div>
          {data.sub && <div style={{ fontSize: FONT - 1, color: '#555', overflowWrap: 'anywhere' }}>{data.sub}</div>}
        </div>
      ),
    } as unknown as Record<string, unknown>,
    position: { x: 0, y: 0 },
    // Left to right: inputs enter on the left, outputs leave on the right.
    sourcePosition: Position.Right,
    targetPosition: Position.Left,
    style: {
      width: W,
      background: c.bg,
      border: `1.5px solid ${c.border}`,
      borderRadius: 8,
      fontSize: FONT,
      padding: 6,
      cursor: 'pointer',
    },
  };
}

export function buildGraph(
  t: TraceResult,
  words: { batch: string; receipt: string; shipment: string },
): { nodes: Node[]; edges: Edge[]; height: number } {
  const nodes = new Map<string, Node>();
  const partners = new Map(t.partners.map((p) => [p.id, p]));
  const grouped = t.lots.length > SMALL;
  const { edges, edge } = edgeList();
  const lotKey = (id: number) => `lot-${id}`;
  for (const l of t.lots) {
    nodes.set(
      lotKey(l.id),
      box(
        lotKey(l.id),
        {
          kind: 'lot',
          id: l.id,
          label: `${l.productCode}/${l.code}`,
          sub: `${l.productName} · ${qty(l.balance, l.unit)}`,
          side: l.side,
        },
        l.side,
      ),
    );
  }
  const onPage = new Set(t.lots.map((l) => l.id));
  const lotName = (id: number) => `lot-${id}`;
  for (const k of t.links) {
    const b = `batch-${k.eventId}`;
    if (!nodes.has(b))
      nodes.set(
        b,
        box(
          b,
          {
            kind: 'batch',
            id: k.batchId ?? k.eventId,
            label: k.batchCode ?? `${words.batch} #${k.eventId}`,
            sub: dateVi(k.date),
          },
          'batch',
        ),
      );
    if (onPage.has(k.fromLotId)) edge(lotName(k.fromLotId), b, qty(k.qty, k.unit));
    if (onPage.has(k.toLotId)) edge(b, lotName(k.toLotId));
  }
  for (const l of t.lots) {
    for (const r of l.receipts) {
      const p = r.supplierId ? partners.get(r.supplierId) : undefined;
      const pk = p ? `partner-${p.id}` : null;
      if (p && pk && !nodes.has(pk))
        nodes.set(pk, box(pk, { kind: 'partner', id: p.id, label: p.name, sub: p.phone ?? undefined }, 'partner'));
      if (grouped) {
        if (pk) edge(pk, lotKey(l.id), qty(r.qty, r.unit));
        continue;
      }
      const rk = `receipt-${r.eventId}`;
      nodes.set(
        rk,
        box(
          rk,
          {
            kind: 'receipt',
            id: r.receiptId ?? r.eventId,
            label: `${words.receipt} ${r.documentRef ?? ''}`.trim(),
            sub: `${dateVi(r.date)} · ${qty(r.qty, r.unit)}`,
          },
          'receipt',
        ),
      );
      if (pk) edge(pk, rk);
      edge(rk, lotKey(l.id));
    }
    for (const s of l.shipments) {
      const p = s.customerId ? partners.get(s.customerId) : undefined;
      const pk = p ? `partner-${p.id}` : `place-${s.toLocationName ?? ''}`;
      if (!nodes.has(pk))
        nodes.set(
          pk,
          box(
            pk,
            { kind: 'partner', id: p?.id ?? 0, label: p?.name ?? s.toLocationName ?? '', sub: p?.phone ?? undefined },
            'partner',
          ),
        );
      if (grouped) {
        edge(lotKey(l.id), pk, qty(s.qty, s.unit));
        continue;
      }
      const sk = `shipment-${s.eventId}-${l.id}`;
      nodes.set(
        sk,
        box(
          sk,
          {
            kind: 'shipment',
            id: s.shipmentId ?? s.eventId,
            label: `${words.shipment} ${s.documentRef ?? ''}`.trim(),
            sub: `${dateVi(s.date)} · ${qty(s.qty, s.unit)}`,
          },
          'shipment',
        ),
      );
      edge(lotKey(l.id), sk);
      edge(sk, pk);
    }
  }
  return layout(nodes, edges());
}

/** Edges de-duplicated by id through a map (a wide trace has thousands). */
function edgeList() {
  const byId = new Map<string, Edge>();
  const edge = (source: string, target: string, label?: string) => {
    const id = `${source}->${target}${label ? `:${label}` : ''}`;
    if (!byId.has(id))
      byId.set(id, {
        id,
        source,
        target,
        label,
        // React Flow's own text for an edge is English ("Edge from lot-1 to batch-2").
        ariaLabel: label ?? '→',
        markerEnd: { type: MarkerType.ArrowClosed },
        style: { strokeWidth: 1.3 },
        labelStyle: { fontSize: FONT - 1 },
      });
  };
  return { edge, edges: () => [...byId.values()] };
}

/** Automatic layout, left to right (inputs on the left, customers on the right). */
function layout(nodes: Map<string, Node>, edges: Edge[]): { nodes: Node[]; edges: Edge[]; height: number } {
  const g = new dagre.graphlib.Graph();
  // Room between ranks for the quantity on each arrow.
  g.setGraph({ rankdir: 'LR', nodesep: 16, ranksep: 56 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes.values()) g.setNode(n.id, { width: W, height: H });
  for (const e of edges) g.setEdge(e.source, e.target);
  dagre.layout(g);
  for (const n of nodes.values()) {
    const p = g.node(n.id);
    n.position = { x: p.x - W / 2, y: p.y - H / 2 };
  }
  return { nodes: [...nodes.values()], edges, height: g.graph().height ?? H };
}

export type GroupWords = {
  lots: (g: TraceGroup) => string;
  sub: (g: TraceGroup) => string;
  more: (n: number) => string;
  others: (products: number, lots: number) => string;
};

/**
 * A big answer as its groups: the asked lots, one box per group, the links between groups, and for each
 * opened group its first lots (hanging off the group's box).
 */
export function buildGroupGraph(
  t: TraceResult,
  opened: Map<string, TraceLot[]>,
  words: GroupWords,
): { nodes: Node[]; edges: Edge[]; height: number } {
  const nodes = new Map<string, Node>();
  const { edges, edge } = edgeList();
  for (const l of t.lots) {
    if (l.side !== 'root') continue;
    nodes.set(
      'root',
      box('root', { kind: 'lot', id: l.id, label: `${l.productCode}/${l.code}`, sub: l.productName }, 'root'),
    );
  }
  // The biggest groups of each step get their own box; the rest of the step shares one.
  const nodeOf = new Map<string, string>([['root', 'root']]);
  const steps = new Map<string, TraceGroup[]>();
  for (const g of t.groups) {
    const step = `${g.side}:${g.depth}`;
    steps.set(step, [...(steps.get(step) ?? []), g]);
  }
  const shown: TraceGroup[] = [];
  for (const [step, list] of steps) {
    const sorted = [...list].sort((a, b) => b.lots - a.lots);
    const keep = sorted.length > GROUPS_PER_STEP + 1 ? sorted.slice(0, GROUPS_PER_STEP) : sorted;
    shown.push(...keep);
    for (const g of keep) nodeOf.set(g.key, `group-${g.key}`);
    const rest = sorted.slice(keep.length);
    if (!rest.length) continue;
    const k = `others-${step}`;
    const lots = rest.reduce((a, g) => a + g.lots, 0);
    nodes.set(k, box(k, { kind: 'group', id: 0, label: words.others(rest.length, lots), side: '' }, rest[0].side));
    for (const g of rest) nodeOf.set(g.key, k);
  }
  for (const g of shown) {
    const key = `group-${g.key}`;
    nodes.set(key, box(key, { kind: 'group', id: 0, label: words.lots(g), sub: words.sub(g), side: g.key }, g.side));
    const lots = opened.get(g.key);
    if (!lots) continue;
    for (const l of lots.slice(0, GROUP_SHOWN)) {
      const k = `lot-${l.id}`;
      nodes.set(
        k,
        box(k, { kind: 'lot', id: l.id, label: `${l.productCode}/${l.code}`, sub: qty(l.balance, l.unit) }, l.side),
      );
      edge(key, k);
    }
    if (g.lots > GROUP_SHOWN) {
      const k = `more-${g.key}`;
      nodes.set(k, box(k, { kind: 'group', id: 0, label: words.more(g.lots - GROUP_SHOWN), side: g.key }, 'partner'));
      edge(key, k);
    }
  }
  for (const k of t.groupLinks) {
    const from = nodeOf.get(k.from);
    const to = nodeOf.get(k.to);
    if (from && to && from !== to && nodes.has(from) && nodes.has(to)) edge(from, to);
  }
  return layout(nodes, edges());
}

const num = (n: number) => n.toLocaleString('vi-VN');

export function TraceGraph({
  result,
  words,
  onOpen,
  loadGroup,
}: {
  result: TraceResult;
  words: { batch: string; receipt: string; shipment: string };
  onOpen: (d: GraphNodeData) => void;
  /** The first lots of one group of a big answer (trace.run with `group`). */
  loadGroup: (g: TraceGroup) => Promise<TraceLot[]>;
}) {
  const { t } = useTranslation('trace');
  const [opened, setOpened] = useState<Map<string, TraceLot[]>>(new Map());
  const groupWords: GroupWords = useMemo(
    () => ({
      lots: (g) => t('groupLots', { count: num(g.lots), product: g.productName }),
      sub: (g) => t('groupSub', { depth: g.depth, customers: g.customers, suppliers: g.suppliers }),
      more: (n) => t('groupMore', { count: num(n) }),
      others: (products, lots) => t('groupOthers', { products, lots: num(lots) }),
    }),
    [t],
  );
  const grouped = result.groups.length > 0;
  const { nodes, edges, height } = useMemo(
    () => (grouped ? buildGroupGraph(result, opened, groupWords) : buildGraph(result, words)),
    [grouped, result, opened, groupWords, words],
  );
  const toggle = (key: string) => {
    const g = result.groups.find((x) => x.key === key);
    if (!g) return;
    if (opened.has(key)) {
      const next = new Map(opened);
      next.delete(key);
      setOpened(next);
      return;
    }
    void loadGroup(g).then((lots) => setOpened((m) => new Map(m).set(key, lots)));
  };
  // As tall as the graph needs (a short trace leaves no empty box), up to a screenful.
  const boxHeight = Math.min(560, Math.max(220, Math.round(height * 1.1) + 60));
  return (
    <div style={{ height: boxHeight, border: '1px solid #eee', borderRadius: 8 }} data-testid="trace-graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        fitView
        fitViewOptions={{ padding: 0.04, minZoom: MIN_FIT_ZOOM, maxZoom: 1.2 }}
        minZoom={0.05}
        // The mouse wheel scrolls the page; Ctrl + wheel (or the buttons) zooms the graph.
        zoomOnScroll={false}
        preventScrolling={false}
        zoomActivationKeyCode="Control"
        nodesConnectable={false}
        nodesDraggable
        onNodeClick={(_, n) => {
          const d = n.data as unknown as GraphNodeData;
          if (d.kind === 'group') toggle(d.side ?? '');
          else onOpen(d);
        }}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
