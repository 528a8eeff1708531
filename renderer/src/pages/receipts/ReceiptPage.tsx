// Nhập hàng: goods received from a supplier. The header is pre-filled (today, the first warehouse, the
// supplier used last); each line is one lot, filled by hand or by scanning the GS1 barcode on the bag.
// Our lot code is proposed from the product's pattern and stays editable; the expiry is computed from
// the product's shelf life when only the production date is known.
import { useEffect, useMemo, useState } from 'react';
import { App, Alert, Button, Card, Col, DatePicker, Flex, Form, Input, Row, Select, Space, Typography } from 'antd';
import { CopyOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { Receipt, ScannedLine } from '../../../../shared/api/receipts';
import { addDays } from '../../../../shared/domain/lots';
import { UNITS, unitLabel } from '../../../../shared/domain/units';
import { ApiError } from '../../api/client';
import { useApi, useApiMutation, useApiQuery } from '../../api/hooks';
import { NumberInput, readableNumber } from '../../components/NumberInput';
import { clearDraft, readDraft, useLeaveGuard, writeDraft } from '../../forms/draft';
import { ScanInput } from '../../components/scan/ScanInput';
import { ReceiptSummary } from './ReceiptView';
import { currentLang } from '../../i18n';
import { RecordSubmit } from '../../components/FormParts';
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

type Line = {
  productId?: number;
  qty?: number | null;
  unit?: string;
  supplierLotCode?: string;
  productionDate?: Dayjs | null;
  expiryDate?: Dayjs | null;
  /** The expiry was computed (shelf life), so a new production date recomputes it. */
  expiryComputed?: boolean;
  lotCode?: string;
};
type Values = { supplierId?: number; date: Dayjs; documentRef?: string; locationId?: number; lines: Line[] };

const DATE_FORMAT = 'DD/MM/YYYY';
const DRAFT = 'receipt';
/** A line someone started filling in (a new form has one empty line). */
const started = (v: Partial<Values> | null | undefined) =>
  !!v?.lines?.some((l) => l && (l.productId || l.qty || l.supplierLotCode || l.lotCode));
const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

export function ReceiptPage() {
  const { t } = useTranslation('records');
  const api = useApi();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [requestKey, renewKey] = useRequestKey();
  const [saved, setSaved] = useState<Receipt | null>(null);
  const [scanError, setScanError] = useState<string | null>(null);
  const [scanBusy, setScanBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [draft] = useState(() => readDraft<Values>(DRAFT));
  const [dirty, setDirty] = useState(started(draft));
  useLeaveGuard(dirty);
  const { byId } = useProducts();
  const { locations, first } = useLocations('warehouse');
  const recent = useApiQuery('receipts.list', { limit: 30 });
  const recentSuppliers = useMemo(() => uniqueIds((recent.data?.items ?? []).map((r) => r.supplierId)), [recent.data]);
  const save = useApiMutation('receipts.create');
  const lang = currentLang();
  const watchedLines = Form.useWatch('lines', form) as Line[] | undefined;

  // Defaults that arrive with the data: the only/first warehouse and the supplier used last.
  useEffect(() => {
    if (first && !form.getFieldValue('locationId')) form.setFieldValue('locationId', first);
  }, [first, form, saved]);
  useEffect(() => {
    if (recentSuppliers[0] && !form.getFieldValue('supplierId')) form.setFieldValue('supplierId', recentSuppliers[0]);
  }, [recentSuppliers, form, saved]);

  const lineCodes = (except: number) =>
    (form.getFieldValue('lines') as Line[])
      .filter((_, i) => i !== except)
      .map((l) => l.lotCode)
      .filter((c): c is string => !!c);

  /** Proposes our lot code for line `i` (skipping codes other lines already use). */
  const proposeCode = async (i: number, productId: number) => {
    const date = iso(form.getFieldValue('date')) ?? undefined;
    try {
      const { code } = await api.call('lots.nextCode', { productId, date, exclude: lineCodes(i) });
      form.setFieldValue(['lines', i, 'lotCode'], code);
    } catch {
      // Leaving the code empty is fine: the server generates one when saving.
    }
  };

  const shelfLifeExpiry = (productId: number | undefined, production: Dayjs | null | undefined): Dayjs | null => {
    const days = productId ? byId.get(productId)?.shelfLifeDays : null;
    if (!production || days === null || days === undefined) return null;
    return dayjs(addDays(production.format('YYYY-MM-DD'), days));
  };

  const onValuesChange = (changed: Partial<Values>, all: Values) => {
    // What was typed is kept if the page is left before saving.
    if (started(all)) writeDraft(DRAFT, all);
    else clearDraft(DRAFT);
    setDirty(started(all));
    const changedLines = changed.lines;
    if (!changedLines) return;
    changedLines.forEach((c, i) => {
      if (!c) return;
      const line = form.getFieldValue(['lines', i]) as Line;
      if (c.productId !== undefined) {
        const p = byId.get(c.productId);
        if (p) form.setFieldValue(['lines', i, 'unit'], p.unit);
        void proposeCode(i, c.productId);
      }
      if (c.expiryDate !== undefined) form.setFieldValue(['lines', i, 'expiryComputed'], false);
      if (c.productionDate !== undefined || c.productId !== undefined) {
        if (!line.expiryDate || line.expiryComputed) {
          const exp = shelfLifeExpiry(line.productId, line.productionDate);
          form.setFieldValue(['lines', i, 'expiryDate'], exp);
          form.setFieldValue(['lines', i, 'expiryComputed'], !!exp);
        }
      }
    });
  };

  const onScan = async (scan: string) => {
    setScanError(null);
    setScanBusy(true);
    try {
      const s: ScannedLine = await api.call('receipts.parseScan', {
        scan,
        date: iso(form.getFieldValue('date')) ?? undefined,
      });
      const lines = [...(form.getFieldValue('lines') as Line[])];
      // Fill the first untouched line, else add one.
      let i = lines.findIndex((l) => !l.productId && !l.qty && !l.supplierLotCode);
      if (i < 0) i = lines.length;
      lines[i] = {
        productId: s.productId ?? undefined,
        qty: s.qty ?? null,
        unit: s.unit ?? (s.productId ? byId.get(s.productId)?.unit : undefined),
        supplierLotCode: s.supplierLotCode ?? undefined,
        productionDate: s.productionDate ? dayjs(s.productionDate) : null,
        expiryDate: s.expiryDate ? dayjs(s.expiryDate) : null,
        expiryComputed: s.expiryComputed,
        lotCode: s.lotCode ?? undefined,
      };
      form.setFieldValue('lines', lines);
      if (s.productId) await proposeCode(i, s.productId);
      if (s.warnings.length) setScanError(s.warnings.join(' '));
      else message.success(t('scan.added'));
      // The quantity is rarely in the barcode: put the cursor there.
      setTimeout(
        () =>
          document
            .querySelector<HTMLInputElement>(`[data-testid="line-qty-${i}"] input, input[data-testid="line-qty-${i}"]`)
            ?.focus(),
        50,
      );
    } catch (err) {
      setScanError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setScanBusy(false);
    }
  };

  const onFinish = async (v: Values) => {
    if (save.isPending) return;
    setFormError(null);
    const input = {
      supplierId: v.supplierId!,
      locationId: v.locationId!,
      date: iso(v.date) ?? undefined,
      documentRef: v.documentRef ?? null,
      lines: v.lines.map((l) => ({
        productId: l.productId!,
        qty: l.qty!,
        unit: l.unit,
        supplierLotCode: l.supplierLotCode || null,
        productionDate: iso(l.productionDate),
        expiryDate: iso(l.expiryDate),
        lotCode: l.lotCode || null,
      })),
      requestKey,
    };
    try {
      const r = await save.mutateAsync(input);
      message.success(t('receipt.saved', { count: r.lines.length }));
      clearDraft(DRAFT);
      setDirty(false);
      setSaved(r);
    } catch (err) {
      if (err instanceof ApiError) {
        const left = placeFieldErrors(form, err);
        if (left.length) setFormError(left.join(' '));
      } else setFormError(String(err));
    }
  };

  const again = () => {
    setSaved(null);
    renewKey();
    form.resetFields();
    form.setFieldsValue({ locationId: first, supplierId: recentSuppliers[0] });
  };

  if (saved) return <ReceiptSummary receipt={saved} onAgain={again} />;

  const unitOptions = UNITS.map((u) => ({ value: u.code, label: unitLabel(u.code, lang) }));

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('receipt.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('receipt.intro')}</Typography.Text>
      </div>
      {dirty && draft && (
        <Alert
          type="info"
          showIcon
          data-testid="receipt-draft"
          title={t('receipt.draftKept')}
          action={
            <Button
              size="small"
              onClick={() => {
                clearDraft(DRAFT);
                setDirty(false);
                form.resetFields();
                form.setFieldsValue({ date: dayjs(), lines: [{}], locationId: first, supplierId: recentSuppliers[0] });
              }}
            >
              {t('receipt.draftDiscard')}
            </Button>
          }
        />
      )}
      <Card size="small">
        <ScanInput onScan={(s) => void onScan(s)} busy={scanBusy} error={scanError} />
      </Card>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        onValuesChange={onValuesChange}
        initialValues={draft ?? { date: dayjs(), lines: [{}] }}
        data-testid="receipt-form"
        requiredMark={false}
        onKeyDown={(e) => {
          // Enter confirms a date or a pick, it must not save a receipt that still has lines to add.
          if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') e.preventDefault();
        }}
      >
        <Card size="small">
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item
                name="supplierId"
                label={t('receipt.supplier')}
                rules={[{ required: true, message: t('common.requiredField') }]}
              >
                <PartnerSelect
                  kind="supplier"
                  recentIds={recentSuppliers}
                  testId="receipt-supplier"
                  placeholder={t('receipt.supplierPlaceholder')}
                />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item
                name="date"
                label={t('common.date')}
                rules={[{ required: true, message: t('common.requiredField') }]}
              >
                <DatePicker
                  format={DATE_FORMAT}
                  allowClear={false}
                  style={{ width: '100%' }}
                  data-testid="receipt-date"
                />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item name="documentRef" label={t('receipt.documentRef')}>
                <Input maxLength={60} data-testid="receipt-docref" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item
                name="locationId"
                label={t('common.location')}
                rules={[{ required: true, message: t('common.requiredField') }]}
              >
                <Select
                  options={locations.map((l) => ({ value: l.id, label: l.name }))}
                  data-testid="receipt-location"
                />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Typography.Title level={5} style={{ margin: '16px 0 8px' }}>
          {t('receipt.lines')}
        </Typography.Title>
        <Form.List
          name="lines"
          rules={[
            {
              validator: async (_, v: Line[]) => {
                if (!v?.length) throw new Error(t('receipt.noLines'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <Flex vertical gap={8}>
              {fields.map((f, i) => (
                <Card
                  size="small"
                  key={f.key}
                  data-testid={`receipt-line-${i}`}
                  styles={{ body: { paddingBottom: 0 } }}
                >
                  <Row gutter={10} align="top">
                    <Col span={9}>
                      <Form.Item
                        name={[f.name, 'productId']}
                        label={`${i + 1}. ${t('common.product')}`}
                        rules={[{ required: true, message: t('common.requiredField') }]}
                      >
                        <ProductSelect testId={`line-product-${i}`} />
                      </Form.Item>
                    </Col>
                    <Col span={4}>
                      <Form.Item
                        name={[f.name, 'qty']}
                        label={t('common.qty')}
                        rules={[{ required: true, message: t('common.requiredField') }, readableNumber]}
                      >
                        <NumberInput
                          min={0}
                          minExclusive
                          data-testid={`line-qty-${i}`}
                          unit={watchedLines?.[f.name]?.unit}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={3}>
                      <Form.Item name={[f.name, 'unit']} label={t('common.unit')}>
                        <Select options={unitOptions} data-testid={`line-unit-${i}`} popupMatchSelectWidth={false} />
                      </Form.Item>
                    </Col>
                    <Col span={8}>
                      <Form.Item
                        name={[f.name, 'lotCode']}
                        label={t('common.ourLotCode')}
                        tooltip={t('common.proposedCode')}
                      >
                        <Input maxLength={20} data-testid={`line-lot-${i}`} style={{ fontFamily: 'monospace' }} />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Row gutter={10} align="top">
                    <Col span={7}>
                      <Form.Item name={[f.name, 'supplierLotCode']} label={t('common.supplierLot')}>
                        <Input maxLength={40} data-testid={`line-supplier-lot-${i}`} />
                      </Form.Item>
                    </Col>
                    <Col span={5}>
                      <Form.Item name={[f.name, 'productionDate']} label={t('common.nsx')}>
                        <DatePicker
                          format={DATE_FORMAT}
                          placeholder={t('common.datePlaceholder')}
                          style={{ width: '100%' }}
                          data-testid={`line-nsx-${i}`}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={5}>
                      <Form.Item noStyle shouldUpdate>
                        {() => (
                          <Form.Item
                            name={[f.name, 'expiryDate']}
                            label={t('common.hsd')}
                            extra={
                              form.getFieldValue(['lines', f.name, 'expiryComputed']) ? t('common.computed') : undefined
                            }
                          >
                            <DatePicker
                              format={DATE_FORMAT}
                              placeholder={t('common.datePlaceholder')}
                              style={{ width: '100%' }}
                              data-testid={`line-hsd-${i}`}
                            />
                          </Form.Item>
                        )}
                      </Form.Item>
                      <Form.Item name={[f.name, 'expiryComputed']} hidden>
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col span={7} style={{ paddingTop: 30 }}>
                      <Space>
                        <Button
                          icon={<CopyOutlined />}
                          onClick={() => {
                            const l = form.getFieldValue(['lines', f.name]) as Line;
                            add({ productId: l.productId, unit: l.unit });
                            if (l.productId) void proposeCode(fields.length, l.productId);
                          }}
                          title={t('common.addLot')}
                        >
                          {t('common.addLot').replace('…', '')}
                        </Button>
                        {fields.length > 1 && (
                          <Button
                            icon={<DeleteOutlined />}
                            onClick={() => remove(f.name)}
                            aria-label={t('common.remove')}
                            data-testid={`line-remove-${i}`}
                          />
                        )}
                      </Space>
                    </Col>
                  </Row>
                </Card>
              ))}
              <Form.ErrorList errors={errors} />
              <div>
                <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="add-line">
                  {t('common.addLine')}
                </Button>
              </div>
            </Flex>
          )}
        </Form.List>
        <RecordSubmit error={formError} saving={save.isPending} label={t('receipt.save')} />
      </Form>
      <RecentReceipts />
    </Flex>
  );
}

function RecentReceipts() {
  const { t } = useTranslation('records');
  return (
    <RecentCard
      title={t('receipt.recent')}
      method="receipts.list"
      columns={[
        {
          title: t('common.date'),
          dataIndex: 'date',
          width: 110,
          render: (d: string, r) => <Link to={`/receipts/${r.id}`}>{dateText(d)}</Link>,
        },
        { title: t('receipt.supplier'), dataIndex: 'supplierName' },
        { title: t('receipt.documentRef'), dataIndex: 'documentRef', width: 150 },
        { title: t('common.product'), dataIndex: 'products', ellipsis: true },
        { title: t('common.location'), dataIndex: 'locationName', width: 160 },
      ]}
    />
  );
}
