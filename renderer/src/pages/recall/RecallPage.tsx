// Thu hồi: the recall screen comes first when something is wrong. Lots in → scope (affected lots, stock
// that can still be stopped, customers with their phone numbers) → one click puts every lot on hold →
// checklist (hold → isolate → contact → export) with a running clock → the record as Excel/PDF.
import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Flex,
  Input,
  List,
  Modal,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { FileExcelOutlined, FilePdfOutlined, LockOutlined, StopOutlined, UnlockOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { usePersonWords, useRights, WithReason } from '../../shell/rights';
import type { RecallDetail, RecallLot, RecallScope } from '../../../../shared/api/trace';
import { ApiError } from '../../api/client';
import { useApi, useApiMutation, useApiQuery } from '../../api/hooks';
import { dateVi, downloadFile, formatMs, LotPicker, openPdf, qty, stampTime } from '../trace/common';

export function RecallPage() {
  const { id } = useParams();
  return id ? <RecallRecord id={Number(id)} /> : <RecallStart />;
}

/** A clock that ticks every second from `from` (ISO) until `until` (ISO) or now. */
export function useElapsed(from: string | null | undefined, until?: string | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!from || until) return;
    const h = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(h);
  }, [from, until]);
  if (!from) return 0;
  return Math.max(0, (until ? Date.parse(until) : now) - Date.parse(from));
}

function RecallStart() {
  const { t } = useTranslation('trace');
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const [lots, setLots] = useState<string[]>(() => params.getAll('lot'));
  const [reason, setReason] = useState('');
  const [ref, setRef] = useState('');
  const scope = useApiQuery('recall.scope', { lots }, { enabled: lots.length > 0, retry: false });
  const start = useApiMutation('recall.start');
  const rights = useRights();
  const list = useApiQuery('recall.list', {});
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('menuRecall')}
      </Typography.Title>
      <Card title={t('newRecall')}>
        <Flex vertical gap={12}>
          <LotPicker value={lots} onChange={setLots} testId="recall-lots" />
          <Input
            size="large"
            placeholder={t('reasonPlaceholder')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="recall-reason"
            prefix={t('reason')}
          />
          <Input
            placeholder={t('refPlaceholder')}
            value={ref}
            onChange={(e) => setRef(e.target.value)}
            prefix={t('ref')}
            style={{ maxWidth: 420 }}
          />
          {scope.error && <Alert type="error" showIcon title={scope.error.message} />}
          {scope.data && <ScopeView scope={scope.data} />}
          <Space>
            <WithReason
              reason={
                rights.reason('recall.start') ??
                (!lots.length ? t('needLots') : !reason.trim() ? t('needReason') : undefined)
              }
            >
              <Button
                type="primary"
                danger
                size="large"
                icon={<StopOutlined />}
                disabled={!lots.length || !reason.trim() || !rights.may('recall.start')}
                loading={start.isPending}
                data-testid="recall-start"
                onClick={async () => {
                  try {
                    const r = await start.mutateAsync({ lots, reason, ref: ref || null });
                    navigate(`/recall/${r.id}`);
                  } catch (err) {
                    message.error(err instanceof ApiError ? err.message : String(err));
                  }
                }}
              >
                {t('newRecall')}
              </Button>
            </WithReason>
          </Space>
        </Flex>
      </Card>
      <Card title={t('recalls')}>
        <List
          dataSource={list.data ?? []}
          locale={{ emptyText: <Empty description={t('none')} /> }}
          renderItem={(r) => (
            <List.Item
              extra={
                <Link to={`/recall/${r.id}`}>
                  <Button>{t('open')}</Button>
                </Link>
              }
            >
              <List.Item.Meta
                title={
                  <Space>
                    <Link to={`/recall/${r.id}`}>{r.ref}</Link>
                    <Tag color={r.status === 'open' ? 'red' : 'default'}>
                      {r.status === 'open' ? t('openRecall') : t('lifted')}
                    </Tag>
                  </Space>
                }
                description={`${r.reason} · ${r.roots.map((x) => `${x.productCode}/${x.code}`).join(', ')} · ${stampTime(r.startedAt)}`}
              />
            </List.Item>
          )}
        />
      </Card>
    </Flex>
  );
}

