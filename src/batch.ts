/**
 * Batch mode: read typed lines (a file or stdin) and print the session as a terminal would show
 * it — each line echoed after its prompt, then its output — optionally with the engine's trace.
 */

import type { WorldApi } from './redis/api.js';
import { bytesToUtf8 } from './redis/bytes.js';
import type { TraceEvent } from './redis/trace.js';
import type { OutputLine } from './repl/api.js';
import { World } from './redis/world.js';
import { ReplSession } from './repl/session.js';
import { formatTraceLine } from './repl/trace-format.js';
import { causeFirst } from './repl/trace-order.js';
import { LineTooLongError, readLines } from './line-reader.js';

export interface BatchOptions {
  /** The lines, as one text or a stream (stdin). */
  input: string | NodeJS.ReadableStream;
  /** Receives the printed text, one line at a time, each ending in "\n" (e.g. process.stdout.write). */
  out: (line: string) => void;
  /** Receives batch mode's own complaints (a line too long to read), each ending in "\n"; `out` by default. */
  err?: (line: string) => void;
  /** Awaited after each input line: lets the caller wait until its output has drained (a slow pipe). */
  flush?: () => Promise<void> | void;
  seed?: number;
  /** Leave time to `:step`/`:run` instead of settling after each line. */
  manual?: boolean;
  /** Interleave the engine's events as readable `# [time] …` lines. */
  trace?: boolean;
  /** Print everything as JSON lines: inputs, outputs and trace events. */
  json?: boolean;
  /** Lines run silently before the input: a lesson's setup, or the sandbox's (`--sandbox`). */
  lessonSetup?: string[];
  /** The language of the tutor's own lines and of `--trace` (English by default). */
  language?: 'en' | 'zh';
  /** `name value` config applied to every server started. */
  serverOverrides?: Array<[string, string]>;
  /** The world to use (tests); the engine's World by default. */
  createWorld?: (seed: number) => WorldApi;
  /** Called with the session's world once the input has ended (`--svg FILE` draws it). */
  atEnd?: (world: WorldApi) => void;
}

/**
 * JSON lines carry text: the engine's byte strings (argv, replies: one char per byte) are decoded
 * as UTF-8, so `set a 中文` reads `"中文"`, not `"ä¸­æ"` (bytes that are not UTF-8 become U+FFFD).
 * A string with a character above U+00FF is already text and is left alone.
 */
function jsonText(_key: string, value: unknown): unknown {
  // A byte string is every char in 0x00–0xff: the range is the point, control characters included.
  // eslint-disable-next-line no-control-regex
  return typeof value === 'string' && !/[^\x00-\xff]/.test(value) ? bytesToUtf8(value) : value;
}

/** Trace lines are prefixed with `# ` so they read as comments next to the session. */
export const TRACE_PREFIX = '# ';

/** The input's lines: CRLF or LF, no phantom empty line after a final newline. */
export function inputLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The input's lines, read one at a time from a stream (bounded memory), or split from a text. */
async function* lines(input: string | NodeJS.ReadableStream): AsyncGenerator<string> {
  if (typeof input === 'string') yield* inputLines(input);
  else yield* readLines(input as AsyncIterable<Buffer | string>);
}

/**
 * Run a batch session and print its transcript through `out`. Returns the exit code: 0, or 1 when
 * the input had a line too long to read (what came before it has run).
 * Never throws for a bad line: the session turns every problem into a printed line.
 */
export async function runBatch(opts: BatchOptions): Promise<number> {
  const session = new ReplSession({
    seed: opts.seed ?? 1,
    timeMode: 'settled',
    createWorld: opts.createWorld ?? ((seed) => new World({ seed })),
    serverOverrides: opts.serverOverrides,
    language: opts.language,
    // No keys to press: a `tail -f` follows while the later lines run, until the input ends.
    followEndsOnLine: false,
  });
  if (opts.lessonSetup && opts.lessonSetup.length > 0) session.setup(opts.lessonSetup);
  if (opts.manual) session.timeMode = 'manual';

  const print = (line: string) => opts.out(line + '\n');
  // Trace position: events are printed after the line during which they happened.
  let world = session.world;
  let traceSeq = opts.json || opts.trace ? 0 : world.trace.total;
  const printTrace = () => {
    if (!opts.trace && !opts.json) return;
    if (session.world !== world) {
      world = session.world; // `:seed` made a new world
      traceSeq = 0;
    }
    const events: TraceEvent[] = world.trace.since(traceSeq);
    traceSeq = world.trace.total;
    // JSON keeps the engine's order (seq); the readable lines put a command before its own effects, as the app's views do.
    for (const e of opts.json ? events : causeFirst(events)) print(opts.json ? JSON.stringify(e, jsonText) : TRACE_PREFIX + formatTraceLine(e, opts.language));
  };
  const printOutput = (lines: OutputLine[]) => {
    for (const l of lines) print(opts.json ? JSON.stringify({ type: 'output', kind: l.kind, text: l.text }) : l.text);
  };

  printTrace();
  try {
    for await (const line of lines(opts.input)) {
      const prompt = session.prompt;
      print(opts.json ? JSON.stringify({ type: 'input', prompt, line }) : prompt + line);
      printOutput(session.submit(line));
      printOutput(session.drainAsyncOutput());
      printTrace();
      await opts.flush?.();
    }
  } catch (e) {
    if (!(e instanceof LineTooLongError)) throw e;
    (opts.err ?? opts.out)(`repl-tutor batch: ${e.message}; stopped reading there\n`);
    return 1;
  }
  session.stopFollowing();
  opts.atEnd?.(session.world);
  return 0;
}
