/** Command-line arguments of repl-tutor: parsed into one plain command, with friendly errors. */

import type { Language } from './language.js';

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | ({
      kind: 'app';
      lessonId?: string;
      sandbox: boolean;
      /** `--sandbox NAME`: a sandbox saved with `:save NAME`. */
      sandboxName?: string;
      lang?: Language;
      seed?: number;
      maxMemoryBytes?: number;
    } & LessonFolderArgs)
  | ({
      kind: 'batch';
      file?: string;
      lessonId?: string;
      sandbox: boolean;
      manual: boolean;
      trace: boolean;
      json: boolean;
      lang?: Language;
      seed?: number;
      serverOverrides: Array<[string, string]>;
      maxMemoryBytes?: number;
      /** Write the run's sequence diagram here (`--svg FILE`), optionally only a time window. */
      svg?: { file: string; fromMs?: number; toMs?: number };
      /** A serve recording to replay and check byte for byte. */
      replay?: string;
    } & LessonFolderArgs)
  | {
      kind: 'serve';
      lessonId?: string;
      sandbox: boolean;
      portOffset: number;
      headless: boolean;
      record?: string;
      host: string;
      password?: string;
      speed: number;
      seed?: number;
      lang?: Language;
    }
  | { kind: 'lessons-check'; dir?: string; noBundled?: true }
  | { kind: 'lessons-list'; lang?: Language; dir?: string; noBundled?: true }
  | { kind: 'lessons-diagram'; id: string; file?: string; seed?: number }
  | { kind: 'progress'; action: 'export' | 'import' | 'reset' | 'show'; file?: string; lessonsDir?: string }
  | { kind: 'error'; message: string };

/**
 * Teachers' lesson folders: `--lessons DIR` (repeatable) adds DIR's lessons to the bundled ones;
 * with `--no-bundled` they replace them. Present only when given.
 */
export interface LessonFolderArgs {
  lessonDirs?: string[];
  noBundled?: true;
}

export const USAGE = `Usage: repl-tutor [options]            open the lesson menu
       repl-tutor batch [FILE] [options]  run lines from FILE or stdin, print the transcript
       repl-tutor batch --replay FILE     replay a served session recorded with serve --record
       repl-tutor serve [options]         serve the simulated nodes on real TCP ports
       repl-tutor lessons check [DIR]     check lesson files (default: the bundled lessons)
       repl-tutor lessons list [DIR]      list the lessons and their ids
       repl-tutor lessons diagram ID [FILE]  write the SVG diagram of a lesson's solution
       repl-tutor progress [--export FILE | --import FILE | --reset] [--lessons DIR]

Learn Redis master-replica replication on a live, simulated Redis 7.0 cluster.

Options:
  --lesson ID        open (or, in batch mode, set up) this lesson
  --lessons DIR      add the lessons in folder DIR (a teacher's own) to the bundled ones;
                     repeatable; progress is kept per folder (lessons/README.md)
  --no-bundled       with --lessons: DIR's lessons replace the bundled ones
  --sandbox [NAME]   6380 master, 6381 and 6382 its replicas, free play (NAME: one saved with :save NAME)
  --lang en|zh       language of the lessons and the tutor's own lines (default: en, or zh
                     when LANG starts with zh; batch mode: en unless --lang is given)
  --seed N           seed for replication ids and everything random (default 1)
  --max-memory SIZE  the tutor's memory budget for all its servers together, like
                     maxmemory (e.g. 512mb, 2gb; default: a quarter of free
                     memory, at most an eighth of the JavaScript heap)
  -h, --help         show this help
  -v, --version      show the version

Batch options:
  --manual           do not settle after each line: time moves only with :step and :run
  --trace            interleave the engine's events as readable lines (in --lang)
  --json             print inputs, outputs and the engine's events as JSON lines (UTF-8)
  --set NAME=VALUE   config applied to every server started (repeatable)
  --svg FILE         write the run's sequence diagram as a standalone SVG
  --svg-from MS, --svg-to MS   only the messages of that virtual time window

Serve options (redis-cli, client libraries and redis-server --replicaof talk to the nodes):
  --port-offset N    node 6380 listens on 6380+N (default 0)
  --headless         no app: print the trace, read tutor lines from stdin
  --record FILE      save every input and byte, for 'repl-tutor batch --replay FILE'
  --speed X          virtual ms per wall-clock ms (default 1)
  --host ADDR        listen on ADDR instead of 127.0.0.1 (needs --password)
  --password PASS    requirepass (and masterauth) on every simulated node

When standard input is not a terminal, repl-tutor runs batch mode on it.
Keys inside the app are listed in its footer and in README.md.`;

function parseSeed(v: string): number | string {
  if (!/^\d{1,10}$/.test(v) || Number(v) > 0xffffffff) return `--seed needs a whole number from 0 to 4294967295, got '${v}'`;
  return Number(v);
}

