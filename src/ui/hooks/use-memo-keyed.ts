/**
 * `useMemo` whose keys may vary in number between calls (a pane's key list includes the world
 * key): recompute when any key differs by identity. Keeps the old value's identity otherwise, so
 * memoized panes skip re-rendering.
 */

import { useRef } from 'react';

export function useMemoKeyed<T>(make: () => T, keys: readonly unknown[]): T {
  const ref = useRef<{ keys: readonly unknown[]; value: T } | null>(null);
  const old = ref.current;
  if (old && old.keys.length === keys.length && old.keys.every((k, i) => Object.is(k, keys[i]))) return old.value;
  const value = make();
  ref.current = { keys, value };
  return value;
}
