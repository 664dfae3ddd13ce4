/**
 * The trace as a conversation: every message between two nodes (handshake, +FULLRESYNC, each RDB
 * chunk, each propagated or buffered command, PING, REPLCONF ACK/GETACK) with when it was sent and
 * when it arrived — or that it is still in flight, or was lost — plus the marks for what happens
 * inside a node (BGSAVE, buffered writes, load, faults). Pure data, shared by the sequence view and
 * the SVG export.
 */

import type { TraceEvent } from '../redis/trace.js';
import { printableArgv, shortId } from '../redis/trace-types.js';

export type SeqKind = 'handshake' | 'reply' | 'rdb' | 'command' | 'buffered' | 'ping' | 'ack' | 'getack';

/** One message on the wire between two nodes. */
export interface SeqMessage {
  kind: SeqKind;
  from: number;
  to: number;
  sentMs: number;
  /** When it arrived (or was applied); null while in flight or once lost. */
  arrivedMs: number | null;
  /** Lost: the link or a node went down before it arrived; `lostMs` is when. */
  status: 'arrived' | 'inflight' | 'lost';
  lostMs: number | null;
  /** The wire text, shortened: `PING`, `+FULLRESYNC 492e3b… 0`, `SET k4 v4`, `REPLCONF ACK 51`. */
  label: string;
  /** RDB chunk: `409/18979 B`; command: `+29 B → offset 51`. */
  detail: string;
  /** PING, REPLCONF ACK and GETACK: folded in the terminal view. */
  heartbeat: boolean;
  /** Trace seq of the send (or of the receipt when the send is older than the trace). */
  seq: number;
  /** Trace seq of the arrival, if it arrived. */
  arrivedSeq: number | null;
}

export type SeqMarkKind = 'bgsave' | 'buffer' | 'load' | 'fault' | 'state' | 'command';

/** Something that happens inside one node, in both languages. */
export interface SeqMark {
  kind: SeqMarkKind;
  port: number;
  atMs: number;
  seq: number;
  en: string;
  zh: string;
}

export interface SequenceData {
  /** The nodes that appear, in port order (one lane each). */
  ports: number[];
  messages: SeqMessage[];
  marks: SeqMark[];
}

export interface ExtractOptions {
  /** The world's virtual time now: messages not arrived by then are in flight. */
  nowMs: number;
  /**
   * The simulated nodes' ports. A message to any other port (serve mode's real redis-server) has
   * no traced receipt: it arrives one latency later, as a message whose receipt is not traced.
   */
  simulated?: ReadonlySet<number>;
}

/** The network's default one-way latency (src/sim/network.ts), until a `:latency` fault changes it. */
const DEFAULT_LATENCY_MS = 1;

const key = (a: number, b: number) => `${a}>${b}`;
const pairKey = (a: number, b: number) => (a < b ? `${a}-${b}` : `${b}-${a}`);

