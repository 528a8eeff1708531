// The operator print screen: product → lot (newest usable first) → template → printer → quantity → Print, with
// the preview the printer will print (the same 1-bit bitmap, fitted, at true size or to the dot) and every check
// named in words.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Form, Input, List, Row, Select, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { WithReason } from '../../shell/rights';
import { useSearchParams } from 'react-router-dom';
import type { PrintJob } from '../../../../shared/api/labels';
import { useApi, useApiQuery } from '../../api/hooks';
import type { ApiError } from '../../api/client';
import { ChecksOk } from './ChecksOk';
import { TrueSizePreview } from '../../components/TrueSizePreview';
import { isNumber, NumberInput } from '../../components/NumberInput';
import { foldedSearch, stateWord } from '../lots/common';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function PrintPage() {
  const { t } = useTranslation('labels');
  const api = useApi();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const [productId, setProductId] = useState<number | undefined>(
    params.get('productId') ? Number(params.get('productId')) : undefined,
  );
  const [lotId, setLotId] = useState<number | undefined>(params.get('lotId') ? Number(params.get('lotId')) : undefined);
  const [template, setTemplate] = useState<string>('default:food-50x30');
  const [printerId, setPrinterId] = useState<number | undefined>();
  const [copies, setCopies] = useState(1);
  const [job, setJob] = useState<PrintJob | null>(null);
  const [reason, setReason] = useState('');
  const me = useApiQuery('users.me', {});

  const products = useApiQuery('products.list', { limit: 500 });
  const lots = useApiQuery(
    'lots.list',
    { productId, inStock: true, sort: 'createdAt', order: 'desc', limit: 200 },
    { enabled: !!productId },
  );
  const templates = useApiQuery('labels.templates', {});
  const printers = useApiQuery('printers.list', {});
  // The first printer that can take the chosen template, once both lists are here (either may come last).
  useEffect(() => {
    if (printerId !== undefined || !printers.data?.length || !templates.data) return;
    const sheet = !!templates.data.find((x) => x.ref === template)?.template.sheet;
    setPrinterId((printers.data.find((x) => (x.kind === 'page') === sheet) ?? printers.data[0]).id);
  }, [printers.data, templates.data, template, printerId]);
  useEffect(() => {
    if (lotId === undefined && lots.data?.items.length) setLotId(lots.data.items[0].id);
  }, [lots.data, lotId]);
  // A carton label carries the next SSCC of the business (allocated when it prints; the preview shows it).
  const isCarton = templates.data?.find((x) => x.ref === template)?.purpose === 'carton';
  const nextSscc = useApiQuery('labels.nextSscc', {}, { enabled: isCarton });
  const previewSscc = isCarton ? nextSscc.data?.sscc : undefined;
  const preview = useApiQuery(
    'labels.preview',
    { lotId, template, printerId, ...(previewSscc ? { sscc: previewSscc } : {}) },
    { enabled: !!lotId && (!isCarton || !!previewSscc || !!nextSscc.error) },
  );
  // An A4 sheet prints on an office printer: choosing one picks the first office printer, and back.
  function pickTemplate(ref: string) {
    setTemplate(ref);
    const sheet = !!templates.data?.find((x) => x.ref === ref)?.template.sheet;
    const current = printers.data?.find((x) => x.id === printerId);
    if (current && (current.kind === 'page') === sheet) return;
    const fit = printers.data?.find((x) => (x.kind === 'page') === sheet);
    if (fit) setPrinterId(fit.id);
  }
  const lot = lots.data?.items.find((l) => l.id === lotId);
  const blocked = lot && !lot.usable && lot.state !== 'available' ? lot : null;
  const isOwner = me.data?.role === 'owner';

  async function print() {
    if (!lotId || !printerId) return;
    try {
      let j = await api.call('print.submit', {
        lotId,
        template,
        printerId,
        copies,
        requestKey: `${lotId}-${template}-${printerId}-${Date.now()}`,
        ...(blocked ? { override: { reason } } : {}),
        ...(isCarton ? { sscc: 'next' as const } : {}),
      });
      setJob(j);
      while (j.status === 'queued' || j.status === 'sending') {
        await sleep(300);
        j = await api.call('print.job', { id: j.id });
        setJob(j);
      }
      if (isCarton) void nextSscc.refetch();
      if (j.status === 'done') message.success(t('print.done', { count: j.copies }));
      else if (j.error) message.error(j.error.message);
    } catch (err) {
      message.error((err as ApiError).message);
    }
  }

  const p = preview.data;
  // Why the print button cannot be pressed yet, in words (the first thing to do).
  const printBlocked = !lotId
    ? t('print.needLot')
    : !printerId
      ? t('print.needPrinter')
      : !isNumber(copies)
        ? t('print.needCopies')
        : blocked && !isOwner
          ? t('print.blockedStaff')
          : blocked && reason.trim().length < 5
            ? t('print.needReason')
            : !p?.ok
              ? t('print.needFix')
              : undefined;
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3}>{t('print.title')}</Typography.Title>
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card>
            <Form layout="vertical">
              <Form.Item label={t('print.product')}>
                <Select
                  showSearch={foldedSearch}
                  value={productId}
                  onChange={(v) => {
                    setProductId(v);
                    setLotId(undefined);
                  }}
                  options={products.data?.items.map((x) => ({ value: x.id, label: `${x.name} (${x.code})` }))}
                  data-testid="print-product"
                />
              </Form.Item>
              <Form.Item label={t('print.lot')}>
                <Select
                  value={lotId}
                  onChange={setLotId}
                  options={lots.data?.items.map((l) => ({
                    value: l.id,
                    label: `${l.code}${l.expiryDate ? ` · HSD ${l.expiryDate.split('-').reverse().join('/')}` : ''}`,
                  }))}
                  data-testid="print-lot"
                />
              </Form.Item>
              {blocked && (
                <Alert
                  type="error"
                  showIcon
                  style={{ marginBottom: 16 }}
                  data-testid="print-blocked"
                  title={t('print.blockedLot', { lot: blocked.code, state: stateWord(blocked.state) })}
                  description={
                    isOwner ? (
                      <Flex vertical gap={6}>
                        {t('print.blockedOwner')}
                        <Input
                          value={reason}
                          onChange={(e) => setReason(e.target.value)}
                          placeholder={t('print.blockedReason')}
                          maxLength={500}
                          data-testid="print-override-reason"
                        />
                      </Flex>
                    ) : (
                      t('print.blockedStaff')
                    )
                  }
                />
              )}
              <Form.Item label={t('print.template')}>
                <Select
                  value={template}
                  onChange={pickTemplate}
                  options={templates.data?.map((x) => ({ value: x.ref, label: `${x.name}` }))}
                  data-testid="print-template"
                />
              </Form.Item>
              <Form.Item label={t('print.printer')}>
                {printers.data?.length === 0 ? (
                  <Alert type="warning" title={t('print.noPrinter')} />
                ) : (
                  <Select
                    value={printerId}
                    onChange={setPrinterId}
                    options={printers.data?.map((x) => ({
                      value: x.id,
                      label: `${x.name} (${x.kind === 'page' ? 'A4' : t(`printerKindShort.${x.language}`)}, ${x.dpi} dpi)`,
                    }))}
                    data-testid="print-printer"
                  />
                )}
              </Form.Item>
              <Form.Item label={t('print.copies')}>
                <NumberInput
                  min={1}
                  max={10000}
                  decimals={0}
                  value={copies}
                  onChange={(v) => setCopies(v ?? NaN)}
                  style={{ width: 140 }}
                  data-testid="print-copies"
                />
              </Form.Item>
              <WithReason reason={printBlocked}>
                <Button
                  type="primary"
                  size="large"
                  icon={<PrinterOutlined />}
                  disabled={!!printBlocked}
                  loading={job?.status === 'queued' || job?.status === 'sending'}
                  onClick={print}
                  data-testid="print-go"
                >
                  {t('print.print')}
                </Button>
              </WithReason>
              {job && (
                <Typography.Paragraph style={{ marginTop: 12 }} data-testid="print-status">
                  #{job.id}: {t(`log.status_${job.status}`)}
                  {job.error ? ` — ${job.error.message}` : ''}
                </Typography.Paragraph>
              )}
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t('print.preview')}>
            {!lotId && <Typography.Text type="secondary">{t('print.pickLot')}</Typography.Text>}
            {preview.error && <Alert type="error" title={preview.error.message} />}
            {isCarton && nextSscc.error && <Alert type="error" title={nextSscc.error.message} />}
            {isCarton && previewSscc && (
              <Typography.Paragraph data-testid="print-sscc">
                {t('print.sscc', { sscc: job?.sscc ?? previewSscc })}
              </Typography.Paragraph>
            )}
            {p && (
              <Flex vertical gap={12}>
                {p.png && <TrueSizePreview bitmap={{ ...p, png: p.png }} />}
                <Typography.Text type="secondary">
                  {t('print.size', { w: p.widthMm, h: p.heightMm, dots: `${p.widthDots}×${p.heightDots}`, dpi: p.dpi })}
                </Typography.Text>
                {p.problems.length === 0 ? (
                  <ChecksOk preview={p} />
                ) : (
                  <List
                    size="small"
                    dataSource={p.problems}
                    data-testid="label-problems"
                    renderItem={(x) => (
                      <List.Item>
                        <Alert
                          style={{ width: '100%' }}
                          type={x.severity === 'error' ? 'error' : 'warning'}
                          title={x.message}
                        />
                      </List.Item>
                    )}
                  />
                )}
              </Flex>
            )}
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
