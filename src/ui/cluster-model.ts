/**
 * The cluster picture as rows: each node (port, role, status, offset, keys, short replid), the
 * link from each replica to its master with its state, and on a master the replication work in
 * flight — BGSAVE, the RDB transfer bar, each replica's output buffer (the writes waiting while
 * the replica gets its RDB), and the backlog window with every replica's offset marked.
 * A write of the stream stays visible through its whole life: buffered on the master, in flight
 * on the link (behind the RDB's last bytes after a full sync, or as a +CONTINUE's backlog bytes),
 * held by a replica still loading, then applied (at the instant it is, with the offset after it).
 * Pure: snapshots in, `Line[]` out.
 */

import type { BufferedWrite, LinkView, NodeSnapshot, ReplicaView } from '../redis/api.js';
import type { PaletteRole } from './theme.js';
import { DEFAULT_LATENCY_MS, linkKey } from '../redis/faults.js';
import { lineText, type Line, type Seg } from './lines.js';
import { bytesToUtf8 } from '../redis/bytes.js';
import { textWidth, truncate } from './text-width.js';
import { wrapSegs } from './markdown.js';
import { strings, type Strings } from './strings.js';

const english = strings('en');

/** Rows a replica's output buffer may take in the picture. */
const BUFFER_ROWS = 3;

/** A link as the screen names it. */
export type LinkLabel = 'handshake' | 'sync' | 'online' | 'down' | 'partitioned' | 'connecting';

/** Link faults between two ports, keyed by linkKey ("a-b" with a < b). */
export interface LinkFaults {
  dropped: Set<string>;
  latencyMs: Map<string, number>;
}

/** The link faults now in force, from the network's own link state (WorldApi.links()). */
export function linkFaults(links: readonly LinkView[]): LinkFaults {
  const faults: LinkFaults = { dropped: new Set(), latencyMs: new Map() };
  for (const l of links) {
    if (l.dropped) faults.dropped.add(linkKey(l.a, l.b));
    if (l.latencyMs !== DEFAULT_LATENCY_MS) faults.latencyMs.set(linkKey(l.a, l.b), l.latencyMs);
  }
  return faults;
}

/** The state of the link from a replica to its master, as the picture draws it. */
export function linkLabel(replica: NodeSnapshot, master: NodeSnapshot | undefined, faults: LinkFaults): LinkLabel {
  const m = replica.master!;
  if (faults.dropped.has(linkKey(replica.port, m.port))) return 'partitioned';
  if (master && (master.status === 'crashed' || master.status === 'shutdown')) return 'down';
  // No simulated master: down, unless a real one outside the world (serve mode) is talking to it.
  if (!master && m.linkState !== 'connected' && m.linkState !== 'sync' && m.linkState !== 'handshake') return 'down';
  switch (m.linkState) {
    case 'connected':
      return 'online';
    case 'sync':
      return 'sync';
    case 'handshake':
      return 'handshake';
    case 'connecting':
      return 'connecting';
    default:
      return 'down';
  }
}

const linkRole = {
  online: 'linkOnline',
  sync: 'linkSync',
  handshake: 'linkHandshake',
  connecting: 'linkHandshake',
  down: 'linkDown',
  partitioned: 'linkDown',
} as const;

/** A progress bar of `width` cells: █ done, ░ to do. */
export function bar(done: number, total: number, width: number): string {
  const frac = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const n = Math.round(frac * width);
  return '█'.repeat(n) + '░'.repeat(width - n);
}

