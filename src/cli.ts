/** The entry point: reads the command line, then opens the app, runs batch mode, or a lesson/progress tool. */

import { readFileSync, statSync, writeFileSync } from 'node:fs';
import type { WorldApi } from './redis/api.js';
import { fileURLToPath } from 'node:url';
import { parseCliArgs, USAGE, type CliCommand, type LessonFolderArgs } from './cli-args.js';
import pkg from '../package.json' with { type: 'json' };
import type { Language } from './language.js';

/** The bundled lessons: <package>/lessons, next to dist/ (bundle) or src/ (tsx). */
export const LESSONS_DIR = fileURLToPath(new URL('../lessons/', import.meta.url));
/** Those lessons compiled by the build (dist/lessons.json beside the bundle; absent under tsx). */
const COMPILED_LESSONS = fileURLToPath(new URL('./lessons.json', import.meta.url));

function fail(message: string, code = 2): number {
  process.stderr.write(`repl-tutor: ${message}\nTry 'repl-tutor --help' for more information.\n`);
  return code;
}

/** A `--lessons DIR` that is not a readable folder, as a one-line message; null when every one is. */
function badLessonFolder(args: LessonFolderArgs): string | null {
  for (const dir of args.lessonDirs ?? []) {
    try {
      if (!statSync(dir).isDirectory()) return `--lessons ${dir}: not a folder`;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return `--lessons ${dir}: ${code === 'ENOENT' ? 'No such file or directory' : (e as Error).message}`;
    }
  }
  return null;
}

async function runBatchCommand(cmd: Extract<CliCommand, { kind: 'batch' }>, viaPipe: boolean): Promise<number> {
  if (cmd.replay !== undefined) return runReplay(cmd.replay);
  const { applyMemoryBudget, batchStdout, openInputFile } = await import('./process-io.js');
  applyMemoryBudget(cmd.maxMemoryBytes);
  let input: NodeJS.ReadableStream;
  if (cmd.file !== undefined) {
    const opened = openInputFile(cmd.file);
    if ('error' in opened) {
      process.stderr.write(`repl-tutor: cannot read ${cmd.file}: ${opened.error}\n`);
      return 1;
    }
    input = opened;
  } else {
    if (process.stdin.isTTY && !viaPipe) process.stderr.write('repl-tutor batch: reading lines from standard input (Ctrl-D to end)\n');
    input = process.stdin;
  }
  const { runBatch } = await import('./batch.js');
  let lessonSetup: string[] | undefined;
  if (cmd.lessonId !== undefined || cmd.sandbox) {
    // The sandbox is a lesson too (lessons/sandbox.yaml): batch starts the world the app's sandbox shows.
    const { lessonSetupLines, sandboxSetupLines } = await import('./lessons/setup-lines.js');
    const folders = { bundledDir: LESSONS_DIR, extraDirs: cmd.lessonDirs, bundled: !cmd.noBundled };
    const found = cmd.sandbox ? sandboxSetupLines(folders) : lessonSetupLines(folders, cmd.lessonId!);
    // An unknown lesson id is a usage error, like any other bad argument.
    if (!found.ok) return fail(found.message, cmd.sandbox ? 1 : 2);
    lessonSetup = found.lines;
  }
  const stdout = batchStdout();
  let svgWritten = true;
  // The diagram is drawn by src/ui (loaded only for --svg) from the world the run ends with.
  const svg = cmd.svg;
  const atEnd = svg
    ? await import('./ui/export-svg.js').then(({ worldSvg }) => (world: WorldApi) => {
        svgWritten = writeOut(svg.file, worldSvg(world, { fromMs: svg.fromMs, toMs: svg.toMs }));
      })
    : undefined;
  const code = await runBatch({
    input,
    out: stdout.out,
    flush: stdout.flush,
    err: (s) => process.stderr.write(s),
    seed: cmd.seed,
    manual: cmd.manual,
    trace: cmd.trace,
    json: cmd.json,
    language: cmd.lang,
    lessonSetup,
    serverOverrides: cmd.serverOverrides,
    atEnd,
  });
  return svgWritten ? code : 1;
}

