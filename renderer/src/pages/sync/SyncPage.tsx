// The sync screen: counts, last sync, the "Đồng bộ" button with progress, per-item status and reasons,
// portal settings with "test connection", exports (EPCIS, spreadsheet, ZIP) and the Circular 02/2024 check.
import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  Progress,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { CloudUploadOutlined, DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import type { JobView, SyncItem } from '../../../../shared/api/sync';
import { useApi, useApiMutation, useApiQuery } from '../../api/hooks';
import { ApiError } from '../../api/client';
import { downloadFile, stampTime } from '../trace/common';
import { WithReason } from '../../shell/rights';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls a job until it finishes; `onTick` sees each state. */
function useJobRunner() {
  const api = useApi();
  return async (start: Promise<JobView>, onTick?: (j: JobView) => void): Promise<JobView> => {
    let j = await start;
    onTick?.(j);
    while (j.state === 'running') {
      await sleep(400);
      j = await api.call('sync.job', { jobId: j.id });
      onTick?.(j);
    }
    return j;
  };
}

const STATUS_COLOR: Record<string, string> = {
  pending: 'default',
  sending: 'processing',
  accepted: 'success',
  rejected: 'error',
};

export function SyncPage() {
  const { t } = useTranslation('sync');
  const api = useApi();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const runJob = useJobRunner();
  const status = useApiQuery('sync.status', {}, { refetchInterval: 5000 });
  const [chosen, setFilter] = useState<'rejected' | 'pending' | 'accepted' | null>(null);
  const [page, setPage] = useState(1);
  // Opens on the tab that has something: what was refused, else what waits, else what was received.
  const c = status.data?.counts;
  const filter = chosen ?? (c?.rejected ? 'rejected' : c && c.pending + c.sending > 0 ? 'pending' : 'accepted');
  const items = useApiQuery(
    'sync.items',
    { status: filter, limit: 20, offset: (page - 1) * 20 },
    { enabled: !!status.data },
  );
  const [job, setJob] = useState<JobView | null>(null);
  const retry = useApiMutation('sync.retryRejected', { invalidates: ['sync.'] });

  const s = status.data;
  const running = job?.state === 'running' || s?.job?.state === 'running';
  const progress = (job?.state === 'running' ? job : s?.job?.state === 'running' ? s.job : null)?.progress;

  async function syncNow() {
    try {
      const done = await runJob(api.call('sync.run', {}), setJob);
      const r = (done.result ?? {}) as { outcome?: string; accepted?: number; rejected?: number };
      if (done.error) message.warning(done.error.message);
      else if (r.rejected) {
        // Never "all received" when the portal refused some: say how many, and show them.
        message.warning(t('outcome_rejectedCount', { accepted: r.accepted ?? 0, rejected: r.rejected }));
        setFilter('rejected');
      } else if (r.outcome && r.outcome !== 'done') message.warning(t(`outcome_${r.outcome}`));
      else message.success(t('outcome_done'));
    } catch (err) {
      message.error((err as ApiError).message);
    } finally {
      await qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('sync.') });
    }
  }

  return (
    <Flex vertical gap={16} style={{ maxWidth: 1100 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('title')}
      </Typography.Title>
      <Card loading={status.isPending} data-testid="sync-status">
        {s && !s.portal && <Alert type="info" showIcon title={t('noPortal')} style={{ marginBottom: 12 }} />}
        {s && (
          <Flex gap={32} wrap align="center">
            <Statistic title={t('pending')} value={s.counts.pending + s.counts.sending} />
            <Statistic title={t('accepted')} value={s.counts.accepted} valueStyle={{ color: '#3f8600' }} />
            <Statistic
              title={t('rejected')}
              value={s.counts.rejected}
              valueStyle={{ color: s.counts.rejected ? '#cf1322' : undefined }}
            />
            <Statistic title={t('total')} value={s.counts.total} />
            <Flex vertical>
              <Typography.Text type="secondary">{t('lastSync')}</Typography.Text>
              <Typography.Text>
                {s.lastRun
                  ? `${stampTime(s.lastRun.startedAt)} — ${t(`outcome_${s.lastRun.outcome ?? 'stopped'}`)}`
                  : t('never')}
              </Typography.Text>
              {s.lastRun?.message && <Typography.Text type="danger">{s.lastRun.message}</Typography.Text>}
            </Flex>
            <WithReason reason={s.portal ? undefined : t('noPortalYet')}>
              <Button
                type="primary"
                size="large"
                icon={<CloudUploadOutlined />}
                loading={running}
                disabled={!s.portal}
                onClick={() => void syncNow()}
                data-testid="sync-now"
              >
                {running && progress ? t('syncing', { done: progress.done, total: progress.total }) : t('syncNow')}
              </Button>
            </WithReason>
          </Flex>
        )}
        {running && progress && (
          <div style={{ marginTop: 12 }}>
            <Progress percent={progress.total ? Math.round((100 * progress.done) / progress.total) : 0} />
            {progress.message && <Typography.Text type="secondary">{progress.message}</Typography.Text>}
          </div>
        )}
      </Card>

      <Card
        title={t('items')}
        extra={
          <Space>
            <Segmented
              value={filter}
              onChange={(v) => {
                setFilter(v as typeof filter);
                setPage(1);
              }}
              options={(['rejected', 'pending', 'accepted'] as const).map((k) => ({
                value: k,
                label: t(`status_${k}`),
              }))}
            />
            {filter === 'rejected' && (
              <Button
                onClick={() =>
                  retry.mutate({}, { onSuccess: (r) => message.success(t('retried', { count: r.requeued })) })
                }
                disabled={!s?.counts.rejected}
              >
                {t('retryRejected')}
              </Button>
            )}
          </Space>
        }
      >
        <Table<SyncItem>
          size="small"
          rowKey="itemId"
          loading={items.isPending}
          dataSource={items.data?.items ?? []}
          pagination={{
            current: page,
            pageSize: 20,
            total: items.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
          }}
          columns={[
            {
              title: t('colItem'),
              dataIndex: 'label',
              render: (v: string, r) => <span title={r.eventId ?? ''}>{v}</span>,
            },
            { title: t('colTime'), dataIndex: 'eventTime', render: (v: string | null) => (v ? stampTime(v) : '') },
            {
              title: t('colStatus'),
              dataIndex: 'status',
              render: (v: string) => <Tag color={STATUS_COLOR[v]}>{t(`status_${v}`)}</Tag>,
            },
            {
              title: t('colReason'),
              dataIndex: 'reason',
              render: (v: string | null, r) => <span title={r.rawAnswer ?? ''}>{v}</span>,
            },
            { title: t('colReceipt'), dataIndex: 'receipt' },
          ]}
        />
      </Card>

      <PortalSettings />
      <ExportCard />
      <PublishCard />
      <CircularCard />
    </Flex>
  );
}

