// UI benchmarks: spawn to first frame of the bundled CLI in a pseudo-terminal, beside `node -e 0`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const cliPath = `${root}/dist/cli.js`;

/** Median of a list of numbers. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * Milliseconds from spawn until the program's output contains `marker`, inside a pseudo-terminal
 * made by util-linux `script` (80×24 set with stty before the program starts).
 */
function timeToOutput(command: string, marker: string, timeoutMs = 10_000): Promise<number> {
  return new Promise((resolve, reject) => {
    // A fresh progress folder: a saved language or lesson must not change what the first frame is.
    const env = { ...process.env, TERM: 'xterm-256color', REPL_TUTOR_HOME: mkdtempSync(`${tmpdir()}/rt-bench-`) } as NodeJS.ProcessEnv;
    delete env.CI; // with CI set, Ink renders no intermediate frames
    const t0 = process.hrtime.bigint();
    let stty = -1;
    const child = spawn('script', ['-qfec', `stty cols 80 rows 24; printf '@@'; ${command}`, '/dev/null'], { env });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no '${marker}' within ${timeoutMs} ms`));
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      if (stty < 0 && out.includes('@@')) stty = Number(process.hrtime.bigint() - t0) / 1e6;
      if (stty >= 0 && out.slice(out.indexOf('@@') + 2).includes(marker)) {
        clearTimeout(timer);
        const total = Number(process.hrtime.bigint() - t0) / 1e6;
        child.kill('SIGKILL');
        resolve(total - stty);
      }
    });
  });
}

/**
 * Median spawn-to-first-frame of the built CLI: the sandbox (its first frame needs the engine, a
 * three-node world and the lesson screen) and the menu (`npx repl-tutor` with no arguments), with
 * `node -e` printing one word beside them.
 */
export async function spawnToFirstFrame(runs: number): Promise<{ cliMs: number; menuMs: number; nodeMs: number } | null> {
  if (!existsSync(cliPath)) return null;
  const cli: number[] = [];
  const menu: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(await timeToOutput(`node -e "process.stdout.write('ready')"`, 'ready'));
    cli.push(await timeToOutput(`node ${cliPath} --sandbox --seed 1`, '6380'));
    menu.push(await timeToOutput(`node ${cliPath} --lang en`, 'Quit'));
  }
  return { cliMs: median(cli), menuMs: median(menu), nodeMs: median(bare) };
}
