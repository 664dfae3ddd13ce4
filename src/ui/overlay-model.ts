/** The fault menu and the node inspector as rows (they take the cluster pane's place while open). */

import type { NodeSnapshot } from '../redis/api.js';
import { bytesToUtf8 } from '../redis/bytes.js';
import { stringMatch } from '../redis/commands/glob.js';
import type { Overlay } from './app-state.js';
import { faultMenu } from './fault-menu.js';
import { lineText, type Line, type Seg } from './lines.js';
import type { Strings } from './strings.js';
import { hardWrap, textWidth } from './text-width.js';

/** Nodes as the overlays number them: 1–9 in port order. */
export function numberedPorts(nodes: readonly NodeSnapshot[]): number[] {
  return nodes.map((n) => n.port).sort((a, b) => a - b).slice(0, 9);
}

function portChoices(ports: number[], except: number | null): Line[] {
  return ports.map((p, i) => [{ text: `  ${i + 1} `, bold: true, role: 'accent' as const }, { text: String(p), dim: p === except }]);
}

/**
 * Choices in `room` rows: one column when they fit, else side by side in as few columns as it
 * takes (each as wide as its widest choice), when those fit `width`. The menu has no scrolling,
 * so a choice below the pane's last row could not be seen.
 */
export function inColumns(items: readonly Line[], room: number, width: number): Line[] {
  if (items.length <= room || room < 1) return [...items];
  const perColumn = Math.ceil(items.length / Math.ceil(items.length / room));
  const columns: Line[][] = [];
  for (let i = 0; i < items.length; i += perColumn) columns.push(items.slice(i, i + perColumn));
  const widths = columns.map((col) => Math.max(...col.map((l) => textWidth(lineText(l)))));
  if (widths.reduce((a, b) => a + b, 0) > width) return [...items];
  return columns[0].map((_, r) =>
    columns.flatMap((col, c) => {
      const item = col[r] ?? [];
      const pad = c < columns.length - 1 ? widths[c] - textWidth(lineText(item)) : 0;
      return pad > 0 ? [...item, { text: ' '.repeat(pad) }] : item;
    }),
  );
}

/** The fault menu's rows for its current stage, in `room` rows of `width` columns (the pane it stands in). */
export function faultLines(o: Extract<Overlay, { kind: 'faults' }>, ports: number[], text: Strings, room = Infinity, width = Infinity): Line[] {
  const rows: Line[] = [[{ text: text.faultsTitle, bold: true }]];
  if (!o.fault) {
    const choices: Line[] = faultMenu.map((f) => [{ text: `  ${f.key} `, bold: true, role: 'accent' }, { text: f.line }]);
    return [...rows, ...inColumns(choices, room - rows.length, width)];
  }
  rows.push([{ text: `  ${o.fault.line}`, role: 'accent' }]);
  rows.push([{ text: o.port === null ? text.pickPort : text.pickPeer, dim: true }]);
  if (ports.length === 0) rows.push([{ text: text.noNodes, dim: true }]);
  return [...rows, ...inColumns(portChoices(ports, o.port), room - rows.length, width)];
}

/** A value from WorldApi.keys as one short line. */
function valueText(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(bytesToUtf8(v));
  if (Array.isArray(v)) return `[${v.map(valueText).join(', ')}]`;
  if (v instanceof Map) return `{${[...v.entries()].map(([k, x]) => `${valueText(k)}: ${valueText(x)}`).join(', ')}}`;
  if (v instanceof Set) return `{${[...v].map(valueText).join(', ')}}`;
  if (v && typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export interface InspectData {
  ports: number[];
  info: string[] | null;
  keys: Array<{ key: string; type: string; value: unknown; expiresAtMs: number | null }> | null;
}

/** A title of ` · `-separated parts in rows of `width`, broken only between parts (so no key is cut off). */
function partRows(title: string, width: number, style: Partial<Seg> = { bold: true }): Line[] {
  const rows: string[] = [];
  for (const part of title.split(' · ')) {
    const last = rows.length - 1;
    if (last >= 0 && textWidth(rows[last] + ' · ' + part) <= width) rows[last] += ' · ' + part;
    else rows.push(last < 0 ? part : '  ' + part);
  }
  return rows.map((r) => [{ ...style, text: r }]);
}

/** The inspector's rows in a pane `width` wide: the node picker, then INFO replication (wrapped, as a terminal would) or the keys of the picked node. */
export function inspectLines(o: Extract<Overlay, { kind: 'inspect' }>, data: InspectData, text: Strings, room = Infinity, width = Infinity): Line[] {
  const rows: Line[] = partRows(text.inspectTitle, width);
  if (data.ports.length === 0) return [...rows, [{ text: text.noNodes, dim: true }]];
  rows.push(
    data.ports.flatMap((p, i) => [
      { text: ` ${i + 1}`, bold: true, role: 'accent' as const },
      { text: `:${p}`, inverse: p === o.port },
    ]),
  );
  if (o.port === null) return rows;
  // No INFO and no keys: the node is stopped or dead (its keys are on disk, not gone).
  if ((o.tab === 'info' ? data.info : data.keys) === null) return [...rows, [{ text: text.nodeNotRunning(o.port), role: 'warning' }]];
  if (o.tab === 'info') {
    // INFO scrolls under the title and the node picker.
    const info = (data.info ?? []).flatMap((l) => (Number.isFinite(width) ? hardWrap(l, width) : [l]));
    rows.push([{ text: text.infoOf(o.port), dim: true }], ...info.slice(Math.min(o.scroll, Math.max(0, info.length - 1))).map((l): Line => [{ text: l }]));
  } else {
    // The keys a MATCH pattern picks, a page at a time (as SCAN would hand them out).
    const all = (data.keys ?? []).filter((k) => o.filter === '' || stringMatch(o.filter, k.key));
    const from = Math.min(o.scroll, Math.max(0, all.length - 1));
    // The page header wraps like the title; the keys get the rows it leaves.
    const port = o.port;
    const header = (page: number) =>
      partRows(all.length ? text.keysPage(from + 1, from + Math.min(page, all.length - from), all.length, o.filter) : text.keysOf(port), width, { dim: true });
    let page = Math.max(1, room - rows.length - 1);
    let head = header(page);
    if (head.length > 1) head = header((page = Math.max(1, room - rows.length - head.length)));
    const shown = all.slice(from, from + page);
    rows.push(...head);
    if (all.length === 0) rows.push([{ text: text.empty, dim: true }]);
    for (const k of shown) {
      rows.push([{ text: bytesToUtf8(k.key), bold: true }, { text: ` ${k.type} `, dim: true }, { text: valueText(k.value) }]);
    }
  }
  return rows;
}
