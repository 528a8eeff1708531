// Home badge: how many items wait for the portal or were refused, with a link to the sync screen.
import { Badge, Card, Flex, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/hooks';
import { stampTime } from '../trace/common';

export function SyncCard() {
  const { t } = useTranslation('sync');
  const q = useApiQuery('sync.status', {}, { refetchInterval: 30_000 });
  const s = q.data;
  return (
    <Card title={t('badgeTitle')} loading={q.isPending} style={{ height: '100%' }} data-testid="sync-card">
      {s && (
        <Flex vertical gap={6}>
          {!s.portal && <Typography.Text type="secondary">{t('noPortal')}</Typography.Text>}
          <Flex gap={16} wrap>
            <Badge
              status={s.counts.pending ? 'processing' : 'success'}
              text={s.counts.pending ? t('badgePending', { count: s.counts.pending }) : t('badgeAllSent')}
            />
            {s.counts.rejected > 0 && <Badge status="error" text={t('badgeRejected', { count: s.counts.rejected })} />}
          </Flex>
          <Typography.Text type="secondary">
            {t('lastSync')}: {s.lastRun ? stampTime(s.lastRun.startedAt) : t('never')}
          </Typography.Text>
          <Link to="/sync">{t('open')}</Link>
        </Flex>
      )}
    </Card>
  );
}