/** A command as a person types it: `SET k4 v4` (byte strings shown as UTF-8, long args cut). */
export function commandText(argv: readonly string[]): string {
  return argv
    .map((a, i) => {
      const s = bytesToUtf8(a);
      const shown = i === 0 ? s.toUpperCase() : s;
      return /[\s"]/.test(shown) || shown === '' ? JSON.stringify(shown) : truncate(shown, 16);
    })
    .join(' ');
}

const statusWord = (n: NodeSnapshot, text: Strings): string =>
  n.status === 'crashed' ? text.dead : n.status === 'shutdown' ? text.stopped : n.status === 'paused' ? text.pausedNode : '';

const isDown = (n: NodeSnapshot) => n.status === 'crashed' || n.status === 'shutdown';

/** The node's own offset: a replica shows slave_repl_offset, a master master_repl_offset. */
export function nodeOffset(n: NodeSnapshot): number {
  return n.role === 'replica' && n.replicaOffset !== null ? n.replicaOffset : n.masterReplOffset;
}

function headerLine(n: NodeSnapshot, text: Strings): Line {
  const down = isDown(n);
  const word = statusWord(n, text);
  const mark = down ? '✖' : n.status === 'paused' ? '‖' : '●';
  const roleStyle: Partial<Seg> = down
    ? { role: 'dead', strike: false }
    : n.status === 'paused'
      ? { role: 'paused' }
      : { role: n.role === 'master' ? 'master' : 'replica' };
  const line: Line = [
    { text: `${mark} `, ...roleStyle },
    { text: String(n.port), bold: true, ...roleStyle },
    { text: ` ${n.role === 'master' ? 'master ' : 'replica'}`, ...roleStyle },
  ];
  if (word) line.push({ text: ` ${word.toUpperCase()}`, bold: true, role: down ? 'dead' : 'paused' });
  if (!down) {
    line.push({ text: `  ${text.offset} ${nodeOffset(n)}` });
    line.push({ text: `  ${text.keys} ${n.totalKeys}` });
    line.push({ text: `  ${n.replid.slice(0, 6)}`, dim: true });
  }
  return line;
}

function replicaLinkLine(n: NodeSnapshot, byPort: Map<number, NodeSnapshot>, faults: LinkFaults, nowMs: number, text: Strings): Line {
  const m = n.master!;
  const master = byPort.get(m.port);
  const label = linkLabel(n, master, faults);
  const dashes = label === 'online' ? '══' : label === 'sync' ? '━━' : '╌╌';
  const line: Line = [
    { text: `  ◀${dashes} `, role: linkRole[label] },
    { text: label, role: linkRole[label], bold: true },
    { text: ` ${dashes} ${m.port}`, role: linkRole[label] },
  ];
  const view = master?.replicas.find((r) => r.port === n.port);
  if (view && view.lastAckMs !== null && label === 'online') {
    line.push({ text: `  ${text.lag(Math.max(0, Math.floor((nowMs - view.lastAckMs) / 1000)))}` });
  }
  if (master && !isDown(master) && n.replicaOffset !== null && label === 'online') {
    const behind = master.masterReplOffset - n.replicaOffset;
    if (behind > 0) line.push({ text: `  ${text.behind(behind)}`, role: 'warning' });
  }
  const latency = faults.latencyMs.get(linkKey(n.port, m.port));
  if (latency) line.push({ text: `  +${latency}ms`, dim: true });
  // Serve mode: a master nobody simulates is a real redis-server on this machine.
  if (!master) line.push({ text: `  ${text.realServer}`, dim: true });
  return line;
}

/**
 * Rows for what a replica is doing with its master's data: receiving the RDB, loading it, holding
 * the writes that arrive meanwhile, and — at the instant it happens — applying writes.
 */
function replicaSideLines(n: NodeSnapshot, nowMs: number, width: number, barWidth: number, text: Strings): RankedRow[] {
  const rows: RankedRow[] = [];
  if (n.syncTransfer) {
    const { readBytes, totalBytes } = n.syncTransfer;
    rows.push(kept([
      { text: `    ${text.rdbIn} ` },
      { text: bar(readBytes, totalBytes, barWidth), role: 'linkSync' },
      { text: ` ${readBytes}/${totalBytes}B` },
    ]));
  }
  if (n.loading) rows.push(kept([{ text: `    ${text.loadingRdb}`, role: 'linkSync', bold: true }]));
  const held = n.heldWrites;
  if (held) {
    const head: Seg = { text: `    ⇥ ${text.held(held.count, held.bytes)}`, role: 'buffer' };
    rows.push(...listRows(head, writeItems(held.writes, held.count - held.writes.length, false, text), 'buffer', width, text));
  }
  const applied = n.lastApplied;
  if (applied && applied.atMs === nowMs && applied.writes.length > 0) {
    // Shown at the instant of the apply only: the header's offset keeps the result afterwards.
    const offset = applied.writes[applied.writes.length - 1].offset;
    const head: Seg = { text: `    ✓ ${text.applied(applied.count, applied.bytes, offset)}`, role: 'linkOnline' };
    rows.push(...listRows(head, writeItems(applied.writes, applied.count - applied.writes.length, true, text), 'linkOnline', width, text));
  }
  return rows;
}

/** Rows for the master's view of one replica: its state, the RDB bar, its output buffer. */
function replicaViewLines(r: ReplicaView, replica: NodeSnapshot | undefined, nowMs: number, width: number, barWidth: number, text: Strings): RankedRow[] {
  const rows: RankedRow[] = [];
  const head: Line = [
    { text: `  ▸ ${r.port} ` },
    { text: r.state, role: r.state === 'online' ? 'linkOnline' : 'linkSync' },
  ];
  // Serve mode: a replica nobody simulates is a real redis-server (said short where the full
  // words would push its ack off a narrow pane).
  if (replica === undefined) head.push({ text: ` ${width >= 52 ? text.realServer : text.realServerShort}`, dim: true });
  if (r.state === 'online') {
    head.push({ text: `  ack ${r.ackOffset}` });
    if (r.lastAckMs !== null) head.push({ text: `  ${text.lag(Math.max(0, Math.floor((nowMs - r.lastAckMs) / 1000)))}`, dim: true });
  }
  if (r.legacySync) head.push({ text: '  (SYNC)', dim: true });
  if (r.rdbTransfer) {
    const { sentBytes, totalBytes } = r.rdbTransfer;
    rows.push(kept([
      { text: `    ${text.rdbOut} ` },
      { text: bar(sentBytes, totalBytes, barWidth), role: 'linkSync' },
      { text: ` ${sentBytes}/${totalBytes}B` },
    ]));
  }
  if (r.outputBuffer.length > 0 || r.state !== 'online') {
    // The writes waiting for this replica, as typed.
    const bytes = r.outputBuffer.reduce((sum, w) => sum + w.bytes, 0);
    const head: Seg = { text: `    ${text.buffer(r.outputBuffer.length, bytes)}`, role: 'buffer' };
    if (r.outputBuffer.length === 0) rows.push(kept([head, { text: ` ${text.bufferEmpty}`, role: 'buffer', dim: true }]));
    else rows.push(...listRows(head, writeItems(r.outputBuffer, 0, false, text), 'buffer', width, text));
  }
  const cont = continueRow(r, replica, nowMs, width, barWidth, text);
  if (cont) rows.push(kept(cont));
  const flight = r.inFlight;
  if (flight) {
    // Sent, not yet read by the replica: after a full sync they travel behind the RDB's last bytes.
    const head: Seg = { text: `    ⇢ ${text.inFlight(flight.count, flight.bytes, flight.rdbBytes)}`, role: 'linkSync' };
    rows.push(...listRows(head, writeItems(flight.writes, flight.count - flight.writes.length, false, text), 'linkSync', width, text));
  }
  // The replica's port and state name the rows under it; alone, the head is what gives way first.
  return [{ line: head, rank: rows.length > 0 ? GIVES_WAY.never : GIVES_WAY.loneReplicaView }, ...rows];
}

const NBSP = '\u00a0';

/**
 * Writes as the picture lists them: as typed, runs of the same command folded (`PING ×6`), and
 * the writes a snapshot did not keep counted at the start (`hiddenFirst`) or the end.
 */
export function writeItems(writes: readonly BufferedWrite[], hidden: number, hiddenFirst: boolean, text: Strings = english): string[] {
  const items: string[] = [];
  let prev = '';
  let run = 0;
  const flush = () => {
    if (run > 0) items.push(run > 1 ? `${prev} ×${run}` : prev);
  };
  for (const w of writes) {
    const t = commandText(w.argv);
    if (t === prev) run++;
    else {
      flush();
      prev = t;
      run = 1;
    }
  }
  flush();
  if (hidden > 0) {
    if (hiddenFirst) items.unshift(text.moreWrites(hidden));
    else items.push(text.moreWrites(hidden));
  }
  return items;
}

/**
 * A head (`buffer 3 (81B):`) and its items joined by ` · `, wrapped under it over at most
 * BUFFER_ROWS rows; where the pane is short, the rows after the first give way, and the first
 * then ends in `…`.
 */
function listRows(head: Seg, items: string[], role: PaletteRole, width: number, text: Strings): RankedRow[] {
  const segs: Seg[] = [head];
  // Each item is one unbreakable word, its ` ·` included, so that no row starts with the separator.
  items.forEach((item, i) => {
    const word = i < items.length - 1 ? `${item} ·` : item;
    segs.push({ text: ' ' }, { text: word.replace(/ /g, NBSP), role, bold: true });
  });
  if (head.text.endsWith('：')) segs.splice(1, 1); // a full-width colon carries its own space
  const wrapped = wrapSegs(segs, width, '      ').map((l) => l.map((x) => ({ ...x, text: x.text.replace(/\u00a0/g, ' ') })));
  const rows =
    wrapped.length <= BUFFER_ROWS ? wrapped : [...wrapped.slice(0, BUFFER_ROWS - 1), [{ text: `      ${text.moreRows(wrapped.length - BUFFER_ROWS + 1)}`, role, dim: true }]];
  if (rows.length === 1) return [kept(rows[0])];
  const first: RankedRow = { line: rows[0], rank: GIVES_WAY.never, folded: withEllipsis(rows[0], width) };
  return [first, ...rows.slice(1).map((line) => ({ line, rank: GIVES_WAY.listMore, of: first }))];
}

/** A row ending in ` …` within `width` (its last items give way to it). */
function withEllipsis(line: Line, width: number): Line {
  const segs = [...line];
  while (segs.length > 1 && textWidth(lineText(segs)) + 2 > width) segs.pop();
  return [...segs, { text: ' …', dim: true }];
}

/**
 * After +CONTINUE: how much of the backlog range the master sent has been applied by the replica
 * (its offset, else its last ACK), with the range when it fits. Shown until the range is applied,
 * and at the instant its last write is.
 */
function continueRow(r: ReplicaView, replica: NodeSnapshot | undefined, nowMs: number, width: number, barWidth: number, text: Strings): Line | null {
  const c = r.psyncContinue;
  if (!c) return null;
  const total = c.toOffset - c.fromOffset + 1;
  if (total <= 0) return null;
  const offset = replica?.replicaOffset ?? r.ackOffset;
  const applied = Math.min(total, Math.max(0, offset - c.fromOffset + 1));
  const last = replica?.lastApplied;
  const justDone = last !== null && last !== undefined && last.atMs === nowMs && last.writes.some((w) => w.offset === c.toOffset);
  if (applied >= total && !justDone) return null;
  const head = '    +CONTINUE ';
  const tail = ` ${applied}/${total}B ${text.continueApplied}`;
  const range = ` [${c.fromOffset}…${c.toOffset}]`;
  const cells = Math.max(4, Math.min(barWidth, width - textWidth(head) - textWidth(tail)));
  const row: Line = [
    { text: head, role: 'linkSync' },
    { text: bar(applied, total, cells), role: 'linkOnline' },
    { text: tail },
  ];
  if (textWidth(head) + cells + textWidth(tail) + textWidth(range) <= width) row.push({ text: range, dim: true });
  return row;
}

/**
 * The backlog as a window [first byte offset … master_repl_offset] with each replica's offset
 * marked by the last digit of its port. A replica whose next byte (offset+1) is no longer in the
 * window could not PSYNC: it is drawn outside the brackets and flagged.
 */
export function backlogLines(master: NodeSnapshot, replicas: NodeSnapshot[], width: number, text: Strings = english): Line[] {
  const b = master.backlog;
  if (!b.active) return [];
  const first = b.firstByteOffset;
  const last = master.masterReplOffset;
  const head = `  ${text.backlog} ${b.sizeBytes >= 1024 ? `${Math.round(b.sizeBytes / 1024)}kB` : `${b.sizeBytes}B`} [${first}…${last}]`;
  const rows: Line[] = [[{ text: head, dim: true }]];
  const cells = Math.max(8, Math.min(40, width - 10));
  const track = Array.from({ length: cells }, () => '─');
  const outside: Seg[] = [];
  for (const r of replicas) {
    const off = nodeOffset(r);
    const digit = String(r.port % 10);
    // PSYNC asks for offset+1: it can continue while first ≤ offset+1 ≤ last+1.
    if (off + 1 < first) {
      outside.push({ text: ` ${text.outOfBacklog(r.port, off)}`, role: 'dead', bold: true });
      continue;
    }
    const span = Math.max(1, last - first + 1);
    const pos = Math.min(cells - 1, Math.max(0, Math.floor(((off + 1 - first) / span) * (cells - 1))));
    track[pos] = track[pos] === '─' ? digit : '*';
  }
  rows.push([
    { text: '  [', dim: true },
    { text: track.join(''), role: 'accent' },
    { text: ']', dim: true },
    ...outside,
  ]);
  return rows;
}

export interface ClusterInput {
  nowMs: number;
  nodes: NodeSnapshot[];
  faults: LinkFaults;
  /** Serve mode: real clients connected to simulated nodes (LiveClock.clients()). */
  clients?: ReadonlyArray<{ port: number; addr: string; kind: 'client' | 'replica' | 'monitor' | 'subscriber'; name: string }>;
}

/**
 * How readily a row gives way when the picture is taller than its pane: the rows that change as
 * replication moves (node headers with their offsets, bars, the first row of the buffered,
 * in-flight, held and applied writes) never do; the backlog window goes first, then a replica's
 * link line, then the master's one-line view of a replica with nothing under it, then the rows a
 * list of writes wraps onto.
 */
const GIVES_WAY = { never: 0, listMore: 1, loneReplicaView: 2, link: 3, backlog: 4 } as const;

interface RankedRow {
  line: Line;
  rank: number;
  /** The row to show instead when rows it wraps onto (`of` it) gave way. */
  folded?: Line;
  /** The first row of the list this row continues. */
  of?: RankedRow;
}

const kept = (line: Line): RankedRow => ({ line, rank: GIVES_WAY.never });

/**
 * The rows that fit `height`: all of them when they do; otherwise the rows that give way most
 * readily are left out, rank by rank, until the rest fits with a last row naming F4 (the whole
 * picture); what still does not fit is cut from the bottom.
 */
function fitRows(rows: readonly RankedRow[], height: number, text: Strings): Line[] {
  if (rows.length <= height) return rows.map((r) => r.line);
  const marker: Line = [{ text: text.morePane('F4'), dim: true, role: 'accent' }];
  let shown = [...rows];
  for (let rank = GIVES_WAY.backlog; rank > GIVES_WAY.never && shown.length > height - 1; rank--) {
    shown = shown.filter((r) => r.rank < rank);
  }
  const cut = new Set(rows.filter((r) => !shown.includes(r)).map((r) => r.of));
  return [...shown.slice(0, Math.max(0, height - 1)).map((r) => (r.folded && cut.has(r) ? r.folded : r.line)), marker];
}

/**
 * The whole cluster picture in rows of at most `width` columns; with a `height`, the rows that
 * matter most for that many rows, ending in "… more: F4" when some were left out.
 */
export function clusterLines({ nowMs, nodes, faults, clients = [] }: ClusterInput, width: number, text: Strings = english, height = Infinity): Line[] {
  if (nodes.length === 0) return [[{ text: text.noServers, dim: true }]];
  const byPort = new Map(nodes.map((n) => [n.port, n]));
  const barWidth = Math.max(6, Math.min(20, width - 28));
  const ranked: RankedRow[] = [];
  const push = (rank: number, lines: Line[]) => void ranked.push(...lines.map((line) => ({ line, rank })));
  const ordered = [...nodes].sort((a, b) => a.port - b.port);
  for (const n of ordered) {
    push(GIVES_WAY.never, [headerLine(n, text)]);
    if (isDown(n)) continue;
    if (n.role === 'replica' && n.master) {
      push(GIVES_WAY.link, [replicaLinkLine(n, byPort, faults, nowMs, text)]);
      ranked.push(...replicaSideLines(n, nowMs, width, barWidth, text));
    }
    if (n.bgsave) {
      const { startedMs, endsMs, keys, forReplication } = n.bgsave;
      push(GIVES_WAY.never, [[
        { text: '  BGSAVE  ', role: 'linkSync', bold: true },
        { text: bar(nowMs - startedMs, endsMs - startedMs, barWidth), role: 'linkSync' },
        { text: ` ${text.bgsaveKeys(keys)}` },
        ...(forReplication ? [] : [{ text: ' (BGSAVE)', dim: true }]),
      ]]);
    }
    for (const r of n.replicas) ranked.push(...replicaViewLines(r, byPort.get(r.port), nowMs, width, barWidth, text));
    // Real clients (a real replica is drawn above, as the master sees it).
    for (const c of clients) {
      if (c.port !== n.port || c.kind === 'replica') continue;
      push(GIVES_WAY.never, [[{ text: `  ◇ ${text.realClient} ${c.addr}`, role: 'accent' }, { text: `${c.kind === 'monitor' ? ' MONITOR' : c.kind === 'subscriber' ? ' SUBSCRIBE' : ''}${c.name ? ` ${c.name}` : ''}`, dim: true }]]);
    }
    // Replicas pointing at this node, connected or not: a disconnected one is the one that may fall out of the backlog.
    const reps = ordered.filter((r) => r.master?.port === n.port && !isDown(r));
    if (n.replicas.length > 0 || reps.length > 0) push(GIVES_WAY.backlog, backlogLines(n, reps, width, text));
  }
  return fitRows(ranked, height, text);
}
