/** The fault menu (Ctrl+K): one entry per row of the fault table (src/redis/faults.ts), in its order. */

import { FAULT_KINDS, FAULTS, type FaultKind, type FaultNeeds } from '../redis/faults.js';

/** A fault menu entry: its key, the fault it applies, what must be picked for it, the text shown. */
export interface FaultEntry {
  key: string;
  kind: FaultKind;
  needs: FaultNeeds;
  /** The row's text: the synopsis, with the value the menu applies for `pair+value` faults. */
  line: string;
}

export const faultMenu: readonly FaultEntry[] = FAULT_KINDS.map((kind) => {
  const spec = FAULTS[kind];
  const line = spec.menuValue === undefined ? spec.synopsis : spec.synopsis.replace(/ \S+$/, ' ' + spec.menuValue);
  return { key: spec.menuKey, kind, needs: spec.needs, line };
});
