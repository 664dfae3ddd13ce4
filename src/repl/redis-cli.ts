/**
 * One redis-cli 7.0 process talking to the simulated world (redis-cli.c: repl(), cliConnect(),
 * cliSelect(), issueCommandRepeat(), cliSendCommand(), cliReadReply(), cliRefreshPrompt()):
 * its prompt state (db number, MULTI), its connection, and what it prints.
 */

import type { Connection, WorldApi } from '../redis/api.js';
import type { Reply } from '../redis/reply.js';
import { bytesToUtf8 } from '../redis/bytes.js';
import { formatReply, formatReplyRaw, reprBytes, toScreenLines } from './format-reply.js';
import type { OutputLine } from './api.js';

/** Where redis-cli prints: the session routes lines to the current submit() or to the async queue. */
export type CliSink = (line: OutputLine) => void;

export interface CliOptions {
  host: string;
  port: number;
  /** `-n DB`: the database redis-cli selects on every connect (config.conn_info.input_dbnum). */
  db: number;
  /** `--raw`: cliFormatReplyRaw for every reply (config.output = OUTPUT_RAW). */
  raw?: boolean;
  /** `-r N`: run the command given on the command line N times (negative: forever). */
  repeat?: number;
}

/** Printed lines for a piece of redis-cli output: bytes shown as UTF-8, like a terminal does. */
export function printedLines(text: string, kind: OutputLine['kind']): OutputLine[] {
  return toScreenLines(text).map((l) => ({ text: bytesToUtf8(l), kind }));
}

/** redis-cli's own help (cliOutputGenericHelp), for `help` with no topic. */
export const REDIS_CLI_HELP = [
  'redis-cli 7.0.15',
  'To get help about Redis commands type:',
  '      "help @<group>" to get a list of commands in <group>',
  '      "help <command>" for help on <command>',
  '      "help <tab>" to get a list of possible help topics',
  '      "quit" to exit',
  '',
  'To set redis-cli preferences:',
  '      ":set hints" enable online hints',
  '      ":set nohints" disable online hints',
  'Set your preferences in ~/.redisclirc',
];

/**
 * The redis-cli client state. `dbnum`/`inMulti` follow redis-cli's own bookkeeping, not the
 * server's: `SELECT 5` queued inside MULTI already shows `[5]`, and after a reconnect the prompt
 * keeps `[2]` although the new connection is in db 0 — exactly as redis-cli 7.0 does.
 */
export class RedisCli {
  host: string;
  port: number;
  /** config.dbnum: the number in the prompt. */
  dbnum = 0;
  /** config.conn_info.input_dbnum: the db to select on connect. */
  inputDbnum: number;
  inMulti = false;
  private preMultiDbnum = 0;
  /** hiredis context: null when not connected (`not connected> `). */
  private context: Connection | null = null;
  private readonly raw: boolean;
  /** A command was sent and its reply has not arrived (the terminal is blocked). */
  busy = false;
  /** The callback waiting for that reply, so a reply that can no longer come can be settled. */
  private pendingReply: ((reply: Reply | null) => void) | null = null;

  constructor(
    private readonly world: WorldApi,
    opts: CliOptions,
    private readonly sink: CliSink,
    /** Help text for `help <command>` (from the command docs), or null when unknown. */
    private readonly commandHelp: (topic: string[]) => string[] | null = () => null,
    /**
     * The tutor's aside after a reply that needs one, or null: an -OOM from its own memory budget,
     * or why a Redis 7.0 command it does not run was refused.
     */
    private readonly tutorNote: (reply: Reply, argv: readonly string[]) => string | null = () => null,
  ) {
    this.host = opts.host;
    this.port = opts.port;
    this.inputDbnum = opts.db;
    this.raw = opts.raw ?? false;
  }

  get connected(): boolean {
    return this.context !== null;
  }

  /** cliRefreshPrompt, and repl()'s `not connected> ` when there is no context. */
  get prompt(): string {
    if (!this.context) return 'not connected> ';
    let p = `${this.host}:${this.port}`;
    if (this.dbnum !== 0) p += `[${this.dbnum}]`;
    if (this.inMulti) p += '(TX)';
    return p + '> ';
  }

