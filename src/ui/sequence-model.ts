/**
 * The sequence view as rows of text: one column per node (its lane), time downwards, one row per
 * message (an arrow from lane to lane with its wire text) or per mark (what happens inside a
 * node), heartbeats folded into one row per second unless expanded. Messages in flight stop
 * half-way in "…", lost ones in ✗. Pure: the trace (and the world's time) in, `Line[]` out.
 */

import type { TraceEvent } from '../redis/trace.js';
import { clipLine, lineText, seg, type Line, type Seg } from './lines.js';
import { extractSequence, type SeqKind, type SeqMark, type SeqMessage, type SequenceData } from './sequence-messages.js';
import { textWidth, truncate } from './text-width.js';
import type { PaletteRole } from './theme.js';

export type SequenceLang = 'en' | 'zh';

export interface SequenceModelInput {
  /** The trace events to draw (the app passes the last few thousand: older rows scroll away anyway). */
  events: readonly TraceEvent[];
  /** The world's virtual time now (messages not arrived by then are in flight). */
  nowMs: number;
  width: number;
  height: number;
  lang: SequenceLang;
  /**
   * Each PING and ACK on its own row instead of one row per second, and each RDB chunk on its own
   * row instead of one row per run of chunks (the run's row shows the newest chunk).
   */
  expandHeartbeats?: boolean;
  /** Rows scrolled back from the newest (0: the newest row is the last one shown, following the step cursor). */
  scroll?: number;
  /** Role of each node now, for the lane headers. */
  roles?: ReadonlyMap<number, 'master' | 'replica'>;
}

export interface SequenceModel {
  /** The lane headers (time, then each port at its lane). */
  header: Line;
  /** The rows shown (at most height - 1), oldest first. */
  rows: Line[];
  /** How many rows there are in all, and the index of the first one shown. */
  total: number;
  first: number;
}

const TIME_COLS = 9;

const KIND_ROLE: Record<SeqKind, PaletteRole> = {
  handshake: 'linkHandshake',
  reply: 'linkHandshake',
  rdb: 'linkSync',
  command: 'accent',
  buffered: 'buffer',
  ping: 'trace',
  ack: 'trace',
  getack: 'trace',
};

const MARK_ROLE: Record<SeqMark['kind'], PaletteRole> = {
  bgsave: 'linkSync',
  load: 'linkSync',
  buffer: 'buffer',
  fault: 'dead',
  state: 'info',
  command: 'echo',
};

const WORDS = {
  en: { time: 'time', heartbeats: 'heartbeats', inFlight: 'in flight', lost: 'lost', empty: 'No messages yet: start two servers and run REPLICAOF.' },
  zh: { time: '时间', heartbeats: '心跳', inFlight: '传输中', lost: '丢失', empty: '还没有消息：启动两个服务器并执行 REPLICAOF。' },
} as const;

/** One row before layout: a message, a mark, or a fold of heartbeats. */
type Item =
  | { kind: 'msg'; t: number; seq: number; m: SeqMessage; chunks?: number }
  | { kind: 'mark'; t: number; seq: number; k: SeqMark }
  | { kind: 'beats'; t: number; seq: number; toMs: number; counts: Map<string, number> };

/** Messages and marks in trace order, heartbeats folded per virtual second unless expanded. */
function items(data: SequenceData, expand: boolean): Item[] {
  const all: Item[] = [
    // A row shows the time of the event it stands for: the send, or the receipt when only that was traced.
    ...data.messages.map((m): Item => ({ kind: 'msg', t: m.arrivedSeq === m.seq ? m.arrivedMs! : m.sentMs, seq: m.seq, m })),
    ...data.marks.map((k): Item => ({ kind: 'mark', t: k.atMs, seq: k.seq, k })),
  ].sort((a, b) => a.seq - b.seq);
  if (expand) return all;
  const out: Item[] = [];
  for (const it of all) {
    const prev = out[out.length - 1];
    if (it.kind === 'msg' && it.m.kind === 'rdb' && prev?.kind === 'msg' && prev.m.kind === 'rdb' && prev.m.from === it.m.from && prev.m.to === it.m.to) {
      // A run of chunks is one row that moves on with each chunk: the newest one's state shows.
      out[out.length - 1] = { ...it, t: prev.t, chunks: (prev.chunks ?? 1) + 1 };
      continue;
    }
    if (it.kind === 'msg' && it.m.heartbeat) {
      const last = out[out.length - 1];
      const name = it.m.kind === 'ack' ? 'ACK' : it.m.kind === 'ping' ? 'PING' : 'GETACK';
      if (last && last.kind === 'beats' && Math.floor(last.t / 1000) === Math.floor(it.t / 1000)) {
        last.counts.set(name, (last.counts.get(name) ?? 0) + 1);
        last.toMs = it.t;
        continue;
      }
      out.push({ kind: 'beats', t: it.t, seq: it.seq, toMs: it.t, counts: new Map([[name, 1]]) });
      continue;
    }
    out.push(it);
  }
  return out;
}

