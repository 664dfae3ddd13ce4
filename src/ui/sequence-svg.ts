/**
 * The sequence diagram of a run as a standalone SVG: one lane per node, time downwards (one row
 * per traced moment, its virtual time on the left), an arrow per message with its wire text, marks
 * on a lane for what happens inside a node, lost messages ending in ✗, and a legend. No external
 * fonts, scripts or images, black text on white, so it prints; the same trace gives the same bytes.
 */

import type { SeqKind, SeqMessage, SequenceData } from './sequence-messages.js';

export interface SvgOptions {
  title?: string;
  /** Only what happens between these virtual times (ms), inclusive. */
  fromMs?: number;
  toMs?: number;
  /** Roles to name in the lane headers (`master`, `replica`), by port. */
  roles?: ReadonlyMap<number, string>;
  /** The world's time now: in-flight messages are drawn up to it. */
  nowMs?: number;
}

const ROW = 22;
const LANE_GAP = 320;
const LEFT = 96;
const HEADER = 150;
const MARK_SPACE = 250;

/** Colours chosen to stay apart in print and for colour-blind readers (Okabe–Ito). */
const STYLE: Record<SeqKind, { color: string; width: number; dash?: string; en: string }> = {
  handshake: { color: '#0072B2', width: 1.5, en: 'handshake (PING, REPLCONF, PSYNC)' },
  reply: { color: '#0072B2', width: 1.5, dash: '5 3', en: 'reply (+PONG, +OK, +FULLRESYNC, +CONTINUE)' },
  rdb: { color: '#D55E00', width: 3, en: 'RDB chunk (bytes sent / total)' },
  command: { color: '#009E73', width: 2, en: 'propagated command (+bytes → offset)' },
  buffered: { color: '#CC79A7', width: 2, en: 'buffered write, sent after the RDB' },
  ping: { color: '#777777', width: 1, dash: '2 3', en: 'heartbeat: PING (master → replicas)' },
  getack: { color: '#777777', width: 1, dash: '2 3', en: 'REPLCONF GETACK *' },
  ack: { color: '#999999', width: 1, dash: '2 3', en: 'heartbeat: REPLCONF ACK offset' },
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const n = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

/** `0.279s`, as the tutor prints times. */
const seconds = (ms: number) => `${(ms / 1000).toFixed(3)}s`;

/**
 * The SVG text. Rows are the traced moments in trace order (so a burst in one millisecond stays
 * readable); an arrow runs from its send's row to its arrival's row.
 */
export function renderSequenceSvg(data: SequenceData, opts: SvgOptions = {}): string {
  const from = opts.fromMs ?? -Infinity;
  const to = opts.toMs ?? Infinity;
  const inWindow = (t: number | null) => t !== null && t >= from && t <= to;
  const messages = data.messages.filter((m) => inWindow(m.sentMs) || inWindow(m.arrivedMs) || inWindow(m.lostMs));
  const marks = data.marks.filter((k) => inWindow(k.atMs));
  const ports = data.ports.filter((p) => messages.some((m) => m.from === p || m.to === p) || marks.some((k) => k.port === p));

  // Rows: one per traced moment — each message's send and arrival, each mark — in trace order, so
  // a burst inside one millisecond stays readable. Ends the trace does not record (a reply's send,
  // a handshake command's receipt) get a row of their own next to the traced end.
  type Moment = { seq: number; sub: number; t: number; traced: boolean };
  const moments: Moment[] = [];
  const ends: Array<{ send: Moment; arrive: Moment | null }> = [];
  messages.forEach((m, i) => {
    let send: Moment;
    let arrive: Moment | null = null;
    if (m.arrivedSeq !== null && m.arrivedSeq === m.seq) {
      send = { seq: m.seq, sub: -1, t: m.sentMs, traced: false };
      arrive = { seq: m.seq, sub: 0, t: m.arrivedMs!, traced: true };
    } else {
      send = { seq: m.seq, sub: 1 + i, t: m.sentMs, traced: true };
      if (m.arrivedSeq !== null) arrive = { seq: m.arrivedSeq, sub: 0, t: m.arrivedMs!, traced: true };
      else if (m.status === 'arrived') arrive = { seq: m.seq, sub: 1.5 + i, t: m.arrivedMs!, traced: false };
    }
    moments.push(send);
    if (arrive) moments.push(arrive);
    ends.push({ send, arrive });
  });
  const markMoments = marks.map((k) => ({ seq: k.seq, sub: 0, t: k.atMs, traced: true }));
  moments.push(...markMoments);
  moments.sort((x, y) => x.seq - y.seq || x.sub - y.sub);
  const rowOfMoment = new Map<Moment, number>(moments.map((mo, i) => [mo, i]));
  /** The row of the first moment at or after `t` (for cuts, which have no row of their own). */
  const rowAt = (t: number, after: number) => {
    const i = moments.findIndex((mo, idx) => idx > after && mo.t >= t);
    return i < 0 ? moments.length : i;
  };
  const ordered = moments.map((mo) => [mo.seq, mo.t, mo.traced] as const);
  const rows = Math.max(ordered.length, 1) + 1;
  const laneX = new Map(ports.map((p, i) => [p, LEFT + 40 + i * LANE_GAP]));
  // Wide enough for the lanes and for the legend's two columns.
  const width = Math.max(LEFT + 40 + Math.max(ports.length - 1, 0) * LANE_GAP + MARK_SPACE, 900);
  const yOf = (row: number) => HEADER + 30 + row * ROW;
  const height = yOf(rows) + 30;

  const out: string[] = [];
  out.push(`<?xml version="1.0" encoding="UTF-8"?>`);
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="12">`,
  );
  out.push(`<title>${escapeXml(opts.title ?? 'Redis replication, message by message')}</title>`);
  out.push(`<defs>`);
  for (const [kind, s] of Object.entries(STYLE)) {
    out.push(`<marker id="head-${kind}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${s.color}"/></marker>`);
  }
  out.push(`</defs>`);
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="16" y="24" font-size="16" font-weight="bold">${escapeXml(opts.title ?? 'Redis replication, message by message')}</text>`);

  // Legend: one sample arrow per kind present, then the marks and ✗.
  const kinds = (Object.keys(STYLE) as SeqKind[]).filter((k) => messages.some((m) => m.kind === k));
  kinds.forEach((k, i) => {
    const col = i % 2;
    const row = Math.floor(i / 2);
    const x = 16 + col * 430;
    const y = 48 + row * 18;
    const s = STYLE[k];
    out.push(
      `<line x1="${x}" y1="${y}" x2="${x + 40}" y2="${y}" stroke="${s.color}" stroke-width="${s.width}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''} marker-end="url(#head-${k})"/><text x="${x + 50}" y="${y + 4}">${escapeXml(s.en)}</text>`,
    );
  });
  const legendBottom = 48 + Math.ceil(kinds.length / 2) * 18;
  out.push(
    `<rect x="16" y="${legendBottom - 8}" width="10" height="10" fill="#F0E442" stroke="#333333"/><text x="32" y="${legendBottom + 1}">inside a node (BGSAVE, buffer, load, command typed)</text>` +
      `<text x="446" y="${legendBottom + 1}" fill="#D00000" font-weight="bold">✗</text><text x="462" y="${legendBottom + 1}">lost (link or node went down)   … in flight</text>`,
  );

  // Lanes.
  for (const p of ports) {
    const x = laneX.get(p)!;
    const role = opts.roles?.get(p);
    out.push(`<rect x="${x - 60}" y="${HEADER - 24}" width="120" height="34" rx="4" fill="#eeeeee" stroke="#333333"/>`);
    out.push(`<text x="${x}" y="${HEADER - 9}" text-anchor="middle" font-weight="bold">${p}</text>`);
    if (role) out.push(`<text x="${x}" y="${HEADER + 5}" text-anchor="middle" font-size="10">${escapeXml(role)}</text>`);
    out.push(`<line x1="${x}" y1="${HEADER + 10}" x2="${x}" y2="${yOf(rows)}" stroke="#333333" stroke-width="1"/>`);
  }

  // Time column: a label where the time changes.
  let lastT = NaN;
  ordered.forEach(([, t, traced], i) => {
    if (t === lastT || !traced) return;
    lastT = t;
    out.push(`<text x="${LEFT - 6}" y="${yOf(i) + 4}" text-anchor="end" fill="#555555">${seconds(t)}</text>`);
    out.push(`<line x1="${LEFT}" y1="${yOf(i)}" x2="${width - 10}" y2="${yOf(i)}" stroke="#eeeeee" stroke-width="1"/>`);
  });

  // Marks.
  marks.forEach((k, i) => {
    const x = laneX.get(k.port)!;
    const y = yOf(rowOfMoment.get(markMoments[i])!);
    const fill = k.kind === 'fault' ? '#F4A6A6' : k.kind === 'command' ? '#dddddd' : '#F0E442';
    out.push(`<g class="mark"><rect x="${x - 5}" y="${y - 5}" width="10" height="10" fill="${fill}" stroke="#333333"/><text x="${x + 9}" y="${y + 4}" font-size="11" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(k.en)}</text></g>`);
  });

  // Messages.
  messages.forEach((m, i) => {
    const { send, arrive } = ends[i];
    const r1 = rowOfMoment.get(send)!;
    const r2 = arrive ? rowOfMoment.get(arrive)! : m.status === 'lost' ? Math.max(rowAt(m.lostMs!, r1), r1 + 1) : r1 + 1;
    out.push(messageSvg(m, laneX, ports, yOf(r1), yOf(r2)));
  });

  out.push(`</svg>`);
  return out.join('\n') + '\n';
}