  private print(text: string, kind: OutputLine['kind']): void {
    for (const l of printedLines(text, kind)) this.sink(l);
  }

  /**
   * cliConnect: open a connection (dropping an existing one when `force`), then select the input
   * db if it differs from the prompt's. Prints `Could not connect to Redis at H:P: reason` on failure.
   */
  connect(force: boolean): boolean {
    if (this.context && !force) return true;
    if (this.context) {
      this.context.close();
      this.context = null;
      this.dbnum = 0;
      this.inMulti = false;
    }
    const c = this.world.connect(this.host, this.port);
    if ('error' in c) {
      this.sink({ text: `Could not connect to Redis at ${this.host}:${this.port}: ${c.error}`, kind: 'error' });
      return false;
    }
    this.context = c;
    // cliSelect: a synchronous SELECT, only when the prompt's db differs from the wanted one.
    if (this.inputDbnum !== this.dbnum) {
      let ok = true;
      c.send(['SELECT', String(this.inputDbnum)], (r) => {
        if (r && r.kind !== 'error') this.dbnum = this.inputDbnum;
        else ok = false;
      });
      if (!ok) return false;
    }
    return true;
  }

  /** Close the connection (leaving the prompt, or redis-cli exiting): a pending reply is dropped unseen. */
  close(): void {
    this.pendingReply = null;
    this.busy = false;
    this.context?.close();
    this.context = null;
  }

  /**
   * The reply being waited for can no longer come (the connection is gone, whatever closed it):
   * settle it as redis-cli sees a closed socket. Returns true when it did.
   */
  settleIfClosed(): boolean {
    // Replica output mode with its master gone (killed, shut down, reset): the read fails, redis-cli exits.
    if (this.streaming && this.context !== null && !this.context.open) {
      this.sink({ text: 'Error: Server closed the connection', kind: 'error' });
      this.busy = false;
      this.streaming = false;
      this.exited = true;
      this.close();
      return true;
    }
    const pending = this.pendingReply;
    if (!this.busy || pending === null) return false;
    if (this.context !== null && this.context.open) return false;
    pending(null);
    return true;
  }

  /**
   * issueCommandRepeat: run `argv` `repeat` times, one after the other (each waits for its reply).
   * `done` is called when the last reply has been printed, or at once on a connection error.
   * `help`/`?` are answered locally without a connection.
   */
  issue(argv: string[], repeat: number, done: () => void): void {
    const name = argv[0].toLowerCase();
    if (name === 'help' || name === '?') {
      this.printHelp(argv.slice(1));
      done();
      return;
    }
    if ((name === 'sync' || name === 'psync') && this.context?.open && this.context.replicaStream) {
      this.replicaMode(argv, this.context);
      done();
      return;
    }
    const subscribes = name === 'subscribe' || name === 'psubscribe' || name === 'ssubscribe';
    if (!this.context || !this.context.open) {
      // A context the server closed is only discovered when redis-cli writes and reads it.
      if (this.context && !this.context.open) {
        this.context = null;
        if (name !== 'shutdown') this.sink({ text: 'Error: Server closed the connection', kind: 'error' });
        done();
        return;
      }
      if (!this.connect(true)) {
        done();
        return;
      }
    }
    if (subscribes && this.context?.onPush) {
      this.subscribedMode(argv, this.context);
      done();
      return;
    }
    this.sendRepeated(argv, repeat, done);
  }

