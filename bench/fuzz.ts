// `npm run fuzz -- --lines N --seed S`: random REPL lines through the batch loop, counting crashes
// (an exception out of a line, or an internal error printed), wedges (a redis-cli left waiting for
// a reply that can no longer come) and runaways (a line still running after --line-timeout
// seconds of wall time), with the peak RSS. The loop runs in a worker so a runaway is caught.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { ReplSession } from '../src/repl/session.js';
import { World } from '../src/redis/world.js';
import { commandTable } from '../src/redis/command-table.js';
import { Rng } from '../src/sim/rng.js';

interface Options {
  lines: number;
  seed: number;
  lineTimeoutSec: number;
  /** Lines per session before a fresh one (a world that grows forever measures nothing). */
  sessionLines: number;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { lines: 10_000, seed: 1, lineTimeoutSec: 30, sessionLines: 400 };
  for (let i = 0; i < argv.length; i++) {
    const v = Number(argv[i + 1]);
    if (argv[i] === '--lines') o.lines = v;
    else if (argv[i] === '--seed') o.seed = v;
    else if (argv[i] === '--line-timeout') o.lineTimeoutSec = v;
    else continue;
    if (!Number.isFinite(v) || v < 0) throw new Error(`${argv[i]} needs a number`);
    i++;
  }
  return o;
}

// ---------------------------------------------------------------------------------------------
// The line generator

const PORTS = [6380, 6381, 6382, 6383];
const COMMANDS = [...commandTable().keys()];
const WORDS = ['k', 'a', 'key:1', 'list', '0', '1', '-1', '100', '536870900', '1e300', 'nan', '*', 'a*b?c', '[a-z]', '""', "''", 'EX', 'PX', 'NX', 'XX', 'GET', 'KEEPTTL', 'WITHSCORES', 'LIMIT', 'MATCH', 'COUNT', '127.0.0.1', '6380', '6381', 'no', 'one', 'yes', 'repl-backlog-size', 'min-replicas-to-write', 'maxmemory', '€', '\\x00', '\\xff', '"a b"'];

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[rng.int(xs.length)];
}

/** A random string of `n` characters: bytes, control characters, lone surrogates, CJK. */
function noise(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    const r = rng.int(10);
    if (r < 5) s += String.fromCharCode(32 + rng.int(95));
    else if (r < 7) s += String.fromCharCode(rng.int(32));
    else if (r < 8) s += String.fromCharCode(0xd800 + rng.int(0x800)); // invalid UTF-16/8
    else if (r < 9) s += String.fromCharCode(0x80 + rng.int(0x80));
    else s += String.fromCharCode(0x4e00 + rng.int(0x5000));
  }
  return s;
}

function redisCommandLine(rng: Rng): string {
  const argc = rng.int(6);
  const words = [pick(rng, COMMANDS)];
  if (rng.int(3) === 0) words.push(pick(rng, ['help', 'populate', 'sleep', 'reload', 'get', 'set', 'list', 'kill', 'info']));
  for (let i = 0; i < argc; i++) words.push(rng.int(8) === 0 ? JSON.stringify(noise(rng, 1 + rng.int(12))) : pick(rng, WORDS));
  return words.join(' ');
}

/** Lines known to have hurt once (issue 12), in random variants. */
function nastyLine(rng: Rng): string {
  switch (rng.int(12)) {
    case 0:
      return `setrange k${rng.int(3)} ${pick(rng, ['536870900', '536870887', '400000000', '100000'])} x`;
    case 1:
      return `debug populate ${pick(rng, ['1', '10', '100000'])} ${pick(rng, ['key', '""'])} ${pick(rng, ['1000000000', '536870887', '10', '5000000'])}`;
    case 2:
      return `keys ${'a*'.repeat(1 + rng.int(3000))}`;
    case 3:
      return `debug sleep ${pick(rng, ['0.5', '3', '1e300', '-1', 'inf'])}`;
    case 4:
      return `ls {1..${rng.int(20000)}}{1..${rng.int(20000)}}`;
    case 5:
      return `redis-cli -p ${pick(rng, PORTS)} get k | grep ${pick(rng, ['"( +)+x"', '-E "(a|aa)*b"', '"\\(a*\\)*b"', '-E "a{1000}"', '"["'])}`;
    case 6:
      return `wait ${rng.int(3)} ${pick(rng, ['0', '100', '5000'])}`;
    case 7:
      return `append k ${noise(rng, 50)}`;
    case 8:
      return 'debug reload';
    case 9:
      return `${rng.int(30000)} ping`;
    case 10:
      return `sunionstore s s s${rng.int(3)}`;
    default:
      return `client kill type ${pick(rng, ['normal', 'master', 'replica'])}`;
  }
}

