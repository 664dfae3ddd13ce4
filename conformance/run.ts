/**
 * The conformance suite (`npm run test:conformance`): every scenario in conformance/scenarios is
 * played against three-or-more real redis-server 7.0 processes and against the engine in batch
 * mode; both transcripts are normalised (normalise.ts) and diffed. Exit 1 if any scenario differs.
 *
 *   npm run test:conformance                 all scenarios
 *   npm run test:conformance -- 04 seed      only scenarios whose name contains 04 or seed
 *   … -- --real-only                         print the real transcripts, no engine
 *   … -- --record                            also write conformance/expected/NAME.txt (normalised real)
 *   … -- --show                              print both normalised transcripts
 */

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unifiedDiff } from './diff.js';
import { loadRunBatch, runEngine, type RunBatch } from './engine-side.js';
import { normaliseTranscript } from './normalise.js';
import { RealCluster } from './real-cluster.js';
import { RealSession } from './real-session.js';
import { loadScenarios, type Scenario } from './scenario.js';
import { renderSegments, type Segment } from './transcript.js';

/**
 * Config both sides get on every server, to remove legitimate timing noise: no cron PING lands
 * mid-scenario (7.0 PINGs at cron loop 0, before any replica exists, then every period), and full
 * syncs are disk-based (the tutor's default) instead of waiting repl-diskless-sync-delay.
 */
export const SERVER_OVERRIDES: ReadonlyArray<readonly [string, string]> = [
  ['repl-ping-replica-period', '3600'],
  ['repl-diskless-sync', 'no'],
];

const here = path.dirname(fileURLToPath(import.meta.url));

function hasRedisServer(): boolean {
  const r = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return r.status === 0;
}

/** Play a scenario on real Redis; always stops the servers it started. */
async function runReal(s: Scenario): Promise<{ segments: Segment[]; warnings: string[] }> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), `conformance-${s.name}-`));
  activeTmpDirs.add(tmp);
  const cluster = new RealCluster(tmp, SERVER_OVERRIDES);
  const session = new RealSession(cluster);
  const segments: Segment[] = [];
  try {
    for (const line of s.lines) segments.push(await session.submit(line));
  } finally {
    session.close();
    await cluster.stopAll();
    rmSync(tmp, { recursive: true, force: true });
    activeTmpDirs.delete(tmp);
  }
  return { segments, warnings: cluster.warnings };
}

/** Temporary directories of scenarios still running, removed on any exit. */
const activeTmpDirs = new Set<string>();
process.on('exit', () => {
  // real-cluster.ts kills every server it started (by pid) in its own exit handler, registered first.
  for (const dir of activeTmpDirs) rmSync(dir, { recursive: true, force: true });
});
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    process.stderr.write(`\nconformance: ${sig}, stopping the servers it started\n`);
    process.exit(130);
  });
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const flags = new Set(args.filter((a) => a.startsWith('--')));
  const filters = args.filter((a) => !a.startsWith('--'));
  const realOnly = flags.has('--real-only');
  const record = flags.has('--record');
  const show = flags.has('--show');

  if (!hasRedisServer()) {
    console.log('conformance: redis-server not found — install it with: apt-get install -y redis-server redis-tools');
    return 0;
  }

  let runBatch: RunBatch | null = null;
  if (!realOnly) {
    const loaded = await loadRunBatch();
    if (typeof loaded === 'string') {
      console.log(`conformance: ${loaded}`);
      return 1;
    }
    runBatch = loaded;
  }

  const scenarios = loadScenarios(path.join(here, 'scenarios')).filter(
    (s) => filters.length === 0 || filters.some((f) => s.name.includes(f)),
  );
  let passed = 0;
  let failed = 0;
  for (const s of scenarios) {
    const started = Date.now();
    let real: Segment[];
    try {
      const r = await runReal(s);
      real = normaliseTranscript(r.segments, { ignoreFields: s.ignoreFields });
      for (const w of r.warnings) console.log(`  (real side: ${w})`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${s.name}: the real side could not play it: ${(e as Error).message}`);
      continue;
    }
    const realLines = renderSegments(real);
    if (record) {
      mkdirSync(path.join(here, 'expected'), { recursive: true });
      const header = [`# Normalised transcript of real redis-server 7.0 for scenarios/${s.name}.txt`, `# (written by: npm run test:conformance -- --record ${s.name})`];
      writeFileSync(path.join(here, 'expected', `${s.name}.txt`), [...header, ...realLines].join('\n') + '\n');
    }
    if (realOnly || !runBatch) {
      console.log(`---- ${s.name} (real redis-server, normalised)`);
      console.log(realLines.join('\n'));
      passed++;
      continue;
    }
    let engineLines: string[];
    try {
      const e = await runEngine(runBatch, s.lines, SERVER_OVERRIDES);
      engineLines = renderSegments(normaliseTranscript(e.segments, { ignoreFields: s.ignoreFields }));
    } catch (e) {
      failed++;
      console.log(`FAIL ${s.name}: the engine threw: ${(e as Error).stack ?? e}`);
      continue;
    }
    if (show) {
      console.log(`---- ${s.name} real\n${realLines.join('\n')}\n---- ${s.name} engine\n${engineLines.join('\n')}`);
    }
    const diff = unifiedDiff(realLines, engineLines, { a: `real redis 7.0 (${s.name})`, b: `engine (${s.name})` });
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    if (diff === '') {
      passed++;
      console.log(`PASS ${s.name} (${secs}s)`);
    } else {
      failed++;
      console.log(`FAIL ${s.name} (${secs}s)`);
      console.log(diff);
    }
  }
  console.log(`conformance: ${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
