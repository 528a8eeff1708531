// The lists of the lot page arrive with their first page (lots.get); further pages are read on demand,
// so a salt lot used in 10,000 batches shows at once and grows only as the user scrolls.
import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import type { ListResult } from '../../../../shared/api/fields';
import type { LotPageList } from '../../../../shared/api/lots';
import { useApi } from '../../api/hooks';

const METHOD = {
  history: 'lots.history',
  madeFrom: 'lots.madeFrom',
  usedIn: 'lots.usedIn',
  shippedTo: 'lots.shippedTo',
} as const;

/**
 * Rows drawn at first, and added per step, of what has been read: a first page is 50 rows, but drawing
 * 20 of them fills the screen at half the cost.
 */
const DRAWN = 20;
const STEP = 50;

export type MoreRows<T> = {
  rows: T[];
  /** Rows not read yet (a lower bound when the total was capped). */
  left: number;
  capped: boolean;
  loading: boolean;
  loadMore: () => void;
};

export function useMoreRows<T>(
  lotId: number,
  list: LotPageList,
  first: T[],
  count: { total: number; totalCapped?: boolean },
): MoreRows<T> {
  const api = useApi();
  const [extra, setExtra] = useState<T[]>([]);
  const [total, setTotal] = useState(count);
  const [loading, setLoading] = useState(false);
  const [drawn, setDrawn] = useState(DRAWN);
  const busy = useRef(false);
  // A new answer of lots.get (after a status change, a correction…) starts the list again.
  useEffect(() => {
    setExtra([]);
    setTotal(count);
    setDrawn(DRAWN);
  }, [first, count]);
  const read = extra.length ? [...first, ...extra] : first;
  const rows = read.length > drawn ? read.slice(0, drawn) : read;
  const left = Math.max(0, total.total - rows.length);
  const capped = !!total.totalCapped;
  const loadMore = useCallback(() => {
    // Rows already read are drawn first, in a transition so the page stays responsive.
    if (read.length > drawn) return startTransition(() => setDrawn((d) => d + STEP));
    if (busy.current || (left === 0 && !capped)) return;
    busy.current = true;
    setLoading(true);
    api
      .call(METHOD[list], { id: lotId, offset: read.length })
      .then((answer) => {
        const page = answer as ListResult<T>;
        setExtra((x) => [...x, ...page.items]);
        setDrawn(read.length + page.items.length);
        setTotal(page.items.length ? page : { total: read.length });
      })
      .finally(() => {
        busy.current = false;
        setLoading(false);
      });
  }, [api, list, lotId, read.length, drawn, left, capped]);
  return { rows, left, capped, loading, loadMore };
}

/** Calls `onVisible` whenever the returned element scrolls into view (the end of a long list). */
export function useWhenVisible(onVisible: () => void) {
  const ref = useRef<HTMLDivElement | null>(null);
  const cb = useRef(onVisible);
  cb.current = onVisible;
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) cb.current();
    });
    io.observe(el);
    return () => io.disconnect();
  }, []);
  return ref;
}
