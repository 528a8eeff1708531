// Every page of the app, in one list. To add a page: import it and add ONE entry below.
//   { path: '/lots/*', element: <LotsPage />, menu: { group: 'daily', labelKey: 'lots:menu', icon: <InboxOutlined />, order: 50 } }
// `path` is a react-router path under the HashRouter (use '/x/*' when the page has its own sub-routes).
// `labelKey` is an i18next key 'namespace:key' (namespaces are the files in renderer/src/i18n/).
// Pages without `menu` are reachable by link only. Menu items are sorted by `order` within their group.
// `right` is the API method the page is for: a role that may not call it sees neither the menu entry nor the
// page (shell/rights.tsx). On a '/x/*' page it guards the page itself; its record views (/x/:id) stay readable.
import type { ReactNode } from 'react';
import type { MethodName } from '../../shared/api/contract';
import {
  ApartmentOutlined,
  EnvironmentOutlined,
  HomeOutlined,
  SettingOutlined,
  ShopOutlined,
  TagsOutlined,
} from '@ant-design/icons';
import { HomePage } from './pages/home/HomePage';
import { BusinessPage } from './pages/business/BusinessPage';
import { ProductsPage } from './pages/products/ProductsPage';
import { PartnersPage } from './pages/partners/PartnersPage';
import { LocationsPage } from './pages/locations/LocationsPage';
import { SettingsPage } from './pages/settings/SettingsPage';
import { traceFeatures } from './pages/trace/features';
import { recordFeatures } from './pages/lots/features';
import { syncFeatures } from './pages/sync/features';
import { trustFeatures } from './pages/help/features';
import { labelFeatures } from './pages/labels/features';

/** Menu groups in the order they appear in the side menu. */
export const MENU_GROUPS = ['daily', 'trace', 'labels', 'sync', 'catalog', 'settings'] as const;
export type MenuGroup = (typeof MENU_GROUPS)[number];

export type Feature = {
  path: string;
  element: ReactNode;
  menu?: { group: MenuGroup; labelKey: string; icon?: ReactNode; order: number };
  right?: MethodName;
};

export const features: Feature[] = [
  {
    path: '/',
    element: <HomePage />,
    menu: { group: 'daily', labelKey: 'common:menu.home', icon: <HomeOutlined />, order: 0 },
  },
  {
    path: '/products',
    element: <ProductsPage />,
    menu: { group: 'catalog', labelKey: 'common:menu.products', icon: <TagsOutlined />, order: 10 },
  },
  {
    path: '/partners',
    element: <PartnersPage />,
    menu: { group: 'catalog', labelKey: 'common:menu.partners', icon: <ApartmentOutlined />, order: 20 },
  },
  {
    path: '/locations',
    right: 'locations.create',
    element: <LocationsPage />,
    menu: { group: 'catalog', labelKey: 'common:menu.locations', icon: <EnvironmentOutlined />, order: 30 },
  },
  {
    path: '/business',
    right: 'business.update',
    element: <BusinessPage />,
    menu: { group: 'catalog', labelKey: 'common:menu.business', icon: <ShopOutlined />, order: 40 },
  },
  ...recordFeatures,
  ...traceFeatures,
  ...syncFeatures,
  ...trustFeatures,
  ...labelFeatures,
  {
    path: '/settings',
    right: 'settings.update',
    element: <SettingsPage />,
    menu: { group: 'settings', labelKey: 'common:menu.settings', icon: <SettingOutlined />, order: 0 },
  },
];
