// Issue #7's pages, registered in renderer/src/features.tsx with one line.
import {
  AuditOutlined,
  CloudServerOutlined,
  FileExcelOutlined,
  QuestionCircleOutlined,
  ReadOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Feature } from '../../features';
import { UsersPage } from '../users/UsersPage';
import { AuditPage } from '../audit/AuditPage';
import { BackupPage } from '../backup/BackupPage';
import { ImportPage } from '../import/ImportPage';
import { WorkshopPage } from '../workshop/WorkshopPage';
import { HelpPage } from './HelpPage';

export const trustFeatures: Feature[] = [
  {
    path: '/import',
    right: 'imports.preview',
    element: <ImportPage />,
    menu: { group: 'catalog', labelKey: 'trust:import.menu', icon: <FileExcelOutlined />, order: 90 },
  },
  {
    path: '/users',
    right: 'users.list',
    element: <UsersPage />,
    menu: { group: 'settings', labelKey: 'trust:users.menu', icon: <TeamOutlined />, order: 10 },
  },
  {
    path: '/backup',
    right: 'backup.list',
    element: <BackupPage />,
    menu: { group: 'settings', labelKey: 'trust:backup.menu', icon: <CloudServerOutlined />, order: 20 },
  },
  {
    path: '/audit',
    right: 'audit.list',
    element: <AuditPage />,
    menu: { group: 'settings', labelKey: 'trust:audit.menu', icon: <AuditOutlined />, order: 30 },
  },
  {
    path: '/workshop',
    right: 'workshop.tick',
    element: <WorkshopPage />,
    menu: { group: 'settings', labelKey: 'trust:workshop.menu', icon: <ReadOutlined />, order: 40 },
  },
  {
    path: '/help',
    element: <HelpPage />,
    menu: { group: 'settings', labelKey: 'trust:help.menu', icon: <QuestionCircleOutlined />, order: 90 },
  },
];