function messageSvg(m: SeqMessage, laneX: ReadonlyMap<number, number>, ports: readonly number[], y1: number, yEnd: number): string {
  const s = STYLE[m.kind];
  const x1 = laneX.get(m.from)!;
  const xTo = laneX.get(m.to)!;
  let x2 = xTo;
  let y2 = yEnd;
  const stroke = `stroke="${s.color}" stroke-width="${s.width}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}`;
  const parts: string[] = [];
  const label = m.detail ? `${m.label}  ${m.detail}` : m.label;
  if (m.status === 'lost' || m.status === 'inflight') {
    // It never reached the other lane: stop half-way.
    x2 = x1 + (xTo - x1) / 2;
    y2 = y1 + (y2 - y1) / 2;
  }
  parts.push(`<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" ${stroke}${m.status === 'arrived' ? ` marker-end="url(#head-${m.kind})"` : ''}/>`);
  if (m.status === 'lost') {
    parts.push(`<text x="${n(x2)}" y="${n(y2 + 5)}" text-anchor="middle" font-size="16" font-weight="bold" fill="#D00000">✗</text>`);
  } else if (m.status === 'inflight') {
    parts.push(`<text x="${n(x2 + (xTo > x1 ? 4 : -4))}" y="${n(y2 + 4)}" text-anchor="${xTo > x1 ? 'start' : 'end'}" fill="${s.color}">…</text>`);
  }
  // The label sits over the last lane gap the arrow crosses (next to its destination), so that a
  // command fanned out to two replicas has its two labels in two different gaps.
  const dir = xTo > x1 ? 1 : -1;
  const prev = laneX.get(ports[ports.indexOf(m.to) - dir]) ?? x1;
  const lx = m.status === 'arrived' ? (prev + xTo) / 2 : (x1 + x2) / 2;
  const ly = y1 + ((y2 - y1) * (lx - x1)) / (x2 - x1 || 1) - 4;
  parts.push(
    `<text x="${n(lx)}" y="${n(ly)}" text-anchor="middle" font-size="11" fill="${s.color === '#777777' || s.color === '#999999' ? '#555555' : '#000000'}" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(label)}</text>`,
  );
  return `<g class="msg ${m.kind}" data-from="${m.from}" data-to="${m.to}" data-status="${m.status}">${parts.join('')}</g>`;
}