/**
 * Lane columns: the first just after the time column, the last leaving room on its right for the
 * marks written beside it (a third of the width, at most 30 columns).
 */
function laneColumns(ports: readonly number[], width: number): Map<number, number> {
  const left = TIME_COLS + 1;
  const right = width - Math.min(30, Math.floor(width / 3));
  const n = ports.length;
  return new Map(ports.map((p, i) => [p, n === 1 ? left : left + Math.floor(((right - left) * i) / (n - 1))]));
}

/** A row of `width` cells with the lanes drawn, as mutable characters plus styles per cell. */
class RowCanvas {
  readonly chars: string[];
  readonly roles: Array<PaletteRole | undefined>;
  readonly dims: boolean[];

  constructor(readonly width: number) {
    this.chars = new Array<string>(width).fill(' ');
    this.roles = new Array<PaletteRole | undefined>(width).fill(undefined);
    this.dims = new Array<boolean>(width).fill(false);
  }

  /** Write text from column `x` (wide characters take two cells; the second is left empty). */
  put(x: number, text: string, role?: PaletteRole, dim = false): void {
    let col = x;
    for (const ch of text) {
      const w = textWidth(ch);
      if (col < 0 || col + w > this.width) break;
      this.chars[col] = ch;
      this.roles[col] = role;
      this.dims[col] = dim;
      if (w === 2) this.chars[col + 1] = '';
      col += w;
    }
  }