  /**
   * Send `argv` `left` times, one after another. Replies that arrive at once are handled in a loop
   * (a recursive chain would overflow the stack at a few thousand repeats); a reply that comes
   * later (WAIT, a paused server) resumes the loop from its callback.
   */
  private sendRepeated(argv: string[], left: number, done: () => void): void {
    const isShutdown = argv[0].toLowerCase() === 'shutdown';
    let remaining = left;
    const loop = (): void => {
      while (remaining > 0) {
        const conn = this.context;
        if (!conn) break;
        remaining--;
        let answered = false;
        let inLoop = true;
        this.busy = true;
        const onReply = (reply: Reply | null): void => {
          // Called once: by the server, or by settleIfClosed; never after close() let it go.
          if (answered || this.pendingReply !== onReply) return;
          this.pendingReply = null;
          this.busy = false;
          answered = true;
          if (reply === null) {
            // The server went away before answering: after SHUTDOWN that is success (no output).
            // A process that died with our command unread reset the connection (ECONNRESET).
            this.context = null;
            const why = conn.resetByPeer === true ? 'Connection reset by peer' : 'Server closed the connection';
            if (!isShutdown) this.sink({ text: `Error: ${why}`, kind: 'error' });
            remaining = 0;
          } else {
            this.printReply(argv, reply);
            this.afterReply(argv, reply);
          }
          if (!inLoop) loop();
        };
        this.pendingReply = onReply;
        conn.send(argv, onReply);
        inLoop = false;
        if (!answered) return; // the callback carries on
      }
      done();
    };
    loop();
  }

  private printReply(argv: string[], reply: Reply): void {
    const kind = reply.kind === 'error' ? 'error' : 'reply';
    if (this.raw) this.print(formatReplyRaw(reply) + '\n', kind);
    else this.print(formatReply(argv, reply), kind);
    const note = this.tutorNote(reply, argv);
    if (note !== null) this.sink({ text: note, kind: 'info' });
  }

  /** In replica output mode (SYNC/PSYNC typed at the prompt) or subscribed mode, until Ctrl-C. */
  streaming = false;
  /** In subscribed mode (config.pubsub_mode): every reply and pushed message is printed as it comes. */
  subscribed = false;
  /** Virtual ms when subscribed mode began (the time redis-cli prints when ^C ends it). */
  private subscribedSinceMs = 0;

  /**
   * cliSendCommand's pubsub_mode (redis-cli 7.0.15): after (P|S)SUBSCRIBE, say so (not with
   * --raw), then print each confirmation and each message as they arrive, until Ctrl-C. An error
   * reply (a wrong number of arguments) ends the mode at once.
   */
  private subscribedMode(argv: string[], conn: Connection): void {
    if (!this.raw) this.sink({ text: 'Reading messages... (press Ctrl-C to quit)', kind: 'info' });
    this.busy = true;
    this.streaming = true;
    this.subscribed = true;
    this.subscribedSinceMs = this.world.now;
    const current = () => this.context === conn && this.subscribed;
    conn.onPush!((msg) => {
      if (current()) this.printReply(argv, msg);
    });
    conn.send(argv, (reply) => {
      if (!current()) return;
      if (reply === null) {
        // The server closed the connection: redis-cli prints the error and exits.
        this.sink({ text: 'Error: Server closed the connection', kind: 'error' });
        this.endSubscribed();
        this.exited = true;
        this.close();
        return;
      }
      this.printReply(argv, reply);
      if (reply.kind === 'error') this.endSubscribed();
    });
  }

  private endSubscribed(): void {
    this.context?.onPush?.(null);
    this.subscribed = false;
    this.streaming = false;
    this.busy = false;
  }

  /**
   * Ctrl-C in subscribed mode: redis-cli 7.0.15 goes back to its prompt on a new connection (the
   * subscribed one is dropped, the prompt's db selected again). Returns what it prints after the
   * terminal's `^C`: the time the command ran, when that was 0.5 s or more.
   */
  interruptSubscribed(): string {
    const elapsed = this.world.now - this.subscribedSinceMs;
    this.endSubscribed();
    this.connect(true);
    return elapsed >= 500 ? `(${(elapsed / 1000).toFixed(2)}s)` : '';
  }

  /** redis-cli exited on its own (a refused SYNC): the session goes back to the shell. */
  exited = false;

