// The checked rules: ESLint's layer boundaries and the engine's determinism, shown on code that breaks them.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

/** The rule ids ESLint reports for `code` as if it were the file at `path`. */
async function rulesBroken(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('lint rules', () => {
  it('src/sim imports nothing of ours', async () => {
    expect(await rulesBroken('src/sim/x.ts', "import { World } from '../redis/world.js';\nexport const w = World;\n")).toEqual(['no-restricted-imports']);
    expect(await rulesBroken('src/sim/x.ts', "import { Language } from '../language.js';\nexport type L = Language;\n")).toEqual(['no-restricted-imports']);
  });

  it('src/redis imports src/sim and the language module, never the layers above', async () => {
    expect(await rulesBroken('src/redis/x.ts', "import { Scheduler } from '../sim/scheduler.js';\nimport type { Language } from '../language.js';\nexport const s: [typeof Scheduler, Language?] = [Scheduler];\n")).toEqual([]);
    for (const above of ['../repl/session.js', '../lessons/goals.js', '../ui/app.js', '../cli.js', '../serve/x.js']) {
      expect(await rulesBroken('src/redis/x.ts', `import * as m from '${above}';\nexport const x = m;\n`), above).toEqual(['no-restricted-imports']);
    }
    expect(await rulesBroken('src/redis/commands/x.ts', "import * as m from '../../repl/session.js';\nexport const x = m;\n")).toEqual(['no-restricted-imports']);
  });

  it('src/repl and src/lessons never import the screens; src/ui may import every layer below it', async () => {
    expect(await rulesBroken('src/repl/x.ts', "import * as m from '../lessons/goals.js';\nexport const x = m;\n")).toEqual(['no-restricted-imports']);
    expect(await rulesBroken('src/lessons/x.ts', "import * as m from '../ui/app.js';\nexport const x = m;\n")).toEqual(['no-restricted-imports']);
    expect(await rulesBroken('src/lessons/x.ts', "import * as m from '../repl/session.js';\nexport const x = m;\n")).toEqual([]);
    expect(await rulesBroken('src/ui/x.ts', "import * as a from '../lessons/goals.js';\nimport * as b from '../sim/rng.js';\nexport const x = [a, b];\n")).toEqual([]);
    expect(await rulesBroken('src/ui/x.ts', "import * as m from '../cli.js';\nexport const x = m;\n")).toEqual(['no-restricted-imports']);
    expect(await rulesBroken('src/batch.ts', "import * as m from './ui/app.js';\nexport const x = m;\n")).toEqual(['no-restricted-imports']);
    expect(await rulesBroken('src/batch.ts', "import * as m from './repl/session.js';\nexport const x = m;\n")).toEqual([]);
  });

  it('src/sim and src/redis never read the clock, randomness, timers, files, the process or sockets', async () => {
    for (const [code, rule] of [
      ['export const t = Date.now();', 'no-restricted-globals'],
      ['export const r = Math.random();', 'no-restricted-syntax'],
      ['setTimeout(() => {}, 1);', 'no-restricted-globals'],
      ['setImmediate(() => {});', 'no-restricted-globals'],
      ['export const e = process.env;', 'no-restricted-globals'],
      ["import { readFileSync } from 'node:fs';\nexport const f = readFileSync;", 'no-restricted-imports'],
      ["import * as net from 'net';\nexport const n = net;", 'no-restricted-imports'],
      ["import * as dgram from 'node:dgram';\nexport const d = dgram;", 'no-restricted-imports'],
    ] as const) {
      for (const layer of ['sim', 'redis']) expect(await rulesBroken(`src/${layer}/x.ts`, code + '\n'), `${layer}: ${code}`).toEqual([rule]);
    }
    // The layers above may.
    expect(await rulesBroken('src/ui/x.ts', 'export const t = Date.now();\n')).toEqual([]);
  });
});
