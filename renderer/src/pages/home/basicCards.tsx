// The first two home cards: shortcuts to common tasks and how much master data there is.
import { Card, Statistic, Row, Col, Button, Flex } from 'antd';
import { ApartmentOutlined, EnvironmentOutlined, PlusOutlined, ShopOutlined, TagsOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/hooks';
import { useRights } from '../../shell/rights';

export function QuickLinksCard() {
  const { t } = useTranslation('home');
  const rights = useRights();
  const links = (
    [
      { to: '/products?new=1', icon: <TagsOutlined />, label: t('addProduct'), right: 'products.create' },
      { to: '/partners?new=1', icon: <ApartmentOutlined />, label: t('addPartner'), right: 'partners.create' },
      { to: '/locations?new=1', icon: <EnvironmentOutlined />, label: t('addLocation'), right: 'locations.create' },
      { to: '/business', icon: <ShopOutlined />, label: t('editBusiness'), right: 'business.update' },
    ] as const
  ).filter((l) => rights.may(l.right));
  if (!links.length) return null;
  return (
    <Card title={t('quickLinks')} style={{ height: '100%' }}>
      <Flex vertical gap={8}>
        {links.map((l) => (
          <Link key={l.to} to={l.to}>
            <Button
              block
              icon={l.to.includes('new=1') ? <PlusOutlined /> : l.icon}
              style={{ justifyContent: 'flex-start' }}
            >
              {l.label}
            </Button>
          </Link>
        ))}
      </Flex>
    </Card>
  );
}

export function CountsCard() {
  const { t } = useTranslation('home');
  // limit 1: only the totals are needed.
  const products = useApiQuery('products.list', { limit: 1 });
  const partners = useApiQuery('partners.list', { limit: 1 });
  const locations = useApiQuery('locations.list', { limit: 1 });
  const stat = (title: string, to: string, q: typeof products | typeof partners | typeof locations) => (
    <Col span={8}>
      <Link to={to}>
        <Statistic title={title} value={q.data?.total ?? 0} loading={q.isPending} />
      </Link>
    </Col>
  );
  return (
    <Card title={t('counts')} style={{ height: '100%' }}>
      <Row gutter={16}>
        {stat(t('products'), '/products', products)}
        {stat(t('partners'), '/partners', partners)}
        {stat(t('locations'), '/locations', locations)}
      </Row>
    </Card>
  );
}
