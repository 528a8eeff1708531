// Providers (API, query cache, antd theme and locale) and the first-run gate: until setup.status says
// done, the wizard is shown instead of the app.
import { useEffect, useState } from 'react';
import { App as AntApp, ConfigProvider, Spin, Result, Button } from 'antd';
import viVN from 'antd/locale/vi_VN';
import enUS from 'antd/locale/en_US';
import type { Locale } from 'antd/es/locale';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { HashRouter, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { parseLang } from '../../../shared/i18n/messages';
import type { ApiClient } from '../api/client';
import { ApiProvider, useApiQuery } from '../api/hooks';
import { AppShell } from './AppShell';
import { SetupWizard } from '../pages/wizard/SetupWizard';
import { LoginGate } from '../pages/login/LoginGate';

const queryClient = new QueryClient({
  defaultOptions: {
    // Local data changes only through this UI (or the CLI on the same file): refetch on focus is enough.
    queries: { retry: false, staleTime: 10_000, refetchOnWindowFocus: true },
    mutations: { retry: false },
  },
});

// zeroRuntime: antd's component styles come from its prebuilt stylesheet (imported in main.tsx) instead of
// being generated in JS on the first render of each component (400–800 ms of long tasks on a cold start).
// The tokens below still apply: antd writes them as CSS variables, which that stylesheet reads.
const theme = {
  zeroRuntime: true,
  token: { colorPrimary: '#389e0d', borderRadius: 6, fontSize: 15 },
  components: { Menu: { itemHeight: 38, itemMarginBlock: 2, groupTitleFontSize: 13 } },
};

function Gate() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const status = useApiQuery('setup.status', {});
  // Decided once per session: archiving the last product later must not bring the wizard back mid-work.
  const [wizard, setWizard] = useState<boolean | null>(null);
  useEffect(() => {
    if (wizard === null && status.data) setWizard(!status.data.done);
  }, [wizard, status.data]);
  if (status.isPending || (wizard === null && status.isSuccess))
    return <Spin size="large" style={{ display: 'block', margin: '20vh auto' }} />;
  if (status.isError) {
    const noToken = status.error.code === 'UNAUTHORIZED';
    return (
      <Result
        status={noToken ? '403' : 'error'}
        title={t('errorTitle')}
        subTitle={noToken ? t('noToken') : status.error.message}
        extra={
          <Button type="primary" onClick={() => void status.refetch()}>
            {t('retry')}
          </Button>
        }
      />
    );
  }
  if (wizard) {
    return (
      <SetupWizard
        status={status.data}
        onDone={() => {
          setWizard(false);
          navigate('/');
        }}
      />
    );
  }
  return <AppShell />;
}

// antd's Vietnamese date field asks to pick a "moment" (a time); every date field here is a day.
const vi: Locale = {
  ...viVN,
  DatePicker: viVN.DatePicker && { ...viVN.DatePicker, lang: { ...viVN.DatePicker.lang, placeholder: 'Chọn ngày' } },
  // One spelling of "huỷ" on every screen (docs/glossary.md), antd's own dialogs included.
  Modal: viVN.Modal && { ...viVN.Modal, cancelText: 'Huỷ' },
  Popconfirm: viVN.Popconfirm && { ...viVN.Popconfirm, cancelText: 'Huỷ' },
};

export function App({ client }: { client: ApiClient }) {
  const { i18n } = useTranslation();
  const lang = parseLang(i18n.language);
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : vi} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <ApiProvider client={client}>
            <HashRouter>
              <LoginGate>
                <Gate />
              </LoginGate>
            </HashRouter>
          </ApiProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
