// One lot: what it is, where it stands (balance by location, status), where it came from and went,
// and every event of its history as a timeline — received, consumed by which batch, produced by which
// batch, shipped to whom, status changes, corrections and overrides. Status changes and corrections
// are new events with a reason; nothing is edited or deleted.
import { memo, useCallback, useDeferredValue, useState } from 'react';
import {
  App,
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Result,
  Row,
  Skeleton,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { ArrowLeftOutlined, EditOutlined, PrinterOutlined, RollbackOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { EventView, LotDetail, LotLink, LotShipment } from '../../../../shared/api/lots';
import { LOT_STATUSES, type LotStatus } from '../../../../shared/domain/lots';
import { KIND_WORDS } from '../../../../shared/i18n/records';
import { ApiError } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { currentLang } from '../../i18n';
import {
  dateText,
  dateTimeText,
  ExpiryText,
  hasPage,
  labelLink,
  LotStateTag,
  newRequestKey,
  qtyText,
  stateWord,
} from './common';
import { useMoreRows, useWhenVisible, type MoreRows } from './useMoreRows';
import { NumberInput, readableNumber } from '../../components/NumberInput';
import { RowLink } from '../../components/RowLink';
import { usePersonWords } from '../../shell/rights';

const DOC_PATHS: Record<string, string> = { batch: 'batches', receipt: 'receipts', shipment: 'shipments' };
const KIND_COLORS: Record<string, string> = {
  receipt: 'blue',
  production: 'green',
  shipment: 'purple',
  transfer: 'cyan',
  status: 'orange',
  correction: 'red',
  opening: 'default',
};

export function LotPage() {
  const { t } = useTranslation('records');
  const { id } = useParams();
  const lotId = Number(id);
  const q = useApiQuery('lots.get', { id: lotId }, { enabled: Number.isInteger(lotId) && lotId > 0 });
  const [status, setStatus] = useState<LotStatus | null>(null);
  const [correcting, setCorrecting] = useState<{ event: EventView; mode: 'correct' | 'reverse' } | null>(null);
  // The lot's facts show at once; its lists (a few hundred rows for a lot used thousands of times) render
  // just after, from a deferred copy of the answer: React renders that in slices between frames, so the
  // page never freezes while they are built.
  const lists = useDeferredValue(q.data);
  const onCorrect = useCallback((event: EventView, mode: 'correct' | 'reverse') => setCorrecting({ event, mode }), []);

  if (q.isPending) return <Skeleton active />;
  if (q.isError)
    return (
      <Result
        status="404"
        title={t('lots.notFound')}
        subTitle={q.error.message}
        extra={
          <Link to="/lots">
            <Button>{t('lots.backToList')}</Button>
          </Link>
        }
      />
    );
  const d: LotDetail = q.data;
  const lot = d.lot;
  const actions = lot.status === 'destroyed' ? [] : LOT_STATUSES.filter((s) => s !== lot.status);

  return (
    <Flex vertical gap={16} data-testid="lot-page">
      <Flex justify="space-between" align="start" gap={16}>
        <div>
          <Link to="/lots">
            <ArrowLeftOutlined /> {t('lots.backToList')}
          </Link>
          <Typography.Title level={3} style={{ margin: '4px 0 0' }}>
            <span style={{ fontFamily: 'monospace' }} data-testid="lot-code">
              {lot.code}
            </span>{' '}
            · {lot.productName} <LotStateTag state={lot.state} />
          </Typography.Title>
        </div>
        <Space wrap style={{ justifyContent: 'flex-end' }}>
          {hasPage('/trace') && (
            <Link to={`/trace?lot=${encodeURIComponent(`${lot.productCode}/${lot.code}`)}`}>
              <Button>{t('lots.recall')}</Button>
            </Link>
          )}
          {labelLink(lot) && (
            <Link to={labelLink(lot)!}>
              <Button icon={<PrinterOutlined />}>{t('common.printLabels')}</Button>
            </Link>
          )}
        </Space>
      </Flex>
      <Row gutter={16}>
        <Col span={16}>
          <Card size="small">
            <Descriptions size="small" column={2} data-testid="lot-facts">
              <Descriptions.Item label={t('common.product')}>
                {lot.productName} ({lot.productCode})
              </Descriptions.Item>
              <Descriptions.Item label={t('lots.balance')}>
                <Typography.Text strong style={{ fontSize: 18 }} data-testid="lot-balance">
                  {qtyText(lot.balance, lot.unit)}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('common.nsx')}>{dateText(lot.productionDate) || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('common.hsd')}>
                <ExpiryText date={lot.expiryDate} days={lot.daysToExpiry} />
              </Descriptions.Item>
              <Descriptions.Item label={t('lots.originLabel')}>{t(`lots.origin.${lot.origin}`)}</Descriptions.Item>
              {lot.supplierName && <Descriptions.Item label={t('lots.supplier')}>{lot.supplierName}</Descriptions.Item>}
              {lot.supplierLotCode && (
                <Descriptions.Item label={t('common.supplierLot')}>{lot.supplierLotCode}</Descriptions.Item>
              )}
              {lot.gtin && <Descriptions.Item label={t('lots.gtin')}>{lot.gtin}</Descriptions.Item>}
            </Descriptions>
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title={t('lots.stock')}>
            {lot.stock.length ? (
              lot.stock.map((s) => (
                <Flex key={s.locationId} justify="space-between">
                  <span>{s.locationName}</span>
                  <strong>{qtyText(s.qty, lot.unit)}</strong>
                </Flex>
              ))
            ) : (
              <Typography.Text type="secondary">{stateWord('used_up')}</Typography.Text>
            )}
            {actions.length > 0 && (
              <>
                <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12 }}>
                  {t('lots.changeStatus')}
                </Typography.Text>
                <Flex wrap gap={6} style={{ marginTop: 4 }}>
                  {actions.map((s) => (
                    <Button
                      key={s}
                      size="small"
                      danger={s === 'recalled' || s === 'destroyed'}
                      onClick={() => setStatus(s)}
                      data-testid={`status-${s}`}
                    >
                      {t(`lots.actions.${s}`)}
                    </Button>
                  ))}
                </Flex>
              </>
            )}
          </Card>
        </Col>
      </Row>
      {d.overrides.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('lots.overrides')}
          description={d.overrides
            .map((o) => `${dateTimeText(o.eventTime)} · ${stateWord(o.status)} · ${o.reason} (${o.user})`)
            .join('\n')}
          style={{ whiteSpace: 'pre-line' }}
          data-testid="lot-overrides"
        />
      )}
      {lists?.lot.id === lot.id ? <LotLists detail={lists} onCorrect={onCorrect} /> : <Skeleton active />}
      {status && <StatusModal lotId={lot.id} code={lot.code} status={status} onClose={() => setStatus(null)} />}
      {correcting && (
        <CorrectionModal event={correcting.event} mode={correcting.mode} onClose={() => setCorrecting(null)} />
      )}
    </Flex>
  );
}

