/**
 * Tutor lines: `:`-prefixed lines that move virtual time and inject faults (kill, pause, drop a
 * link…), the same at every prompt, in the TUI and in batch mode. Parsing only; the session runs them.
 */

import { tutorStrings } from './tutor-strings.js';
import type { Language } from '../language.js';

export type TutorCommand =
  | { kind: 'step'; count: number }
  | { kind: 'run-idle' }
  | { kind: 'run'; ms: number }
  | { kind: 'kill'; port: number }
  | { kind: 'restart'; port: number }
  | { kind: 'pause'; port: number }
  | { kind: 'resume'; port: number }
  | { kind: 'drop'; a: number; b: number }
  | { kind: 'heal' }
  | { kind: 'latency'; a: number; b: number; ms: number }
  | { kind: 'bandwidth'; a: number; b: number; bytesPerSec: number }
  | { kind: 'seed'; seed: number }
  | { kind: 'mode'; mode: 'settled' | 'manual' | null }
  | { kind: 'help' };

/** A parse: the command, or the message to print (in the language asked for). */
export type TutorParse = { ok: true; command: TutorCommand } | { ok: false; error: string };

/** Each tutor command's synopsis, for `:help`, usage errors and hints (what they do: tutor-strings.ts). */
export const TUTOR_SYNOPSES = {
  step: ':step [N]',
  run: ':run idle | :run DURATION',
  kill: ':kill PORT',
  restart: ':restart PORT',
  pause: ':pause PORT',
  resume: ':resume PORT',
  drop: ':drop A B',
  heal: ':heal',
  latency: ':latency A B MS',
  bandwidth: ':bandwidth A B RATE',
  seed: ':seed N',
  mode: ':mode settled|manual',
  help: ':help',
} as const;

export type TutorName = keyof typeof TUTOR_SYNOPSES;

/** `:help`'s lines in `lang`: the synopsis (as typed, so never translated), then what it does. */
export function tutorHelp(lang: Language = 'en'): string[] {
  const help = tutorStrings(lang).help;
  return (Object.keys(TUTOR_SYNOPSES) as TutorName[]).map((name) => `${TUTOR_SYNOPSES[name].padEnd(26)} ${help[name]}`);
}

export const TUTOR_WORDS = Object.keys(TUTOR_SYNOPSES).map((w) => ':' + w);

function parsePort(s: string | undefined): number | null {
  if (s === undefined || !/^\d{1,5}$/.test(s)) return null;
  const n = Number(s);
  return n >= 1 && n <= 65535 ? n : null;
}

/** `11s`, `500ms`, `2m`, `1.5s`, `1h` → milliseconds; null when not a duration. */
export function parseDuration(s: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/i.exec(s);
  if (!m) return null;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2].toLowerCase() as 'ms' | 's' | 'm' | 'h'];
  return Math.round(Number(m[1]) * unit);
}

/**
 * A byte rate, with Redis's memory units (config.c:memtoull: k = 1000, kb = 1024, m, mb, g, gb),
 * an optional `/s`: `10kb` → 10240, `1mb/s` → 1048576, `500` → 500.
 */
export function parseRate(s: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(b|k|kb|m|mb|g|gb)?(\/s)?$/i.exec(s);
  if (!m) return null;
  const mult: Record<string, number> = { b: 1, k: 1000, kb: 1024, m: 1e6, mb: 1024 ** 2, g: 1e9, gb: 1024 ** 3 };
  const n = Math.round(Number(m[1]) * mult[(m[2] ?? 'b').toLowerCase()]);
  return n > 0 ? n : null;
}

/** Parse a line that starts with `:`; a bad line's error is in `lang` (English by default). */
export function parseTutorLine(line: string, lang: Language = 'en'): TutorParse {
  const text = tutorStrings(lang);
  const usage = (name: TutorName): TutorParse => ({ ok: false, error: text.usage(TUTOR_SYNOPSES[name]) });
  const words = line.trim().slice(1).trim().split(/\s+/).filter(Boolean);
  const name = (words[0] ?? '').toLowerCase();
  const args = words.slice(1);
  switch (name) {
    case 'step': {
      if (args.length === 0) return { ok: true, command: { kind: 'step', count: 1 } };
      if (args.length === 1 && /^\d+$/.test(args[0]) && Number(args[0]) >= 1 && Number(args[0]) <= 1_000_000) {
        return { ok: true, command: { kind: 'step', count: Number(args[0]) } };
      }
      return usage('step');
    }
    case 'run': {
      if (args.length !== 1) return usage('run');
      if (args[0].toLowerCase() === 'idle') return { ok: true, command: { kind: 'run-idle' } };
      const ms = parseDuration(args[0]);
      // A day of virtual time is plenty; more is almost certainly a typo.
      if (ms === null || ms > 86_400_000) return usage('run');
      return { ok: true, command: { kind: 'run', ms } };
    }
    case 'kill':
    case 'restart':
    case 'pause':
    case 'resume': {
      const port = parsePort(args[0]);
      if (args.length !== 1 || port === null) return usage(name);
      return { ok: true, command: { kind: name, port } };
    }
    case 'drop': {
      const a = parsePort(args[0]);
      const b = parsePort(args[1]);
      if (args.length !== 2 || a === null || b === null || a === b) return usage('drop');
      return { ok: true, command: { kind: 'drop', a, b } };
    }
    case 'heal':
      return args.length === 0 ? { ok: true, command: { kind: 'heal' } } : usage('heal');
    case 'latency': {
      const a = parsePort(args[0]);
      const b = parsePort(args[1]);
      const ms = args[2] !== undefined && /^\d+$/.test(args[2]) ? Number(args[2]) : null;
      if (args.length !== 3 || a === null || b === null || a === b || ms === null || ms > 600_000) return usage('latency');
      return { ok: true, command: { kind: 'latency', a, b, ms } };
    }
    case 'bandwidth': {
      const a = parsePort(args[0]);
      const b = parsePort(args[1]);
      const rate = args[2] !== undefined ? parseRate(args[2]) : null;
      if (args.length !== 3 || a === null || b === null || a === b || rate === null) return usage('bandwidth');
      return { ok: true, command: { kind: 'bandwidth', a, b, bytesPerSec: rate } };
    }
    case 'seed': {
      if (args.length !== 1 || !/^\d+$/.test(args[0]) || Number(args[0]) > 0xffffffff) return usage('seed');
      return { ok: true, command: { kind: 'seed', seed: Number(args[0]) } };
    }
    case 'mode': {
      if (args.length === 0) return { ok: true, command: { kind: 'mode', mode: null } };
      const m = args[0].toLowerCase();
      if (args.length !== 1 || (m !== 'settled' && m !== 'manual')) return usage('mode');
      return { ok: true, command: { kind: 'mode', mode: m } };
    }
    case 'help':
    case '':
      return { ok: true, command: { kind: 'help' } };
    default:
      return { ok: false, error: text.unknown(words[0]) };
  }
}

/** `12345` ms → `12.345s`, for confirmations. */
export function formatMs(ms: number): string {
  return (ms / 1000).toFixed(3) + 's';
}