function tutorLine(rng: Rng): string {
  const p = () => pick(rng, PORTS);
  switch (rng.int(12)) {
    case 0: return `:kill ${p()}`;
    case 1: return `:restart ${p()}`;
    case 2: return `:pause ${p()}`;
    case 3: return `:resume ${p()}`;
    case 4: return `:drop ${p()} ${p()}`;
    case 5: return ':heal';
    case 6: return `:latency ${p()} ${p()} ${pick(rng, [0, 50, 5000, 60000])}`;
    case 7: return `:bandwidth ${p()} ${p()} ${pick(rng, [100, 4096, 10_000_000])}`;
    case 8: return `:run ${pick(rng, ['idle', '0ms', '500ms', '11s', '70s'])}`;
    case 9: return `:step ${rng.int(50)}`;
    case 10: return `:mode ${pick(rng, ['manual', 'settled'])}`;
    default: return `:${noise(rng, 1 + rng.int(10))}`;
  }
}

function shellLine(rng: Rng): string {
  switch (rng.int(8)) {
    case 0: return `redis-server /data/${pick(rng, [6380, 6381, 6382])}/redis.conf`;
    case 1: return `redis-server --port ${pick(rng, PORTS)}${rng.int(2) ? ' --repl-backlog-size 16kb' : ''}`;
    case 2: return `redis-cli -p ${pick(rng, PORTS)}`;
    case 3: return `redis-cli -p ${pick(rng, PORTS)} ${redisCommandLine(rng)}`;
    case 4: return `redis-cli -p ${pick(rng, PORTS)} replicaof 127.0.0.1 ${pick(rng, PORTS)}`;
    case 5: return 'netstat -tlnp | grep 638';
    case 6: return 'exit';
    default: return pick(rng, ['ls', 'cat /data/6380/redis.conf', 'help', 'clear', `cd ${noise(rng, 3)}`]);
  }
}

/** One random line: mostly plausible, sometimes noise, now and then 1–3 MB long. */
export function randomLine(rng: Rng): string {
  const r = rng.int(1000);
  if (r < 2) return noise(rng, 1_000_000 + rng.int(2_000_000));
  if (r < 80) return noise(rng, rng.int(200));
  if (r < 160) return nastyLine(rng);
  if (r < 330) return tutorLine(rng);
  if (r < 600) return shellLine(rng);
  return redisCommandLine(rng);
}

// ---------------------------------------------------------------------------------------------
// The worker: run the lines

interface Progress {
  type: 'progress';
  done: number;
  line: string;
}
interface Result {
  type: 'result';
  lines: number;
  crashes: string[];
  wedges: string[];
  engineFaults: number;
  /** Distinct engine-fault messages, with counts. */
  faultMessages: Record<string, number>;
  peakRssBytes: number;
  maxLineMs: number;
  maxLine: string;
  seconds: number;
}

/**
 * A wedge: the session waits for a reply, and even after the learner's ways out (heal, resume
 * everything, let time pass, restart what is down) it still waits while its server is gone.
 */
function isWedged(s: ReplSession): boolean {
  if (!s.waiting) return false;
  for (const l of [':heal', ...PORTS.map((p) => `:resume ${p}`), ':run 120s']) s.submit(l);
  if (!s.waiting) return false;
  for (const p of PORTS) s.submit(`:kill ${p}`);
  return s.waiting;
}

