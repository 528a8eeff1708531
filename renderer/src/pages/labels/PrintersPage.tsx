// Printer setup: a profile per printer (address, language, dpi, media, size, offsets, darkness, speed; for a
// receipt printer paper width, make, cut, beep and drawer instead of the label media), the
// printers installed on this computer to pick from, a calibration label and a one-label test print.
import { useState } from 'react';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { Printer } from '../../../../shared/api/labels';
import { useApi, useApiMutation, useApiQuery } from '../../api/hooks';
import type { ApiError } from '../../api/client';
import { NumberInput, readableNumber } from '../../components/NumberInput';

const EMPTY = {
  language: 'tspl',
  dpi: 203,
  media: 'gap',
  gapMm: 2,
  labelWidthMm: 50,
  labelHeightMm: 30,
  headWidthMm: 104,
  offsetXMm: 0,
  offsetYMm: 0,
  darkness: 8,
  speed: 4,
  isDefault: false,
  kind: 'label',
  commandSet: 'epson',
  cut: 'partial',
  beep: false,
  cashDrawer: false,
};

export function PrintersPage() {
  const { t } = useTranslation('labels');
  const api = useApi();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [editing, setEditing] = useState<number | null>(null);
  const printers = useApiQuery('printers.list', {});
  const installed = useApiQuery('printers.installed', {});
  const save = useApiMutation('printers.save', { invalidates: ['printers.'] });
  const archive = useApiMutation('printers.archive', { invalidates: ['printers.'] });
  const kind = Form.useWatch('kind', form) as Printer['kind'] | undefined;

  async function onSave(values: Record<string, unknown>) {
    try {
      await save.mutateAsync({
        ...(values as Parameters<typeof save.mutateAsync>[0]),
        // An office printer has no printer language to choose: its pages go through the driver (or as a PDF).
        ...(values.kind === 'page' ? { language: 'driver' as const } : {}),
        ...(editing ? { id: editing } : {}),
      });
      setEditing(null);
      form.setFieldsValue({ ...EMPTY, name: '', uri: '' });
    } catch (err) {
      message.error((err as ApiError).message);
    }
  }

  async function test(p: Printer, kind: 'calibration' | 'test') {
    try {
      const j = await api.call('print.test', { printerId: p.id, kind });
      message.info(t('printers.sent', { id: j.id }));
    } catch (err) {
      message.error((err as ApiError).message);
    }
  }

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3}>{t('printers.title')}</Typography.Title>
      <Table<Printer>
        rowKey="id"
        dataSource={printers.data ?? []}
        pagination={false}
        columns={[
          { title: t('printers.name'), dataIndex: 'name' },
          { title: t('printers.uri'), dataIndex: 'uri' },
          {
            title: t('printers.language'),
            render: (_, p) =>
              p.kind === 'receipt'
                ? `${t('printers.kind_receipt')} · ${p.paperWidthMm} mm · ${t(`printers.commandSet_${p.commandSet}`)}`
                : p.kind === 'page'
                  ? `${t('printers.kind_page')} · ${p.dpi} dpi`
                  : `${t(`printerKind.${p.language}`)} · ${p.dpi} dpi · ${p.labelWidthMm}×${p.labelHeightMm} mm`,
          },
          {
            title: '',
            render: (_, p) => (
              <Space wrap>
                {p.kind !== 'receipt' && (
                  <>
                    <Button onClick={() => test(p, 'calibration')}>{t('printers.calibration')}</Button>
                    <Button onClick={() => test(p, 'test')}>{t('printers.test')}</Button>
                  </>
                )}
                <Button
                  onClick={() => {
                    setEditing(p.id);
                    form.setFieldsValue({ ...p, paperWidthMm: p.paperWidthMm ?? undefined });
                  }}
                >
                  {t('printers.save')}
                </Button>
                <Button danger onClick={() => archive.mutate({ id: p.id })}>
                  {t('printers.archive')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Card title={editing ? `${t('printers.save')} #${editing}` : t('printers.add')}>
        <Form form={form} layout="vertical" initialValues={EMPTY} onFinish={onSave}>
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item name="name" label={t('printers.name')} rules={[{ required: true }]}>
                <Input data-testid="printer-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item
                name="uri"
                label={t('printers.uri')}
                extra={t('printers.uriHelp')}
                rules={[{ required: true }]}
              >
                <AutoComplete
                  options={(installed.data ?? []).map((p) => ({
                    // An office printer on Windows prints A4 pages through its driver, not as a RAW job.
                    value: kind === 'page' ? p.uri.replace(/^windows:/, 'driver:') : p.uri,
                    label: `${p.name}${p.isDefault ? ' *' : ''}`,
                  }))}
                  data-testid="printer-uri"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="kind" label={t('printers.kind')}>
                <Select
                  data-testid="printer-kind"
                  options={['label', 'receipt', 'page'].map((v) => ({ value: v, label: t(`printers.kind_${v}`) }))}
                  onChange={(v) => {
                    if (v === 'receipt') form.setFieldsValue({ language: 'escpos', paperWidthMm: 80 });
                    if (v === 'page') form.setFieldsValue({ language: 'driver', dpi: 300 });
                  }}
                />
              </Form.Item>
            </Col>
            {kind === 'receipt' && <ReceiptFields />}
            {kind === 'page' && (
              <Col xs={24}>
                <Alert
                  type="info"
                  showIcon
                  title={t('printers.pageHelp')}
                  style={{ marginBottom: 16 }}
                  data-testid="printer-page-help"
                />
              </Col>
            )}
          </Row>
          <Row gutter={12}>
            {kind !== 'page' && (
              <Col xs={12} md={6}>
                <Form.Item name="language" label={t('printers.language')}>
                  <Select
                    options={['tspl', 'zpl', 'escpos', 'driver'].map((v) => ({
                      value: v,
                      label: t(`printerKind.${v}`),
                    }))}
                  />
                </Form.Item>
              </Col>
            )}
            <Col xs={12} md={6}>
              <Form.Item name="dpi" label={t('printers.dpi')}>
                <Select options={[203, 300, 600].map((v) => ({ value: v, label: v }))} />
              </Form.Item>
            </Col>
            {kind !== 'receipt' && kind !== 'page' && (
              <>
                <Col xs={12} md={6}>
                  <Form.Item name="media" label={t('printers.media')}>
                    <Select
                      options={['gap', 'black_mark', 'continuous'].map((v) => ({
                        value: v,
                        label: t(`printers.${v}`),
                      }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="gapMm" label={t('printers.gapMm')} rules={[readableNumber]}>
                    <NumberInput min={0} max={20} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="labelWidthMm" label={t('printers.labelWidthMm')} rules={[readableNumber]}>
                    <NumberInput min={10} max={300} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="labelHeightMm" label={t('printers.labelHeightMm')} rules={[readableNumber]}>
                    <NumberInput min={5} max={1000} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="headWidthMm" label={t('printers.headWidthMm')} rules={[readableNumber]}>
                    <NumberInput min={20} max={300} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="offsetXMm" label={t('printers.offsetXMm')} rules={[readableNumber]}>
                    <NumberInput min={-20} max={20} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="offsetYMm" label={t('printers.offsetYMm')} rules={[readableNumber]}>
                    <NumberInput min={-20} max={20} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="darkness" label={t('printers.darkness')} rules={[readableNumber]}>
                    <NumberInput min={0} max={15} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="speed" label={t('printers.speed')} rules={[readableNumber]}>
                    <NumberInput min={1} max={12} />
                  </Form.Item>
                </Col>
              </>
            )}
            <Col xs={12} md={6}>
              <Form.Item name="isDefault" label={t('printers.isDefault')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="printer-save">
            {t('printers.save')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}

/** What a receipt printer needs besides its address: paper, make, and what follows a slip. */
function ReceiptFields() {
  const { t } = useTranslation('labels');
  const choice = (name: string, values: (string | number)[], label: (v: string | number) => string, md = 4) => (
    <Col xs={12} md={md} key={name}>
      <Form.Item name={name} label={t(`printers.${name}`)}>
        <Select options={values.map((v) => ({ value: v, label: label(v) }))} data-testid={`printer-${name}`} />
      </Form.Item>
    </Col>
  );
  return (
    <>
      {choice('paperWidthMm', [58, 80], (v) => `${v} mm`)}
      {choice('commandSet', ['epson', 'star'], (v) => t(`printers.commandSet_${v}`), 8)}
      {choice('cut', ['partial', 'full', 'none'], (v) => t(`printers.cut_${v}`))}
      <Col xs={12} md={4}>
        <Form.Item name="beep" label={t('printers.beep')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Col>
      <Col xs={12} md={4}>
        <Form.Item name="cashDrawer" label={t('printers.cashDrawer')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Col>
    </>
  );
}
