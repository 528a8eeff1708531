// A choice that belongs to this PC, not to the business (the screen's size, the code its slips carry for the
// customers' scanners): kept in the browser storage (localStorage) of this PC, shared by every window of the app.
import { useSyncExternalStore } from 'react';

export type MachineSetting<T> = { useValue: () => T; save: (v: T) => void };

/** `parse` turns what is stored (null when nothing is) into a value, falling back to the default itself. */
export function machineSetting<T>(key: string, parse: (stored: string | null) => T): MachineSetting<T> {
  const listeners = new Set<() => void>();
  const read = () => parse(globalThis.localStorage?.getItem(key) ?? null);
  const subscribe = (l: () => void) => {
    listeners.add(l);
    // Another window of the app changing the same setting.
    window.addEventListener('storage', l);
    return () => {
      listeners.delete(l);
      window.removeEventListener('storage', l);
    };
  };
  return {
    useValue: () => useSyncExternalStore(subscribe, read, () => parse(null)),
    save: (v: T) => {
      localStorage.setItem(key, String(v));
      listeners.forEach((l) => l());
    },
  };
}
