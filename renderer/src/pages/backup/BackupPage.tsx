// Backup and restore: the automatic copies, a copy now (or to a USB folder), and a checked restore.
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Flex, Input, Table, Typography } from 'antd';
import { CloudDownloadOutlined, UndoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { BackupInfo } from '../../../../shared/api/backup';
import { ApiError } from '../../api/client';
import { useApi, useApiQuery } from '../../api/hooks';

export function BackupPage() {
  const { t } = useTranslation('trust');
  const api = useApi();
  const qc = useQueryClient();
  const { message, modal } = AntApp.useApp();
  const list = useApiQuery('backup.list', {});
  const [folder, setFolder] = useState('');
  const [fromFile, setFromFile] = useState('');
  const [busy, setBusy] = useState(false);
  const fail = (err: unknown) =>
    void message.error({ content: err instanceof ApiError ? err.message : String(err), duration: 8 });
  const backup = async (to?: string) => {
    setBusy(true);
    try {
      const info = await api.call('backup.create', to ? { folder: to } : {});
      void message.success(t('backup.done', { file: info.file }));
      await list.refetch();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  const restore = (file: string) =>
    modal.confirm({
      title: t('backup.restoreConfirm'),
      content: file,
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          const check = await api.call('backup.check', { file });
          if (!check.ok) throw new Error(check.message ?? '');
          const res = await api.call('backup.restore', { file });
          void message.success({ content: t('backup.restored', { file: res.safetyBackup.file }), duration: 8 });
          await qc.resetQueries();
        } catch (err) {
          fail(err);
        }
      },
    });
  return (
    <Flex vertical gap={16} style={{ maxWidth: 1000 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('backup.title')}
      </Typography.Title>
      {list.data && <Alert type="info" title={t('backup.hint', { folder: list.data.folder })} />}
      <Card>
        <Flex gap={8} wrap>
          <Button
            type="primary"
            icon={<CloudDownloadOutlined />}
            loading={busy}
            onClick={() => void backup()}
            data-testid="backup-now"
          >
            {t('backup.now')}
          </Button>
          <Input
            style={{ width: 260 }}
            placeholder={t('backup.folder')}
            value={folder}
            onChange={(e) => setFolder(e.target.value)}
          />
          <Button disabled={!folder} loading={busy} onClick={() => void backup(folder)}>
            {t('backup.toFolder')}
          </Button>
        </Flex>
        <Flex gap={8} style={{ marginTop: 12 }}>
          <Input
            style={{ width: 420 }}
            placeholder={t('backup.file')}
            value={fromFile}
            onChange={(e) => setFromFile(e.target.value)}
          />
          <Button danger icon={<UndoOutlined />} disabled={!fromFile} onClick={() => restore(fromFile)}>
            {t('backup.restoreFrom')}
          </Button>
        </Flex>
      </Card>
      <Table<BackupInfo>
        rowKey="file"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.backups ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          {
            title: t('audit.at'),
            dataIndex: 'createdAt',
            width: 170,
            render: (v: string) => v.slice(0, 19).replace('T', ' '),
          },
          { title: t('backup.kind'), dataIndex: 'kind', width: 180, render: (k: string) => t(`backup.kinds.${k}`) },
          {
            title: t('backup.size'),
            dataIndex: 'bytes',
            width: 100,
            render: (b: number) => `${(b / 1e6).toFixed(1)} MB`,
          },
          { title: t('backup.file'), dataIndex: 'name' },
          {
            title: '',
            width: 120,
            render: (_, b) => (
              <Button size="small" icon={<UndoOutlined />} onClick={() => restore(b.file)}>
                {t('backup.restore')}
              </Button>
            ),
          },
        ]}
      />
    </Flex>
  );
}
