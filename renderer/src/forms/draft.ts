// A form that is half filled in survives leaving the page: its values are kept in the session's storage
// and come back when the page opens again, until the record is saved or the draft is thrown away.
// Closing the window with a draft asks first (the browser's own question).
import { useEffect } from 'react';
import dayjs, { type Dayjs } from 'dayjs';

const PREFIX = 'nguongoc.draft.';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Dayjs values become 'YYYY-MM-DD' strings under a marker, so they come back as dates. */
function pack(v: unknown): unknown {
  if (dayjs.isDayjs(v)) return { $date: (v as Dayjs).format('YYYY-MM-DD') };
  if (Array.isArray(v)) return v.map(pack);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, pack(x)]));
  return v;
}

function unpack(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(unpack);
  if (v && typeof v === 'object') {
    const d = (v as { $date?: unknown }).$date;
    if (typeof d === 'string' && DATE.test(d)) return dayjs(d);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unpack(x)]));
  }
  return v;
}

export function readDraft<T>(name: string): T | null {
  try {
    const raw = sessionStorage.getItem(PREFIX + name);
    return raw ? (unpack(JSON.parse(raw)) as T) : null;
  } catch {
    return null;
  }
}

export function writeDraft(name: string, values: unknown): void {
  try {
    sessionStorage.setItem(PREFIX + name, JSON.stringify(pack(values)));
  } catch {
    // A full or blocked storage only loses the draft, never the form.
  }
}

export function clearDraft(name: string): void {
  try {
    sessionStorage.removeItem(PREFIX + name);
  } catch {
    // Nothing kept, nothing to clear.
  }
}

/** Asks before the window closes or reloads while `dirty` is true. */
export function useLeaveGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const ask = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [dirty]);
}
