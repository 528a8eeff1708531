// Home: a greeting and the registered cards (cards.tsx).
import { Row, Col, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/hooks';
import { homeCards } from './cards';

export function HomePage() {
  const { t } = useTranslation('home');
  const business = useApiQuery('business.get', {});
  const cards = [...homeCards].sort((a, b) => a.order - b.order);
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {business.data?.name ? t('welcome', { name: business.data.name }) : t('welcomeNoName')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {cards.map((c) => (
          <Col key={c.key} xs={24} lg={c.span === 2 ? 24 : 12}>
            {c.element}
          </Col>
        ))}
      </Row>
    </div>
  );
}
