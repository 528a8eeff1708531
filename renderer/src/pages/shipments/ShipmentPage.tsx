// Xuất hàng: goods to a customer, or an internal transfer to another own location. Each line is a
// product and a quantity; the lots are proposed first-expired-first-out from the chosen location and
// can be changed (held or expired lots only with a written reason).
import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Col, DatePicker, Flex, Form, Input, Radio, Row, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { ProposedLot } from '../../../../shared/api/lots';
import type { Shipment } from '../../../../shared/api/shipments';
import { ApiError } from '../../api/client';
import { useApi, useApiMutation, useApiQuery } from '../../api/hooks';
import {
  dateText,
  RecentCard,
  PartnerSelect,
  placeFieldErrors,
  ProductSelect,
  uniqueIds,
  useLocations,
  useProducts,
  useRequestKey,
} from '../lots/common';
import { LotRows, overUse, pickedToLines, type PickedLot } from '../lots/LotRows';
import { isNumber, NumberInput } from '../../components/NumberInput';
import { ShipmentSummary } from './ShipmentView';
import { RecordSubmit } from '../../components/FormParts';

type Header = {
  kind: 'customer' | 'transfer';
  customerId?: number;
  fromLocationId?: number;
  toLocationId?: number;
  date: Dayjs;
  documentRef?: string;
  vehiclePlate?: string;
  driver?: string;
};
type Line = {
  key: number;
  productId?: number;
  qty: number | null;
  rows: PickedLot[];
  others: ProposedLot[];
  loading: boolean;
  /** The quantity the lots were proposed for: leaving the field again does not undo lots picked by hand. */
  proposedFor?: number | null;
};

let lineKeys = 0;
const emptyLine = (): Line => ({ key: ++lineKeys, qty: null, rows: [], others: [], loading: false });

