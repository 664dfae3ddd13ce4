/**
 * Tab completion and greyed argument hints for every prompt: redis-cli 7.0's rules at a node's
 * prompt (from the command docs: completionCallback, hintsCallback, cliOutputHelp), and the same
 * kind of synopsis hints for shell words and `:` tutor lines.
 */

import { commandDocs, commandHelpLines as docHelpLines, commandHint, completeCommand, findCommandDoc } from '../redis/command-docs.js';
import { CONFIG_DEFS, findConfig } from '../redis/config.js';
import { INFO_SECTIONS } from '../redis/info.js';
import { splitArgs } from './split-args.js';
import { TUTOR_SYNOPSES, TUTOR_WORDS } from './tutor.js';
import type { Vfs } from './vfs.js';

/** The shell commands the `$ ` prompt knows. */
export const SHELL_WORDS = ['cat', 'cd', 'clear', 'help', 'ls', 'mkdir', 'netstat', 'pwd', 'redis-cli', 'redis-server'];

/** A word and its argument synopsis, for hints outside redis-cli. */
interface Synopsis {
  word: string;
  params: string;
}

const SHELL_SYNOPSES: Synopsis[] = [
  { word: 'redis-server', params: 'PATH|--port N [--name value ...]' },
  { word: 'redis-cli', params: '[-h HOST] [-p PORT] [-n DB] [COMMAND ARGS ...]' },
  { word: 'netstat', params: '-tlnp [| grep PATTERN]' },
  { word: 'cat', params: 'PATH' },
  { word: 'ls', params: '[PATH]' },
  { word: 'cd', params: 'PATH' },
  { word: 'mkdir', params: 'PATH' },
];

const TUTOR_HINTS: Synopsis[] = Object.values(TUTOR_SYNOPSES)
  .map((synopsis) => /^(:\S+)\s*(.*)$/.exec(synopsis.split(' | ')[0])!)
  .map((m) => ({ word: m[1], params: m[2] }))
  .filter((s) => s.params !== '');

/**
 * redis-cli's hint rule over a synopsis: drop one word per argument typed after the command,
 * stopping at the first optional `[` part; a leading space unless the input ends in one.
 */
function hintFrom(input: string, synopses: readonly Synopsis[]): string {
  const words = input.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '';
  const s = synopses.find((x) => x.word === words[0].toLowerCase());
  if (!s) return '';
  let params = s.params;
  let toRemove = words.length - 1;
  while (toRemove > 0 && params.length > 0) {
    if (params[0] === '[') break;
    if (params[0] === ' ') toRemove--;
    params = params.slice(1);
  }
  return /\s$/.test(input) ? params : ' ' + params;
}

/** The hint for a line at `$ ` (shell words) or a `:` line; '' when there is none. */
export function shellHint(input: string): string {
  return hintFrom(input, input.trim().startsWith(':') ? TUTOR_HINTS : SHELL_SYNOPSES);
}

/**
 * redis-cli's hint at a node's prompt (hintsCallback): the longest matching command's argument
 * synopsis minus what was typed. `set k` → ` value [NX|XX] [GET] …`.
 */
export function hint(input: string): string {
  const argv = splitArgs(input);
  if (!argv || argv.length === 0) return '';
  return commandHint(argv, /\s$/.test(input));
}

export interface CompletionContext {
  atShell: boolean;
  vfs: Vfs;
  ports: readonly number[];
}

/** Candidates for the whole input line (the TUI replaces the line with one of them). */
export function complete(input: string, ctx: CompletionContext): string[] {
  const trimmed = input.replace(/^\s+/, '');
  if (trimmed.startsWith(':')) {
    return TUTOR_WORDS.filter((w) => w.startsWith(trimmed.toLowerCase()) && w !== trimmed);
  }
  if (ctx.atShell) return completeShell(input, ctx);
  // redis-cli replaces the line by the name as the docs spell it (`conf` → `CONFIG`, `CONFIG GET`…).
  const commands = completeCommand(input);
  return commands.length > 0 ? commands : completeArgument(input);
}

/**
 * Arguments Redis takes from a fixed set: after the words `after` (lower case; with `repeat`, any
 * number of further arguments from the set may come first), the word being typed is one of
 * `values`. redis-cli 7.0 completes command names only; the tutor goes one step further.
 */
interface ArgumentSet {
  after: readonly string[];
  repeat?: boolean;
  values: (argv: readonly string[]) => readonly string[];
}