type SettingsForm = {
  type: 'epcis' | 'file' | 'hanoicheck';
  url?: string;
  auth: 'none' | 'bearer' | 'basic' | 'oauth2';
  secret?: string;
  username?: string;
  clientId?: string;
  tokenUrl?: string;
};

function PortalSettings() {
  const { t } = useTranslation('sync');
  const api = useApi();
  const { message } = App.useApp();
  const runJob = useJobRunner();
  const current = useApiQuery('sync.settings.get', {});
  const save = useApiMutation('sync.settings.save', { invalidates: ['sync.'] });
  const [form] = Form.useForm<SettingsForm>();
  const [test, setTest] = useState<{ ok: boolean; text: string } | null>(null);
  const [testing, setTesting] = useState(false);
  const type = Form.useWatch('type', form) ?? 'epcis';
  const auth = Form.useWatch('auth', form) ?? 'none';
  const p = current.data;
  useEffect(() => {
    if (p)
      form.setFieldsValue({
        type: p.type,
        url: p.url ?? undefined,
        auth: p.auth,
        username: p.settings.username,
        clientId: p.settings.clientId,
        tokenUrl: p.settings.tokenUrl,
      });
  }, [p, form]);

  async function onSave(v: SettingsForm) {
    await save.mutateAsync({
      type: v.type,
      url: v.url || null,
      // HanoiCheck logs in with its client id and secret (its own token call).
      auth: v.type === 'file' ? 'none' : v.type === 'hanoicheck' ? 'oauth2' : v.auth,
      secret: v.secret ? v.secret : undefined,
      username: v.username || null,
      clientId: v.clientId || null,
      tokenUrl: v.tokenUrl || null,
    });
    form.setFieldValue('secret', undefined);
    message.success(t('saved'));
  }

  async function onTest() {
    setTesting(true);
    setTest(null);
    try {
      const j = await runJob(api.call('sync.settings.test', {}));
      const r = j.result as {
        ok: boolean;
        message: string | null;
        capabilities: { captureLimit: number | null } | null;
      } | null;
      setTest(
        r?.ok
          ? {
              ok: true,
              text: `${t('testOk')} ${r.capabilities?.captureLimit ? t('testLimit', { n: r.capabilities.captureLimit }) : ''}`,
            }
          : { ok: false, text: r?.message ?? j.error?.message ?? '' },
      );
    } catch (err) {
      setTest({ ok: false, text: (err as ApiError).message });
    } finally {
      setTesting(false);
    }
  }

  return (
    <Card title={t('settings')} loading={current.isPending}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ type: 'epcis', auth: 'none' }}
        onFinish={(v) => void onSave(v).catch((e: ApiError) => message.error(e.message))}
        style={{ maxWidth: 640 }}
      >
        <Form.Item name="type" label={t('type')}>
          <Select
            options={(['epcis', 'hanoicheck', 'file'] as const).map((k) => ({ value: k, label: t(`type_${k}`) }))}
            data-testid="portal-type"
          />
        </Form.Item>
        {type === 'hanoicheck' ? (
          <>
            <Form.Item name="url" label={t('url')} extra={t('hanoicheckUrlHint')} rules={[{ required: true }]}>
              <Input placeholder="https://ncc-api.hanoicheck.com.vn" />
            </Form.Item>
            <Form.Item name="clientId" label={t('clientId')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item
              name="secret"
              label={t('secret_oauth2')}
              extra={p?.hasSecret ? t('secretKept') : undefined}
              rules={p?.hasSecret ? [] : [{ required: true }]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </>
        ) : type === 'epcis' ? (
          <>
            <Form.Item name="url" label={t('url')} extra={t('urlHint')} rules={[{ required: true }]}>
              <Input placeholder="https://" data-testid="portal-url" />
            </Form.Item>
            <Form.Item name="auth" label={t('auth')}>
              <Select
                options={(['none', 'bearer', 'basic', 'oauth2'] as const).map((k) => ({
                  value: k,
                  label: t(`auth_${k}`),
                }))}
              />
            </Form.Item>
            {auth === 'basic' && (
              <Form.Item name="username" label={t('username')}>
                <Input />
              </Form.Item>
            )}
            {auth === 'oauth2' && (
              <>
                <Form.Item name="clientId" label={t('clientId')}>
                  <Input />
                </Form.Item>
                <Form.Item name="tokenUrl" label={t('tokenUrl')}>
                  <Input placeholder="https://" />
                </Form.Item>
              </>
            )}
            {auth !== 'none' && (
              <Form.Item name="secret" label={t(`secret_${auth}`)} extra={p?.hasSecret ? t('secretKept') : undefined}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            )}
          </>
        ) : (
          <Form.Item label={t('outDir')}>
            <Typography.Text>{p?.type === 'file' && p.url ? p.url : t('outDirHint')}</Typography.Text>
          </Form.Item>
        )}
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('save')}
          </Button>
          <Button onClick={() => void onTest()} loading={testing} disabled={!p} data-testid="portal-test">
            {t('test')}
          </Button>
        </Space>
        {test && (
          <Alert
            style={{ marginTop: 12 }}
            type={test.ok ? 'success' : 'error'}
            showIcon
            title={test.text}
            data-testid="portal-test-result"
          />
        )}
      </Form>
    </Card>
  );
}

