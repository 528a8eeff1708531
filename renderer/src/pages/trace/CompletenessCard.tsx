// Home card: how complete the last 30 days of records are (0–100 %), and the gaps, each a link to the
// record to fix.
import { Card, Flex, List, Progress, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { CompletenessGap } from '../../../../shared/api/trace';
import { useApiQuery } from '../../api/hooks';

const pathOf = (g: CompletenessGap) =>
  g.entity === 'lot'
    ? `/lots/${g.entityId}`
    : g.entity === 'batch'
      ? `/batches/${g.entityId}`
      : g.entity === 'shipment'
        ? `/shipments/${g.entityId}`
        : `/receipts/${g.entityId}`;

export function CompletenessCard() {
  const { t } = useTranslation('trace');
  const q = useApiQuery('trace.completeness', { days: 30, limit: 8 });
  const c = q.data;
  return (
    <Card title={t('completeness')} style={{ height: '100%' }} loading={q.isPending} data-testid="completeness-card">
      {c && c.score === null && (
        <Typography.Paragraph type="secondary" data-testid="completeness-no-data">
          {t('noData')}
        </Typography.Paragraph>
      )}
      {c && c.score !== null && (
        <Flex gap={20} align="flex-start" wrap>
          <Progress
            type="circle"
            percent={c.score}
            size={96}
            status={c.score >= 90 ? 'success' : c.score >= 70 ? 'normal' : 'exception'}
            format={(p) => `${p}%`}
          />
          <Flex vertical gap={4} style={{ flex: 1, minWidth: 220 }}>
            <Typography.Text type="secondary">{t('completenessHint')}</Typography.Text>
            {c.checks.map((k) => (
              <Typography.Text key={k.key}>
                {k.label}: {k.passed}/{k.total}
              </Typography.Text>
            ))}
          </Flex>
          <div style={{ width: '100%' }}>
            <Typography.Text strong>{t('gaps')}</Typography.Text>
            {c.gaps.length === 0 ? (
              <Typography.Paragraph type="success">{t('noGaps')}</Typography.Paragraph>
            ) : (
              <List
                size="small"
                dataSource={c.gaps}
                renderItem={(g) => (
                  <List.Item extra={<Link to={pathOf(g)}>{t('fix')}</Link>}>
                    <Link to={pathOf(g)}>{g.message}</Link>
                  </List.Item>
                )}
                footer={c.gapsTotal > c.gaps.length ? t('moreGaps', { n: c.gapsTotal - c.gaps.length }) : undefined}
              />
            )}
          </div>
        </Flex>
      )}
    </Card>
  );
}
