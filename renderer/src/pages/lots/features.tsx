// The recording feature's pages (receipts, production, shipments, lots, recipes), joined into
// renderer/src/features.tsx in one entry. Each page has its own sub-routes (list/new and /:id).
import { ExperimentOutlined, ExportOutlined, ImportOutlined, InboxOutlined, ProfileOutlined } from '@ant-design/icons';
import { Route, Routes } from 'react-router-dom';
import type { Feature } from '../../features';
import { ReceiptPage } from '../receipts/ReceiptPage';
import { ReceiptView } from '../receipts/ReceiptView';
import { BatchPage } from '../batches/BatchPage';
import { BatchView } from '../batches/BatchView';
import { ShipmentPage } from '../shipments/ShipmentPage';
import { ShipmentView } from '../shipments/ShipmentView';
import { RecipesPage } from '../recipes/RecipesPage';
import { LotsRoutes } from './LotsPage';

function withDetail(list: React.ReactNode, detail: React.ReactNode) {
  return (
    <Routes>
      <Route index element={list} />
      <Route path=":id" element={detail} />
    </Routes>
  );
}

export const recordFeatures: Feature[] = [
  {
    path: '/receipts/*',
    right: 'receipts.create',
    element: withDetail(<ReceiptPage />, <ReceiptView />),
    menu: { group: 'daily', labelKey: 'records:menu.receipts', icon: <ImportOutlined />, order: 10 },
  },
  {
    path: '/batches/*',
    right: 'batches.record',
    element: withDetail(<BatchPage />, <BatchView />),
    menu: { group: 'daily', labelKey: 'records:menu.batches', icon: <ExperimentOutlined />, order: 20 },
  },
  {
    path: '/shipments/*',
    right: 'shipments.create',
    element: withDetail(<ShipmentPage />, <ShipmentView />),
    menu: { group: 'daily', labelKey: 'records:menu.shipments', icon: <ExportOutlined />, order: 30 },
  },
  {
    path: '/lots/*',
    element: <LotsRoutes />,
    menu: { group: 'daily', labelKey: 'records:menu.lots', icon: <InboxOutlined />, order: 40 },
  },
  {
    path: '/recipes',
    // Auditors read recipes (what a product is made of); the page offers writing only to those who may.
    right: 'recipes.list',
    element: <RecipesPage />,
    menu: { group: 'catalog', labelKey: 'records:menu.recipes', icon: <ProfileOutlined />, order: 15 },
  },
];
