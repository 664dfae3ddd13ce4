// UI frame benchmarks, in process: keystroke → frame with a long trace and a full sync running, and
// how many frames per second stepping can draw at 80×24 (what play mode needs).
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import React from 'react';
import { render } from 'ink';
import { App } from '../src/ui/app.js';
import { defaultDeps } from '../src/ui/default-deps.js';
import type { LessonController } from '../src/ui/deps.js';
import { median } from './ui.js';

/** A fake 80×24 terminal: Ink writes frames here; `frames` counts them. */
class FakeStdout extends EventEmitter {
  columns = 80;
  rows = 24;
  isTTY = true;
  frames = 0;
  write(_s: string): boolean {
    this.frames++;
    return true;
  }
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private queue: string[] = [];
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
  read(): string | null {
    return this.queue.shift() ?? null;
  }
  type(s: string): void {
    this.queue.push(s);
    this.emit('readable');
  }
}

const tick = () => new Promise<void>((r) => setImmediate(r));

async function mountSandboxWithSync(): Promise<{ stdout: FakeStdout; stdin: FakeStdin; run: LessonController; unmount: () => void }> {
  const deps = defaultDeps({ env: { ...process.env, REPL_TUTOR_HOME: mkdtempSync(join(tmpdir(), 'rt-bench-')) } });
  let run: LessonController | undefined;
  const sandbox = deps.catalog.sandbox.bind(deps.catalog);
  deps.catalog.sandbox = (lang, seed) => (run = sandbox(lang, seed));
  // 10,000+ trace events: a replica, then five thousand propagated writes.
  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  const app = render(React.createElement(App, { sandbox: true, lang: 'en', seed: 1, deps, colours: false }), {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    exitOnCtrlC: false,
    patchConsole: false,
    maxFps: 60,
  });
  await tick();
  const s = run!.session;
  for (const line of ['redis-cli -p 6381', 'replicaof 127.0.0.1 6380', 'exit', 'redis-cli -p 6380']) s.submit(line);
  for (let i = 0; i < 3000; i++) s.submit(`set k${i % 100} v${i}`);
  s.submit('exit');
  // A full sync in progress: a slow link and manual time.
  for (const line of [':bandwidth 6380 6382 2048', ':mode manual', 'redis-cli -p 6382', 'replicaof 127.0.0.1 6380', 'exit', ':step 40']) s.submit(line);
  const total = (s as unknown as { world: { trace: { total: number } } }).world.trace.total;
  if (total < 10_000) throw new Error(`only ${total} trace events`);
  stdin.type('x');
  await tick();
  return { stdout, stdin, run: run!, unmount: () => app.unmount() };
}

/** Median ms from a keystroke to the frame that shows it. */
export async function keystrokeToFrame(samples: number): Promise<number> {
  const { stdout, stdin, unmount } = await mountSandboxWithSync();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    // A fast typist's gap between keys; also lets Ink's render throttle take the leading edge.
    await new Promise((r) => setTimeout(r, 80));
    const before = stdout.frames;
    const t0 = process.hrtime.bigint();
    stdin.type(i % 2 ? '\u007f' : 'a'); // type, then delete, so the line never grows
    while (stdout.frames === before) await tick();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  unmount();
  return median(times);
}

/**
 * Frames per second the screen can draw while events play: each step (Ctrl+N, what play mode does on
 * its timer) is timed from the key to its frame; fps = 1000 / median time.
 * Steps whose frame does not change (nothing visible moved) are not counted.
 */
export async function playModeFps(steps = 60): Promise<number> {
  const { stdout, stdin, unmount } = await mountSandboxWithSync();
  stdin.type('\u007f');
  await tick();
  const times: number[] = [];
  for (let i = 0; i < steps; i++) {
    await new Promise((r) => setTimeout(r, 20));
    const before = stdout.frames;
    const t0 = process.hrtime.bigint();
    stdin.type('\u000e'); // Ctrl+N: step
    const deadline = Date.now() + 250;
    while (stdout.frames === before && Date.now() < deadline) await tick();
    if (stdout.frames !== before) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  unmount();
  return times.length ? 1000 / median(times) : 0;
}
