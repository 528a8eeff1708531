// First run: business profile → first location → first product, then the home screen.
// It starts at the first step not done yet, so closing the window halfway loses nothing.
import { useState } from 'react';
import { App, Card, Flex, Select, Steps, Typography } from 'antd';
import { EnvironmentOutlined, ShopOutlined, TagsOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import type { Location, SetupStatus } from '../../../../shared/api/masterdata';
import { useApiQuery } from '../../api/hooks';
import { useLanguage } from '../../shell/useLanguage';
import { BusinessForm } from '../business/BusinessForm';
import { LocationForm } from '../locations/LocationForm';
import { ProductForm } from '../products/ProductForm';

export function SetupWizard({ status, onDone }: { status: SetupStatus; onDone: () => void }) {
  const { t } = useTranslation('wizard');
  const { message } = App.useApp();
  const [lang, changeLang] = useLanguage();
  const first = !status.business ? 0 : !status.location ? 1 : 2;
  const [step, setStep] = useState(first);
  const [visited, setVisited] = useState(() => new Set([first]));
  const go = (next: number) => {
    setVisited((v) => new Set(v).add(next));
    setStep(next);
  };
  const business = useApiQuery('business.get', {});
  // Back from the product step edits the location already saved instead of adding a second one.
  const locations = useApiQuery('locations.list', { limit: 1 }, { enabled: status.location });
  const [saved, setLocation] = useState<Location | null>(null);
  const location = saved ?? locations.data?.items[0] ?? null;

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
          {/* A step's form stays mounted once shown, so Back and Next keep what was typed. */}
          <WizardStep shown={step === 0} visited={visited.has(0)}>
            {business.isPending ? null : (
              <BusinessForm
                record={business.data ?? null}
                compact
                quiet
                submitLabel={t('saveNext')}
                onSaved={() => go(1)}
              />
            )}
          </WizardStep>
          <WizardStep shown={step === 1} visited={visited.has(1)}>
            <LocationForm
              record={location}
              quiet
              submitLabel={t('saveNext')}
              onBack={() => go(0)}
              onSaved={(l) => {
                setLocation(l);
                go(2);
              }}
            />
          </WizardStep>
          <WizardStep shown={step === 2} visited={visited.has(2)}>
            <ProductForm
              record={null}
              compact
              quiet
              submitLabel={t('finish')}
              onBack={() => go(1)}
              onSaved={() => {
                message.success(t('doneTitle'));
                onDone();
              }}
            />
          </WizardStep>
        </Card>
      </div>
    </Flex>
  );
}

function WizardStep({ shown, visited, children }: { shown: boolean; visited: boolean; children: ReactNode }) {
  if (!visited) return null;
  return <div style={{ display: shown ? undefined : 'none' }}>{children}</div>;
}