/** Where the lot came from and went, and its history (not drawn again when a dialog opens). */
const LotLists = memo(function LotLists({
  detail: d,
  onCorrect,
}: {
  detail: LotDetail;
  onCorrect: (e: EventView, mode: 'correct' | 'reverse') => void;
}) {
  const { t } = useTranslation('records');
  const lot = d.lot;
  return (
    <>
      <Row gutter={16}>
        <Col span={8}>
          <Links title={t('lots.madeFrom')} lotId={lot.id} list="madeFrom" detail={d} testId="lot-made-from" />
        </Col>
        <Col span={8}>
          <Links title={t('lots.usedIn')} lotId={lot.id} list="usedIn" detail={d} testId="lot-used-in" />
        </Col>
        <Col span={8}>
          <ShippedTo lotId={lot.id} detail={d} />
        </Col>
      </Row>
      <History detail={d} onCorrect={onCorrect} />
    </>
  );
});

/** "Show more (N left)" under a list that has more rows on the server. */
function MoreButton<T>({ more }: { more: MoreRows<T> }) {
  const { t } = useTranslation('records');
  if (!more.left && !more.capped) return null;
  return (
    <Button size="small" type="link" loading={more.loading} onClick={more.loadMore} data-testid="lot-more">
      {more.capped ? t('lots.moreCapped') : t('lots.more', { count: more.left })}
    </Button>
  );
}

/** A card's title with "shown of total" once the list is longer than its first page. */
function countTitle<T>(title: string, more: MoreRows<T>, t: TFunction<'records'>): string {
  if (!more.left && !more.capped) return title;
  const total = more.capped ? `${more.rows.length + more.left}+` : more.rows.length + more.left;
  return `${title} · ${t('lots.countOf', { shown: more.rows.length, total })}`;
}