function ExportCard() {
  const { t } = useTranslation('sync');
  const api = useApi();
  const { message } = App.useApp();
  const runJob = useJobRunner();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [lots, setLots] = useState('');
  const [busy, setBusy] = useState<string | null>(null);

  async function run(kind: 'epcis' | 'sheet' | 'package', format: 'jsonld' | 'xlsx' | 'csv' | 'zip') {
    setBusy(format);
    try {
      const lotList = lots
        .split(/[,\s]+/)
        .map((x) => x.trim())
        .filter(Boolean);
      const j = await runJob(
        api.call('export.start', {
          kind,
          format,
          ...(lotList.length ? { lots: lotList } : {}),
          ...(range?.[0] ? { from: range[0].format('YYYY-MM-DD') } : {}),
          ...(range?.[1] ? { to: range[1].format('YYYY-MM-DD') } : {}),
        }),
      );
      if (j.state !== 'done') throw new Error(j.error?.message ?? 'export failed');
      downloadFile(await api.call('export.download', { jobId: j.id }));
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card title={t('exports')}>
      <Typography.Paragraph type="secondary">{t('exportHint')}</Typography.Paragraph>
      <Flex gap={12} wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)}
          format="DD/MM/YYYY"
        />
        <Input style={{ width: 320 }} placeholder={t('lots')} value={lots} onChange={(e) => setLots(e.target.value)} />
      </Flex>
      <Space wrap>
        <Button icon={<DownloadOutlined />} loading={busy === 'jsonld'} onClick={() => void run('epcis', 'jsonld')}>
          {t('exportEpcis')}
        </Button>
        <Button icon={<DownloadOutlined />} loading={busy === 'xlsx'} onClick={() => void run('sheet', 'xlsx')}>
          {t('exportXlsx')}
        </Button>
        <Button icon={<DownloadOutlined />} loading={busy === 'csv'} onClick={() => void run('sheet', 'csv')}>
          {t('exportCsv')}
        </Button>
        <Button icon={<DownloadOutlined />} loading={busy === 'zip'} onClick={() => void run('package', 'zip')}>
          {t('exportZip')}
        </Button>
      </Space>
    </Card>
  );
}

