import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReplSession } from '../../src/repl/session.js';
import { formatReply, toScreenLines } from '../../src/repl/format-reply.js';
import { parsePromptLine } from '../../src/repl/split-args.js';
import { findCommandDoc } from '../../src/redis/command-docs.js';
import { bytesToUtf8 } from '../../src/redis/bytes.js';
import { parseReplies } from '../../src/redis/resp.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const { cases } = JSON.parse(fs.readFileSync(path.join(fixtures, 'cases.json'), 'utf8')) as {
  cases: Array<{ name: string; node: string; setup: string[]; lines: string[]; net?: boolean }>;
};
// ROLE and INFO carry the fixture run's random replication ids, ports and offsets.
// Commands the simulation does not implement (OBJECT, BLPOP…) are out of scope here.
const implemented = (line: string) => {
  const p = parsePromptLine(line);
  return p.kind === 'command' && findCommandDoc(p.argv[0]) !== undefined;
};
const comparable = cases.filter(
  (c) => c.net !== false && !c.name.startsWith('role') && c.name !== 'info-raw' && c.lines.some(implemented),
);

describe('the simulated engine prints what real Redis 7.0 printed for the fixture lines', () => {
  // One world for every case, in order, like the capture: a master and a replica of it.
  const s = new ReplSession({ seed: 1 });
  for (const l of ['redis-server --port 6380 --save ""', 'redis-server --port 6381 --save ""', 'redis-cli -p 6381 replicaof 127.0.0.1 6380']) s.submit(l);

  for (const c of comparable) {
    it(`${c.name}`, () => {
      const real = parseReplies(fs.readFileSync(path.join(fixtures, `${c.name}.resp`)).toString('latin1'));
      s.submit(`redis-cli -p ${c.node === 'replica' ? 6381 : 6380}`);
      for (const l of c.setup) s.submit(l);
      let compared = 0;
      c.lines.forEach((line, i) => {
        const parsed = parsePromptLine(line);
        if (parsed.kind !== 'command') throw new Error(line);
        const printed = s.submit(line).map((o) => o.text);
        if (!implemented(line)) return;
        const expected = toScreenLines(formatReply(parsed.argv, real[i])).map(bytesToUtf8);
        expect(printed, line).toEqual(expected);
        compared++;
      });
      s.submit('exit');
      expect(compared).toBeGreaterThan(0);
    });
  }
});