/** Write an export to FILE (or standard output for `-`); a failure is one line on stderr. */
function writeOut(file: string, text: string): boolean {
  if (file === '-') {
    process.stdout.write(text);
    return true;
  }
  try {
    writeFileSync(file, text);
    return true;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'No such file or directory' : err.code === 'EACCES' ? 'Permission denied' : err.code === 'EISDIR' ? 'Is a directory' : err.message;
    process.stderr.write(`repl-tutor: cannot write ${file}: ${why}\n`);
    return false;
  }
}

/** `batch --replay FILE`: print what the served session printed; exit 1 if any byte differs. */
async function runReplay(file: string): Promise<number> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    process.stderr.write(`repl-tutor: cannot read ${file}: ${(e as Error).message}\n`);
    return 1;
  }
  const { replayRecording } = await import('./serve/replay.js');
  const r = replayRecording(text, (s) => process.stdout.write(s));
  if (!r.ok) {
    process.stderr.write(`repl-tutor: replay of ${file} differs: ${r.message}\n`);
    return 1;
  }
  process.stderr.write(`repl-tutor: replayed ${r.inputs} inputs; all ${r.bytes} output bytes identical\n`);
  return 0;
}

/** `serve`: the seed and setup lines of the world to serve (sandbox, lesson or empty). */
async function runServe(cmd: Extract<CliCommand, { kind: 'serve' }>): Promise<number> {
  let setup: string[] = [];
  if (cmd.sandbox || cmd.lessonId !== undefined) {
    // The sandbox is a lesson too (lessons/sandbox.yaml): serve starts the world the app's sandbox shows.
    const { lessonSetupLines, sandboxSetupLines } = await import('./lessons/setup-lines.js');
    const found = cmd.sandbox ? sandboxSetupLines(LESSONS_DIR) : lessonSetupLines(LESSONS_DIR, cmd.lessonId!);
    if (!found.ok) return fail(found.message, 1);
    setup = found.lines;
  }
  const serverOverrides: Array<[string, string]> = cmd.password !== undefined ? [['requirepass', cmd.password], ['masterauth', cmd.password]] : [];
  if (!cmd.headless) {
    if (process.stdin.isTTY && process.stdout.isTTY) return runServeApp(cmd, serverOverrides);
    // A pipe cannot hold the app: its lines are the tutor's, as --headless reads them.
    process.stderr.write('repl-tutor serve: not a terminal, so no app: serving headless (tutor lines from standard input)\n');
  }
  const { runHeadless } = await import('./serve/headless.js');
  const { clusterLines, linkFaults } = await import('./ui/cluster-model.js');
  return runHeadless({
    picture: (world, clients) =>
      clusterLines({ nowMs: world.now, nodes: world.snapshot(), faults: linkFaults(world.links()), clients }, 80).map((l) => l.map((seg) => seg.text).join('')),
    header: { seed: cmd.seed ?? 1, setup, serverOverrides },
    portOffset: cmd.portOffset,
    host: cmd.host,
    speed: cmd.speed,
    record: cmd.record,
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  });
}

/**
 * `serve` with the app: the sandbox (or `--lesson ID`) opens as usual, but every world it builds
 * is served on real ports, time follows the wall clock, and real clients appear in the picture.
 */