function runLines(o: Options): Result {
  const rng = new Rng(o.seed);
  const crashes: string[] = [];
  const wedges: string[] = [];
  let engineFaults = 0;
  const faultMessages: Record<string, number> = {};
  const countFaults = (s: ReplSession) => {
    for (const e of s.world.trace.all()) {
      if (e.type !== 'engine.fault') continue;
      engineFaults++;
      const key = `${e.argv[0]?.toLowerCase()}: ${e.message}`;
      faultMessages[key] = (faultMessages[key] ?? 0) + 1;
    }
  };
  let peak = process.memoryUsage().rss;
  let maxLineMs = 0;
  let maxLine = '';
  const t0 = performance.now();
  let s: ReplSession | null = null;
  for (let i = 0; i < o.lines; i++) {
    if (i % o.sessionLines === 0) {
      if (s) countFaults(s);
      s = new ReplSession({ seed: o.seed + i, createWorld: (seed) => new World({ seed, maxMemoryBytes: 512 << 20, traceCapacity: 20_000 }) });
    }
    const line = randomLine(rng);
    parentPort?.postMessage({ type: 'progress', done: i, line: line.slice(0, 200) } satisfies Progress);
    const start = performance.now();
    try {
      const out = [...s!.submit(line), ...s!.drainAsyncOutput()];
      const internal = out.find((l) => l.text.startsWith('(error) internal:'));
      if (internal) crashes.push(`${JSON.stringify(line.slice(0, 120))}: ${internal.text.slice(0, 200)}`);
    } catch (e) {
      crashes.push(`${JSON.stringify(line.slice(0, 120))}: threw ${(e as Error).message}`);
    }
    const ms = performance.now() - start;
    if (ms > maxLineMs) {
      maxLineMs = ms;
      maxLine = line.slice(0, 80);
    }
    if (i % 25 === 24 && isWedged(s!)) {
      wedges.push(`line ${i}: ${JSON.stringify(line.slice(0, 120))}`);
      s!.cancelPending();
    }
    if (i % 20 === 0 || line.length > 100_000) peak = Math.max(peak, process.memoryUsage().rss);
  }
  if (s) countFaults(s);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { type: 'result', lines: o.lines, crashes, wedges, engineFaults, faultMessages, peakRssBytes: peak, maxLineMs, maxLine, seconds: (performance.now() - t0) / 1000 };
}

// ---------------------------------------------------------------------------------------------
// The main thread: watch the worker, print the table

function table(rows: Array<[string, string]>): string {
  const w = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n');
}

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  const worker = new Worker(
    // Workers do not inherit tsx's loader on Node 20: register it, then load this file.
    `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); });`,
    { eval: true, workerData: o },
  );
  let last: Progress = { type: 'progress', done: 0, line: '' };
  let lastAt = Date.now();
  const result = await new Promise<Result | { runaway: Progress }>((resolve, reject) => {
    const watchdog = setInterval(() => {
      if (Date.now() - lastAt > o.lineTimeoutSec * 1000) {
        clearInterval(watchdog);
        void worker.terminate();
        resolve({ runaway: last });
      }
    }, 1000);
    worker.on('message', (m: Progress | Result) => {
      if (m.type === 'progress') {
        last = m;
        lastAt = Date.now();
        if (m.done % 10_000 === 0 && m.done > 0) process.stderr.write(`  ${m.done} lines…\n`);
      } else {
        clearInterval(watchdog);
        resolve(m);
      }
    });
    worker.on('error', (e) => {
      clearInterval(watchdog);
      reject(e);
    });
  });
  if ('runaway' in result) {
    console.log(table([
      ['lines', `${result.runaway.done} (stopped)`],
      ['crashes', '-'],
      ['wedges', '-'],
      ['runaway', `line ${result.runaway.done} still running after ${o.lineTimeoutSec}s: ${JSON.stringify(result.runaway.line)}`],
    ]));
    return 1;
  }
  console.log(table([
    ['seed', String(o.seed)],
    ['lines', result.lines.toLocaleString('en')],
    ['crashes', String(result.crashes.length)],
    ['wedges', String(result.wedges.length)],
    ['engine faults (answered as errors)', String(result.engineFaults)],
    ['slowest line', `${result.maxLineMs.toFixed(0)} ms (${JSON.stringify(result.maxLine)})`],
    ['peak RSS', `${(result.peakRssBytes / (1 << 20)).toFixed(0)} MB`],
    ['wall time', `${result.seconds.toFixed(1)} s`],
  ]));
  for (const [m, n] of Object.entries(result.faultMessages)) console.log(`engine fault ×${n}: ${m}`);
  for (const c of result.crashes.slice(0, 10)) console.log(`crash: ${c}`);
  for (const w of result.wedges.slice(0, 10)) console.log(`wedge: ${w}`);
  return result.crashes.length + result.wedges.length === 0 ? 0 : 1;
}

if (isMainThread && process.argv[1]?.endsWith("fuzz.ts")) {
  main().then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 2;
    },
  );
} else if (!isMainThread) {
  parentPort!.postMessage(runLines(workerData as Options));
}
