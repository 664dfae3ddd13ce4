/**
 * The deterministic heart of serve mode: it turns recorded inputs (a connection opened, bytes read,
 * a connection closed, an outgoing connect's result, a typed line) into calls on the world, and the
 * world's writes into bytes for each connection. It owns no sockets and reads no clock: the live
 * layer (live.ts) and the replay (replay.ts) feed it the same inputs at the same virtual times, so
 * a served session replays byte for byte.
 */

import { ExternalClient } from '../redis/external.js';
import { inSubscribedMode } from '../redis/pubsub.js';
import type { Reply } from '../redis/reply.js';
import { encodeCommand } from '../redis/resp.js';
import type { World } from '../redis/world.js';
import type { WireMessage } from '../redis/wire.js';
import type { ExternalClientInfo, ExternalMasterInfo, OutputLine, TimeMode } from '../repl/api.js';
import type { ReplSession } from '../repl/session.js';
import { ExternalEnd, type SocketEnd } from '../sim/network.js';
import { MasterStreamParser } from './master-stream.js';
import { RequestParser, type ParsedRequest, type ParserContext } from './request-parser.js';
import { encodeClientReply, encodePush } from './resp-encode.js';

/** One recorded input. `t` is the virtual ms it was applied at. */
export type ServeInput =
  /** A real client connected to the simulated `port`; `loopback` is false for any other address. */
  | { t: number; in: 'open'; conn: number; port: number; remotePort: number; loopback: boolean }
  | { t: number; in: 'data'; conn: number; data: Buffer }
  /** The real peer closed (or the connection broke). */
  | { t: number; in: 'close'; conn: number }
  /** The result of an outgoing connect the world asked for (a simulated replica of a real master). */
  | { t: number; in: 'dial'; conn: number; ok: boolean; error?: string }
  /** A line typed at the tutor's prompt (headless: read from stdin; the app: the REPL line). */
  | { t: number; in: 'line'; line: string }
  /** The app's time keys: fire the next event (Space), run until settled (^R), the time mode (^T), ^C at a waiting redis-cli. */
  | { t: number; in: 'step' }
  | { t: number; in: 'settle' }
  | { t: number; in: 'mode'; mode: TimeMode }
  | { t: number; in: 'cancel' }
  /**
   * A rewind (^Z, ^G): the world rebuilt from the first `inputs` of the session's recording, time
   * stopped at event `toEvent` (null: where those inputs leave it). Real connections cannot go
   * back in time: the live layer closes them after it (recorded as `close` inputs).
   */
  | { t: number; in: 'rewind'; inputs: number; toEvent: number | null };

/** The inputs that come from outside the world (sockets): the session records them for rewind. */
type ExternalInput = Extract<ServeInput, { in: 'open' | 'data' | 'close' | 'dial' }>;

/** An input before it is stamped with its virtual time. */
export type ServeInputBody = ServeInput extends infer U ? (U extends ServeInput ? Omit<U, 't'> : never) : never;

/** What the core needs from its environment: real sockets when live, a checker when replaying. */
export interface CoreIo {
  write(conn: number, data: string | Uint8Array): void;
  /** Close `conn` once what was written has been sent. */
  end(conn: number): void;
  /** Open a real connection to 127.0.0.1:port; the result comes back as a `dial` input. */
  dial(conn: number, port: number): void;
  /** What a typed line printed. */
  printed(lines: OutputLine[]): void;
}

/** A real client of a simulated node, and a simulated replica's link to a real master (the picture draws both). */
export type ExternalClientView = ExternalClientInfo;
export type ExternalMasterView = ExternalMasterInfo;

/**
 * 7.0's reply to a non-loopback client of a server in protected mode (no password). Written
 * before the connection is closed.
 */
export const DENIED_TEXT =
  "-DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user. In this mode connections are only accepted from the loopback interface. If you want to connect from external computers to Redis you may adopt one of the following solutions: 1) Just disable protected mode sending the command 'CONFIG SET protected-mode no' from the loopback interface by connecting to Redis from the same host the server is running, however MAKE SURE Redis is not publicly accessible from internet if you do so. Use CONFIG REWRITE to make this change permanent. 2) Alternatively you can just disable the protected mode by editing the Redis configuration file, and setting the protected mode option to 'no', and then restarting the server. 3) If you started the server manually just for testing, restart it with the '--protected-mode no' option. 4) Set up an authentication password for the default user. NOTE: You only need to do one of the above things in order for the server to start accepting connections from the outside.\r\n";