async function runServeApp(cmd: Extract<CliCommand, { kind: 'serve' }>, serverOverrides: Array<[string, string]>): Promise<number> {
  const { LiveServe } = await import('./serve/live.js');
  const { createServedSession } = await import('./serve/setup.js');
  const { servedReplFactory } = await import('./serve/served-repl.js');
  const { startApp } = await import('./ui/app.js');
  const { defaultDeps } = await import('./ui/default-deps.js');
  const { exitCleanlyOnSignals } = await import('./app-signals.js');
  const seed = cmd.seed ?? 1;
  const header = { seed, setup: [], serverOverrides };
  let live: InstanceType<typeof LiveServe>;
  try {
    live = new LiveServe({ session: createServedSession(header), header, portOffset: cmd.portOffset, host: cmd.host, speed: cmd.speed, recordFile: cmd.record });
  } catch (e) {
    return fail(`cannot record to ${cmd.record}: ${(e as Error).message}`, 1);
  }
  await live.start();
  const deps = defaultDeps({ lessonsDir: LESSONS_DIR, compiledLessons: COMPILED_LESSONS, createRepl: servedReplFactory(live, seed) });
  const uninstall = exitCleanlyOnSignals(() => process.stdout.write('\x1b[?1049l\x1b[?25h'));
  try {
    await startApp({ deps, lessonId: cmd.lessonId, sandbox: cmd.lessonId === undefined, lang: cmd.lang, defaultLang: defaultLang(), seed });
  } finally {
    uninstall();
    await live.close();
  }
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const cmd = parseCliArgs(argv);
  switch (cmd.kind) {
    case 'help':
      process.stdout.write(USAGE + '\n');
      return 0;
    case 'version':
      process.stdout.write(`repl-tutor ${pkg.version}\n`);
      return 0;
    case 'error':
      return fail(cmd.message);
    case 'batch': {
      const bad = badLessonFolder(cmd);
      return bad ? fail(bad) : runBatchCommand(cmd, false);
    }
    case 'serve':
      return runServe(cmd);
    case 'lessons-check': {
      const { checkLessons } = await import('./lessons/check.js');
      const { defaultReplFactory } = await import('./lessons/default-repl.js');
      // A teacher's folder is checked as `--lessons DIR` would load it: beside the bundled lessons, unless --no-bundled.
      const result = checkLessons(cmd.dir ?? LESSONS_DIR, defaultReplFactory, cmd.noBundled ? undefined : LESSONS_DIR);
      for (const line of result.lines) process.stdout.write(line + '\n');
      return result.ok ? 0 : 1;
    }
    case 'lessons-diagram': {
      const { lessonDiagram } = await import('./ui/export-svg.js');
      const r = lessonDiagram(LESSONS_DIR, cmd.id, cmd.seed);
      if (!r.ok) return fail(r.message, 1);
      return writeOut(cmd.file ?? '-', r.svg) ? 0 : 1;
    }
    case 'lessons-list': {
      const { listLessonsText } = await import('./lessons/setup-lines.js');
      const beside = cmd.dir !== undefined && !cmd.noBundled ? LESSONS_DIR : undefined;
      process.stdout.write(listLessonsText(cmd.dir ?? LESSONS_DIR, cmd.lang ?? defaultLang(), beside) + '\n');
      return 0;
    }
    case 'progress': {
      const { runProgressCommand } = await import('./lessons/progress-cli.js');
      const r = runProgressCommand(cmd.action, cmd.file, undefined, cmd.lessonsDir);
      for (const line of r.lines) (r.ok ? process.stdout : process.stderr).write(line + '\n');
      return r.ok ? 0 : 1;
    }
    case 'app': {
      const bad = badLessonFolder(cmd);
      if (bad) return fail(bad);
      // A pipe is not a terminal: Ink's raw mode would fail, so the lines go to batch mode.
      if (!process.stdin.isTTY) {
        return runBatchCommand(
          {
            kind: 'batch',
            sandbox: cmd.sandbox,
            lessonId: cmd.lessonId,
            manual: false,
            trace: false,
            json: false,
            lang: cmd.lang,
            seed: cmd.seed,
            serverOverrides: [],
            maxMemoryBytes: cmd.maxMemoryBytes,
            lessonDirs: cmd.lessonDirs,
            noBundled: cmd.noBundled,
          },
          true,
        );
      }
      if (!process.stdout.isTTY) return fail('standard output is not a terminal; use `repl-tutor batch` to print a transcript', 1);
      const { startApp } = await import('./ui/app.js');
      const { applyMemoryBudget } = await import('./process-io.js');
      const { exitCleanlyOnSignals } = await import('./app-signals.js');
      applyMemoryBudget(cmd.maxMemoryBytes);
      const uninstall = exitCleanlyOnSignals(() => process.stdout.write('\x1b[?1049l\x1b[?25h'));
      await startApp({
        lessonId: cmd.lessonId,
        sandbox: cmd.sandbox,
        sandboxName: cmd.sandboxName,
        lang: cmd.lang,
        defaultLang: defaultLang(),
        seed: cmd.seed,
        lessonsDir: LESSONS_DIR,
        compiledLessons: COMPILED_LESSONS,
        extraLessonDirs: cmd.lessonDirs,
        bundled: !cmd.noBundled,
      });
      uninstall();
      return 0;
    }
  }
}

function defaultLang(): Language {
  const env = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  return env.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`repl-tutor: unexpected error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 70;
  },
);
