// The trace feature's pages (trace, recall, drills), joined into renderer/src/features.tsx in one entry.
import { AimOutlined, FieldTimeOutlined, StopOutlined } from '@ant-design/icons';
import type { Feature } from '../../features';
import { TracePage } from './TracePage';
import { RecallPage } from '../recall/RecallPage';
import { DrillsPage } from '../recall/DrillsPage';

export const traceFeatures: Feature[] = [
  {
    path: '/trace',
    element: <TracePage />,
    menu: { group: 'trace', labelKey: 'trace:menu', icon: <AimOutlined />, order: 0 },
  },
  {
    path: '/recall',
    element: <RecallPage />,
    menu: { group: 'trace', labelKey: 'trace:menuRecall', icon: <StopOutlined />, order: 10 },
  },
  { path: '/recall/:id', element: <RecallPage /> },
  {
    path: '/drills',
    right: 'drill.start',
    element: <DrillsPage />,
    menu: { group: 'trace', labelKey: 'trace:menuDrills', icon: <FieldTimeOutlined />, order: 20 },
  },
];