/** A size as redis.conf writes one (memtoull): 1k = 1000, 1kb = 1024, m/mb, g/gb; at least 1mb. */
export function parseMemorySize(v: string): number | string {
  const m = /^(\d{1,15})(b|k|kb|m|mb|g|gb)?$/i.exec(v);
  const units: Record<string, number> = { b: 1, k: 1e3, kb: 1024, m: 1e6, mb: 1 << 20, g: 1e9, gb: 1 << 30 };
  const bytes = m ? Number(m[1]) * units[(m[2] ?? 'b').toLowerCase()] : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1 << 20) return `--max-memory needs a size of at least 1mb (like 512mb or 2gb), got '${v}'`;
  return bytes;
}

function parseLang(v: string): Language | string {
  return v === 'en' || v === 'zh' ? v : `--lang must be 'en' or 'zh', got '${v}'`;
}

const SUBCOMMANDS = ['batch', 'lessons', 'progress', 'serve'] as const;
/** Options followed by a value (`--lang zh`), so the value is never taken for a subcommand. */
const VALUE_OPTIONS = new Set(['--lesson', '--lessons', '--lang', '--seed', '--set', '--export', '--import']);

/** Where the subcommand is: the first word that is neither an option nor an option's value (`--lang zh lessons list`). */
function subcommandAt(args: readonly string[]): number {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('-') && a !== '-') {
      if (VALUE_OPTIONS.has(a)) i++;
      continue;
    }
    return (SUBCOMMANDS as readonly string[]).includes(a) ? i : -1;
  }
  return -1;
}