  line(): Line {
    const out: Seg[] = [];
    for (let i = 0; i < this.width; i++) {
      const text = this.chars[i];
      if (text === '') continue;
      const last = out[out.length - 1];
      if (last && last.role === this.roles[i] && !!last.dim === this.dims[i]) last.text += text;
      else out.push(seg(text, { ...(this.roles[i] ? { role: this.roles[i] } : {}), ...(this.dims[i] ? { dim: true } : {}) }));
    }
    // Trailing blanks are not worth drawing.
    while (out.length > 0 && out[out.length - 1].text.trim() === '' && !out[out.length - 1].role) out.pop();
    if (out.length > 0) out[out.length - 1].text = out[out.length - 1].text.replace(/\s+$/, '');
    return out;
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(3)}s`;

/** Build the view: the lane header and the rows that fit, following the newest unless scrolled. */
export function sequenceModel(input: SequenceModelInput): SequenceModel {
  const words = WORDS[input.lang];
  // Only the newest events can reach the screen: a row needs at most a few events (a send, its
  // receipt, the marks around it), so a window of 16 per row, more when scrolled back, is plenty
  // and keeps a frame cheap however long the trace (messages cut at its start draw from one
  // latency earlier, as for a trace that starts mid-conversation).
  const limit = Math.max(800, (input.height + (input.scroll ?? 0)) * 16);
  const events = input.events.length > limit ? input.events.slice(input.events.length - limit) : input.events;
  const data = extractSequence(events, { nowMs: input.nowMs, simulated: input.roles && new Set(input.roles.keys()) });
  const lanes = laneColumns(data.ports, input.width);
  const header = new RowCanvas(input.width);
  header.put(0, words.time, 'trace', true);
  for (const p of data.ports) {
    const x = lanes.get(p)!;
    const role = input.roles?.get(p);
    header.put(x, `${p}${role ? ` ${role === 'master' ? (input.lang === 'zh' ? '主' : 'master') : input.lang === 'zh' ? '从' : 'replica'}` : ''}`, role === 'master' ? 'master' : role === 'replica' ? 'replica' : undefined);
  }
  const all = items(data, input.expandHeartbeats ?? false);
  // Only the rows that show are drawn (a long trace costs its extraction, not thousands of rows).
  const visible = Math.max(1, input.height - 1);
  const scroll = Math.max(0, Math.min(input.scroll ?? 0, all.length - visible));
  const first = Math.max(0, all.length - visible - scroll);
  const shown = all.slice(first, first + visible);
  const rows: Line[] = [];
  let lastTime = first > 0 ? seconds(all[first - 1].t) : '';
  for (const it of shown) {
    const row = new RowCanvas(input.width);
    for (const x of lanes.values()) row.put(x, '│', 'trace', true);
    const time = seconds(it.t);
    if (time !== lastTime) {
      row.put(0, time.padStart(TIME_COLS - 1), 'trace', true);
      lastTime = time;
    }
    if (it.kind === 'msg') {
      drawMessage(row, it.chunks ? { ...it.m, label: `RDB ×${it.chunks}` } : it.m, lanes, words);
      // A lane the arrow passes over shows as a crossing, so it is not read as taking part.
      for (const x of lanes.values()) if ('─━╌'.includes(row.chars[x]) && row.chars[x] !== '') row.chars[x] = '┼';
    }
    else if (it.kind === 'mark') drawMark(row, it.k, lanes, input.lang);
    else {
      const parts = [...it.counts].map(([name, n]) => (n > 1 ? `${name}×${n}` : name));
      row.put(TIME_COLS + 3, `♥ ${words.heartbeats}: ${parts.join(' ')}`, 'trace', true);
    }
    rows.push(clipLine(row.line(), input.width));
  }
  if (rows.length === 0) rows.push([seg(words.empty, { dim: true })]);
  return { header: header.line(), rows, total: Math.max(all.length, 1), first };
}

/**
 * An arrow between two lanes with its label inside: `│─ set k4 v4 +29 B → offset 51 ──▶│`. A lost
 * or in-flight message keeps its label but its line stops half-way, in ✗ or "…".
 */
function drawMessage(row: RowCanvas, m: SeqMessage, lanes: ReadonlyMap<number, number>, words: (typeof WORDS)[SequenceLang]): void {
  const a = lanes.get(m.from)!;
  const b = lanes.get(m.to)!;
  const role = m.status === 'lost' ? 'dead' : KIND_ROLE[m.kind];
  const dim = m.heartbeat;
  const right = b > a;
  const lo = Math.min(a, b) + 1;
  const hi = Math.max(a, b) - 1;
  const line = m.kind === 'reply' ? '╌' : m.kind === 'rdb' ? '━' : '─';
  const status = m.status === 'lost' ? ` (${words.lost})` : m.status === 'inflight' ? ` (${words.inFlight})` : '';
  const room = hi - lo - 3;
  if (room < 4) {
    // No room between the lanes: a short arrow, and the label after the farther lane.
    for (let x = lo; x <= hi; x++) row.put(x, line, role, dim);
    row.put(right ? hi : lo, m.status === 'arrived' ? (right ? '▶' : '◀') : m.status === 'lost' ? '✗' : '…', role, dim);
    const x = Math.max(a, b) + 2;
    row.put(x, truncate(`${m.label} ${m.detail}${status}`.trim(), row.width - x), undefined, dim);
    return;
  }
  const text = truncate(` ${m.label}${m.detail ? ` ${m.detail}` : ''}${status} `, room);
  const w = textWidth(text);
  if (m.status === 'arrived') {
    for (let x = lo; x <= hi; x++) row.put(x, line, role, dim);
    row.put(right ? hi : lo, right ? '▶' : '◀', role, dim);
    row.put(right ? lo + 1 : hi - 1 - w, text, undefined, dim);
    return;
  }
  // Half-way, or just past the label when the label is longer than half the gap.
  const half = Math.floor((a + b) / 2);
  const stop = right ? Math.max(half, lo + 1 + w) : Math.min(half, hi - 1 - w);
  for (let x = right ? lo : stop; x <= (right ? stop : hi); x++) row.put(x, line, role, dim);
  row.put(right ? lo + 1 : hi - 1 - w, text, m.status === 'lost' ? 'dead' : undefined, dim);
  row.put(stop, m.status === 'lost' ? '✗' : '…', m.status === 'lost' ? 'dead' : role, dim);
}

/** A mark on a lane, its text to the right (or to the left when the lane is the last one and room is short). */
function drawMark(row: RowCanvas, k: SeqMark, lanes: ReadonlyMap<number, number>, lang: SequenceLang): void {
  const x = lanes.get(k.port)!;
  const role = MARK_ROLE[k.kind];
  row.put(x, '◆', role);
  const text = lang === 'zh' ? k.zh : k.en;
  const rightRoom = row.width - x - 2;
  if (rightRoom >= Math.min(textWidth(text), 16)) row.put(x + 2, truncate(text, rightRoom), role);
  else {
    const t = truncate(text, Math.max(0, x - TIME_COLS - 1));
    row.put(x - 1 - textWidth(t), t, role);
  }
}

/**
 * Row `i` of the view's rows (its header not counted) as the top of a window: a row whose time
 * was said by a row above it gets the time written in, so a scrolled view never starts without one.
 */
export function sequenceTopRow(rows: readonly Line[], i: number): Line {
  const timeOf = (l: Line) => lineText(l).slice(0, TIME_COLS).trim();
  if (timeOf(rows[i]) !== '') return rows[i];
  let j = i - 1;
  while (j >= 0 && timeOf(rows[j]) === '') j--;
  if (j < 0) return rows[i];
  // The time column is blank cells: swap them for the time, keep the rest of the row as it is.
  const rest: Seg[] = [];
  let skip = TIME_COLS - 1;
  for (const s of rows[i]) {
    const cut = Math.min(skip, s.text.length);
    skip -= cut;
    if (s.text.length > cut) rest.push({ ...s, text: s.text.slice(cut) });
  }
  return [seg(timeOf(rows[j]).padStart(TIME_COLS - 1), { role: 'trace', dim: true }), ...rest];
}