interface Incoming {
  kind: 'in';
  conn: number;
  port: number;
  parser: RequestParser;
  client: ExternalClient;
  ctx: ParserContext;
  /** The `$EOF:` mark of the RDB being streamed to a real replica. */
  eofMark: string | null;
}

interface Outgoing {
  kind: 'out';
  conn: number;
  from: number;
  to: number;
  done: ((sock: SocketEnd<WireMessage> | null, error?: string) => void) | null;
  end: ExternalEnd<WireMessage> | null;
  parser: MasterStreamParser;
}

export class ServeCore {
  private readonly conns = new Map<number, Incoming | Outgoing>();
  /** Accepted connections are numbered 1, 2, … across the whole session: ids only ever grow. */
  private nextOpen: number;
  /**
   * Dialled connections (a simulated replica of a real master) are numbered -1, -2, … by the
   * world's own history: a rewind's rebuilt world numbers them again from where its recording
   * began, so its replayed `dial` results meet the ids they were recorded with.
   */
  private nextDial = -1;
  private recordingFirstDial = -1;
  private world: World;
  private epochValue = 0;
  /** The output to real sockets; muted while a rewind replays recorded inputs. */
  private readonly io: CoreIo;

  /**
   * `firstConn`: where connection ids start (a core that follows another continues its numbering,
   * so a late event of an old socket never meets a new connection with its id).
   */
  constructor(
    private readonly session: ReplSession,
    io: CoreIo,
    firstConn = 1,
  ) {
    const muted = () => session.rebuilding;
    this.io = {
      write: (conn, data) => void (muted() || io.write(conn, data)),
      end: (conn) => void (muted() || io.end(conn)),
      dial: (conn, port) => void (muted() || io.dial(conn, port)),
      printed: (lines) => void (muted() || io.printed(lines)),
    };
    this.nextOpen = firstConn;
    this.world = session.world as World;
    this.bindWorld();
    // A rewind (or `:seed`) builds a new world: connections to the old one are gone, and the
    // rebuilt world's connections are numbered as they were the first time (so its recorded
    // inputs meet the same ids).
    session.worldCreated = () => this.rebind();
    session.externalReplay = (input) => this.applyExternal(input as ExternalInput);
  }

  get currentWorld(): World {
    return this.world;
  }

  /** Bumped whenever the world is replaced: a real connect started before it must not attach. */
  get epoch(): number {
    return this.epochValue;
  }

  /** The id the next connection of the core after this one starts from. */
  get connIdsUsed(): number {
    return this.nextOpen;
  }

  /** Connections to a port nobody simulates leave the world (serve's outgoing links). */
  private bindWorld(): void {
    this.world.network.setExternalDialer((from, to, done) => {
      // A simulated node's port never dials out, even while that node is down: no loops through ourselves.
      if (this.world.node(to) !== undefined) return false;
      const conn = this.nextDial--;
      this.conns.set(conn, { kind: 'out', conn, from, to, done, end: null, parser: new MasterStreamParser() });
      this.io.dial(conn, to);
      return true;
    });
  }

  private rebind(): void {
    for (const rec of [...this.conns.values()]) {
      this.conns.delete(rec.conn);
      this.io.end(rec.conn);
    }
    this.world.network.setExternalDialer(null);
    this.world = this.session.world as World;
    // A rewind replays the recording: its dial ids again. `:seed` starts a new recording.
    if (this.session.rebuilding) this.nextDial = this.recordingFirstDial;
    else this.recordingFirstDial = this.nextDial;
    this.epochValue++;
    this.bindWorld();
  }

  /** Run virtual time `ms` forward (recorded by the session, so a rewind replays it). */
  runFor(ms: number): void {
    if (ms > 0) this.session.runFor(ms);
  }

  /** The connections open now (after a rewind: the rebuilt world's, which no real socket backs). */
  openConns(): number[] {
    return [...this.conns.keys()];
  }

