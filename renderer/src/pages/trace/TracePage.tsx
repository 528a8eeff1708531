// Truy xuất: type or scan one or several lots → the whole story on one screen (graph and table), stamped
// with date, time and user, exported to Excel/CSV, printed on A4 (one page per lot), and one click away
// from a recall.
import { lazy, Suspense, useDeferredValue, useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Flex,
  Pagination,
  Radio,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import {
  ApartmentOutlined,
  FileExcelOutlined,
  FileTextOutlined,
  PrinterOutlined,
  SearchOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { WithReason } from '../../shell/rights';
import type { TraceDirection, TraceLot, TraceResult } from '../../../../shared/api/trace';
import { ApiError } from '../../api/client';
import { useApi, useApiQuery } from '../../api/hooks';
import { dateVi, downloadFile, LotPicker, openPdf, qty, stampTime } from './common';
import { GROUP_SHOWN, type GraphNodeData } from './graph-common';

// The graph (React Flow and dagre, a fifth of the app's code) loads only for this page, while trace.run
// is answering.
const loadGraph = () => import('./TraceGraph');
const TraceGraph = lazy(() => loadGraph().then((m) => ({ default: m.TraceGraph })));

const PAGE = 200;

export function TracePage() {
  const { t } = useTranslation('trace');
  const api = useApi();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [codes, setCodes] = useState<string[]>(() => params.getAll('lot'));
  const [direction, setDirection] = useState<TraceDirection>((params.get('dir') as TraceDirection) || 'both');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<GraphNodeData | null>(null);
  const asked = params.getAll('lot');
  const q = useApiQuery(
    'trace.run',
    { lots: asked, direction, limit: PAGE, offset: (page - 1) * PAGE },
    { enabled: asked.length > 0, placeholderData: (prev) => prev },
  );
  const result = asked.length ? q.data : undefined;
  // The summary shows at once; the graph and table are drawn just after from a deferred copy, in slices
  // between frames.
  const drawn = useDeferredValue(result);
  useEffect(() => void loadGraph(), []);
  const [busy, setBusy] = useState<string | null>(null);

  const run = () => {
    if (!codes.length) return;
    setPage(1);
    const next = new URLSearchParams();
    for (const c of codes) next.append('lot', c);
    next.set('dir', direction);
    setParams(next);
  };

  const exportAs = async (format: 'xlsx' | 'csv' | 'pdf') => {
    setBusy(format);
    try {
      const f = await api.call('trace.export', { lots: asked, direction, format });
      if (format === 'pdf') openPdf(f);
      else downloadFile(f);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(null);
    }
  };

  // A lot opened from a group is not on this page: its own page tells its story.
  const openNode = (d: GraphNodeData) =>
    d.kind === 'lot' && result && !result.lots.some((l) => l.id === d.id) ? navigate(`/lots/${d.id}`) : setOpen(d);
  const words = useMemo(() => ({ batch: t('batch'), receipt: t('receiptNode'), shipment: t('shipmentNode') }), [t]);
  const error = q.error instanceof ApiError ? q.error : null;
  const suggestions = (error?.details?.suggestions ?? error?.details?.choices) as
    { spec: string; productName: string }[] | undefined;

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('traceTitle')}
      </Typography.Title>
      <Card>
        <Flex gap={12} wrap align="center">
          <div style={{ flex: 1, minWidth: 320 }}>
            <LotPicker value={codes} onChange={setCodes} onEnter={run} testId="trace-lots" />
          </div>
          <Radio.Group
            value={direction}
            onChange={(e) => setDirection(e.target.value)}
            optionType="button"
            buttonStyle="solid"
            data-testid="trace-direction"
          >
            <Radio.Button value="back">{t('side_back')} ←</Radio.Button>
            <Radio.Button value="both">← {t('bothWays')} →</Radio.Button>
            <Radio.Button value="forward">→ {t('side_forward')}</Radio.Button>
          </Radio.Group>
          <WithReason reason={codes.length ? undefined : t('needCodes')}>
            <Button
              type="primary"
              size="large"
              icon={<SearchOutlined />}
              onClick={run}
              disabled={!codes.length}
              data-testid="trace-run"
            >
              {t('run')}
            </Button>
          </WithReason>
        </Flex>
      </Card>

      {error && (
        <Alert
          type="error"
          showIcon
          title={error.message}
          data-testid="trace-error"
          description={
            suggestions?.length ? (
              <Space wrap>
                {suggestions.map((s) => (
                  <Button
                    key={s.spec}
                    size="small"
                    onClick={() => {
                      setCodes([s.spec]);
                      setParams(new URLSearchParams({ lot: s.spec, dir: direction }));
                    }}
                  >
                    {s.spec}
                  </Button>
                ))}
              </Space>
            ) : undefined
          }
        />
      )}

      {result && (
        <>
          <Card data-testid="trace-summary">
            <Flex justify="space-between" wrap gap={16}>
              <Space size={32} wrap>
                <Statistic title={t('lots')} value={result.totals.lots} />
                <Statistic title={t('receivedLots')} value={result.totals.received} />
                <Statistic title={t('producedLots')} value={result.totals.produced} />
                <Statistic title={t('suppliersCount')} value={result.totals.suppliers} />
                <Statistic title={t('customers')} value={result.totals.customers} />
                <Statistic title={t('shipments')} value={result.totals.shipments} />
              </Space>
              <Space wrap>
                <Button
                  icon={<FileExcelOutlined />}
                  loading={busy === 'xlsx'}
                  onClick={() => exportAs('xlsx')}
                  data-testid="trace-export-xlsx"
                >
                  {t('exportXlsx')}
                </Button>
                <Button icon={<FileTextOutlined />} loading={busy === 'csv'} onClick={() => exportAs('csv')}>
                  {t('exportCsv')}
                </Button>
                <Button icon={<PrinterOutlined />} loading={busy === 'pdf'} onClick={() => exportAs('pdf')}>
                  {t('print')}
                </Button>
                <Button
                  danger
                  icon={<StopOutlined />}
                  onClick={() => navigate(`/recall?${asked.map((c) => `lot=${encodeURIComponent(c)}`).join('&')}`)}
                  data-testid="trace-to-recall"
                >
                  {t('startRecall')}
                </Button>
              </Space>
            </Flex>
            <Typography.Text type="secondary" data-testid="trace-stamp">
              {t('stamp', { at: stampTime(result.generatedAt), user: result.user })}
            </Typography.Text>
            {result.truncated && (
              <Alert
                type="warning"
                showIcon
                style={{ marginTop: 8 }}
                title={t('truncated', { max: result.totals.lots })}
              />
            )}
          </Card>
          {result.page.total > PAGE && (
            <Flex justify="space-between" align="center">
              <Typography.Text>
                {t('pageOf', {
                  from: result.page.offset + 1,
                  to: Math.min(result.page.total, result.page.offset + PAGE),
                  total: result.page.total,
                })}
              </Typography.Text>
              <Pagination
                current={page}
                pageSize={PAGE}
                total={result.page.total}
                onChange={setPage}
                showSizeChanger={false}
              />
            </Flex>
          )}
          <Tabs
            items={[
              {
                key: 'graph',
                label: (
                  <span>
                    <ApartmentOutlined /> {t('graph')}
                  </span>
                ),
                children: (
                  <>
                    {result.groups.length > 0 ? (
                      <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('groupedGraph')} />
                    ) : (
                      result.lots.length > 60 && (
                        <Alert
                          type="info"
                          showIcon
                          style={{ marginBottom: 8 }}
                          title={t('bigGraph', { shown: PAGE })}
                        />
                      )
                    )}
                    {drawn ? (
                      <Suspense fallback={<GraphPlaceholder />}>
                        <TraceGraph
                          result={drawn}
                          words={words}
                          onOpen={openNode}
                          loadGroup={(g) =>
                            api
                              .call('trace.run', {
                                lots: asked,
                                direction,
                                limit: GROUP_SHOWN,
                                group: { side: g.side, depth: g.depth, productId: g.productId },
                              })
                              .then((r) => r.lots)
                          }
                        />
                      </Suspense>
                    ) : (
                      <GraphPlaceholder />
                    )}
                  </>
                ),
              },
              {
                key: 'table',
                label: t('table'),
                children: drawn && (
                  <TraceTable result={drawn} onOpen={(l) => setOpen({ kind: 'lot', id: l.id, label: l.code })} />
                ),
              },
            ]}
          />
        </>
      )}
      <NodeDrawer result={result} node={open} onClose={() => setOpen(null)} />
    </Flex>
  );
}

