// The label and printing pages, joined into renderer/src/features.tsx in one entry.
import { FormatPainterOutlined, HistoryOutlined, PrinterOutlined, SettingOutlined } from '@ant-design/icons';
import type { Feature } from '../../features';
import { PrintPage } from './PrintPage';
import { PrintersPage } from './PrintersPage';
import { PrintLogPage } from './PrintLogPage';
import { DesignerPage } from './DesignerPage';

export const labelFeatures: Feature[] = [
  {
    path: '/labels/print',
    right: 'print.submit',
    element: <PrintPage />,
    menu: { group: 'labels', labelKey: 'labels:menu.print', icon: <PrinterOutlined />, order: 0 },
  },
  {
    path: '/labels/log',
    element: <PrintLogPage />,
    menu: { group: 'labels', labelKey: 'labels:menu.log', icon: <HistoryOutlined />, order: 10 },
  },
  {
    path: '/labels/designer',
    right: 'labels.saveTemplate',
    element: <DesignerPage />,
    menu: { group: 'labels', labelKey: 'labels:menu.designer', icon: <FormatPainterOutlined />, order: 15 },
  },
  {
    path: '/labels/printers',
    right: 'printers.save',
    element: <PrintersPage />,
    menu: { group: 'labels', labelKey: 'labels:menu.printers', icon: <SettingOutlined />, order: 20 },
  },
];
