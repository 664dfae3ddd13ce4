// End to end: the built CLI in a real pseudo-terminal (tmux), a lesson walked by typing, the screen read back.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist/cli.js');
const hasTmux = spawnSync('sh', ['-c', 'command -v tmux']).status === 0;
const session = `rt-e2e-${process.pid}`;
const home = mkdtempSync(join(tmpdir(), 'rt-e2e-home-'));

function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}

const screen = () => tmux('capture-pane', '-p', '-t', session);

async function waitForScreen(pred: (s: string) => boolean, what: string, timeoutMs = 10_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  let s = '';
  while (Date.now() < end) {
    s = screen();
    if (pred(s)) return s;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`screen never showed ${what}:\n${s}`);
}

/** Type a line as a person does: the text, then Enter as a separate key. */
async function typeLine(line: string): Promise<void> {
  tmux('send-keys', '-t', session, '-l', line);
  tmux('send-keys', '-t', session, 'Enter');
  await new Promise((r) => setTimeout(r, 150));
}

describe.skipIf(!hasTmux || !existsSync(cli))('the built CLI in a terminal (tmux)', () => {
  beforeAll(() => {
    // CI=true makes Ink skip intermediate frames; a person's terminal has no CI variable.
    tmux(
      'new-session', '-d', '-s', session, '-x', '100', '-y', '30',
      `env -u CI REPL_TUTOR_HOME=${home} NO_COLOR=1 node ${cli} --lesson build-it --lang en --seed 1; echo "exit=$?"; sleep 30`,
    );
  });

  afterAll(() => {
    spawnSync('tmux', ['send-keys', '-t', session, 'C-c']);
    spawnSync('tmux', ['kill-session', '-t', session]);
    rmSync(home, { recursive: true, force: true });
  });

  it('walks the first two steps of "Build it by hand" by typing, and saves progress', async () => {
    await waitForScreen((s) => s.includes('Start three servers') && s.includes('$'), 'the first step');
    for (const line of ['redis-server /data/6380/redis.conf', 'redis-server /data/6381/redis.conf', 'redis-server /data/6382/redis.conf']) {
      await typeLine(line);
    }
    await typeLine('netstat -tlnp | grep 638');
    let s = await waitForScreen((x) => x.includes('✓') && x.includes('LISTEN'), 'ticked goals and netstat output');
    expect(s).toMatch(/0\.0\.0\.0:6382/);

    await typeLine(''); // Enter on an empty line: the next step
    await waitForScreen((x) => x.includes('The first replica'), 'the second step');
    await typeLine('redis-cli -p 6381');
    await waitForScreen((x) => x.includes('127.0.0.1:6381>'), 'the node prompt');
    await typeLine('slaveof 127.0.0.1 6380');
    s = await waitForScreen((x) => /6381\s+replica/.test(x), 'the cluster pane showing 6381 as a replica');
    expect(s).toContain('OK');

    const progress = JSON.parse(readFileSync(join(home, 'progress.json'), 'utf8'));
    expect(JSON.stringify(progress)).toContain('start-servers');
  });

  it('quits on Ctrl+C and leaves the terminal clean', async () => {
    tmux('send-keys', '-t', session, 'C-c');
    const s = await waitForScreen((x) => x.includes('exit=0'), 'the exit status');
    expect(s).not.toContain('Error');
  });
});