  /**
   * Apply one input at the world's current time (the caller has run the world up to `input.t`).
   * An engine error while handling a client's bytes closes that client and is printed; it never
   * takes the other clients down (and a replay meets the same error at the same input).
   */
  apply(input: ServeInput): OutputLine[] {
    try {
      return this.applyInput(input);
    } catch (e) {
      const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
      if ('conn' in input && this.conns.has(input.conn)) {
        const rec = this.conns.get(input.conn)!;
        this.conns.delete(input.conn);
        if (rec.kind === 'in') rec.client.hangup('internal error');
        else rec.end?.hangup('internal error');
        this.io.end(input.conn);
      }
      const lines: OutputLine[] = [{ text: `(error) internal: ${msg}`, kind: 'error' }];
      this.io.printed(lines);
      return lines;
    }
  }

  /** Apply one input; what a typed line printed (its echo first) is returned as well as handed to `printed`. */
  private applyInput(input: ServeInput): OutputLine[] {
    const session = this.session;
    switch (input.in) {
      case 'open':
      case 'data':
      case 'close':
      case 'dial':
        session.external(input, () => this.applyExternal(input));
        return [];
      case 'line':
        return this.line(input.line);
      case 'step':
        session.stepToNext();
        return [];
      case 'settle':
        session.settle();
        return [];
      case 'mode':
        session.timeMode = input.mode;
        return [];
      case 'cancel':
        session.cancelPending();
        return [];
      case 'rewind':
        session.rewindToPosition(input.inputs, input.toEvent);
        return [];
    }
  }

  /** A real connection's input, live or replayed by a rewind. */
  private applyExternal(input: ExternalInput): void {
    switch (input.in) {
      case 'open':
        return this.open(input.conn, input.port, input.remotePort, input.loopback);
      case 'data':
        return this.data(input.conn, input.data);
      case 'close':
        return this.closed(input.conn);
      case 'dial':
        return this.dialed(input.conn, input.ok, input.error);
    }
  }

  /** The id the next accepted connection gets (the live layer records it with the `open` input). */
  allocConn(): number {
    return this.nextOpen++;
  }

  private open(conn: number, port: number, remotePort: number, loopback: boolean): void {
    if (conn >= this.nextOpen) this.nextOpen = conn + 1;
    // world.server() is only a running (or paused) process: a node that is down refuses.
    const server = this.world.server(port);
    if (!server) {
      this.io.end(conn);
      return;
    }
    // Protected mode (7.0): no password set, so only the loopback interface may talk to us.
    if (!loopback && server.config.getBool('protected-mode') && server.requirepass === '') {
      this.io.write(conn, DENIED_TEXT);
      this.io.end(conn);
      return;
    }
    let rec: Incoming | null = null;
    const client = new ExternalClient(server, remotePort, {
      reply: (r: Reply, argv, queued) => this.io.write(conn, encodeClientReply(r, client.resp, argv, queued)),
      write: (msg) => this.writeMessage(rec!, msg),
      closed: () => {
        this.conns.delete(conn);
        this.io.end(conn);
      },
    });
    const ctx: ParserContext = {
      protoMaxBulkLen: () => server.config.getInt('proto-max-bulk-len'),
      queryBufferLimit: () => server.config.getInt('client-query-buffer-limit'),
      authRequired: () => client.authRequired,
    };
    rec = { kind: 'in', conn, port, parser: new RequestParser(), client, ctx, eofMark: null };
    this.conns.set(conn, rec);
  }

  /** What the server writes besides command replies: status lines, the RDB and the stream. */
  private writeMessage(rec: Incoming, msg: WireMessage): void {
    const io = this.io;
    switch (msg.k) {
      case 'reply':
        io.write(rec.conn, encodeClientReply(msg.reply, rec.client.resp, [], null));
        return;
      case 'push':
        io.write(rec.conn, encodePush(msg.reply, rec.client.resp));
        return;
      case 'cmd':
        io.write(rec.conn, encodeCommand(msg.argv));
        return;
      case 'newline':
        io.write(rec.conn, '\n');
        return;
      case 'bulk':
        rec.eofMark = msg.eofMark;
        io.write(rec.conn, msg.eofMark !== null ? `$EOF:${msg.eofMark}\r\n` : `$${msg.total}\r\n`);
        return;
      case 'chunk':
        io.write(rec.conn, msg.data);
        if (msg.last && rec.eofMark !== null) io.write(rec.conn, rec.eofMark);
        return;
    }
  }