/** The graph's frame while it is read and drawn. */
function GraphPlaceholder() {
  return (
    <div style={{ height: 320, border: '1px solid #eee', borderRadius: 8, padding: 16 }}>
      <Skeleton active />
    </div>
  );
}

function TraceTable({ result, onOpen }: { result: TraceResult; onOpen: (l: TraceLot) => void }) {
  const { t } = useTranslation('trace');
  const partners = new Map(result.partners.map((p) => [p.id, p]));
  return (
    <Table<TraceLot>
      data-testid="trace-table"
      rowKey="id"
      size="small"
      dataSource={result.lots}
      // A server page (200 lots) in one virtual list: only the rows on screen are drawn.
      virtual={result.lots.length > 50}
      pagination={false}
      scroll={result.lots.length > 50 ? { x: 1100, y: 520 } : { x: 1100 }}
      onRow={(l) => ({ onClick: () => onOpen(l), style: { cursor: 'pointer' } })}
      columns={[
        {
          title: t('group'),
          dataIndex: 'side',
          width: 110,
          render: (s: string) => (
            <Tag color={s === 'root' ? 'gold' : s === 'back' ? 'blue' : 'green'}>{t(`side_${s}` as 'side_root')}</Tag>
          ),
        },
        { title: t('level'), dataIndex: 'depth', width: 60 },
        {
          title: t('lot'),
          key: 'lot',
          render: (_, l) => (
            <Link to={`/lots/${l.id}`} onClick={(e) => e.stopPropagation()}>
              {l.productCode}/{l.code}
            </Link>
          ),
        },
        { title: t('product'), dataIndex: 'productName' },
        { title: t('qty'), key: 'q', align: 'right', width: 110, render: (_, l) => qty(l.linkQty, l.unit) },
        {
          title: t('supplier'),
          key: 's',
          render: (_, l) =>
            [l.supplierLotCode, partners.get(l.supplierId ?? l.receipts[0]?.supplierId ?? -1)?.name]
              .filter(Boolean)
              .join(' · '),
        },
        { title: t('batch'), key: 'b', render: (_, l) => l.producedBy.map((p) => p.batchCode).join(', ') },
        {
          title: t('shippedTo'),
          key: 'sh',
          render: (_, l) =>
            l.shipments
              .map((s) => `${partners.get(s.customerId ?? -1)?.name ?? s.toLocationName ?? ''} ${qty(s.qty, s.unit)}`)
              .join('; '),
        },
        { title: t('balance'), key: 'bal', align: 'right', width: 110, render: (_, l) => qty(l.balance, l.unit) },
        {
          title: t('status'),
          dataIndex: 'status',
          // Always in view, also when the table scrolls sideways.
          fixed: 'right',
          width: 120,
          render: (s: string) => t(`status_${s}` as 'status_available'),
        },
      ]}
    />
  );
}

