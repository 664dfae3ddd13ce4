import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReplSession } from '../../src/repl/session.js';
import { World } from '../../src/redis/world.js';
const createWorld = (seed: number) => new World({ seed });

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const { interactive } = JSON.parse(fs.readFileSync(path.join(fixtures, 'cases.json'), 'utf8')) as { interactive: string[] };

describe('an interactive redis-cli session, screen for screen like redis-cli 7.0 in tmux', () => {
  it('prompts, [db], (TX), repeat, invalid lines, a killed and restarted server, SHUTDOWN, help', () => {
    const s = new ReplSession({ seed: 1, createWorld });
    s.submit('redis-server /data/6380/redis.conf');
    s.submit('redis-cli -p 6380');
    const screen: string[] = [];
    for (const line of interactive) {
      // The fixture kills and restarts the real server from outside redis-cli; so do tutor lines.
      if (line === ':kill' || line === ':restart') {
        s.submit(`${line} 6380`);
        continue;
      }
      screen.push(s.prompt + line);
      for (const o of s.submit(line)) screen.push(o.text);
    }
    screen.push(s.prompt);
    const expected = fs.readFileSync(path.join(fixtures, 'interactive.txt'), 'utf8');
    const trimEnds = (t: string) => t.split('\n').map((l) => l.trimEnd()).join('\n');
    expect(trimEnds(screen.join('\n'))).toBe(trimEnds(expected.replace(/\n$/, '')));
  });
});
