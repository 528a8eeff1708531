// Settings: language, where the data lives, and an integrity check of the database file.
import { useState } from 'react';
import { Card, Descriptions, Button, Radio, Typography, Alert, Flex } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { IntegrityReport } from '../../../../shared/api/system';
import { ApiError } from '../../api/client';
import { useApi, useApiQuery } from '../../api/hooks';
import { useLanguage } from '../../shell/useLanguage';

export function SettingsPage() {
  const { t } = useTranslation('settings');
  const api = useApi();
  const [lang, changeLang] = useLanguage();
  const info = useApiQuery('system.info', {});
  const [checking, setChecking] = useState(false);
  const [report, setReport] = useState<IntegrityReport | null>(null);
  const [checkError, setCheckError] = useState<string | null>(null);

  const runCheck = async () => {
    setChecking(true);
    setCheckError(null);
    try {
      setReport(await api.call('system.check', {}));
    } catch (err) {
      setCheckError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setChecking(false);
    }
  };

  return (
    <Flex vertical gap={16} style={{ maxWidth: 860 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('title')}
      </Typography.Title>
      <Card title={t('common:language')}>
        <Typography.Paragraph type="secondary">{t('languageHint')}</Typography.Paragraph>
        <Radio.Group
          value={lang}
          onChange={(e) => void changeLang(e.target.value)}
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: 'vi', label: t('common:vietnamese') },
            { value: 'en', label: t('common:english') },
          ]}
          data-testid="settings-lang"
        />
      </Card>
      <Card title={t('data')} loading={info.isPending}>
        {info.isError && <Alert type="error" title={info.error.message} />}
        {info.data && (
          <Descriptions column={1} bordered size="small" styles={{ label: { width: 200 } }}>
            <Descriptions.Item label={t('dbPath')}>
              <Typography.Text copyable code>
                {info.data.dbPath}
              </Typography.Text>
              <div>
                <Typography.Text type="secondary">{t('dbPathHint')}</Typography.Text>
              </div>
            </Descriptions.Item>
            <Descriptions.Item label={t('schemaVersion')}>{info.data.schemaVersion}</Descriptions.Item>
            <Descriptions.Item label={t('appVersion')}>{info.data.version}</Descriptions.Item>
            <Descriptions.Item label={t('host')}>{t(`hosts.${info.data.host}`)}</Descriptions.Item>
          </Descriptions>
        )}
        <Flex vertical gap={12} style={{ marginTop: 16 }}>
          <div>
            <Button
              icon={<SafetyCertificateOutlined />}
              onClick={() => void runCheck()}
              loading={checking}
              data-testid="check-data"
            >
              {checking ? t('checking') : t('check')}
            </Button>
          </div>
          {checkError && <Alert type="error" title={checkError} />}
          {report && (
            <Alert
              type={report.ok ? 'success' : 'error'}
              showIcon
              title={report.ok ? t('checkOk') : t('checkBad')}
              description={
                <>
                  <div>{t('checkedAt', { time: dayjs(report.checkedAt).format('HH:mm:ss DD/MM/YYYY') })}</div>
                  {!report.ok && <div>{t('foreignKeyProblems', { count: report.foreignKeyProblems })}</div>}
                  {report.problems.map((p) => (
                    <div key={p}>{p}</div>
                  ))}
                </>
              }
              data-testid="check-result"
            />
          )}
        </Flex>
      </Card>
    </Flex>
  );
}
