// The frame around every page: side menu built from features.tsx, a header with the business name.
import { useMemo, useState } from 'react';
import { Layout, Menu, Typography, Select, Avatar, Flex, Result, Button } from 'antd';
import type { MenuProps } from 'antd';
import { Link, Route, Routes, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { features, MENU_GROUPS, type Feature } from '../features';
import { useRights } from './rights';
import { Forbidden } from './Forbidden';
import { UserChip } from '../pages/login/LoginGate';
import { useApiQuery } from '../api/hooks';
import { useLanguage } from './useLanguage';

const { Sider, Header, Content } = Layout;

/** The menu key of a path: the registered path that is the longest prefix of it. */
function selectedPath(pathname: string): string {
  let best = '/';
  for (const f of features) {
    if (!f.menu) continue;
    const base = f.path.replace(/\/\*$/, '');
    if (base !== '/' && (pathname === base || pathname.startsWith(base + '/')) && base.length > best.length)
      best = base;
  }
  return best;
}

/** A page element behind its right: a role that may not use the page sees why, with the menu still there. */
function guarded(f: Feature, may: (m: NonNullable<Feature['right']>) => boolean, pathname: string) {
  const base = f.path.replace(/\/\*$/, '');
  // Record views under a page (/receipts/12) are readable by every role; the page itself is for its right.
  const isPage = !f.path.endsWith('/*') || pathname === base || pathname === `${base}/`;
  return f.right && isPage && !may(f.right) ? <Forbidden method={f.right} /> : f.element;
}

export function AppShell() {
  const { t } = useTranslation();
  const location = useLocation();
  const rights = useRights();
  const [collapsed, setCollapsed] = useState(false);
  const [lang, changeLang] = useLanguage();
  const business = useApiQuery('business.get', {});

  const items = useMemo<MenuProps['items']>(() => {
    return MENU_GROUPS.flatMap((group) => {
      const entries = features
        .filter((f) => f.menu?.group === group && (!f.right || rights.may(f.right)))
        .sort((a, b) => a.menu!.order - b.menu!.order);
      if (!entries.length) return [];
      return [
        {
          type: 'group' as const,
          key: `group-${group}`,
          label: collapsed ? null : t(`common:menuGroup.${group}`),
          children: entries.map((f) => {
            const base = f.path.replace(/\/\*$/, '');
            return { key: base, icon: f.menu!.icon, label: <Link to={base}>{t(f.menu!.labelKey)}</Link> };
          }),
        },
      ];
    });
  }, [t, collapsed, rights]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={240}
        theme="light"
        // Sticky and scrolling on its own: the menu grows as features are added and must stay reachable.
        style={{
          borderRight: '1px solid #f0f0f0',
          position: 'sticky',
          top: 0,
          height: '100vh',
          overflowY: 'auto',
          paddingBottom: 48,
        }}
      >
        <Link to="/" style={{ display: 'block', padding: '16px 20px 8px', whiteSpace: 'nowrap', overflow: 'hidden' }}>
          <Typography.Title level={4} style={{ margin: 0, color: '#237804' }}>
            {collapsed ? 'NG' : t('appName')}
          </Typography.Title>
          {!collapsed && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('tagline')}
            </Typography.Text>
          )}
        </Link>
        <Menu
          mode="inline"
          selectedKeys={[selectedPath(location.pathname)]}
          items={items}
          style={{ borderInlineEnd: 'none' }}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: '0 24px',
            borderBottom: '1px solid #f0f0f0',
            height: 56,
            lineHeight: '56px',
          }}
        >
          <Flex justify="space-between" align="center" style={{ height: '100%' }}>
            <Flex align="center" gap={12} style={{ minWidth: 0 }}>
              {business.data?.logo && <Avatar src={business.data.logo} shape="square" size={36} alt="" />}
              <Typography.Text strong style={{ fontSize: 16 }} ellipsis data-testid="business-name">
                {business.data?.name ?? ''}
              </Typography.Text>
            </Flex>
            <Flex align="center" gap={12}>
              <UserChip />
              <Select
                aria-label={t('language')}
                value={lang}
                onChange={(v) => void changeLang(v)}
                style={{ width: 130 }}
                options={[
                  { value: 'vi', label: t('vietnamese') },
                  { value: 'en', label: t('english') },
                ]}
                data-testid="lang-switch"
              />
            </Flex>
          </Flex>
        </Header>
        <Content style={{ padding: 24 }}>
          <Routes>
            {features.map((f) => (
              <Route key={f.path} path={f.path} element={guarded(f, rights.may, location.pathname)} />
            ))}
            <Route
              path="*"
              element={
                <Result
                  status="404"
                  title="404"
                  extra={
                    <Link to="/">
                      <Button type="primary">{t('menu.home')}</Button>
                    </Link>
                  }
                />
              }
            />
          </Routes>
        </Content>
      </Layout>
    </Layout>
  );
}