function NodeDrawer({
  result,
  node,
  onClose,
}: {
  result: TraceResult | undefined;
  node: GraphNodeData | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('trace');
  if (!result || !node) return null;
  const partners = new Map(result.partners.map((p) => [p.id, p]));
  let body: React.ReactNode = null;
  let link: { to: string; label: string } | null = null;
  if (node.kind === 'lot') {
    const l = result.lots.find((x) => x.id === node.id);
    if (l) {
      link = { to: `/lots/${l.id}`, label: t('openLot') };
      const into = result.links.filter((k) => k.toLotId === l.id);
      const out = result.links.filter((k) => k.fromLotId === l.id);
      const name = (id: number) => {
        const x = result.lots.find((y) => y.id === id);
        return x ? `${x.productCode}/${x.code}` : `#${id}`;
      };
      body = (
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('lot')}>
            {l.productCode}/{l.code}
          </Descriptions.Item>
          <Descriptions.Item label={t('product')}>{l.productName}</Descriptions.Item>
          <Descriptions.Item label={t('status')}>
            {t(`status_${l.status}` as 'status_available')} · {t(`side_${l.side}` as 'side_root')} · {t('level')}{' '}
            {l.depth}
          </Descriptions.Item>
          <Descriptions.Item label={t('balance')}>
            {qty(l.balance, l.unit)}
            {l.stock.length ? ` (${l.stock.map((s) => `${s.locationName}: ${qty(s.qty)}`).join(', ')})` : ''}
          </Descriptions.Item>
          {l.supplierLotCode && <Descriptions.Item label={t('supplierLot')}>{l.supplierLotCode}</Descriptions.Item>}
          <Descriptions.Item label={t('production')}>{dateVi(l.productionDate)}</Descriptions.Item>
          <Descriptions.Item label={t('expiry')}>{dateVi(l.expiryDate)}</Descriptions.Item>
          {into.length > 0 && (
            <Descriptions.Item label={t('madeFrom')}>
              {into.map((k) => (
                <div key={`${k.fromLotId}-${k.eventId}`}>
                  {name(k.fromLotId)}: {qty(k.qty, k.unit)} ({k.batchCode})
                </div>
              ))}
            </Descriptions.Item>
          )}
          {out.length > 0 && (
            <Descriptions.Item label={t('usedIn')}>
              {out.map((k) => (
                <div key={`${k.toLotId}-${k.eventId}`}>
                  {name(k.toLotId)}: {qty(k.qty, k.unit)} ({k.batchCode})
                </div>
              ))}
            </Descriptions.Item>
          )}
          {l.receipts.map((r) => (
            <Descriptions.Item key={`r${r.eventId}`} label={t('receivedFrom')}>
              {partners.get(r.supplierId ?? -1)?.name ?? t('openingStock')} · {dateVi(r.date)} · {qty(r.qty, r.unit)}{' '}
              {r.documentRef ?? ''}
            </Descriptions.Item>
          ))}
          {l.shipments.map((s) => (
            <Descriptions.Item key={`s${s.eventId}`} label={t('shippedTo')}>
              {partners.get(s.customerId ?? -1)?.name ?? s.toLocationName} · {dateVi(s.date)} · {qty(s.qty, s.unit)}{' '}
              {s.documentRef ?? ''}
            </Descriptions.Item>
          ))}
        </Descriptions>
      );
    }
  } else if (node.kind === 'partner') {
    const p = partners.get(node.id);
    if (p) {
      link = { to: `/partners?id=${p.id}`, label: t('openPartner') };
      body = (
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('partners')}>{p.name}</Descriptions.Item>
          <Descriptions.Item label={t('phone')}>{p.phone}</Descriptions.Item>
          <Descriptions.Item label={t('email')}>{p.email}</Descriptions.Item>
          <Descriptions.Item label={t('contact')}>{p.contactPerson}</Descriptions.Item>
          <Descriptions.Item label={t('address')}>{p.address}</Descriptions.Item>
        </Descriptions>
      );
    }
  } else {
    const to =
      node.kind === 'batch'
        ? `/batches/${node.id}`
        : node.kind === 'receipt'
          ? `/receipts/${node.id}`
          : `/shipments/${node.id}`;
    link = {
      to,
      label: t(node.kind === 'batch' ? 'openBatch' : node.kind === 'receipt' ? 'openReceipt' : 'openShipment'),
    };
    body = (
      <Typography.Text>
        {node.label} {node.sub ?? ''}
      </Typography.Text>
    );
  }
  return (
    <Drawer
      open
      onClose={onClose}
      title={node.label}
      width={460}
      data-testid="trace-node"
      extra={
        link && (
          <Link to={link.to}>
            <Button type="primary">{link.label}</Button>
          </Link>
        )
      }
    >
      {body ?? t('nothing')}
    </Drawer>
  );
}
