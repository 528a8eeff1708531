// The cards on the home screen, in one list. To add a card: import it and add ONE entry below.
//   { key: 'recent-lots', order: 30, span: 2, element: <RecentLotsCard /> }
// Cards sit in a grid two columns wide (span 2 = full width) and are sorted by `order`.
import type { ReactNode } from 'react';
import { CountsCard, QuickLinksCard } from './basicCards';
import { CompletenessCard } from '../trace/CompletenessCard';
import { DailyActionsCard, ExpiringCard, StockCard } from '../stock/StockCards';
import { SyncCard } from '../sync/SyncCard';
import { TrustHomeCard } from '../workshop/HomeCard';
import { RecallHomeCard } from '../recall/RecallHomeCard';

export type HomeCard = { key: string; order: number; span?: 1 | 2; element: ReactNode };

export const homeCards: HomeCard[] = [
  { key: 'quick-links', order: 0, span: 1, element: <QuickLinksCard /> },
  { key: 'counts', order: 10, span: 1, element: <CountsCard /> },
  { key: 'recall', order: -20, span: 2, element: <RecallHomeCard /> },
  { key: 'daily-actions', order: -10, span: 2, element: <DailyActionsCard /> },
  { key: 'stock', order: -5, span: 1, element: <StockCard /> },
  { key: 'expiring', order: -4, span: 1, element: <ExpiringCard /> },
  { key: 'completeness', order: 40, span: 1, element: <CompletenessCard /> },
  { key: 'sync', order: 45, span: 1, element: <SyncCard /> },
  { key: 'trust', order: 50, span: 1, element: <TrustHomeCard /> },
];
