// The trace as a graph: suppliers → receipts → lots → batches → lots → shipments → customers, laid out
// left to right by dagre. A page of a large trace shows its lots; beyond SMALL lots receipts and
// shipments fold into one edge per partner so the picture stays readable.
import { useMemo } from 'react';
import { Background, Controls, MarkerType, Position, ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import dagre from '@dagrejs/dagre';
import type { TraceResult } from '../../../../shared/api/trace';
import { dateVi, qty } from './common';

export type GraphNodeData = {
  kind: 'lot' | 'batch' | 'receipt' | 'shipment' | 'partner';
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
  const edges: Edge[] = [];
  const partners = new Map(t.partners.map((p) => [p.id, p]));
  const grouped = t.lots.length > SMALL;
  const edge = (source: string, target: string, label?: string) => {
    const id = `${source}->${target}${label ? `:${label}` : ''}`;
    if (!edges.some((e) => e.id === id))
      edges.push({
        id,
        source,
        target,
        label,
        markerEnd: { type: MarkerType.ArrowClosed },
        style: { strokeWidth: 1.3 },
        labelStyle: { fontSize: FONT - 1 },
      });
  };
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
  // Automatic layout, left to right (inputs on the left, customers on the right).
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

export function TraceGraph({
  result,
  words,
  onOpen,
}: {
  result: TraceResult;
  words: { batch: string; receipt: string; shipment: string };
  onOpen: (d: GraphNodeData) => void;
}) {
  const { nodes, edges, height } = useMemo(() => buildGraph(result, words), [result, words]);
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
        onNodeClick={(_, n) => onOpen(n.data as unknown as GraphNodeData)}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
