// Diễn tập thu hồi: a trainer or the owner starts a drill on a lot; the clock runs until the scope is
// confirmed; the drill, its time and what was found are kept as evidence and listed.
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Input, Statistic, Table, Typography } from 'antd';
import { FieldTimeOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { WithReason } from '../../shell/rights';
import type { Drill } from '../../../../shared/api/trace';
import { formatDuration } from '../../../../shared/i18n/trace';
import { ApiError } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { currentLang } from '../../i18n';
import { formatMs, LotPicker, stampTime } from '../trace/common';
import { ScopeView, useElapsed } from './RecallPage';

export function DrillsPage() {
  const { t } = useTranslation('trace');
  const { message } = App.useApp();
  const [lots, setLots] = useState<string[]>([]);
  const [trainer, setTrainer] = useState('');
  const [current, setCurrent] = useState<number | null>(null);
  const list = useApiQuery('drill.list', {});
  const start = useApiMutation('drill.start');
  const confirm = useApiMutation('drill.confirm');
  const running = (list.data ?? []).find((d) => d.id === current) ?? null;
  const scope = useApiQuery(
    'recall.scope',
    { lotIds: running?.roots.map((r) => r.id) ?? [] },
    { enabled: !!running && !running.confirmedAt },
  );
  const elapsed = useElapsed(running?.startedAt, running?.confirmedAt ?? null);
  const fail = (err: unknown) => message.error(err instanceof ApiError ? err.message : String(err));

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('menuDrills')}
      </Typography.Title>
      <Card title={t('startDrill')}>
        <Flex gap={12} wrap>
          <div style={{ flex: 1, minWidth: 320 }}>
            <LotPicker value={lots} onChange={setLots} testId="drill-lots" />
          </div>
          <Input
            size="large"
            style={{ maxWidth: 260 }}
            placeholder={t('trainer')}
            value={trainer}
            onChange={(e) => setTrainer(e.target.value)}
          />
          <WithReason reason={lots.length ? undefined : t('needLots')}>
            <Button
              type="primary"
              size="large"
              icon={<FieldTimeOutlined />}
              disabled={!lots.length}
              loading={start.isPending}
              data-testid="drill-start"
              onClick={async () => {
                try {
                  const d = await start.mutateAsync({ lots, trainer: trainer || null });
                  setCurrent(d.id);
                } catch (err) {
                  fail(err);
                }
              }}
            >
              {t('startDrill')}
            </Button>
          </WithReason>
        </Flex>
      </Card>
      {running && (
        <Card data-testid="drill-running">
          <Flex justify="space-between" align="center" wrap gap={12}>
            <Statistic title={t('timer')} value={formatMs(running.durationMs ?? elapsed)} data-testid="drill-timer" />
            {running.confirmedAt ? (
              <Alert
                type="success"
                showIcon
                title={t('drillDone', { time: formatDuration(running.durationMs ?? 0, currentLang()) })}
              />
            ) : (
              <Button
                type="primary"
                size="large"
                icon={<CheckCircleOutlined />}
                loading={confirm.isPending}
                data-testid="drill-confirm"
                onClick={() => confirm.mutateAsync({ id: running.id }).catch(fail)}
              >
                {t('confirmScope')}
              </Button>
            )}
          </Flex>
          {!running.confirmedAt && <Typography.Paragraph type="secondary">{t('drillRunning')}</Typography.Paragraph>}
          {!running.confirmedAt && scope.data && <ScopeView scope={scope.data} />}
        </Card>
      )}
      <Card title={t('drills')}>
        <Table<Drill>
          rowKey="id"
          size="small"
          data-testid="drill-list"
          dataSource={list.data ?? []}
          locale={{ emptyText: <Empty description={t('none')} /> }}
          onRow={(d) => ({ onClick: () => setCurrent(d.id), style: { cursor: 'pointer' } })}
          expandable={{ expandedRowRender: (d) => <DrillEvidence id={d.id} />, rowExpandable: (d) => !!d.confirmedAt }}
          columns={[
            { title: t('startedAt'), key: 's', render: (_, d) => `${stampTime(d.startedAt)} (${d.startedBy})` },
            {
              title: t('lot'),
              key: 'l',
              render: (_, d) => d.roots.map((r) => `${r.productCode}/${r.code}`).join(', '),
            },
            { title: t('trainer'), dataIndex: 'trainer' },
            {
              title: t('elapsed'),
              key: 'd',
              render: (_, d) => (d.durationMs === null ? t('notDone') : formatDuration(d.durationMs, currentLang())),
            },
            { title: t('affectedLots'), dataIndex: 'lotsCount' },
            { title: t('customers'), dataIndex: 'customersCount' },
          ]}
        />
      </Card>
    </Flex>
  );
}

function DrillEvidence({ id }: { id: number }) {
  const { t } = useTranslation('trace');
  const d = useApiQuery('drill.get', { id });
  if (!d.data?.evidence) return null;
  const e = d.data.evidence;
  return (
    <Descriptions column={1} size="small" bordered title={t('evidence')}>
      <Descriptions.Item label={t('affectedLots')}>
        {e.lots.map((l) => `${l.productCode}/${l.code} (${l.balance} ${l.unit})`).join(', ')}
      </Descriptions.Item>
      <Descriptions.Item label={t('customers')}>
        {e.customers.map((c) => `${c.name}${c.phone ? ` ${c.phone}` : ''}`).join('; ')}
      </Descriptions.Item>
    </Descriptions>
  );
}