export function ShipmentPage() {
  const { t } = useTranslation('records');
  const api = useApi();
  const { message } = App.useApp();
  const [form] = Form.useForm<Header>();
  const kind = Form.useWatch('kind', form) ?? 'customer';
  const from = Form.useWatch('fromLocationId', form);
  const [lines, setLines] = useState<Line[]>([emptyLine()]);
  const [requestKey, renewKey] = useRequestKey();
  const [saved, setSaved] = useState<Shipment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { byId } = useProducts();
  const { locations, first } = useLocations('warehouse');
  const recent = useApiQuery('shipments.list', { limit: 30 });
  const recentCustomers = useMemo(() => uniqueIds((recent.data?.items ?? []).map((s) => s.customerId)), [recent.data]);
  const create = useApiMutation('shipments.create');

  useEffect(() => {
    if (first && !form.getFieldValue('fromLocationId')) form.setFieldValue('fromLocationId', first);
  }, [first, form, saved]);

  const propose = async (
    key: number,
    productId: number | undefined,
    qty: number | null,
    locationId: number | undefined,
  ) => {
    if (!productId || !isNumber(qty) || qty <= 0) return;
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, loading: true } : l)));
    try {
      const p = await api.call('lots.propose', { productId, qty, locationId });
      setLines((ls) =>
        ls.map((l) =>
          l.key === key
            ? { ...l, rows: p.lots.map((x) => ({ ...x })), others: p.otherLots, loading: false, proposedFor: qty }
            : l,
        ),
      );
    } catch (err) {
      setLines((ls) => ls.map((l) => (l.key === key ? { ...l, loading: false } : l)));
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };

  // A new "from" location re-proposes every line from that location's stock.
  useEffect(() => {
    for (const l of lines) void propose(l.key, l.productId, l.qty, from);
    // Only when the location changes.
  }, [from]);

  const setLine = (key: number, patch: Partial<Line>, repropose = false) => {
    let next: Line | undefined;
    setLines((ls) => ls.map((l) => (l.key === key ? (next = { ...l, ...patch }) : l)));
    if (repropose)
      setTimeout(() => next && void propose(key, next.productId, next.qty, form.getFieldValue('fromLocationId')), 0);
  };

  const onFinish = async (h: Header) => {
    if (create.isPending) return;
    setError(null);
    const picked = lines.flatMap((l) => l.rows);
    if (!picked.some((r) => r.selected > 0)) return setError(t('receipt.noLines'));
    if (picked.some((r) => r.blockedState && !r.reason?.trim())) return setError(t('lots.reasonRequired'));
    const over = overUse(picked);
    if (over.length) return setError(over.join(' '));
    try {
      const s = await create.mutateAsync({
        kind: h.kind,
        customerId: h.kind === 'customer' ? h.customerId : undefined,
        toLocationId: h.kind === 'transfer' ? h.toLocationId : undefined,
        fromLocationId: h.fromLocationId!,
        date: h.date.format('YYYY-MM-DD'),
        documentRef: h.documentRef ?? null,
        vehiclePlate: h.vehiclePlate ?? null,
        driver: h.driver ?? null,
        lines: lines.flatMap((l) => pickedToLines(l.rows)),
        requestKey,
      });
      message.success(t('shipment.saved'));
      setSaved(s);
    } catch (err) {
      if (err instanceof ApiError) {
        const left = placeFieldErrors(form, err);
        if (left.length) setError(left.join(' '));
      } else setError(String(err));
    }
  };

  if (saved) {
    return (
      <ShipmentSummary
        shipment={saved}
        onAgain={() => {
          setSaved(null);
          renewKey();
          setLines([emptyLine()]);
          form.resetFields();
          form.setFieldValue('fromLocationId', first);
        }}
      />
    );
  }

  const locOptions = locations.map((l) => ({ value: l.id, label: l.name }));
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('shipment.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('shipment.intro')}</Typography.Text>
      </div>
      <Form<Header>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ kind: 'customer', date: dayjs() }}
        requiredMark={false}
        data-testid="shipment-form"
        onKeyDown={(e) => {
          // Enter confirms a date or a quantity; saving a shipment takes the save button.
          if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') e.preventDefault();
        }}
      >
        <Card size="small">
          <Form.Item name="kind" style={{ marginBottom: 12 }}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={[
                { value: 'customer', label: t('shipment.toCustomer') },
                { value: 'transfer', label: t('shipment.transfer') },
              ]}
              data-testid="shipment-kind"
            />
          </Form.Item>
          <Row gutter={12}>
            <Col span={8}>
              {kind === 'customer' ? (
                <Form.Item
                  name="customerId"
                  label={t('shipment.customer')}
                  rules={[{ required: true, message: t('common.requiredField') }]}
                >
                  <PartnerSelect
                    kind="customer"
                    recentIds={recentCustomers}
                    testId="shipment-customer"
                    placeholder={t('receipt.supplierPlaceholder')}
                  />
                </Form.Item>
              ) : (
                <Form.Item
                  name="toLocationId"
                  label={t('shipment.to')}
                  rules={[{ required: true, message: t('common.requiredField') }]}
                >
                  <Select options={locOptions.filter((o) => o.value !== from)} data-testid="shipment-to" />
                </Form.Item>
              )}
            </Col>
            <Col span={6}>
              <Form.Item
                name="fromLocationId"
                label={t('shipment.from')}
                rules={[{ required: true, message: t('common.requiredField') }]}
              >
                <Select options={locOptions} data-testid="shipment-from" />
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item name="date" label={t('common.date')}>
                <DatePicker format="DD/MM/YYYY" allowClear={false} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="documentRef" label={t('common.documentRef')}>
                <Input maxLength={60} data-testid="shipment-docref" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col span={6}>
              <Form.Item name="vehiclePlate" label={t('shipment.vehiclePlate')} style={{ marginBottom: 0 }}>
                <Input maxLength={20} placeholder="60C-123.45" data-testid="shipment-plate" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="driver" label={t('shipment.driver')} style={{ marginBottom: 0 }}>
                <Input maxLength={100} data-testid="shipment-driver" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Typography.Title level={5} style={{ margin: '16px 0 8px' }}>
          {t('shipment.lines')}
        </Typography.Title>
        <Flex vertical gap={8}>
          {lines.map((l, i) => {
            const unit = l.productId ? (byId.get(l.productId)?.unit ?? '') : '';
            return (
              <Card size="small" key={l.key} data-testid={`shipment-line-${i}`} loading={false}>
                <Flex gap={12} align="start" style={{ marginBottom: l.productId && l.qty ? 8 : 0 }}>
                  <ProductSelect
                    value={l.productId}
                    onChange={(v) => setLine(l.key, { productId: v, rows: [], others: [] }, true)}
                    testId={`ship-product-${i}`}
                    style={{ width: 380 }}
                  />
                  <NumberInput
                    min={0}
                    minExclusive
                    value={l.qty}
                    placeholder={t('shipment.qtyWanted')}
                    onChange={(v) => setLine(l.key, { qty: v })}
                    onBlur={() => setLine(l.key, {}, l.qty !== l.proposedFor)}
                    onPressEnter={(e) => {
                      e.preventDefault();
                      setLine(l.key, {}, l.qty !== l.proposedFor);
                    }}
                    unit={unit || undefined}
                    style={{ width: 200 }}
                    data-testid={`ship-qty-${i}`}
                  />
                  {lines.length > 1 && (
                    <Button
                      icon={<DeleteOutlined />}
                      onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}
                      aria-label={t('common.remove')}
                    />
                  )}
                </Flex>
                {l.productId && isNumber(l.qty) && l.qty > 0 ? (
                  <LotRows
                    productId={l.productId}
                    rows={l.rows}
                    others={l.others}
                    need={l.qty}
                    unit={unit}
                    onChange={(rows) => setLine(l.key, { rows })}
                    testId={`ship-lots-${i}`}
                  />
                ) : null}
              </Card>
            );
          })}
          <div>
            <Button
              icon={<PlusOutlined />}
              onClick={() => setLines((ls) => [...ls, emptyLine()])}
              data-testid="add-line"
            >
              {t('common.addLine')}
            </Button>
          </div>
        </Flex>
        <RecordSubmit error={error} saving={create.isPending} label={t('shipment.save')} />
      </Form>
      <RecentShipments />
    </Flex>
  );
}

function RecentShipments() {
  const { t } = useTranslation('records');
  return (
    <RecentCard
      title={t('shipment.recent')}
      method="shipments.list"
      columns={[
        {
          title: t('common.date'),
          dataIndex: 'date',
          width: 110,
          render: (d: string, s) => <Link to={`/shipments/${s.id}`}>{dateText(d)}</Link>,
        },
        { title: t('shipment.customer'), render: (_, s) => s.customerName ?? `→ ${s.toLocationName ?? ''}` },
        { title: t('common.documentRef'), dataIndex: 'documentRef', width: 140 },
        { title: t('common.product'), dataIndex: 'products', ellipsis: true },
        { title: t('shipment.vehiclePlate'), dataIndex: 'vehiclePlate', width: 120 },
      ]}
    />
  );
}