function PublishCard() {
  const { t } = useTranslation('sync');
  const api = useApi();
  const { message } = App.useApp();
  const runJob = useJobRunner();
  const settings = useApiQuery('publish.settings', {});
  const products = useApiQuery('products.list', { limit: 1000, sort: 'name' });
  const savePrivate = useApiMutation('publish.updateSettings', { invalidates: ['publish.'] });
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const address = settings.data?.traceAddress;
  const choices = (products.data?.items ?? [])
    .filter((p) => p.kind === 'finished' && p.gtin)
    .map((p) => ({ value: p.id, label: `${p.code} — ${p.name}` }));

  async function publish() {
    setBusy(true);
    setDone(null);
    try {
      const j = await runJob(api.call('publish.run', {}));
      if (j.state !== 'done' || !j.result) throw new Error(j.error?.message ?? '');
      downloadFile(await api.call('export.download', { jobId: j.id }));
      setDone(t('publishDone', j.result));
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('publish')} loading={settings.isPending} data-testid="publish-card">
      <Typography.Paragraph type="secondary">{t('publishHint')}</Typography.Paragraph>
      {address ? (
        <Typography.Paragraph>{t('publishAddress', { url: address })}</Typography.Paragraph>
      ) : (
        <Alert type="warning" showIcon title={t('publishNoAddress')} style={{ marginBottom: 12 }} />
      )}
      <Form layout="vertical" style={{ maxWidth: 640 }}>
        <Form.Item label={t('publishPrivate')}>
          <Select
            mode="multiple"
            allowClear
            options={choices}
            value={settings.data?.privateProductIds ?? []}
            optionFilterProp="label"
            onChange={(ids: number[]) =>
              void savePrivate
                .mutateAsync({ privateProductIds: ids })
                .then(() => message.success(t('publishPrivateSaved')))
                .catch((e: ApiError) => message.error(e.message))
            }
          />
        </Form.Item>
      </Form>
      <Button
        type="primary"
        icon={<CloudUploadOutlined />}
        loading={busy}
        onClick={() => void publish()}
        data-testid="publish-run"
      >
        {t('publishButton')}
      </Button>
      {done && <Alert style={{ marginTop: 12 }} type="success" showIcon title={done} data-testid="publish-result" />}
    </Card>
  );
}

function CircularCard() {
  const { t } = useTranslation('sync');
  const q = useApiQuery('export.circular', {});
  return (
    <Card title={t('circular')}>
      <Typography.Paragraph type="secondary">{t('circularHint')}</Typography.Paragraph>
      <Table
        size="small"
        rowKey="productId"
        loading={q.isPending}
        dataSource={q.data ?? []}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        columns={[
          {
            title: t('product'),
            render: (_: unknown, r: { code: string; values: Record<string, string | null> }) =>
              `${r.code} — ${r.values.name ?? ''}`,
          },
          {
            title: t('missing'),
            dataIndex: 'missingText',
            render: (v: string) =>
              v ? <Typography.Text type="warning">{v}</Typography.Text> : <Tag color="success">{t('complete')}</Tag>,
          },
        ]}
      />
    </Card>
  );
}
