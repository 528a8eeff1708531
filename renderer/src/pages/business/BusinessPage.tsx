// Edit the business profile.
import { Card, Skeleton, Typography, Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/hooks';
import { BusinessForm } from './BusinessForm';

export function BusinessPage() {
  const { t } = useTranslation('masterdata');
  const business = useApiQuery('business.get', {});
  return (
    <div style={{ maxWidth: 860 }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('business.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('business.intro')}</Typography.Paragraph>
      <Card>
        {business.isPending && <Skeleton active />}
        {business.isError && <Alert type="error" title={business.error.message} />}
        {business.isSuccess && <BusinessForm key={business.data?.updatedAt ?? 'new'} record={business.data} />}
      </Card>
    </div>
  );
}
