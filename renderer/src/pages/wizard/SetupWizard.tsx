// First run: business profile → first location → first product, then the home screen.
// It starts at the first step not done yet, so closing the window halfway loses nothing.
import { useState } from 'react';
import { App, Card, Flex, Select, Steps, Typography } from 'antd';
import { EnvironmentOutlined, ShopOutlined, TagsOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { SetupStatus } from '../../../../shared/api/masterdata';
import { useApiQuery } from '../../api/hooks';
import { useLanguage } from '../../shell/useLanguage';
import { BusinessForm } from '../business/BusinessForm';
import { LocationForm } from '../locations/LocationForm';
import { ProductForm } from '../products/ProductForm';

export function SetupWizard({ status, onDone }: { status: SetupStatus; onDone: () => void }) {
  const { t } = useTranslation('wizard');
  const { message } = App.useApp();
  const [lang, changeLang] = useLanguage();
  const [step, setStep] = useState(!status.business ? 0 : !status.location ? 1 : 2);
  const business = useApiQuery('business.get', {});

  const help = [t('businessHelp'), t('locationHelp'), t('productHelp')][step];
  return (
    <Flex justify="center" style={{ minHeight: '100vh', background: '#f5f7f2', padding: '32px 16px' }}>
      <div style={{ width: '100%', maxWidth: 820 }}>
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <Typography.Title level={2} style={{ margin: 0, color: '#237804' }}>
            {t('title')}
          </Typography.Title>
          <Select
            aria-label={t('common:language')}
            value={lang}
            onChange={(v) => void changeLang(v)}
            style={{ width: 130 }}
            options={[
              { value: 'vi', label: t('common:vietnamese') },
              { value: 'en', label: t('common:english') },
            ]}
            data-testid="lang-switch"
          />
        </Flex>
        <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
        <Card>
          <Steps
            current={step}
            style={{ marginBottom: 24 }}
            items={[
              { title: t('steps.business'), icon: <ShopOutlined /> },
              { title: t('steps.location'), icon: <EnvironmentOutlined /> },
              { title: t('steps.product'), icon: <TagsOutlined /> },
            ]}
          />
          <Typography.Paragraph>{help}</Typography.Paragraph>
          {step === 0 &&
            (business.isPending ? null : (
              <BusinessForm
                record={business.data ?? null}
                compact
                quiet
                submitLabel={t('saveNext')}
                onSaved={() => setStep(1)}
              />
            ))}
          {step === 1 && <LocationForm record={null} quiet submitLabel={t('saveNext')} onSaved={() => setStep(2)} />}
          {step === 2 && (
            <ProductForm
              record={null}
              compact
              quiet
              submitLabel={t('finish')}
              onSaved={() => {
                message.success(t('doneTitle'));
                onDone();
              }}
            />
          )}
        </Card>
      </div>
    </Flex>
  );
}
