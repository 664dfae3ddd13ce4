// `npm run bench`: measures the engine and the app and prints one table (figures, targets, reference).
import { idleHourColdAndWarm, populateSyncAndMemory, setsWithTwoReplicas, type Row } from './engine.js';
import { hasRealRedis, realRedisSetPerSec } from './real-redis.js';
import { spawnToFirstFrame } from './ui.js';
import { bundledUiFrames } from './bundled.js';
import { hasRedisBenchmark, serveVersusReal } from './serve.js';

const quick = process.argv.includes('--quick');
const rows: Row[] = [];
const log = (s: string) => process.stderr.write(s + '\n');

log('measuring SET throughput with two replicas…');
const n = quick ? 200_000 : 1_000_000;
// Three runs, fresh worlds, the median: this machine's timings swing ±20% from run to run.
const setRates = Array.from({ length: 3 }, () => setsWithTwoReplicas(n)).sort((a, b) => a - b);
const setRate = setRates[1];
let reference = 'redis-server not installed';
if (hasRealRedis()) {
  log('measuring real Redis (redis-benchmark -P 16)…');
  reference = `real Redis -P 16: ${(await realRedisSetPerSec(n) / 1e6).toFixed(2)} M/s`;
}
rows.push({ what: `SET with 2 online replicas, loopback-fast links (${n.toLocaleString('en')} writes, median of 3)`, value: `${(setRate / 1e6).toFixed(2)} M/s`, target: '≥ 1 M/s', ok: setRate >= 1e6, reference });

log('measuring populate, RDB encode, full sync and memory…');
rows.push(...populateSyncAndMemory(quick ? 100_000 : 1_000_000, quick ? 1 : 3));

log('measuring an idle virtual hour…');
const idle = idleHourColdAndWarm();
rows.push({
  what: 'one virtual hour, idle 3-node world (warm JIT, median)',
  value: `${idle.warmMs.toFixed(1)} ms`,
  target: '≤ 50 ms',
  ok: idle.warmMs <= 50,
  reference: `first run, cold JIT: ${idle.coldMs.toFixed(0)} ms`,
});

log('measuring spawn to first frame…');
const spawn = await spawnToFirstFrame(quick ? 3 : 9);
if (spawn) {
  rows.push({ what: 'spawn to first frame, sandbox (dist/cli.js --sandbox, median)', value: `${spawn.cliMs.toFixed(0)} ms`, target: '≤ 300 ms', ok: spawn.cliMs <= 300, reference: `node -e 0: ${spawn.nodeMs.toFixed(0)} ms` });
  rows.push({ what: 'spawn to first frame, menu (dist/cli.js, median)', value: `${spawn.menuMs.toFixed(0)} ms`, target: '≤ 300 ms', ok: spawn.menuMs <= 300 });
} else {
  rows.push({ what: 'spawn to first frame', value: 'dist/cli.js missing (npm run build)', target: '≤ 300 ms', ok: null });
}

log('measuring keystroke to frame and play mode (bundled as in dist/app.cjs)…');
const { keystrokeToFrame, playModeFps } = await bundledUiFrames();
const key = await keystrokeToFrame(quick ? 15 : 41);
rows.push({ what: 'keystroke to frame, 10,000 trace events + full sync running (median)', value: `${key.toFixed(1)} ms`, target: '≤ 16 ms', ok: key <= 16 });
const fps = await playModeFps(quick ? 20 : 60);
rows.push({ what: 'play mode at 80×24 (1000 / median step-to-frame)', value: `${fps.toFixed(0)} frames/s`, target: '≥ 20 frames/s', ok: fps >= 20 });

if (hasRedisBenchmark()) {
  log('measuring serve mode: redis-benchmark -t set,get -P 16 against a served master and a real one…');
  const requests = quick ? 100_000 : 500_000;
  const f = await serveVersusReal(requests);
  for (const cmd of ['set', 'get'] as const) {
    const ratio = f.served[cmd] / f.real[cmd];
    rows.push({
      what: `serve: redis-benchmark -t ${cmd} -P 16 -n ${requests.toLocaleString('en')}, master + 1 replica`,
      value: `${(f.served[cmd] / 1e3).toFixed(0)} k/s (${ratio.toFixed(2)}× real)`,
      target: '≥ 0.5× real',
      ok: ratio >= 0.5,
      reference: `real Redis master + 1 replica: ${(f.real[cmd] / 1e3).toFixed(0)} k/s`,
    });
  }
  rows.push({
    what: 'serve: PING to first byte of the reply (median of 500)',
    value: `${(f.servedPingMs * 1000).toFixed(0)} µs`,
    target: '≤ 1 ms',
    ok: f.servedPingMs <= 1,
    reference: `real Redis: ${(f.realPingMs * 1000).toFixed(0)} µs`,
  });
} else {
  rows.push({ what: 'serve: redis-benchmark against a served master', value: 'redis-benchmark not installed', target: '≥ 0.5× real', ok: null });
}

const header = ['benchmark', 'measured', 'target', '', 'reference'];
const body = rows.map((r) => [r.what, r.value, r.target, r.ok === null ? '–' : r.ok ? 'ok' : 'MISS', r.reference ?? '']);
const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
console.log(line(header));
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
for (const b of body) console.log(line(b));
