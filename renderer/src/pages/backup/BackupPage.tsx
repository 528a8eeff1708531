// Backup and restore: the automatic copies, a copy now, a copy to take away (download) or to bring in
// (upload), and a checked restore. The app names and keeps every copy in its own backups folder.
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Flex, Table, Typography, Upload } from 'antd';
import { CloudDownloadOutlined, DownloadOutlined, UndoOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { BackupInfo } from '../../../../shared/api/backup';
import { ApiError } from '../../api/client';
import { useApi, useApiQuery } from '../../api/hooks';
import { downloadFile, toBase64 } from '../trace/common';

export function BackupPage() {
  const { t } = useTranslation('trust');
  const api = useApi();
  const qc = useQueryClient();
  const { message, modal } = AntApp.useApp();
  const list = useApiQuery('backup.list', {});
  const [busy, setBusy] = useState(false);
  const fail = (err: unknown) =>
    void message.error({ content: err instanceof ApiError ? err.message : String(err), duration: 8 });
  const busyWhile = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  const backup = () =>
    busyWhile(async () => {
      const info = await api.call('backup.create', {});
      void message.success(t('backup.done', { file: info.file }));
      await list.refetch();
    });
  const upload = (f: File) =>
    busyWhile(async () => {
      const res = await api.call('backup.upload', { base64: await toBase64(f) });
      if (!res.ok || !res.name) throw new Error(res.message ?? '');
      void message.success({ content: t('backup.uploaded', { name: res.name }), duration: 8 });
      await list.refetch();
    });
  const restore = (name: string) =>
    modal.confirm({
      title: t('backup.restoreConfirm'),
      content: name,
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          const check = await api.call('backup.check', { name });
          if (!check.ok) throw new Error(check.message ?? '');
          const res = await api.call('backup.restore', { name });
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
          <Upload
            accept=".db"
            showUploadList={false}
            beforeUpload={(f) => {
              void upload(f);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy} data-testid="backup-upload">
              {t('backup.upload')}
            </Button>
          </Upload>
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
            width: 230,
            render: (_, b) => (
              <Flex gap={4}>
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  title={t('backup.download')}
                  onClick={() =>
                    void busyWhile(async () => downloadFile(await api.call('backup.download', { name: b.name })))
                  }
                >
                  {t('backup.downloadShort')}
                </Button>
                <Button size="small" icon={<UndoOutlined />} onClick={() => restore(b.name)}>
                  {t('backup.restore')}
                </Button>
              </Flex>
            ),
          },
        ]}
      />
    </Flex>
  );
}