  private data(conn: number, data: Buffer): void {
    const rec = this.conns.get(conn);
    if (!rec) return;
    if (rec.kind === 'out') {
      const end = rec.end;
      if (end === null) return;
      const ok = rec.parser.feed(data, (msg) => end.deliver(msg));
      if (!ok) {
        // Bytes no master would send: drop the link as a replica would (it reconnects).
        this.conns.delete(conn);
        end.hangup('protocol error from master');
        this.io.end(conn);
      }
      return;
    }
    const client = rec.client;
    rec.parser.feed(data, rec.ctx, (r: ParsedRequest) => {
      if (r.kind === 'command') {
        client.command(r.argv, r.bytes);
        return;
      }
      if (r.kind === 'protocol-error') this.io.write(conn, `-${r.text}\r\n`);
      this.conns.delete(conn);
      client.hangup(r.kind === 'protocol-error' ? 'protocol error' : 'max query buffer length');
      this.io.end(conn);
    });
  }

  private closed(conn: number): void {
    const rec = this.conns.get(conn);
    if (!rec) return;
    this.conns.delete(conn);
    if (rec.kind === 'in') rec.client.hangup();
    else if (rec.end) rec.end.hangup('connection lost');
    else rec.done?.(null, 'Connection refused');
  }

  private dialed(conn: number, ok: boolean, error?: string): void {
    const rec = this.conns.get(conn);
    if (!rec || rec.kind !== 'out' || rec.done === null) {
      // Nobody waits for this connection any more (the world it was for is gone): close it.
      if (ok) this.io.end(conn);
      return;
    }
    const done = rec.done;
    rec.done = null;
    if (!ok) {
      this.conns.delete(conn);
      done(null, error ?? 'Connection refused');
      return;
    }
    const net = this.world.network;
    const end = new ExternalEnd<WireMessage>(
      net.scheduler,
      net.allocSocketId(),
      rec.from,
      rec.to,
      (msg) => {
        if (msg.k === 'cmd') this.io.write(conn, encodeCommand(msg.argv));
      },
      () => {
        this.conns.delete(conn);
        this.io.end(conn);
      },
    );
    rec.end = end;
    done(end);
  }

  private line(line: string): OutputLine[] {
    const echo: OutputLine = { text: this.session.prompt + line, kind: 'echo' };
    const out = this.session.submit(line);
    out.push(...this.session.drainAsyncOutput());
    const lines = [echo, ...out];
    this.io.printed(lines);
    return lines;
  }

  /** Real clients and links, for the picture. */
  externalClients(): ExternalClientView[] {
    const out: ExternalClientView[] = [];
    for (const rec of this.conns.values()) {
      if (rec.kind !== 'in') continue;
      const c = rec.client.client;
      out.push({
        conn: rec.conn,
        addr: rec.client.addr,
        port: rec.port,
        kind: c.replica !== null ? 'replica' : c.monitor ? 'monitor' : inSubscribedMode(c) ? 'subscriber' : 'client',
        listeningPort: c.replica !== null ? c.replconf.listeningPort : null,
        name: c.name,
        resp: c.resp,
      });
    }
    return out;
  }

  externalMasters(): ExternalMasterView[] {
    const out: ExternalMasterView[] = [];
    for (const rec of this.conns.values()) {
      if (rec.kind !== 'out') continue;
      out.push({ conn: rec.conn, from: rec.from, to: rec.to, state: rec.end === null ? 'connecting' : 'connected' });
    }
    return out;
  }

  /** Close every connection (the end of a session). */
  closeAll(): void {
    for (const rec of [...this.conns.values()]) {
      this.conns.delete(rec.conn);
      if (rec.kind === 'in') rec.client.hangup('server closing');
      else rec.end?.hangup('server closing');
      this.io.end(rec.conn);
    }
    this.world.network.setExternalDialer(null);
  }
}