function Links({
  title,
  lotId,
  list,
  detail,
  testId,
}: {
  title: string;
  lotId: number;
  list: 'madeFrom' | 'usedIn';
  detail: LotDetail;
  testId: string;
}) {
  const { t } = useTranslation('records');
  const more = useMoreRows<LotLink>(lotId, list, detail[list], detail.totals[list]);
  return (
    <Card size="small" title={countTitle(title, more, t)} data-testid={testId}>
      <div style={{ maxHeight: 360, overflowY: 'auto' }}>
        {more.rows.length ? (
          more.rows.map((r) => (
            <div key={`${r.lotId}-${r.batchId}`} style={{ marginBottom: 6 }}>
              <Flex justify="space-between" gap={8}>
                <RowLink to={`/lots/${r.lotId}`} style={{ fontFamily: 'monospace' }}>
                  {r.lotCode}
                </RowLink>
                <strong style={{ whiteSpace: 'nowrap' }}>{qtyText(r.qty, r.unit)}</strong>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {r.productName}
                {r.batchCode ? ` · ${t('lots.batch', { code: r.batchCode })}` : ''}
              </Typography.Text>
            </div>
          ))
        ) : (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        )}
        <MoreButton more={more} />
      </div>
    </Card>
  );
}

function ShippedTo({ lotId, detail }: { lotId: number; detail: LotDetail }) {
  const { t } = useTranslation('records');
  const more = useMoreRows<LotShipment>(lotId, 'shippedTo', detail.shippedTo, detail.totals.shippedTo);
  return (
    <Card size="small" title={countTitle(t('lots.shippedTo'), more, t)} data-testid="lot-shipped-to">
      <div style={{ maxHeight: 360, overflowY: 'auto' }}>
        {more.rows.length ? (
          more.rows.map((s) => (
            <Flex key={s.shipmentId + s.date} justify="space-between" gap={8}>
              <span>
                {s.customerName ?? `→ ${s.toLocationName ?? ''}`}{' '}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {dateText(s.date)}
                  {s.documentRef ? ` · ${s.documentRef}` : ''}
                </Typography.Text>
              </span>
              <strong style={{ whiteSpace: 'nowrap' }}>{qtyText(s.qty, s.unit)}</strong>
            </Flex>
          ))
        ) : (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        )}
        <MoreButton more={more} />
      </div>
    </Card>
  );
}

/** The lot's events in time order; the next page is read when the end of the list scrolls into view. */
function History({
  detail: d,
  onCorrect,
}: {
  detail: LotDetail;
  onCorrect: (e: EventView, mode: 'correct' | 'reverse') => void;
}) {
  const { t } = useTranslation('records');
  const more = useMoreRows<EventView>(d.lot.id, 'history', d.history, d.totals.history);
  const end = useWhenVisible(more.loadMore);
  return (
    <Card size="small" title={countTitle(t('lots.history'), more, t)}>
      <Timeline
        data-testid="lot-history"
        items={more.rows.map((e) => ({
          color: KIND_COLORS[e.kind] ?? 'gray',
          content: <HistoryItem event={e} lotId={d.lot.id} onCorrect={(mode) => onCorrect(e, mode)} />,
        }))}
      />
      <div ref={end}>
        <MoreButton more={more} />
      </div>
    </Card>
  );
}

