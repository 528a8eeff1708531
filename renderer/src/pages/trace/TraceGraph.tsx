// The trace as a graph: suppliers → receipts → lots → batches → lots → shipments → customers, laid out
// left to right by dagre. A big answer (more than TRACE_GROUP_OVER lots) is drawn as its groups — the
// asked lots, then one box per product and step ("3,204 lô … — 18 khách hàng") — and a group opens on
// a click into its first lots. Everything is built in one pass over maps, so the work grows with what
// is drawn, never with the size of the trace.
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Background,
  ControlButton,
  Controls,
  MarkerType,
  Position,
  ReactFlow,
  useReactFlow,
  useStore,
  type Edge,
  type Node,
} from '@xyflow/react';
import { Typography } from 'antd';
import { ArrowDownOutlined, ArrowLeftOutlined, ArrowRightOutlined, ArrowUpOutlined } from '@ant-design/icons';
import '@xyflow/react/dist/style.css';
import dagre from '@dagrejs/dagre';
import type { TraceGroup, TraceLot, TraceResult } from '../../../../shared/api/trace';
import { useTranslation } from 'react-i18next';
import { dateVi, qty } from './common';
import { GROUP_SHOWN, type GraphNodeData } from './graph-common';

export type { GraphNodeData };
export { GROUP_SHOWN };

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
  const edge = (source: string, target: string, label?: string, color?: string) => {
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
        style: color ? { strokeWidth: 1.6, stroke: color } : { strokeWidth: 1.3 },
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

/** An opened group's arrows stand out; the links between groups fade while one is open. */
const OPENED = '#389e0d';
const FADED = '#d9d9d9';

export type GroupWords = {
  lots: (g: TraceGroup) => string;
  /** "On hand: 12 kg" under a lot of an opened group. */
  balance: (qty: string) => string;
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
  // Columns: steps back to the left of the asked lots (0), steps forward to the right; an opened
  // group's lots take a half column beside their group, away from the asked lots.
  const column = new Map<string, number>();
  const anchor = new Map<string, string>();
  const put = (key: string, col: number, node: Node, by?: string) => {
    nodes.set(key, node);
    column.set(key, col);
    if (by) anchor.set(key, by);
  };
  const stepColumn = (g: TraceGroup) => (g.side === 'back' ? -g.depth : g.depth);
  for (const l of t.lots) {
    if (l.side !== 'root') continue;
    put(
      'root',
      0,
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
  const folded: [string, TraceGroup[]][] = [];
  for (const [step, list] of steps) {
    const sorted = [...list].sort((a, b) => b.lots - a.lots);
    const keep = sorted.length > GROUPS_PER_STEP + 1 ? sorted.slice(0, GROUPS_PER_STEP) : sorted;
    shown.push(...keep);
    for (const g of keep) nodeOf.set(g.key, `group-${g.key}`);
    const rest = sorted.slice(keep.length);
    if (!rest.length) continue;
    folded.push([step, rest]);
    for (const g of rest) nodeOf.set(g.key, `others-${step}`);
  }
  for (const g of shown) {
    const key = `group-${g.key}`;
    const col = stepColumn(g);
    put(key, col, box(key, { kind: 'group', id: 0, label: words.lots(g), sub: words.sub(g), side: g.key }, g.side));
    const lots = opened.get(g.key);
    if (!lots) continue;
    const lotCol = col + (g.side === 'back' ? -0.5 : 0.5);
    for (const l of lots.slice(0, GROUP_SHOWN)) {
      const k = `lot-${l.id}`;
      put(
        k,
        lotCol,
        box(
          k,
          { kind: 'lot', id: l.id, label: `${l.productCode}/${l.code}`, sub: words.balance(qty(l.balance, l.unit)) },
          l.side,
        ),
        key,
      );
      edge(key, k, undefined, OPENED);
    }
    if (g.lots > GROUP_SHOWN) {
      const k = `more-${g.key}`;
      put(
        k,
        lotCol,
        box(k, { kind: 'group', id: 0, label: words.more(g.lots - GROUP_SHOWN), side: g.key }, 'partner'),
        key,
      );
      edge(key, k, undefined, OPENED);
    }
  }
  // The folded box comes last in its column.
  for (const [step, rest] of folded) {
    const k = `others-${step}`;
    const lots = rest.reduce((a, g) => a + g.lots, 0);
    put(
      k,
      stepColumn(rest[0]),
      box(k, { kind: 'group', id: 0, label: words.others(rest.length, lots), side: '' }, rest[0].side),
    );
  }
  for (const k of t.groupLinks) {
    const from = nodeOf.get(k.from);
    const to = nodeOf.get(k.to);
    if (from && to && from !== to && nodes.has(from) && nodes.has(to))
      edge(from, to, undefined, opened.size ? FADED : undefined);
  }
  return layered(nodes, column, anchor, edges());
}

/** Space between columns (room for the arrows) and between the boxes of a column. */
const COLUMN_GAP = 90;
const ROW_GAP = 16;

/**
 * A layout in columns, for the grouped graph: every column is centred on the asked lot's line, in the
 * order the boxes were added (biggest group first); an opened group's lots hang down from their group's
 * row. Linear in the number of boxes, and no box moves to another column when a group opens.
 */
function layered(
  nodes: Map<string, Node>,
  column: Map<string, number>,
  anchor: Map<string, string>,
  edges: Edge[],
): { nodes: Node[]; edges: Edge[]; height: number } {
  const cols = [...new Set(column.values())].sort((a, b) => a - b);
  const x = new Map(cols.map((c, i) => [c, i * (W + COLUMN_GAP)]));
  const members = new Map<number, Node[]>(cols.map((c) => [c, []]));
  for (const n of nodes.values()) members.get(column.get(n.id)!)!.push(n);
  for (const [c, list] of members) {
    if (!Number.isInteger(c)) continue;
    const h = list.length * H + (list.length - 1) * ROW_GAP;
    list.forEach((n, i) => (n.position = { x: x.get(c)!, y: -h / 2 + i * (H + ROW_GAP) }));
  }
  for (const [c, list] of members) {
    if (Number.isInteger(c)) continue;
    let next = -Infinity;
    for (const n of list) {
      const y = Math.max(nodes.get(anchor.get(n.id)!)!.position.y, next);
      n.position = { x: x.get(c)!, y };
      next = y + H + ROW_GAP;
    }
  }
  const ys = [...nodes.values()].map((n) => n.position.y);
  return { nodes: [...nodes.values()], edges, height: Math.max(...ys) + H - Math.min(...ys) };
}

const num = (n: number) => n.toLocaleString('vi-VN');

type Rect = { x: number; y: number; w: number; h: number };
type View = { x: number; y: number; zoom: number };
const PAD = 24;

function bounds(nodes: Node[]): Rect {
  const xs = nodes.map((n) => n.position.x);
  const ys = nodes.map((n) => n.position.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, w: Math.max(...xs) + W - x, h: Math.max(...ys) + H - y };
}

/** The view moved as little as possible so that `r` (graph coordinates) is on screen, its start first. */
export function bringIntoView(v: View, r: Rect, width: number, height: number): View {
  const shift = (at: number, size: number, view: number) => {
    const start = at * v.zoom;
    const end = (at + size) * v.zoom;
    if (end - start > view - 2 * PAD) return PAD - start; // too big: its start at the edge
    if (start < PAD) return PAD - start;
    if (end > view - PAD) return view - PAD - end;
    return 0;
  };
  return {
    zoom: v.zoom,
    x: v.x + shift(r.x + v.x / v.zoom, r.w, width),
    y: v.y + shift(r.y + v.y / v.zoom, r.h, height),
  };
}

/**
 * The first view: the whole graph when it fits at a readable zoom (never below MIN_FIT_ZOOM, so text
 * stays at 12 px or more), otherwise the graph centred and then moved until the asked lots are in view.
 */
export function initialViewport(nodes: Node[], focus: string[], width: number, height: number): View {
  const all = bounds(nodes);
  const fit = Math.min((width - 2 * PAD) / all.w, (height - 2 * PAD) / all.h);
  const zoom = Math.max(MIN_FIT_ZOOM, Math.min(1.2, fit));
  const centred = { zoom, x: width / 2 - (all.x + all.w / 2) * zoom, y: height / 2 - (all.y + all.h / 2) * zoom };
  const asked = nodes.filter((n) => focus.includes(n.id));
  return asked.length ? bringIntoView(centred, bounds(asked), width, height) : centred;
}

/** Where the view goes: the asked lots when a trace arrives (`fit`), an opened group and its first lots. */
type Target = { ids: string[]; fit: boolean };

/**
 * Places the view on its target whenever the target changes; a graph wider than the frame is then
 * panned by dragging or with the arrows.
 */
function Placement({ nodes, target }: { nodes: Node[]; target: Target }) {
  const rf = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const placed = useRef<Target | null>(null);
  useEffect(() => {
    if (!width || !height || !nodes.length || placed.current === target) return;
    placed.current = target;
    if (target.fit) {
      void rf.setViewport(initialViewport(nodes, target.ids, width, height));
      return;
    }
    const on = nodes.filter((n) => target.ids.includes(n.id));
    if (on.length) void rf.setViewport(bringIntoView(rf.getViewport(), bounds(on), width, height), { duration: 300 });
  }, [rf, width, height, nodes, target]);
  return null;
}

/** Arrow buttons that move the view by half a frame (the mouse wheel scrolls the page, not the graph). */
function PanButtons() {
  const { t } = useTranslation('trace');
  const rf = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const pan = (dx: number, dy: number) => {
    const v = rf.getViewport();
    void rf.setViewport({ ...v, x: v.x + dx * width * 0.5, y: v.y + dy * height * 0.5 }, { duration: 200 });
  };
  const buttons: [string, number, number, React.ReactNode][] = [
    ['panLeft', 1, 0, <ArrowLeftOutlined />],
    ['panUp', 0, 1, <ArrowUpOutlined />],
    ['panDown', 0, -1, <ArrowDownOutlined />],
    ['panRight', -1, 0, <ArrowRightOutlined />],
  ];
  return (
    <Controls
      position="bottom-right"
      orientation="horizontal"
      showZoom={false}
      showFitView={false}
      showInteractive={false}
    >
      {buttons.map(([key, dx, dy, icon]) => (
        <ControlButton
          key={key}
          onClick={() => pan(dx, dy)}
          title={t(key as 'panLeft')}
          aria-label={t(key as 'panLeft')}
          data-testid={`graph-${key}`}
        >
          {icon}
        </ControlButton>
      ))}
    </Controls>
  );
}

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
  const [lastOpened, setLastOpened] = useState<string | null>(null);
  const groupWords: GroupWords = useMemo(
    () => ({
      lots: (g) => t('groupLots', { count: num(g.lots), product: g.productName }),
      sub: (g) =>
        [
          t('groupStep', { depth: g.depth }),
          g.customers > 0 && t('groupCustomers', { n: num(g.customers) }),
          g.suppliers > 0 && t('groupSuppliers', { n: num(g.suppliers) }),
        ]
          .filter(Boolean)
          .join(' · '),
      balance: (q) => `${t('balance')}: ${q}`,
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
  const target = useMemo<Target>(() => {
    const lots = lastOpened ? opened.get(lastOpened) : undefined;
    if (lots) return { ids: [`group-${lastOpened}`, ...lots.slice(0, 3).map((l) => `lot-${l.id}`)], fit: false };
    const asked = grouped ? ['root'] : result.lots.filter((l) => l.side === 'root').map((l) => `lot-${l.id}`);
    return { ids: asked, fit: true };
  }, [lastOpened, opened, grouped, result]);
  const toggle = (key: string) => {
    const g = result.groups.find((x) => x.key === key);
    if (!g) return;
    if (opened.has(key)) {
      const next = new Map(opened);
      next.delete(key);
      setOpened(next);
      setLastOpened(null);
      return;
    }
    void loadGroup(g).then((lots) => {
      setOpened((m) => new Map(m).set(key, lots));
      setLastOpened(key);
    });
  };
  // As tall as the graph needs (a short trace leaves no empty box), up to a screenful.
  const boxHeight = Math.min(560, Math.max(220, Math.round(height * MIN_FIT_ZOOM) + 2 * PAD + 16));
  return (
    <>
      <div style={{ height: boxHeight, border: '1px solid #eee', borderRadius: 8 }} data-testid="trace-graph">
        <ReactFlow
          nodes={nodes}
          edges={edges}
          minZoom={0.05}
          // The mouse wheel scrolls the page; Ctrl + wheel (or the buttons) zooms the graph, a drag pans it.
          zoomOnScroll={false}
          panOnScroll={false}
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
          <Placement nodes={nodes} target={target} />
          <Background />
          <Controls showInteractive={false} />
          <PanButtons />
        </ReactFlow>
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="trace-graph-hint">
        {t('panHint')}
      </Typography.Text>
    </>
  );
}
