/**
 * Tutor lines: `:`-prefixed lines that move virtual time and inject faults (kill, pause, drop a
 * link…), the same at every prompt, in the TUI and in batch mode. Parsing only; the session runs them.
 * Faults are parsed by the fault table (src/redis/faults.ts); this file adds time, seed, mode, help.
 */

import { FAULT_KINDS, FAULTS, isFaultKind, parseFault, type Fault, type FaultKind } from '../redis/faults.js';
import { faultWords } from './fault-words.js';
import { tutorStrings } from './tutor-strings.js';
import type { Language } from '../language.js';

export type TutorCommand =
  | { kind: 'step'; count: number }
  | { kind: 'run-idle' }
  | { kind: 'run'; ms: number }
  /** Every fault of the fault table (src/redis/faults.ts): `:kill`, `:drop`, `:heal`… */
  | { kind: 'fault'; fault: Fault }
  | { kind: 'seed'; seed: number }
  | { kind: 'mode'; mode: 'settled' | 'manual' | null }
  | { kind: 'help' };

/** A parse: the command, or the message to print (in the language asked for). */
export type TutorParse = { ok: true; command: TutorCommand } | { ok: false; error: string };

/** The synopses of the faults, from the fault table, in its order. */
const FAULT_SYNOPSES = Object.fromEntries(FAULT_KINDS.map((k) => [k, FAULTS[k].synopsis])) as Record<FaultKind, string>;

/** Each tutor command's synopsis, for `:help`, usage errors and hints (what they do: tutor-strings.ts, fault-words.ts). */
export const TUTOR_SYNOPSES = {
  step: ':step [N]',
  run: ':run idle | :run DURATION',
  ...FAULT_SYNOPSES,
  seed: ':seed N',
  mode: ':mode settled|manual',
  help: ':help',
} as const;

export type TutorName = keyof typeof TUTOR_SYNOPSES;
/** The tutor's own commands (time, world, help); the rest are faults. */
export type TutorOwnName = Exclude<TutorName, FaultKind>;

/** `:help`'s lines in `lang`: the synopsis (as typed, so never translated), then what it does. */
export function tutorHelp(lang: Language = 'en'): string[] {
  const own = tutorStrings(lang).help;
  const faults = faultWords(lang).help;
  return (Object.keys(TUTOR_SYNOPSES) as TutorName[]).map(
    (name) => `${TUTOR_SYNOPSES[name].padEnd(26)} ${isFaultKind(name) ? faults[name] : own[name as TutorOwnName]}`,
  );
}

export const TUTOR_WORDS = Object.keys(TUTOR_SYNOPSES).map((w) => ':' + w);

/** Every tutor line's synopsis for the shell's `help`, a few to a line (`:run`'s two forms as one). */
export function tutorSynopsisLines(width = 96): string[] {
  const words = Object.values(TUTOR_SYNOPSES).map((s) => s.replace(' | :run ', '|'));
  const lines: string[] = [];
  let line = ' ';
  for (const w of words) {
    if (line.length + 2 + w.length > width) {
      lines.push(line);
      line = ' ';
    }
    line += ' ' + w + ' ';
  }
  lines.push(line);
  return lines.map((l) => l.trimEnd());
}

export { parseRate } from '../redis/faults.js';

/** `11s`, `500ms`, `2m`, `1.5s`, `1h` → milliseconds; null when not a duration. */
export function parseDuration(s: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/i.exec(s);
  if (!m) return null;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2].toLowerCase() as 'ms' | 's' | 'm' | 'h'];
  return Math.round(Number(m[1]) * unit);
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
    default: {
      if (!isFaultKind(name)) return { ok: false, error: text.unknown(words[0]) };
      const fault = parseFault(name, args);
      return fault ? { ok: true, command: { kind: 'fault', fault } } : usage(name);
    }
  }
}

/** `12345` ms → `12.345s`, for confirmations. */
export function formatMs(ms: number): string {
  return (ms / 1000).toFixed(3) + 's';
}