/** Parse argv (without node and script). Never throws. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const args = [...argv];
  let sub = 'app' as 'app' | (typeof SUBCOMMANDS)[number];
  const at = subcommandAt(args);
  if (at >= 0) sub = args.splice(at, 1)[0] as typeof sub;

  const positional: string[] = [];
  const flags = {
    lesson: undefined as string | undefined,
    sandbox: false,
    sandboxName: undefined as string | undefined,
    lang: undefined as Language | undefined,
    seed: undefined as number | undefined,
    manual: false,
    trace: false,
    json: false,
    set: [] as Array<[string, string]>,
    exportFile: undefined as string | undefined,
    importFile: undefined as string | undefined,
    reset: false,
    maxMemory: undefined as number | undefined,
    lessonDirs: [] as string[],
    noBundled: false,
    svg: undefined as string | undefined,
    svgFromMs: undefined as number | undefined,
    svgToMs: undefined as number | undefined,
    replay: undefined as string | undefined,
    portOffset: undefined as string | undefined,
    headless: false,
    record: undefined as string | undefined,
    host: undefined as string | undefined,
    password: undefined as string | undefined,
    speed: undefined as string | undefined,
  };
  const needValue = (name: string, i: number): string | { error: string } => {
    const v = args[i + 1];
    if (v === undefined || (v.startsWith('--') && v.length > 2)) return { error: `${name} needs a value` };
    return v;
  };

  for (let i = 0; i < args.length; i++) {
    let a = args[i];
    let inline: string | undefined;
    if (a.startsWith('--') && a.includes('=')) {
      inline = a.slice(a.indexOf('=') + 1);
      a = a.slice(0, a.indexOf('='));
    }
    const value = (): string | { error: string } => {
      if (inline !== undefined) return inline;
      const v = needValue(a, i);
      if (typeof v === 'string') i++;
      return v;
    };
    switch (a) {
      case '-h':
      case '--help':
        return { kind: 'help' };
      case '-v':
      case '--version':
        return { kind: 'version' };
      case '--sandbox':
        flags.sandbox = true;
        if (inline !== undefined) flags.sandboxName = inline;
        break;
      case '--manual':
        flags.manual = true;
        break;
      case '--trace':
        flags.trace = true;
        break;
      case '--json':
        flags.json = true;
        break;
      case '--reset':
        flags.reset = true;
        break;
      case '--no-bundled':
        flags.noBundled = true;
        break;
      case '--headless':
        flags.headless = true;
        break;
      case '--replay':
      case '--port-offset':
      case '--record':
      case '--host':
      case '--password':
      case '--speed': {
        const v = value();
        if (typeof v !== 'string') return { kind: 'error', message: v.error };
        if (a === '--replay') flags.replay = v;
        else if (a === '--port-offset') flags.portOffset = v;
        else if (a === '--record') flags.record = v;
        else if (a === '--host') flags.host = v;
        else if (a === '--password') flags.password = v;
        else flags.speed = v;
        break;
      }
      case '--lesson':
      case '--lessons':
      case '--lang':
      case '--seed':
      case '--set':
      case '--max-memory':
      case '--export':
      case '--import':
      case '--svg':
      case '--svg-from':
      case '--svg-to': {
        const v = value();
        if (typeof v !== 'string') return { kind: 'error', message: v.error };
        if (a === '--svg') flags.svg = v;
        else if (a === '--svg-from' || a === '--svg-to') {
          if (!/^\d+(\.\d+)?$/.test(v)) return { kind: 'error', message: `${a} needs a virtual time in ms, got '${v}'` };
          if (a === '--svg-from') flags.svgFromMs = Number(v);
          else flags.svgToMs = Number(v);
        } else if (a === '--lesson') flags.lesson = v;
        else if (a === '--lessons') flags.lessonDirs.push(v);
        else if (a === '--export') flags.exportFile = v;
        else if (a === '--import') flags.importFile = v;
        else if (a === '--max-memory') {
          const bytes = parseMemorySize(v);
          if (typeof bytes === 'string') return { kind: 'error', message: bytes };
          flags.maxMemory = bytes;
        }
        else if (a === '--lang') {
          const l = parseLang(v);
          if (l !== 'en' && l !== 'zh') return { kind: 'error', message: l };
          flags.lang = l;
        } else if (a === '--seed') {
          const s = parseSeed(v);
          if (typeof s === 'string') return { kind: 'error', message: s };
          flags.seed = s;
        } else {
          const eq = v.indexOf('=');
          if (eq <= 0) return { kind: 'error', message: `--set needs NAME=VALUE, got '${v}'` };
          flags.set.push([v.slice(0, eq), v.slice(eq + 1)]);
        }
        break;
      }
      default:
        if (a.startsWith('-') && a !== '-') return { kind: 'error', message: `unknown option '${a}'` };
        positional.push(a);
    }
  }

  const onlyFor = (ok: boolean, what: string): CliCommand | null =>
    ok ? null : { kind: 'error', message: `${what} only applies to 'repl-tutor batch'` };
  const folders: LessonFolderArgs = {
    ...(flags.lessonDirs.length > 0 ? { lessonDirs: flags.lessonDirs } : {}),
    ...(flags.noBundled ? { noBundled: true as const } : {}),
  };
  if (flags.noBundled && flags.lessonDirs.length === 0 && !((sub as string) === 'lessons' && positional.length > 1))
    return { kind: 'error', message: '--no-bundled needs --lessons DIR (the folder whose lessons replace the bundled ones)' };
  const serveOnly = (ok: boolean, what: string): CliCommand | null =>
    ok ? null : { kind: 'error', message: `${what} only applies to 'repl-tutor serve'` };
  if (sub !== 'serve') {
    const bad =
      serveOnly(flags.portOffset === undefined, '--port-offset') ?? serveOnly(!flags.headless, '--headless') ??
      serveOnly(flags.record === undefined, '--record') ?? serveOnly(flags.host === undefined, '--host') ??
      serveOnly(flags.password === undefined, '--password') ?? serveOnly(flags.speed === undefined, '--speed');
    if (bad) return bad;
  }
  if (sub !== 'batch' && flags.replay !== undefined) return { kind: 'error', message: "--replay only applies to 'repl-tutor batch'" };
  if (sub === 'serve') {
    if (positional.length > 0) return { kind: 'error', message: `serve takes no FILE, got '${positional[0]}'` };
    const bad = onlyFor(!flags.manual, '--manual') ?? onlyFor(!flags.trace, '--trace') ?? onlyFor(!flags.json, '--json') ?? onlyFor(flags.set.length === 0, '--set');
    if (bad) return bad;
    if (flags.lesson && flags.sandbox) return { kind: 'error', message: '--lesson and --sandbox cannot be used together' };
    let portOffset = 0;
    if (flags.portOffset !== undefined) {
      if (!/^\d{1,5}$/.test(flags.portOffset) || Number(flags.portOffset) > 50000) {
        return { kind: 'error', message: `--port-offset needs a whole number from 0 to 50000, got '${flags.portOffset}'` };
      }
      portOffset = Number(flags.portOffset);
    }
    let speed = 1;
    if (flags.speed !== undefined) {
      speed = Number(flags.speed);
      if (!/^\d+(\.\d+)?$/.test(flags.speed) || speed <= 0 || speed > 1000) {
        return { kind: 'error', message: `--speed needs a number above 0 and at most 1000, got '${flags.speed}'` };
      }
    }
    const host = flags.host ?? '127.0.0.1';
    if (flags.password === '') return { kind: 'error', message: '--password cannot be empty' };
    if (host !== '127.0.0.1' && flags.password === undefined) {
      return { kind: 'error', message: `listening on ${host} lets other machines in: it needs --password (requirepass on every node)` };
    }
    return {
      kind: 'serve',
      lessonId: flags.lesson,
      sandbox: flags.sandbox,
      portOffset,
      headless: flags.headless,
      record: flags.record,
      host,
      password: flags.password,
      speed,
      seed: flags.seed,
      lang: flags.lang,
    };
  }

  if (sub === 'app') {
    // `--sandbox NAME` (the app takes no other word): the sandbox saved as NAME.
    if (flags.sandbox && flags.sandboxName === undefined && positional.length === 1) flags.sandboxName = positional.shift();
    if (positional.length > 0) return { kind: 'error', message: `unknown command '${positional[0]}'` };
    const bad =
      onlyFor(!flags.manual, '--manual') ?? onlyFor(!flags.trace, '--trace') ?? onlyFor(!flags.json, '--json') ?? onlyFor(flags.set.length === 0, '--set') ?? onlyFor(flags.svg === undefined, '--svg');
    if (bad) return bad;
    if (flags.lesson && flags.sandbox) return { kind: 'error', message: '--lesson and --sandbox cannot be used together' };
    return {
      kind: 'app',
      lessonId: flags.lesson,
      sandbox: flags.sandbox,
      ...(flags.sandboxName !== undefined ? { sandboxName: flags.sandboxName } : {}),
      lang: flags.lang,
      seed: flags.seed,
      maxMemoryBytes: flags.maxMemory,
      ...folders,
    };
  }
  if (sub === 'batch') {
    if (positional.length > 1) return { kind: 'error', message: `batch takes one FILE, got ${positional.length}` };
    if (flags.lesson && flags.sandbox) return { kind: 'error', message: '--lesson and --sandbox cannot be used together' };
    if (flags.trace && flags.json) return { kind: 'error', message: '--trace and --json cannot be used together' };
    if (flags.svg === undefined && (flags.svgFromMs !== undefined || flags.svgToMs !== undefined)) {
      return { kind: 'error', message: '--svg-from and --svg-to need --svg FILE' };
    }
    const file = positional[0] === '-' ? undefined : positional[0];
    if (flags.replay !== undefined) {
      if (positional.length > 0 || flags.lesson || flags.sandbox || flags.manual || flags.trace || flags.json || flags.set.length > 0 || flags.seed !== undefined) {
        return { kind: 'error', message: '--replay takes only the recording: its seed and setup are in it' };
      }
      return { kind: 'batch', sandbox: false, manual: false, trace: false, json: false, serverOverrides: [], replay: flags.replay };
    }
    return {
      kind: 'batch',
      file,
      lessonId: flags.lesson,
      sandbox: flags.sandbox,
      manual: flags.manual,
      trace: flags.trace,
      json: flags.json,
      lang: flags.lang,
      seed: flags.seed,
      serverOverrides: flags.set,
      maxMemoryBytes: flags.maxMemory,
      ...folders,
      ...(flags.svg !== undefined ? { svg: { file: flags.svg, fromMs: flags.svgFromMs, toMs: flags.svgToMs } } : {}),
    };
  }
  if (sub === 'lessons') {
    const [action, given, extra] = positional;
    if (action === 'diagram' && given !== undefined && positional.length <= 3) return { kind: 'lessons-diagram', id: given, file: extra, seed: flags.seed };
    // `lessons check --lessons DIR` is read as `lessons check DIR`.
    const dirs = [...(given !== undefined ? [given] : []), ...flags.lessonDirs];
    const usage = { kind: 'error' as const, message: 'usage: repl-tutor lessons check [DIR] | repl-tutor lessons list [DIR] | repl-tutor lessons diagram ID [FILE]' };
    if (extra !== undefined || dirs.length > 1 || (action !== 'check' && action !== 'list')) return usage;
    const dir = dirs[0];
    const noBundled = flags.noBundled ? { noBundled: true as const } : {};
    if (action === 'check') return { kind: 'lessons-check', dir, ...noBundled };
    return { kind: 'lessons-list', lang: flags.lang, ...(dir !== undefined ? { dir } : {}), ...noBundled };
  }
  // progress
  const chosen = [flags.exportFile !== undefined, flags.importFile !== undefined, flags.reset].filter(Boolean).length;
  if (positional.length > 0 || chosen > 1 || flags.lessonDirs.length > 1)
    return { kind: 'error', message: 'usage: repl-tutor progress [--export FILE | --import FILE | --reset] [--lessons DIR]' };
  // With --lessons DIR, the progress of that teacher's folder (its own file) instead of the bundled lessons'.
  const of = flags.lessonDirs.length === 1 ? { lessonsDir: flags.lessonDirs[0] } : {};
  if (flags.exportFile !== undefined) return { kind: 'progress', action: 'export', file: flags.exportFile, ...of };
  if (flags.importFile !== undefined) return { kind: 'progress', action: 'import', file: flags.importFile, ...of };
  if (flags.reset) return { kind: 'progress', action: 'reset', ...of };
  return { kind: 'progress', action: 'show', ...of };
}