const CONFIG_NAMES = CONFIG_DEFS.map((d) => d.name);
/** DEBUG's subcommands the servers run (server-commands.ts), in DEBUG HELP's order. */
const DEBUG_SUBCOMMANDS = ['CHANGE-REPL-ID', 'DIGEST', 'DIGEST-VALUE', 'ERROR', 'LOG', 'POPULATE', 'RELOAD', 'SET-ACTIVE-EXPIRE', 'SLEEP', 'HELP'];
/** CLIENT KILL TYPE's client classes (getClientTypeByName). */
const CLIENT_TYPES = ['normal', 'master', 'replica', 'pubsub'];

const ARGUMENT_SETS: readonly ArgumentSet[] = [
  { after: ['info'], repeat: true, values: () => [...INFO_SECTIONS, 'all', 'default', 'everything'] },
  { after: ['config', 'get'], repeat: true, values: () => CONFIG_NAMES },
  { after: ['config', 'set'], values: () => CONFIG_NAMES },
  // CONFIG SET's value, where the setting takes a fixed set (yes/no, an enum).
  { after: ['config', 'set', '*'], values: (argv) => configValues(argv[2]) },
  { after: ['client', 'kill', 'type'], values: () => CLIENT_TYPES },
  { after: ['debug'], values: () => DEBUG_SUBCOMMANDS },
  { after: ['replicaof'], values: () => ['no one'] },
  { after: ['replicaof', 'no'], values: () => ['one'] },
  { after: ['slaveof'], values: () => ['no one'] },
  { after: ['slaveof', 'no'], values: () => ['one'] },
];

function configValues(name: string): readonly string[] {
  const def = findConfig(name);
  if (def?.kind === 'bool') return ['yes', 'no'];
  if (def?.kind === 'enum') return def.values ?? [];
  return [];
}

/** Whole-line candidates for an argument from a fixed set (the typed words before it kept as typed). */
export function completeArgument(input: string): string[] {
  const start = input.length - input.trimStart().length;
  const words = input.slice(start).split(/\s+/);
  const last = words.pop() ?? '';
  const before = words.map((w) => w.toLowerCase());
  const head = input.slice(0, input.length - last.length);
  const set = ARGUMENT_SETS.find((s) => {
    const n = s.after.length;
    if (s.repeat ? before.length < n : before.length !== n) return false;
    return s.after.every((w, i) => w === '*' || w === before[i]);
  });
  if (!set) return [];
  const typed = last.toLowerCase();
  return set
    .values(before)
    .filter((v) => v.toLowerCase().startsWith(typed))
    .map((v) => head + v);
}

function completeShell(input: string, ctx: CompletionContext): string[] {
  const words = input.split(/\s+/);
  const last = words[words.length - 1];
  const head = input.slice(0, input.length - last.length);
  if (words.length === 1) return SHELL_WORDS.filter((w) => w.startsWith(last));
  const cmd = words[0];
  if (cmd === 'redis-cli' && words[words.length - 2] === '-p') {
    return ctx.ports.map(String).filter((p) => p.startsWith(last)).map((p) => head + p);
  }
  if (['cat', 'ls', 'cd', 'redis-server', 'mkdir'].includes(cmd)) {
    // Complete a path: the directory part as typed, the last component from the listing.
    const slash = last.lastIndexOf('/');
    const dirTyped = slash >= 0 ? last.slice(0, slash + 1) : '';
    const partial = last.slice(slash + 1);
    const dirAbs = ctx.vfs.resolve(dirTyped === '' ? '.' : dirTyped);
    if (ctx.vfs.stat(dirAbs)?.kind !== 'dir') return [];
    return ctx.vfs
      .list(dirAbs)
      .filter((n) => n.startsWith(partial))
      .map((n) => {
        const isDir = ctx.vfs.stat(ctx.vfs.resolve(dirAbs + '/' + n))?.kind === 'dir';
        return head + dirTyped + n + (isDir ? '/' : '');
      });
  }
  return [];
}

/**
 * `help TOPIC` at a node's prompt (cliOutputHelp): one command's usage block, or every command
 * of `@group`; null for an unknown topic (redis-cli then prints nothing).
 */
export function commandHelpLines(topic: string[]): string[] | null {
  const wanted = topic.join(' ');
  if (wanted.startsWith('@')) {
    const group = wanted.slice(1).toLowerCase();
    const docs = commandDocs.filter((d) => d.group === group);
    return docs.length > 0 ? docs.flatMap((d) => docHelpLines(d)) : null;
  }
  const doc = findCommandDoc(wanted);
  return doc ? docHelpLines(doc) : null;
}
