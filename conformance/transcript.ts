/**
 * Transcripts as both sides print them (each input line echoed after its prompt, then its output),
 * cut into segments, and what each line is: a Redis command whose reply is compared, a line whose
 * output is compared verbatim, or a shell/tutor line the real world has no counterpart for.
 */

import { parsePromptLine, splitArgs } from '../src/repl/split-args.js';

/** One input line with the prompt it was typed at and what it printed. */
export interface Segment {
  prompt: string;
  line: string;
  output: string[];
}

export type LineKind =
  /** A Redis command (at a node prompt, or a `redis-cli … COMMAND` one-shot): argv as sent. */
  | { kind: 'redis'; argv: string[] }
  /** Output compared as printed (`redis-server CONFIG`, `redis-cli -p N`, `exit`, `Invalid argument(s)`). */
  | { kind: 'verbatim' }
  /** Output not compared: shell-only lines (netstat, ls, cat, foreground redis-server) and `:` lines. */
  | { kind: 'uncompared' }
  /** A server's own log file (`cat`/`tail [-n N]` of /data/PORT/redis.log): compared once normalised. */
  | { kind: 'log'; port: number; lines: number | null };

/** A prompt as printed by redis-cli or the shell. */
export const PROMPT_RE = /^(\$ |127\.0\.0\.1:\d+(?:\[\d+\])?(?:\(TX\))?> |not connected> )/;

export function isShellPrompt(prompt: string): boolean {
  return prompt === '$ ';
}

/**
 * `redis-cli [-h HOST] [-p PORT] [-n DB] [COMMAND ARGS…]` → its parts, or null if the words use
 * an option this suite does not model.
 */
export function parseRedisCli(words: string[]): { host: string; port: number; db: number; argv: string[] } | null {
  let host = '127.0.0.1';
  let port = 6379;
  let db = 0;
  let i = 1;
  while (i < words.length && words[i].startsWith('-')) {
    const opt = words[i];
    const val = words[i + 1];
    if (val === undefined) return null;
    if (opt === '-h') host = val;
    else if (opt === '-p') port = Number(val);
    else if (opt === '-n') db = Number(val);
    else return null;
    i += 2;
  }
  if (!Number.isInteger(port) || !Number.isInteger(db)) return null;
  return { host, port, db, argv: words.slice(i) };
}

/** `cat /data/PORT/redis.log` (lines: null) or `tail [-n N] /data/PORT/redis.log`, else null. */
export function parseLogRead(words: string[]): { port: number; lines: number | null } | null {
  const file = /^\/data\/(\d+)\/redis\.log$/.exec(words[words.length - 1] ?? '');
  if (!file) return null;
  const port = Number(file[1]);
  if (words[0] === 'cat' && words.length === 2) return { port, lines: null };
  if (words[0] !== 'tail') return null;
  if (words.length === 2) return { port, lines: 10 };
  if (words.length === 4 && words[1] === '-n' && /^\d+$/.test(words[2])) return { port, lines: Number(words[2]) };
  return null;
}

/** What a line typed at `prompt` is, identically for the real side and the engine side. */
export function classifyLine(prompt: string, line: string): LineKind {
  if (line.trimStart().startsWith(':')) return { kind: 'uncompared' };
  if (isShellPrompt(prompt)) {
    const words = splitArgs(line) ?? [];
    if (words[0] === 'redis-cli') {
      const cli = parseRedisCli(words);
      if (cli && cli.argv.length > 0) return { kind: 'redis', argv: cli.argv };
      return { kind: 'verbatim' };
    }
    const log = parseLogRead(words);
    if (log) return { kind: 'log', ...log };
    // A daemonized redis-server started from a config file prints nothing; compare that.
    if (words[0] === 'redis-server' && words.length === 2 && !words[1].startsWith('--')) {
      return { kind: 'verbatim' };
    }
    return { kind: 'uncompared' };
  }
  const p = parsePromptLine(line);
  if (p.kind === 'command') {
    const name = p.argv[0].toLowerCase();
    if (name === 'exit' || name === 'quit') return { kind: 'verbatim' };
    return { kind: 'redis', argv: p.argv };
  }
  return { kind: 'verbatim' };
}

/** Segments → printable lines (echo, then output). */
export function renderSegments(segments: readonly Segment[]): string[] {
  const out: string[] = [];
  for (const s of segments) out.push(s.prompt + s.line, ...s.output);
  return out;
}

/**
 * Cut a printed transcript into segments, given the input lines in order: each input line is
 * found as `PROMPT + line`; everything up to the next echo is its output. Text before the first
 * echo becomes a segment with an empty prompt and line (a banner). A missing echo ends the
 * search: the remaining input lines get `missing: true` segments so the diff shows them.
 */
export function parseTranscript(text: string, inputLines: readonly string[]): Segment[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const segments: Segment[] = [];
  let current: Segment | null = null;
  let next = 0;
  const preamble: string[] = [];
  for (const raw of lines) {
    const l = raw.replace(/\r$/, '');
    if (next < inputLines.length) {
      const m = PROMPT_RE.exec(l);
      if (m && l.slice(m[0].length) === inputLines[next]) {
        current = { prompt: m[0], line: inputLines[next], output: [] };
        segments.push(current);
        next++;
        continue;
      }
    }
    if (current) current.output.push(l);
    else preamble.push(l);
  }
  if (preamble.length > 0) segments.unshift({ prompt: '', line: '', output: preamble });
  for (; next < inputLines.length; next++) {
    segments.push({ prompt: '(no echo) ', line: inputLines[next], output: [] });
  }
  return segments;
}
