/**
 * A client from outside the world (networking.c's createClient for an accepted TCP connection),
 * as plain data for serve mode: src/serve parses the client's bytes into commands and hands them
 * here; everything the server writes back (replies, and for a real replica the RDB and the
 * stream) comes out as WireMessages for src/serve to encode. No sockets and no clocks here.
 */

import { ExternalEnd } from '../sim/network.js';
import type { Reply } from './reply.js';
import { OK } from './reply.js';
import { NO_REPLY, answerLocal, drainPending, type Client, type RedisServer } from './server.js';
import type { WireMessage } from './wire.js';

export interface ExternalClientDeps {
  /**
   * The answer to a command: `argv` is that command, `queued` the transaction EXEC ran (RESP3
   * shapes a reply by its command).
   */
  reply(reply: Reply, argv: readonly string[], queued: readonly string[][] | null): void;
  /** Everything else the server writes (PSYNC's +FULLRESYNC, the RDB, the stream, MONITOR lines), in order. */
  write(msg: WireMessage): void;
  /** The server closed the connection (QUIT, CLIENT KILL, SHUTDOWN, a crash): close the socket after what was written. */
  closed(reason: string): void;
}

/** One accepted external connection on one simulated server. */
export class ExternalClient {
  readonly client: Client;
  private readonly end: ExternalEnd<WireMessage>;
  private readonly replyFn: (r: Reply | null) => void;
  /** QUIT answered: nothing more is read (CLIENT_CLOSE_AFTER_REPLY). */
  private closing = false;
  /** The commands of the transaction the EXEC being answered ran. */
  private queued: string[][] | null = null;

  constructor(
    private readonly server: RedisServer,
    /** The client's own TCP port (its address is 127.0.0.1:remotePort). */
    remotePort: number,
    private readonly deps: ExternalClientDeps,
  ) {
    const net = server.world.network;
    this.end = new ExternalEnd<WireMessage>(net.scheduler, net.allocSocketId(), server.port, remotePort, (msg) => deps.write(msg), deps.closed);
    this.client = server.acceptExternal(remotePort, this.end);
    const c = this.client;
    this.replyFn = (r) => {
      if (r !== null && this.end.open) deps.reply(r, c.replyArgv, this.queued);
    };
  }

  get addr(): string {
    return this.client.addr!;
  }

  get open(): boolean {
    return this.end.open && !this.client.closed;
  }

  /** The protocol the client chose with HELLO (2 or 3). */
  get resp(): number {
    return this.client.resp;
  }

  /** requirepass is set and this client has not authenticated (the parser's 'unauthenticated' limits). */
  get authRequired(): boolean {
    return !this.client.authenticated && this.server.requirepass !== '';
  }

  /**
   * One command parsed from the client's bytes (`bytes` is its size on the wire). Answered at once,
   * or later when it blocks (WAIT, DEBUG SLEEP, a paused server); commands that follow a blocked one
   * wait for it, as a real client's pipeline does.
   */
  command(argv: string[], bytes: number): void {
    const c = this.client;
    if (!this.open || this.closing) return;
    const server = this.server;
    server.stat.netInputBytes += bytes;
    const deps = this.deps;
    if (c.replica !== null) {
      // A real replica after PSYNC: its REPLCONF ACKs and GETACK answers are not learner commands.
      server.dispatch(() => {
        if (c.closed) return;
        c.lastInteractionMs = server.now;
        const reply = server.processCommand(c, argv);
        if (reply !== NO_REPLY && this.end.open) deps.reply(reply, argv, null);
      });
      return;
    }
    if (c.replyTo !== null || c.pendingInput.length > 0) {
      c.pendingInput.push(() => this.execute(argv));
      return;
    }
    if (server.busy || server.hasHeldInput) server.dispatch(() => this.execute(argv));
    else this.execute(argv);
  }

  private execute(argv: string[]): void {
    const c = this.client;
    if (c.closed || this.closing) return;
    const server = this.server;
    c.lastInteractionMs = server.now;
    if (argv[0].length === 4 && argv[0].toLowerCase() === 'quit') {
      // 7.0: +OK, then the connection closes once the reply is written.
      this.closing = true;
      this.deps.reply(OK, argv, null);
      server.freeClient(c, 'QUIT');
      return;
    }
    this.queued = c.multi !== null && argv[0].toLowerCase() === 'exec' ? c.multi.slice() : null;
    c.replyTo = this.replyFn;
    c.replyArgv = argv;
    c.replyDb = c.db;
    c.replyFromSeq = server.trace.total;
    c.replyFromMs = server.now;
    const reply = server.processCommand(c, argv);
    if (c.replyTo !== this.replyFn) return; // answered already (the command closed the connection)
    if (reply !== NO_REPLY) {
      answerLocal(c, reply);
      drainPending(c);
    } else if (c.blocked === null) {
      // No answer by design (PSYNC writes its own, a second MONITOR): nothing to wait for.
      c.replyTo = null;
      drainPending(c);
    }
  }

  /** The client closed its socket (or it broke). */
  hangup(reason = 'connection closed by peer'): void {
    this.end.hangup(reason);
  }
}
