// SIGTERM and SIGHUP while the app runs: the terminal is given back, and the process ends as the signal would end it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const module = join(process.cwd(), 'src/app-signals.ts');

function runAndSignal(signal: 'SIGTERM' | 'SIGHUP'): Promise<{ code: number | null; out: string }> {
  const script =
    `import { exitCleanlyOnSignals } from ${JSON.stringify(module)};` +
    `exitCleanlyOnSignals(() => process.stdout.write('terminal restored\\n'));` +
    `process.stdout.write('ready\\n'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
  let out = '';
  return new Promise((resolve) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out === 'ready\n') child.kill(signal);
    });
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('app signals', () => {
  it('SIGTERM restores the terminal and exits with 128 + 15', async () => {
    expect(await runAndSignal('SIGTERM')).toEqual({ code: 143, out: 'ready\nterminal restored\n' });
  }, 30_000);

  it('SIGHUP (the terminal window closed) does the same, with 128 + 1', async () => {
    expect(await runAndSignal('SIGHUP')).toEqual({ code: 129, out: 'ready\nterminal restored\n' });
  }, 30_000);
});