function RecallRecord({ id }: { id: number }) {
  const { t } = useTranslation('trace');
  const person = usePersonWords();
  const api = useApi();
  const { message, modal } = App.useApp();
  const q = useApiQuery('recall.get', { id });
  const hold = useApiMutation('recall.hold');
  const rights = useRights();
  const check = useApiMutation('recall.check');
  const lift = useApiMutation('recall.lift');
  const [liftOpen, setLiftOpen] = useState(false);
  const [liftReason, setLiftReason] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const r: RecallDetail | undefined = q.data;
  const exportStep = r?.steps.find((s) => s.key === 'export');
  const elapsed = useElapsed(r?.startedAt, r?.liftedAt ?? exportStep?.doneAt ?? null);
  if (!r) return q.error ? <Alert type="error" showIcon title={q.error.message} /> : null;
  const isOpen = r.status === 'open';
  const fail = (err: unknown) => message.error(err instanceof ApiError ? err.message : String(err));

  const exportAs = async (format: 'xlsx' | 'pdf') => {
    setBusy(format);
    try {
      const f = await api.call('recall.export', { id, format });
      if (format === 'pdf') openPdf(f);
      else downloadFile(f);
      await q.refetch();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('recallTitle')} {r.ref}{' '}
          <Tag color={isOpen ? 'red' : 'default'} data-testid="recall-status">
            {isOpen ? t('openRecall') : t('lifted')}
          </Tag>
        </Typography.Title>
        <Statistic title={t('timer')} value={formatMs(elapsed)} data-testid="recall-timer" />
      </Flex>
      <Typography.Text>
        {t('reason')}: {r.reason} · {t('startedAt')}: {stampTime(r.startedAt)} ({person(r.startedBy)})
      </Typography.Text>
      <Card title={t('checklist')}>
        <Row gutter={[16, 16]}>
          {r.steps.map((s, i) => (
            <Col xs={24} md={6} key={s.key}>
              <Card
                size="small"
                style={{ borderColor: s.doneAt ? '#52c41a' : undefined }}
                data-testid={`recall-step-${s.key}`}
              >
                <Flex vertical gap={8}>
                  <Typography.Text strong>
                    {i + 1}. {t(`step_${s.key}`)}
                  </Typography.Text>
                  {s.doneAt ? (
                    <Badge status="success" text={`${stampTime(s.doneAt)} · ${formatMs(r.elapsedMs[s.key] ?? 0)}`} />
                  ) : (
                    <Badge status="default" text={t('notDone')} />
                  )}
                  {s.key === 'hold' && isOpen && (
                    <WithReason
                      reason={
                        rights.reason('recall.hold') ??
                        (r.scope.totals.notHeld === 0 && !!s.doneAt ? t('allHeld') : undefined)
                      }
                    >
                      <Button
                        type="primary"
                        danger
                        icon={<LockOutlined />}
                        data-testid="recall-hold"
                        loading={hold.isPending}
                        disabled={(r.scope.totals.notHeld === 0 && !!s.doneAt) || !rights.may('recall.hold')}
                        onClick={() =>
                          modal.confirm({
                            title: t('holdAll', { count: r.scope.totals.notHeld }),
                            content: t('holdConfirm'),
                            okButtonProps: { danger: true },
                            onOk: () => hold.mutateAsync({ id }).catch(fail),
                          })
                        }
                      >
                        {s.doneAt && r.scope.totals.notHeld === 0
                          ? t('holdDone', { count: r.heldLots })
                          : t('holdAll', { count: r.scope.totals.notHeld })}
                      </Button>
                    </WithReason>
                  )}
                  {(s.key === 'isolate' || s.key === 'contact') && (
                    <WithReason reason={isOpen ? rights.reason('recall.check') : t('recallClosed')}>
                      <Checkbox
                        checked={!!s.doneAt}
                        disabled={!isOpen || !rights.may('recall.check')}
                        data-testid={`recall-check-${s.key}`}
                        onChange={(e) =>
                          check
                            .mutateAsync({ id, step: s.key as 'isolate' | 'contact', done: e.target.checked })
                            .catch(fail)
                        }
                      >
                        {t(`step_${s.key}`)}
                      </Checkbox>
                    </WithReason>
                  )}
                  {s.key === 'export' && (
                    <Space wrap>
                      <WithReason reason={rights.reason('recall.export')}>
                        <Button
                          icon={<FileExcelOutlined />}
                          disabled={!rights.may('recall.export')}
                          loading={busy === 'xlsx'}
                          onClick={() => exportAs('xlsx')}
                          data-testid="recall-export-xlsx"
                        >
                          Excel
                        </Button>
                      </WithReason>
                      <WithReason reason={rights.reason('recall.export')}>
                        <Button
                          icon={<FilePdfOutlined />}
                          disabled={!rights.may('recall.export')}
                          loading={busy === 'pdf'}
                          onClick={() => exportAs('pdf')}
                        >
                          PDF
                        </Button>
                      </WithReason>
                    </Space>
                  )}
                </Flex>
              </Card>
            </Col>
          ))}
        </Row>
      </Card>
      <ScopeView scope={r.scope} />
      {isOpen && r.heldLots > 0 && (
        <Flex justify="flex-end">
          <WithReason reason={rights.reason('recall.lift')}>
            <Button
              icon={<UnlockOutlined />}
              disabled={!rights.may('recall.lift')}
              onClick={() => setLiftOpen(true)}
              data-testid="recall-lift"
            >
              {t('lift')}
            </Button>
          </WithReason>
        </Flex>
      )}
      <Modal
        open={liftOpen}
        title={t('lift')}
        onCancel={() => setLiftOpen(false)}
        okButtonProps={{ disabled: !liftReason.trim(), loading: lift.isPending }}
        onOk={async () => {
          try {
            await lift.mutateAsync({ id, reason: liftReason });
            setLiftOpen(false);
          } catch (err) {
            fail(err);
          }
        }}
      >
        <Input.TextArea
          rows={3}
          value={liftReason}
          onChange={(e) => setLiftReason(e.target.value)}
          placeholder={t('liftReason')}
        />
      </Modal>
    </Flex>
  );
}

