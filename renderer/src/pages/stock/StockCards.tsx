// Home cards of the recording features: the three daily actions as big buttons, stock by product and
// location, and lots expiring within 7/30/90 days (each count links to the filtered lot list).
import { Button, Card, Col, Empty, Flex, Row, Statistic, Table, Tooltip, Typography } from 'antd';
import { ExportOutlined, ExperimentOutlined, ImportOutlined, InboxOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { StockRow } from '../../../../shared/api/lots';
import type { ReactNode } from 'react';
import type { MethodName } from '../../../../shared/api/contract';
import { useApiQuery } from '../../api/hooks';
import { useRights } from '../../shell/rights';
import { dateText, qtyText, stateWord } from '../lots/common';

export function DailyActionsCard() {
  const { t } = useTranslation('records');
  const rights = useRights();
  const all: { to: string; icon: ReactNode; label: string; testId: string; right: MethodName | null }[] = [
    {
      to: '/receipts',
      icon: <ImportOutlined />,
      label: t('home.receive'),
      testId: 'home-receive',
      right: 'receipts.create',
    },
    {
      to: '/batches',
      icon: <ExperimentOutlined />,
      label: t('home.produce'),
      testId: 'home-produce',
      right: 'batches.record',
    },
    {
      to: '/shipments',
      icon: <ExportOutlined />,
      label: t('home.ship'),
      testId: 'home-ship',
      right: 'shipments.create',
    },
    { to: '/lots', icon: <InboxOutlined />, label: t('home.lots'), testId: 'home-lots', right: null },
  ];
  const actions = all.filter((a) => !a.right || rights.may(a.right));
  return (
    <Card title={t('home.actions')}>
      <Row gutter={[12, 12]}>
        {actions.map((a, i) => (
          <Col key={a.to} span={24 / actions.length}>
            <Link to={a.to} data-testid={a.testId}>
              <Button
                block
                size="large"
                type={a.right ? 'primary' : 'default'}
                ghost={i > 0 && !!a.right}
                icon={a.icon}
                style={{ height: 56, fontSize: 17 }}
              >
                {a.label}
              </Button>
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

export function StockCard() {
  const { t } = useTranslation('records');
  const q = useApiQuery('stock.summary', {});
  const rows = q.data?.rows ?? [];
  const shown = rows.slice(0, 8);
  return (
    <Card
      title={t('home.stock')}
      extra={
        q.data ? (
          <Typography.Text type="secondary">
            {t('home.lotsInStock', { count: q.data.totals.lotsInStock })}
          </Typography.Text>
        ) : null
      }
      loading={q.isPending}
      style={{ height: '100%' }}
      data-testid="stock-card"
    >
      {rows.length === 0 ? (
        <Empty description={t('home.stockEmpty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <>
          <Table<StockRow>
            size="small"
            rowKey={(r) => `${r.productId}-${r.locationId}`}
            pagination={false}
            dataSource={shown}
            columns={[
              {
                title: t('common.product'),
                key: 'p',
                render: (_, r) => <Link to={`/lots?product=${r.productId}`}>{r.productName}</Link>,
              },
              { title: t('common.location'), dataIndex: 'locationName', key: 'l' },
              {
                title: t('lots.balance'),
                key: 'q',
                align: 'right',
                render: (_, r) => (
                  <Tooltip
                    title={
                      r.usableQty !== r.qty ? `${stateWord('available')}: ${qtyText(r.usableQty, r.unit)}` : undefined
                    }
                  >
                    <strong>{qtyText(r.qty, r.unit)}</strong>
                  </Tooltip>
                ),
              },
              { title: t('common.expiry'), key: 'e', width: 110, render: (_, r) => dateText(r.nearestExpiry) },
            ]}
          />
          {rows.length > shown.length && (
            <Link to="/lots">
              <Typography.Text type="secondary">
                {t('home.moreProducts', { count: rows.length - shown.length })}
              </Typography.Text>
            </Link>
          )}
        </>
      )}
    </Card>
  );
}

export function ExpiringCard() {
  const { t } = useTranslation('records');
  const q = useApiQuery('stock.expiring', { days: 90, limit: 5 });
  const c = q.data?.counts;
  const stat = (title: string, value: number | undefined, to: string, danger: boolean, testId: string) => (
    <Col span={6}>
      <Link to={to} data-testid={testId}>
        <Statistic
          title={title}
          value={value ?? 0}
          loading={q.isPending}
          styles={{ content: { color: danger && value ? '#cf1322' : undefined } }}
        />
      </Link>
    </Col>
  );
  return (
    <Card title={t('home.expiring')} style={{ height: '100%' }} data-testid="expiring-card">
      <Row gutter={12}>
        {stat(t('home.expired'), c?.expired, '/lots?state=expired', true, 'expiring-expired')}
        {stat(t('home.within', { count: 7 }), c?.within7, '/lots?expiring=7', true, 'expiring-7')}
        {stat(t('home.within', { count: 30 }), c?.within30, '/lots?expiring=30', false, 'expiring-30')}
        {stat(t('home.within', { count: 90 }), c?.within90, '/lots?expiring=90', false, 'expiring-90')}
      </Row>
      {(q.data?.lots.length ?? 0) > 0 && (
        <Flex vertical gap={2} style={{ marginTop: 12 }}>
          {q.data!.lots.map((l) => (
            <Flex key={l.id} justify="space-between" gap={8}>
              <span>
                <Link to={`/lots/${l.id}`} style={{ fontFamily: 'monospace' }}>
                  {l.code}
                </Link>{' '}
                {l.productName}
              </span>
              <Typography.Text
                type={l.daysToExpiry !== null && l.daysToExpiry < 7 ? 'danger' : 'secondary'}
                style={{ whiteSpace: 'nowrap' }}
              >
                {dateText(l.expiryDate)} · {qtyText(l.balance, l.unit)}
              </Typography.Text>
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}