  /**
   * slaveMode() of redis-cli 7.0.15: after SYNC, skip the RDB and print every command the master
   * streams, as CSV. 7.0.15 reads a PSYNC's `+FULLRESYNC …` line as a bulk length of 0, so it
   * waits for an EOF marker that never comes and prints nothing more: that is kept.
   */
  private replicaMode(argv: string[], conn: Connection): void {
    this.sink({ text: 'Entering replica output mode...  (press Ctrl-C to quit)', kind: 'info' });
    this.busy = true;
    this.streaming = true;
    let phase: 'line' | 'bulk' | 'logging' | 'lost' = 'line';
    let eofMode = false;
    const say = (text: string) => this.sink({ text, kind: 'info' });
    const fail = (text: string) => {
      this.sink({ text: `SYNC with master failed: -${text}`, kind: 'error' });
      this.busy = false;
      this.streaming = false;
      this.exited = true;
      this.close();
    };
    conn.replicaStream!(
      argv,
      (msg) => {
        // Ctrl-C closed this redis-cli: nothing more is read.
        if (this.context === null || phase === 'lost') return;
        switch (msg.k) {
          case 'newline':
            return;
          case 'reply':
            if (msg.reply.kind === 'error') return fail(msg.reply.text);
            // +FULLRESYNC / +CONTINUE: strtoull("FULLRESYNC…") is 0, the EOF-marker path.
            say('SYNC with master, discarding bytes of bulk transfer until EOF marker...');
            phase = 'lost';
            return;
          case 'bulk':
            eofMode = msg.eofMark !== null;
            say(eofMode ? 'SYNC with master, discarding bytes of bulk transfer until EOF marker...' : `SYNC with master, discarding ${msg.total} bytes of bulk transfer...`);
            phase = 'bulk';
            return;
          case 'chunk':
            if (!msg.last) return;
            if (eofMode) {
              say(`SYNC done after ${msg.offset + msg.data.length + 40} bytes. Logging commands from master.`);
              // sendReplconf("ACK", "0"): a diskless master sends the stream after a first ACK.
              conn.send(['REPLCONF', 'ACK', '0'], () => {});
            } else {
              say('SYNC done. Logging commands from master.');
            }
            phase = 'logging';
            return;
          case 'cmd':
            if (phase === 'logging') this.sink({ text: msg.argv.map(reprBytes).join(','), kind: 'reply' });
            return;
        }
      },
      (reply) => {
        if (reply !== null && reply.kind === 'error') fail(reply.text);
      },
    );
  }

  /** cliSendCommand's bookkeeping after a reply: SELECT, MULTI, EXEC, DISCARD, RESET. */
  private afterReply(argv: string[], reply: Reply): void {
    const cmd = argv[0].toLowerCase();
    const argc = argv.length;
    const isError = reply.kind === 'error';
    const isNil = (reply.kind === 'bulk' && reply.value === null) || (reply.kind === 'array' && reply.items === null);
    if (cmd === 'select' && argc === 2 && !isError) {
      this.inputDbnum = this.dbnum = atoi(argv[1]);
    } else if (cmd === 'multi' && argc === 1 && !isError) {
      this.inMulti = true;
      this.preMultiDbnum = this.dbnum;
    } else if (cmd === 'exec' && argc === 1 && this.inMulti) {
      this.inMulti = false;
      if (isError || isNil) this.inputDbnum = this.dbnum = this.preMultiDbnum;
    } else if (cmd === 'discard' && argc === 1 && !isError) {
      this.inMulti = false;
      this.inputDbnum = this.dbnum = this.preMultiDbnum;
    } else if (cmd === 'reset' && argc === 1 && !isError) {
      this.inMulti = false;
      this.dbnum = 0;
      this.inputDbnum = 0;
    }
  }

  /** `connect HOST PORT` typed at the prompt: switch target and reconnect. */
  reconnectTo(host: string, port: number): void {
    this.host = host;
    this.port = port;
    this.connect(true);
  }

  private printHelp(topic: string[]): void {
    if (topic.length === 0) {
      for (const l of REDIS_CLI_HELP) this.sink({ text: l, kind: 'info' });
      return;
    }
    const lines = this.commandHelp(topic);
    // redis-cli prints nothing for an unknown help topic.
    if (lines) for (const l of lines) this.sink({ text: l, kind: 'info' });
  }
}

/** C's atoi: leading blanks, optional sign, digits; anything else stops it (0 if none). */
export function atoi(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?[0-9]+)/.exec(s);
  if (!m) return 0;
  const n = Number(m[1]);
  // atoi overflows like a C int; keep it in 32 bits.
  return n | 0;
}
