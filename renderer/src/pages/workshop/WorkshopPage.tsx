// Workshop mode: the self-ticking checklist, the one-click reset, and the classroom QR code.
import { App as AntApp, Button, Card, Checkbox, Flex, Result, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import { useApi, useApiQuery } from '../../api/hooks';

/** The address trainees open: this page's own address with the access token (browser mode). */
function shareUrl(): string {
  const token =
    document.querySelector<HTMLMetaElement>('meta[name="nguongoc-token"]')?.content ??
    sessionStorage.getItem('nguongoc-token');
  return `${window.location.origin}${window.location.pathname}${token ? `#token=${encodeURIComponent(token)}` : ''}`;
}

export function WorkshopPage() {
  const { t } = useTranslation('trust');
  const api = useApi();
  const qc = useQueryClient();
  const { message, modal } = AntApp.useApp();
  const status = useApiQuery('workshop.status', {}, { refetchInterval: 5000 });
  const url = shareUrl();
  const qr = useApiQuery(
    'workshop.qr',
    { text: url },
    { enabled: window.location.protocol.startsWith('http') && !!status.data?.workshop },
  );
  if (status.data && !status.data.workshop)
    return <Result status="info" title={t('workshop.title')} subTitle={t('workshop.notWorkshop')} />;
  return (
    <Flex vertical gap={16} style={{ maxWidth: 900 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('workshop.title')}
      </Typography.Title>
      <Card
        title={`${t('workshop.checklist')} (${status.data?.done ?? 0}/${status.data?.total ?? 7})`}
        loading={status.isPending}
        data-testid="workshop-checklist"
      >
        <Flex vertical gap={8}>
          {status.data?.steps.map((s) => (
            <Checkbox
              key={s.step}
              checked={s.done}
              data-testid={`step-${s.step}`}
              onChange={async () => {
                if (!s.done) {
                  await api.call('workshop.tick', { step: s.step });
                  await status.refetch();
                }
              }}
            >
              {t(`workshop.steps.${s.step}`)}
            </Checkbox>
          ))}
        </Flex>
      </Card>
      <Card title={t('workshop.reset')}>
        <Button
          danger
          icon={<ReloadOutlined />}
          data-testid="workshop-reset"
          onClick={() =>
            modal.confirm({
              title: t('workshop.resetConfirm'),
              okButtonProps: { danger: true, ...({ 'data-testid': 'workshop-reset-ok' } as object) },
              onOk: async () => {
                try {
                  await api.call('workshop.reset', {});
                  void message.success(t('workshop.resetDone'));
                  sessionStorage.removeItem('nguongoc-session');
                  await qc.resetQueries();
                } catch (err) {
                  void message.error(err instanceof ApiError ? err.message : String(err));
                }
              },
            })
          }
        >
          {t('workshop.reset')}
        </Button>
      </Card>
      {qr.data && (
        <Card title={t('workshop.share')}>
          <Flex gap={16} align="center">
            <img alt="QR" width={220} height={220} src={`data:image/svg+xml;base64,${btoa(qr.data.svg)}`} />
            <Flex vertical gap={8}>
              <Typography.Text type="secondary">{t('workshop.shareHint')}</Typography.Text>
              <Typography.Text copyable code>
                {url}
              </Typography.Text>
            </Flex>
          </Flex>
        </Card>
      )}
    </Flex>
  );
}
