import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commandTable } from '../../src/redis/command-table.js';
import { REFUSED_COMMANDS, refusalReason } from '../../src/redis/command-refusals.js';
import { cmd, run, worldWith } from '../helpers/world.js';

interface FixtureCommand {
  name: string;
  arity: number;
  flags: string[];
  firstKey: number;
  lastKey: number;
  keyStep: number;
  aclCategories: string[];
  subcommands: string[];
}

const here = path.dirname(fileURLToPath(import.meta.url));
// Captured from redis-server 7.0.15 by fixtures/capture-commands.mjs.
const fixture = JSON.parse(fs.readFileSync(path.join(here, 'fixtures/commands-7.0.15.json'), 'utf8')) as {
  version: string;
  count: number;
  commands: FixtureCommand[];
};

describe('the 7.0.15 command list', () => {
  const table = commandTable();

  it('every command of 7.0.15 is either implemented or refused with a reason — never both, never neither', () => {
    const states = fixture.commands.map((c) => {
      const implemented = table.has(c.name);
      const why = refusalReason(c.name);
      expect(implemented && why !== undefined, `${c.name} is implemented and refused`).toBe(false);
      expect(implemented || why !== undefined, `${c.name} is neither implemented nor refused`).toBe(true);
      return `${c.name.padEnd(22)} ${implemented ? 'implemented' : `refused: ${why}`}`;
    });
    expect(fixture.count).toBe(240);
    // The listing a reader can open: test/redis/fixtures/command-states.txt.
    return expect(states.join('\n') + '\n').toMatchFileSnapshot('fixtures/command-states.txt');
  });

  it('the tutor has no command 7.0.15 lacks, and refuses none that 7.0.15 lacks', () => {
    const names = new Set(fixture.commands.map((c) => c.name));
    expect([...table.keys()].filter((n) => !names.has(n))).toEqual([]);
    expect(Object.keys(REFUSED_COMMANDS).filter((n) => !names.has(n))).toEqual([]);
  });

  it('each implemented command has 7.0.15\'s arity, key positions and COMMAND INFO flags', () => {
    const w = worldWith([6380]);
    for (const c of fixture.commands) {
      const e = table.get(c.name);
      if (!e) continue;
      expect([e.spec.arity, e.spec.firstKey, e.spec.lastKey, e.spec.keyStep], c.name).toEqual([c.arity, c.firstKey, c.lastKey, c.keyStep]);
      const info = cmd(w, 6380, 'COMMAND', 'INFO', c.name);
      const entry = info?.kind === 'array' ? info.items?.[0] : null;
      const flags = entry?.kind === 'array' && entry.items?.[2]?.kind === 'array' ? entry.items[2].items?.map((f) => (f.kind === 'status' ? f.text : '')) : null;
      expect(flags, c.name).toEqual(c.flags);
    }
  });

  it('COMMAND COUNT counts what is implemented; COMMAND INFO answers nil for a refused command', () => {
    const w = worldWith([6380]);
    expect(run(w, 6380, 'COMMAND', 'COUNT')).toBe(String(table.size));
    expect(table.size + Object.keys(REFUSED_COMMANDS).length).toBe(fixture.count);
    const r = cmd(w, 6380, 'COMMAND', 'INFO', 'eval', 'get');
    expect(r?.kind === 'array' && r.items?.[0]).toEqual({ kind: 'array', items: null });
    expect(r?.kind === 'array' && r.items?.[1].kind).toBe('array');
    const docs = cmd(w, 6380, 'COMMAND', 'DOCS', 'eval', 'get');
    expect(docs?.kind === 'array' && docs.items?.length).toBe(2);
  });
});