export function ScopeView({ scope }: { scope: RecallScope }) {
  const { t } = useTranslation('trace');
  return (
    <Flex vertical gap={16} data-testid="recall-scope">
      <Card>
        <Space size={40} wrap>
          <Statistic title={t('affectedLots')} value={scope.totals.lots} />
          <Statistic title={t('withStock')} value={scope.totals.lotsWithStock} />
          <Statistic title={t('customersReached')} value={scope.totals.customers} />
          <Statistic title={t('shipments')} value={scope.totals.shipments} />
        </Space>
        {scope.truncated && <Alert type="warning" showIcon title={t('truncated', { max: scope.totals.lots })} />}
      </Card>
      <Card title={`${t('customersReached')} (${scope.customers.length})`}>
        <Table
          rowKey={(c) => c.partner.id}
          size="small"
          dataSource={scope.customers}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="recall-customers"
          columns={[
            {
              title: t('customer'),
              key: 'n',
              render: (_, c) => <Link to={`/partners?id=${c.partner.id}`}>{c.partner.name}</Link>,
            },
            {
              title: t('phone'),
              key: 'p',
              render: (_, c) =>
                c.partner.phone ? <a href={`tel:${c.partner.phone.replace(/\s/g, '')}`}>{c.partner.phone}</a> : '',
            },
            {
              title: t('contact'),
              key: 'c',
              render: (_, c) => [c.partner.contactPerson, c.partner.email].filter(Boolean).join(' · '),
            },
            {
              title: t('qtyPerLot'),
              key: 'l',
              render: (_, c) =>
                c.byLot.map((x) => (
                  <div key={x.lotId}>
                    {x.productCode}/{x.lotCode}: {qty(x.qty, x.unit)}
                  </div>
                )),
            },
            {
              title: t('date'),
              key: 'd',
              render: (_, c) => [...new Set(c.shipments.map((s) => dateVi(s.date)))].join(', '),
            },
          ]}
        />
      </Card>
      <Card title={`${t('openStock')} (${scope.totals.lotsWithStock})`}>
        <Table
          rowKey={(r) => `${r.locationId}`}
          size="small"
          dataSource={scope.openStock}
          pagination={false}
          columns={[
            { title: t('location'), dataIndex: 'locationName', width: 220 },
            {
              title: t('lots'),
              key: 'lots',
              render: (_, s) =>
                s.lots.slice(0, 50).map((l) => (
                  <Tag key={l.lotId} color={l.status === 'available' ? 'red' : 'default'}>
                    {l.productCode}/{l.lotCode}: {qty(l.qty, l.unit)}
                    {l.status !== 'available' ? ` · ${t(`status_${l.status}` as 'status_available')}` : ''}
                  </Tag>
                )),
            },
            { title: '', key: 'n', width: 80, render: (_, s) => s.lots.length },
          ]}
        />
      </Card>
      <Card title={`${t('affectedLots')} (${scope.lots.length})`}>
        <Table<RecallLot>
          rowKey="id"
          size="small"
          dataSource={scope.lots}
          data-testid="recall-lots-table"
          pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
          columns={[
            { title: t('level'), dataIndex: 'depth', width: 60 },
            {
              title: t('lot'),
              key: 'lot',
              render: (_, l) => (
                <Link to={`/lots/${l.id}`}>
                  {l.productCode}/{l.code}
                </Link>
              ),
            },
            { title: t('product'), dataIndex: 'productName' },
            {
              title: t('status'),
              dataIndex: 'status',
              render: (s: string) => (
                <Tag color={s === 'on_hold' ? 'orange' : s === 'available' ? 'green' : 'default'}>
                  {t(`status_${s}` as 'status_available')}
                </Tag>
              ),
            },
            { title: t('balance'), key: 'b', align: 'right', render: (_, l) => qty(l.balance, l.unit) },
            {
              title: t('location'),
              key: 'loc',
              render: (_, l) => l.stock.map((s) => `${s.locationName}: ${qty(s.qty)}`).join(', '),
            },
            { title: t('shipments'), key: 'sh', align: 'right', render: (_, l) => qty(l.shipped, l.unit) },
          ]}
        />
      </Card>
    </Flex>
  );
}
