// The sync feature's pages, joined into renderer/src/features.tsx in one entry.
import { CloudSyncOutlined } from '@ant-design/icons';
import type { Feature } from '../../features';
import { SyncPage } from './SyncPage';

export const syncFeatures: Feature[] = [
  {
    path: '/sync',
    right: 'sync.run',
    element: <SyncPage />,
    menu: { group: 'sync', labelKey: 'sync:menu', icon: <CloudSyncOutlined />, order: 0 },
  },
];
