// The print log and queue: every job (who, when, which lot and template, how many, which printer, result); a failed
// job shows its reason and can be sent again; a printed one is printed again only by "Print again".
import { useState } from 'react';
import { App, Button, Flex, Input, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PrintJob, PrintJobStatus } from '../../../../shared/api/labels';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import type { ApiError } from '../../api/client';

const COLOR: Record<PrintJobStatus, string> = {
  queued: 'default',
  sending: 'processing',
  done: 'success',
  failed: 'error',
  cancelled: 'default',
};

export function PrintLogPage() {
  const { t } = useTranslation('labels');
  const { message } = App.useApp();
  const [status, setStatus] = useState<PrintJobStatus | 'all'>('all');
  const [page, setPage] = useState(1);
  const jobs = useApiQuery(
    'print.jobs',
    { ...(status === 'all' ? {} : { status }), limit: 50, offset: (page - 1) * 50 },
    { refetchInterval: 2000 },
  );
  const retry = useApiMutation('print.retry', { invalidates: ['print.'] });
  const cancel = useApiMutation('print.cancel', { invalidates: ['print.'] });
  const me = useApiQuery('users.me', {});
  const act = (p: Promise<unknown>) => p.catch((err: ApiError) => message.error(err.message));
  // A job whose lot has since been held, recalled or has expired prints again only with the owner's reason.
  const [blocked, setBlocked] = useState<{ id: number; again: boolean; message: string } | null>(null);
  const [reason, setReason] = useState('');
  const send = (id: number, again: boolean) =>
    retry.mutateAsync({ id, again }).catch((err: ApiError) => {
      if (err.code === 'LOT_NOT_USABLE' && me.data?.role === 'owner') {
        setReason('');
        setBlocked({ id, again, message: err.message });
      } else message.error(err.message);
    });

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3}>{t('log.title')}</Typography.Title>
      <Segmented
        value={status}
        onChange={(v) => setStatus(v as PrintJobStatus | 'all')}
        options={['all', 'failed', 'queued', 'done', 'cancelled'].map((v) => ({
          value: v,
          label: v === 'all' ? '∗' : t(`log.status_${v}`),
        }))}
      />
      <Table<PrintJob>
        rowKey="id"
        data-testid="print-log"
        dataSource={jobs.data?.items ?? []}
        pagination={{ current: page, pageSize: 50, total: jobs.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: '#', dataIndex: 'id', width: 60 },
          { title: t('log.when'), render: (_, j) => j.createdAt.slice(0, 16).replace('T', ' ') },
          { title: t('log.who'), dataIndex: 'user' },
          { title: t('log.lot'), render: (_, j) => `${j.productName ?? ''} · ${j.lotCode ?? ''}` },
          { title: t('log.template'), dataIndex: 'templateName' },
          { title: t('log.copies'), dataIndex: 'copies' },
          { title: t('log.printer'), render: (_, j) => j.printerName ?? j.printerUri },
          {
            title: t('log.status'),
            render: (_, j) => (
              <Space direction="vertical" size={2}>
                <Tag color={COLOR[j.status]}>{t(`log.status_${j.status}`)}</Tag>
                {j.error && <Typography.Text type="danger">{j.error.message}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: '',
            render: (_, j) => (
              <Space>
                {j.status === 'failed' && <Button onClick={() => send(j.id, false)}>{t('log.retry')}</Button>}
                {(j.status === 'done' || j.status === 'failed' || j.status === 'cancelled') && (
                  <Button onClick={() => send(j.id, true)} data-testid={`print-again-${j.id}`}>
                    {t('log.again')}
                  </Button>
                )}
                {(j.status === 'failed' || j.status === 'queued') && (
                  <Button danger onClick={() => act(cancel.mutateAsync({ id: j.id }))}>
                    {t('log.cancel')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!blocked}
        title={t('log.blockedTitle')}
        okText={t('log.blockedOk')}
        cancelText={t('log.cancel')}
        okButtonProps={{ disabled: reason.trim().length < 5 }}
        onCancel={() => setBlocked(null)}
        onOk={() => {
          if (!blocked) return;
          const b = blocked;
          setBlocked(null);
          act(retry.mutateAsync({ id: b.id, again: b.again, override: { reason: reason.trim() } }));
        }}
      >
        <Flex vertical gap={8}>
          <Typography.Text>{blocked?.message}</Typography.Text>
          <Typography.Text type="secondary">{t('print.blockedOwner')}</Typography.Text>
          <Input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={t('print.blockedReason')}
            maxLength={500}
            data-testid="print-again-reason"
          />
        </Flex>
      </Modal>
    </Flex>
  );
}
