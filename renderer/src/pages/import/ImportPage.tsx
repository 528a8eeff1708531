// Import from Excel/CSV: download the template, choose a file, see every problem by row and column,
// then import everything (only when clean) or only the valid rows.
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Flex, Radio, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { IMPORT_KINDS, type ImportKind, type ImportPreview, type ImportProblem } from '../../../../shared/api/imports';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/hooks';
import { downloadFile, toBase64 } from '../trace/common';
import { WithReason } from '../../shell/rights';

export function ImportPage() {
  const { t } = useTranslation('trust');
  const api = useApi();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [kind, setKind] = useState<ImportKind>('products');
  const [file, setFile] = useState<{ fileName: string; base64: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const choose = async (f: File) => {
    setBusy(true);
    setError(null);
    setPreview(null);
    try {
      const data = { fileName: f.name, base64: await toBase64(f) };
      setFile(data);
      setPreview(await api.call('imports.preview', { kind, ...data }));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
    return false;
  };
  const commit = async (onlyValid: boolean) => {
    if (!file) return;
    setBusy(true);
    try {
      const res = await api.call('imports.commit', { kind, ...file, onlyValid });
      void message.success(t('import.imported', { count: res.imported }));
      setPreview(null);
      setFile(null);
      await qc.invalidateQueries();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const fatal = preview?.fileProblems.filter((p) => p.code !== 'IMPORT_UNKNOWN_COLUMN') ?? [];
  return (
    <Flex vertical gap={16} style={{ maxWidth: 1000 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('import.title')}
      </Typography.Title>
      <Card>
        <Flex vertical gap={12}>
          <Radio.Group
            value={kind}
            optionType="button"
            buttonStyle="solid"
            onChange={(e) => {
              setKind(e.target.value as ImportKind);
              setPreview(null);
              setFile(null);
            }}
            options={IMPORT_KINDS.map((k) => ({ value: k, label: t(`import.kinds.${k}`) }))}
            data-testid="import-kind"
          />
          <Flex gap={8}>
            <Button
              icon={<DownloadOutlined />}
              onClick={async () => downloadFile(await api.call('imports.template', { kind }))}
            >
              {t('import.template')}
            </Button>
            <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={(f) => choose(f)}>
              <Button type="primary" icon={<UploadOutlined />} loading={busy} data-testid="import-choose">
                {t('import.choose')}
              </Button>
            </Upload>
          </Flex>
        </Flex>
      </Card>
      {error && <Alert type="error" title={error} data-testid="import-error" />}
      {preview && (
        <Card data-testid="import-preview">
          <Flex vertical gap={12}>
            <Typography.Text strong data-testid="import-summary">
              {t('import.summary', { rows: preview.rows, valid: preview.validRows, invalid: preview.invalidRows })}
            </Typography.Text>
            {preview.fileProblems.map((p, i) => (
              <Alert key={i} type={p.code === 'IMPORT_UNKNOWN_COLUMN' ? 'warning' : 'error'} title={p.message} />
            ))}
            {!fatal.length && preview.problemCount === 0 && <Alert type="success" title={t('import.clean')} />}
            {preview.problems.length > 0 && (
              <Table<ImportProblem>
                size="small"
                rowKey={(p, i) => `${p.row}-${p.column}-${i}`}
                dataSource={preview.problems}
                pagination={{ pageSize: 20 }}
                data-testid="import-problems"
                columns={[
                  { title: t('import.row'), dataIndex: 'row', width: 70 },
                  { title: t('import.column'), dataIndex: 'column', width: 180 },
                  { title: t('import.problem'), dataIndex: 'message' },
                ]}
              />
            )}
            <Flex gap={8}>
              <WithReason reason={fatal.length || preview.problemCount > 0 ? t('import.fixFirst') : undefined}>
                <Button
                  type="primary"
                  disabled={!!fatal.length || preview.problemCount > 0 || busy}
                  onClick={() => void commit(false)}
                  data-testid="import-commit"
                >
                  {t('import.importAll')}
                </Button>
              </WithReason>
              {preview.problemCount > 0 && preview.validRows > 0 && !fatal.length && (
                <Button onClick={() => void commit(true)} disabled={busy}>
                  {t('import.importValid', { n: preview.validRows })}
                </Button>
              )}
            </Flex>
          </Flex>
        </Card>
      )}
    </Flex>
  );
}
