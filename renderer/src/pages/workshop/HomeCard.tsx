// Home card: in the training database, the workshop checklist's progress; otherwise (for the owner)
// when the data was last backed up, so a missing backup is noticed. Hidden when neither applies.
import { Card, Progress, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/hooks';

export function TrustHomeCard() {
  const { t } = useTranslation('trust');
  const status = useApiQuery('workshop.status', {});
  const me = useApiQuery('users.me', {});
  const backups = useApiQuery(
    'backup.list',
    {},
    { enabled: me.data?.role === 'owner' && status.data?.workshop === false },
  );
  if (status.data?.workshop) {
    return (
      <Card
        title={t('workshop.checklist')}
        extra={<Link to="/workshop">{t('workshop.menu')}</Link>}
        data-testid="home-workshop"
      >
        <Progress
          percent={Math.round((status.data.done / status.data.total) * 100)}
          format={() => `${status.data.done}/${status.data.total}`}
        />
        {status.data.steps
          .filter((s) => !s.done)
          .slice(0, 1)
          .map((s) => (
            <Typography.Text key={s.step} type="secondary">
              → {t(`workshop.steps.${s.step}`)}
            </Typography.Text>
          ))}
      </Card>
    );
  }
  if (!backups.data) return null;
  const last = backups.data.backups[0];
  return (
    <Card title={t('backup.menu')} extra={<Link to="/backup">{t('backup.now')}</Link>} data-testid="home-backup">
      <Typography.Text type={last ? undefined : 'warning'}>
        {last
          ? `${last.createdAt.slice(0, 16).replace('T', ' ')} — ${t(`backup.kinds.${last.kind}`)}`
          : t('backup.none')}
      </Typography.Text>
    </Card>
  );
}