function HistoryItem({
  event: e,
  lotId,
  onCorrect,
}: {
  event: EventView;
  lotId: number;
  onCorrect: (mode: 'correct' | 'reverse') => void;
}) {
  const { t } = useTranslation('records');
  const lang = currentLang();
  const person = usePersonWords();
  const others = e.lines.filter((l) => l.lotId !== lotId);
  const reversed = e.correctedBy.length > 0;
  return (
    <div data-testid={`event-${e.kind}`}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text type="secondary">{dateTimeText(e.eventTime)}</Typography.Text>
        <Tag color={KIND_COLORS[e.kind]}>{KIND_WORDS[lang][e.kind] ?? e.kind}</Tag>
        {e.docType && e.docId && e.docType !== 'recall' ? (
          <RowLink to={`/${DOC_PATHS[e.docType]}/${e.docId}`} data-testid="event-doc-link">
            {e.docCode ? t('lots.batch', { code: e.docCode }) : (e.documentRef ?? t('lots.document'))}
          </RowLink>
        ) : (
          e.docCode && <Tag>{t('lots.batch', { code: e.docCode })}</Tag>
        )}
        {reversed && <Tag color="red">{t('lots.corrected')}</Tag>}
      </Flex>
      <div style={{ marginTop: 2 }}>
        <Typography.Text strong={!reversed} delete={false}>
          {e.summary}
        </Typography.Text>
      </div>
      {others.length > 0 && (
        <div style={{ fontSize: 13 }}>
          {others.map((l) => (
            <span key={l.lineId} style={{ marginRight: 12 }}>
              {l.role === 'input' ? '← ' : l.role === 'output' ? '→ ' : ''}
              <RowLink to={`/lots/${l.lotId}`} style={{ fontFamily: 'monospace' }}>
                {l.lotCode}
              </RowLink>{' '}
              {l.productName} {qtyText(l.qty, l.unit)}
            </span>
          ))}
        </div>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {[
          e.documentRef && `${t('lots.document')}: ${e.documentRef}`,
          e.reason && `${t('lots.reason')}: ${e.reason}`,
          e.correctsEventId && t('lots.correction', { id: e.correctsEventId }),
          t('lots.by', { user: person(e.user) }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography.Text>
      {e.kind !== 'correction' && (
        <Space size={4} style={{ marginLeft: 8 }}>
          {e.kind !== 'status' && (
            <Button
              size="small"
              type="link"
              icon={<EditOutlined />}
              onClick={() => onCorrect('correct')}
              data-testid="event-correct"
            >
              {t('lots.correct')}
            </Button>
          )}
          {!reversed && (
            <Button
              size="small"
              type="link"
              danger
              icon={<RollbackOutlined />}
              onClick={() => onCorrect('reverse')}
              data-testid="event-reverse"
            >
              {t('lots.reverse')}
            </Button>
          )}
        </Space>
      )}
    </div>
  );
}

function StatusModal({
  lotId,
  code,
  status,
  onClose,
}: {
  lotId: number;
  code: string;
  status: LotStatus;
  onClose: () => void;
}) {
  const { t } = useTranslation('records');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string; recallRef?: string }>();
  const [requestKey] = useState(newRequestKey);
  const m = useApiMutation('lots.setStatus');
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await m.mutateAsync({ lotIds: [lotId], status, reason: v.reason, recallRef: v.recallRef || null, requestKey });
      message.success(t('common.savedTitle'));
      onClose();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <Modal
      open
      title={t('lots.statusTitle', { code, status: stateWord(status) })}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={m.isPending}
      okText={t('common:save')}
      cancelText={t('common:cancel')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="status-form">
        <Form.Item
          name="reason"
          label={t('lots.reason')}
          rules={[{ required: true, whitespace: true, message: t('lots.reasonRequired') }]}
        >
          <Input.TextArea autoFocus autoSize={{ minRows: 2 }} maxLength={500} data-testid="status-reason" />
        </Form.Item>
        {status === 'recalled' && (
          <Form.Item name="recallRef" label={t('common.documentRef')}>
            <Input maxLength={100} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function CorrectionModal({
  event,
  mode,
  onClose,
}: {
  event: EventView;
  mode: 'correct' | 'reverse';
  onClose: () => void;
}) {
  const { t } = useTranslation('records');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string; qty: Record<string, number> }>();
  const [requestKey] = useState(newRequestKey);
  const correct = useApiMutation('events.correct');
  const reverse = useApiMutation('events.reverse');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      if (mode === 'reverse') await reverse.mutateAsync({ eventId: event.id, reason: v.reason, requestKey });
      else {
        const lines = event.lines
          .filter((l) => v.qty[l.lineId] !== undefined && v.qty[l.lineId] !== l.qty)
          .map((l) => ({ lineId: l.lineId, qty: v.qty[l.lineId] }));
        await correct.mutateAsync({
          eventId: event.id,
          lines: lines.length ? lines : [{ lineId: event.lines[0].lineId, qty: event.lines[0].qty }],
          reason: v.reason,
          requestKey,
        });
      }
      message.success(t('common.savedTitle'));
      onClose();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <Modal
      open
      width={640}
      title={mode === 'reverse' ? t('lots.reverseTitle') : t('lots.correctTitle')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={correct.isPending || reverse.isPending}
      okText={mode === 'reverse' ? t('lots.reverse') : t('common:save')}
      okButtonProps={{ danger: mode === 'reverse' }}
      cancelText={t('common:cancel')}
      destroyOnHidden
    >
      <Typography.Paragraph>{event.summary}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ qty: Object.fromEntries(event.lines.map((l) => [l.lineId, l.qty])) }}
        data-testid="correction-form"
      >
        {mode === 'correct' && (
          <Table
            size="small"
            rowKey="lineId"
            pagination={false}
            dataSource={event.lines}
            style={{ marginBottom: 12 }}
            columns={[
              { title: t('common.lotCode'), render: (_, l) => `${l.lotCode} · ${l.productName}` },
              { title: t('common.qty'), width: 110, render: (_, l) => qtyText(l.qty, l.unit) },
              {
                title: t('lots.correct'),
                width: 170,
                render: (_, l) => (
                  <Form.Item name={['qty', String(l.lineId)]} noStyle rules={[readableNumber]}>
                    <NumberInput min={0} unit={l.unit} style={{ width: 150 }} data-testid="correction-qty" />
                  </Form.Item>
                ),
              },
            ]}
          />
        )}
        <Form.Item
          name="reason"
          label={t('lots.reason')}
          rules={[{ required: true, whitespace: true, message: t('lots.reasonRequired') }]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} data-testid="correction-reason" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
      {!event.lines.length && <Empty />}
    </Modal>
  );
}