/** The trace → messages and marks, in trace order. */
export function extractSequence(events: readonly TraceEvent[], opts: ExtractOptions): SequenceData {
  // One-way latency per link, for messages whose other end the trace does not record.
  const latencies = new Map<string, number>();
  const latency = (a: number, b: number) => latencies.get(pairKey(a, b)) ?? DEFAULT_LATENCY_MS;
  const ports = new Set<number>();
  const messages: SeqMessage[] = [];
  const marks: SeqMark[] = [];
  /** Messages waiting for their receipt, by `from>to` (FIFO: TCP keeps order). */
  const open = new Map<string, SeqMessage[]>();
  /** Stream frames waiting for the replica's apply, by `master>replica@offset`. */
  const byOffset = new Map<string, SeqMessage>();
  /** Replicas each master streams to (SLAVE_STATE_ONLINE), for masters whose replicas' states the events show. */
  const online = new Map<number, Set<number>>();
  /** Replicas a write was just buffered for (not streamed), per master, until its `propagate`. */
  const appended = new Map<number, Set<number>>();
  /** Moments a pair's connections were reset or a process died, for lost messages. */
  type Cut = { pair: string | null; port: number | null; atMs: number; host?: boolean };
  const cuts: Cut[] = [];
  /** Connections that closed: messages on them never seen to arrive were lost there. */
  const downs: Cut[] = [];
  /** Buffered writes waiting to be sent, per `master>replica` (for the "buffer drained" mark). */
  let lastBufferSend: { master: number; replica: number; count: number; atMs: number; seq: number } | null = null;

  const send = (m: Omit<SeqMessage, 'arrivedMs' | 'status' | 'lostMs' | 'arrivedSeq'>, waitFor: 'fifo' | 'offset' | 'none', offset?: number): SeqMessage => {
    const msg: SeqMessage = { ...m, arrivedMs: null, status: 'inflight', lostMs: null, arrivedSeq: null };
    messages.push(msg);
    if (opts.simulated !== undefined && !opts.simulated.has(m.to)) waitFor = 'none';
    ports.add(m.from);
    ports.add(m.to);
    if (waitFor === 'fifo') {
      const q = open.get(key(m.from, m.to)) ?? [];
      q.push(msg);
      open.set(key(m.from, m.to), q);
    } else if (waitFor === 'offset') byOffset.set(`${key(m.from, m.to)}@${offset}`, msg);
    else {
      // The receipt is not traced: it arrives one latency later unless the link is cut first.
      msg.arrivedMs = m.sentMs + latency(m.from, m.to);
    }
    return msg;
  };
  const arrive = (msg: SeqMessage, e: TraceEvent) => {
    msg.arrivedMs = e.t;
    msg.arrivedSeq = e.seq;
    msg.status = 'arrived';
  };
  /** A receipt whose send is older than the kept trace: drawn from one latency earlier. */
  const orphan = (m: Omit<SeqMessage, 'arrivedMs' | 'status' | 'lostMs' | 'arrivedSeq' | 'sentMs'>, e: TraceEvent) => {
    const msg = send({ ...m, sentMs: e.t - latency(m.from, m.to) }, 'none');
    arrive(msg, e);
  };
  /**
   * A connection went down: what was still on its way is lost now (a later copy of the same bytes,
   * resent from the backlog after a +CONTINUE, is another message).
   */
  const cut = (c: Cut) => {
    cuts.push(c);
    // A reset loses both directions; a killed process only what was coming to it (the kernel still
    // delivers what it had written); a dead host both.
    const hit = (m: SeqMessage) => c.pair === pairKey(m.from, m.to) || c.port === m.to || (c.host === true && c.port === m.from);
    const lose = (m: SeqMessage) => {
      m.status = 'lost';
      m.lostMs = c.atMs;
    };
    for (const q of open.values()) {
      for (let i = q.length - 1; i >= 0; i--) if (hit(q[i])) lose(q.splice(i, 1)[0]);
    }
    for (const [k, m] of byOffset) {
      if (hit(m)) {
        byOffset.delete(k);
        lose(m);
      }
    }
  };
  /** The oldest buffered write still on its way to `replica` (they travel in order after the RDB). */
  const bufferedArrival = (replica: number): SeqMessage | undefined => {
    for (const [k, q] of open) if (k.endsWith(`>${replica}`) && q.length > 0 && q[0].kind === 'buffered') return q.shift();
    return undefined;
  };
  const fifo = (from: number, to: number): SeqMessage | undefined => open.get(key(from, to))?.shift();
  const mark = (kind: SeqMarkKind, port: number, e: TraceEvent, en: string, zh: string) => {
    ports.add(port);
    marks.push({ kind, port, atMs: e.t, seq: e.seq, en, zh });
  };
  const endBufferRun = () => {
    if (!lastBufferSend) return;
    const b = lastBufferSend;
    lastBufferSend = null;
    ports.add(b.master);
    marks.push({
      kind: 'buffer',
      port: b.master,
      atMs: b.atMs,
      seq: b.seq,
      en: `buffer for ${b.replica} drained (${b.count} ${b.count === 1 ? 'write' : 'writes'} sent)`,
      zh: `${b.replica} 的缓冲区已发完（${b.count} 条写命令）`,
    });
  };

  for (const e of events) {
    if (lastBufferSend && e.type !== 'buffer.send') endBufferRun();
    switch (e.type) {
      case 'server.start':
        mark('state', e.port, e, e.fromRdb ? `started, ${e.loadedKeys} keys from dump.rdb` : 'started', e.fromRdb ? `启动，从 dump.rdb 载入 ${e.loadedKeys} 个键` : '启动');
        break;
      case 'server.shutdown':
      case 'server.crash':
        cut({ pair: null, port: e.port, atMs: e.t, host: e.type === 'server.crash' && e.host === true });
        online.delete(e.port);
        if (e.type === 'server.crash') mark('fault', e.port, e, 'crashed', '崩溃');
        else mark('fault', e.port, e, 'shut down', '已关闭');
        break;
      case 'server.pause':
        mark('fault', e.port, e, 'paused', '暂停');
        break;
      case 'server.resume':
        mark('fault', e.port, e, 'resumed', '恢复');
        break;
      case 'link.fault':
        if (e.fault === 'latency') latencies.set(pairKey(e.a, e.b), e.value ?? DEFAULT_LATENCY_MS);
        if (e.fault === 'reset') {
          cut({ pair: pairKey(e.a, e.b), port: null, atMs: e.t });
          mark('fault', e.a, e, `connections to ${e.b} reset`, `与 ${e.b} 的连接被重置`);
        } else if (e.fault === 'drop') {
          // A silent partition: what is on the wire waits (and arrives if it heals in time).
          mark('fault', e.a, e, `partitioned from ${e.b}`, `与 ${e.b} 之间网络分区`);
        } else if (e.fault === 'heal' && e.a !== 0) mark('fault', e.a, e, `link to ${e.b} healed`, `与 ${e.b} 的链路恢复`);
        break;
      case 'command':
        mark('command', e.port, e, `> ${printableArgv(e.argv, 32)}`, `> ${printableArgv(e.argv, 32)}`);
        // Drawn before what it did at that moment (its event comes after, carrying the reply).
        if (e.effectsFrom !== undefined) marks[marks.length - 1].seq = e.effectsFrom - 0.5;
        break;
      case 'repl.state':
        if (e.state === 'connecting' || e.state === 'connected') {
          mark('state', e.port, e, `link to ${e.masterPort}: ${e.state}`, `到 ${e.masterPort} 的链路：${e.state === 'connected' ? '已连接' : '连接中'}`);
        }
        break;
      case 'link.down':
        // A connection closed (a timeout after a partition, a reset, a dead peer): what was still
        // on it and never arrives was lost there (settled in the final pass).
        downs.push({ pair: pairKey(e.replica, e.master), port: null, atMs: e.t });
        online.get(e.master)?.delete(e.replica);
        if (e.side !== 'master') mark('fault', e.replica, e, `link to ${e.master} down`, `到 ${e.master} 的链路断开`);
        break;
      case 'replica.state':
        if (e.state === 'online') {
          const s = online.get(e.master) ?? new Set<number>();
          s.add(e.replica);
          online.set(e.master, s);
        } else online.get(e.master)?.delete(e.replica);
        break;
      case 'handshake.send':
        send({ kind: 'handshake', from: e.from, to: e.to, sentMs: e.t, label: printableArgv(e.argv, 80).replace(/\b[0-9a-f]{40}\b/g, (id) => shortId(id)), detail: '', heartbeat: false, seq: e.seq }, 'none');
        break;
      case 'handshake.reply': {
        const label = e.line.replace(/\b[0-9a-f]{40}\b/g, (id) => shortId(id));
        const sentMs = e.t - latency(e.from, e.to);
        const msg = send({ kind: 'reply', from: e.from, to: e.to, sentMs, label, detail: '', heartbeat: false, seq: e.seq }, 'none');
        arrive(msg, e);
        break;
      }
      case 'bgsave.start':
        mark('bgsave', e.port, e, `BGSAVE started (${e.keys} keys)`, `BGSAVE 开始（${e.keys} 个键）`);
        break;
      case 'bgsave.end':
        mark('bgsave', e.port, e, `BGSAVE done: ${e.bytes} B RDB`, `BGSAVE 完成：RDB ${e.bytes} 字节`);
        break;
      case 'rdb.chunk.sent':
        send({ kind: 'rdb', from: e.master, to: e.replica, sentMs: e.t, label: 'RDB', detail: `${e.offset + e.size}/${e.total} B`, heartbeat: false, seq: e.seq }, 'fifo');
        break;
      case 'rdb.chunk.received': {
        const msg = fifo(e.master, e.replica);
        if (msg) arrive(msg, e);
        else orphan({ kind: 'rdb', from: e.master, to: e.replica, label: 'RDB', detail: `${e.offset + e.size}/${e.total} B`, heartbeat: false, seq: e.seq }, e);
        break;
      }
      case 'replica.flush':
        mark('load', e.port, e, `flush old data (${e.keys} keys)`, `清空旧数据（${e.keys} 个键）`);
        break;
      case 'replica.load.start':
        mark('load', e.port, e, `loading RDB (${e.bytes} B)`, `载入 RDB（${e.bytes} 字节）`);
        break;
      case 'replica.load.end':
        mark('load', e.port, e, `RDB loaded: ${e.keys} keys`, `RDB 载入完成：${e.keys} 个键`);
        break;
      case 'buffer.append':
        appended.set(e.master, (appended.get(e.master) ?? new Set<number>()).add(e.replica));
        mark('buffer', e.master, e, `buffered ${printableArgv(e.argv, 24)} for ${e.replica}`, `为 ${e.replica} 缓冲 ${printableArgv(e.argv, 24)}`);
        break;
      case 'buffer.send': {
        send({ kind: 'buffered', from: e.master, to: e.replica, sentMs: e.t, label: printableArgv(e.argv, 32), detail: `+${e.bytes} B`, heartbeat: false, seq: e.seq }, 'fifo');
        const prev = lastBufferSend as { master: number; replica: number; count: number } | null;
        const count: number = prev !== null && prev.master === e.master && prev.replica === e.replica ? prev.count + 1 : 1;
        lastBufferSend = { master: e.master, replica: e.replica, count, atMs: e.t, seq: e.seq };
        break;
      }
      case 'buffer.apply': {
        const msg = bufferedArrival(e.replica);
        if (msg) {
          arrive(msg, e);
          msg.detail += ` → offset ${e.offset}`;
        }
        break;
      }
      case 'propagate': {
        // Streamed to the online replicas; when the events start after they came online, to every
        // replica listed that did not get it buffered instead.
        const to = online.get(e.master);
        const buffered = appended.get(e.master);
        appended.delete(e.master);
        for (const r of e.replicas) {
          if (to ? !to.has(r) : buffered?.has(r)) continue;
          const kind: SeqKind = e.argv[0]?.toUpperCase() === 'REPLCONF' ? 'getack' : 'command';
          send({ kind, from: e.master, to: r, sentMs: e.t, label: printableArgv(e.argv, 32), detail: `+${e.bytes} B → offset ${e.offset}`, heartbeat: kind === 'getack', seq: e.seq }, 'offset', e.offset);
        }
        break;
      }
      case 'ping.send':
        for (const r of online.get(e.master) ?? []) {
          send({ kind: 'ping', from: e.master, to: r, sentMs: e.t, label: 'PING', detail: `+14 B → offset ${e.offset}`, heartbeat: true, seq: e.seq }, 'offset', e.offset);
        }
        break;
      case 'stream.apply': {
        const k = `${key(e.master, e.replica)}@${e.offset}`;
        const msg = byOffset.get(k);
        const buffered = msg ? undefined : bufferedArrival(e.replica);
        if (msg) {
          byOffset.delete(k);
          arrive(msg, e);
        } else if (buffered) {
          // A buffered write applied after the load, with the stream that followed it.
          arrive(buffered, e);
          buffered.detail += ` → offset ${e.offset}`;
        } else {
          const ping = e.argv.length === 1 && e.argv[0].toLowerCase() === 'ping';
          orphan({ kind: ping ? 'ping' : 'command', from: e.master, to: e.replica, label: printableArgv(e.argv, 32), detail: `→ offset ${e.offset}`, heartbeat: ping, seq: e.seq }, e);
        }
        break;
      }
      case 'ack.send':
        send({ kind: 'ack', from: e.replica, to: e.master, sentMs: e.t, label: `REPLCONF ACK ${e.offset}`, detail: '', heartbeat: true, seq: e.seq }, 'fifo');
        break;
      case 'ack.recv': {
        const msg = fifo(e.replica, e.master);
        if (msg) arrive(msg, e);
        else orphan({ kind: 'ack', from: e.replica, to: e.master, label: `REPLCONF ACK ${e.offset}`, detail: '', heartbeat: true, seq: e.seq }, e);
        break;
      }
      case 'write.refused':
        mark('command', e.port, e, `refused: ${e.error.split(' ')[0]}`, `拒绝：${e.error.split(' ')[0]}`);
        break;
      default:
        break;
    }
  }
  endBufferRun();

  // Untraced receipts (the handshake's commands) arrive one latency later, unless cut first.
  for (const m of messages) {
    if (m.status !== 'inflight') continue;
    const cutAfter = cuts.find((c) => c.atMs >= m.sentMs && (c.pair === pairKey(m.from, m.to) || c.port === m.to));
    if (m.arrivedMs !== null) {
      // An untraced receipt (handshake): it made it unless cut first, and only once its time has come.
      if (cutAfter && cutAfter.atMs < m.arrivedMs) {
        m.arrivedMs = null;
        m.status = 'lost';
        m.lostMs = cutAfter.atMs;
      } else if (m.arrivedMs <= opts.nowMs) m.status = 'arrived';
      else m.arrivedMs = null;
      continue;
    }
    const down = downs.find((c) => c.atMs >= m.sentMs && c.pair === pairKey(m.from, m.to));
    if (down) {
      m.status = 'lost';
      m.lostMs = down.atMs;
    }
  }
  return { ports: [...ports].sort((a, b) => a - b), messages, marks };
}
