// lessons/README.md is the authoring guide: it documents every step field, every goal type with
// exactly its parameters, and the rule for judging goals that the lesson controller follows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOAL_TYPES } from '../../src/lessons/goals.js';
import { STEP_KEYS } from '../../src/lessons/schema.js';

const ROOT = join(import.meta.dirname, '../..');
const GUIDE = readFileSync(join(ROOT, 'lessons/README.md'), 'utf8');

/** The rows of the first table under `## heading` (or `### heading`), as cells. */
function table(heading: string): string[][] {
  const at = GUIDE.search(new RegExp(`^#{2,3} ${heading}$`, 'm'));
  expect(at, `section "${heading}"`).toBeGreaterThanOrEqual(0);
  const lines = GUIDE.slice(at).split('\n');
  const start = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const l of lines.slice(start + 2)) {
    if (!l.startsWith('|')) break;
    rows.push(l.replace(/\\\|/g, '¦').split('|').slice(1, -1).map((c) => c.trim()));
  }
  return rows;
}

/** The names a parameters cell gives in backticks: `role: master|replica` → role, `where: {…}` → where. */
const paramNames = (cell: string) => new Set([...cell.matchAll(/`([a-z][A-Za-z]*)[^`]*`/g)].map((m) => m[1]));

describe('lessons/README.md, the authoring guide', () => {
  it('documents every step field the schema accepts, and no other', () => {
    const fields = table('Step fields').map((r) => r[0].replace(/`/g, ''));
    expect(fields).toEqual(STEP_KEYS);
  });

  it('documents every goal type of GOAL_TYPES with exactly its parameters', () => {
    const rows = table('Goals');
    expect(rows.map((r) => r[0].replace(/`/g, '')).sort()).toEqual(Object.keys(GOAL_TYPES).sort());
    for (const [type, params, metWhen] of rows) {
      const t = GOAL_TYPES[type.replace(/`/g, '')];
      expect([...paramNames(params)].sort(), `parameters of ${type}`).toEqual(Object.keys(t.params).sort());
      expect(metWhen.length, `"met when" of ${type}`).toBeGreaterThan(10);
      // A goal that can report a dead end says when.
      if (t.unreachable) expect(metWhen, `${type} says when it is unreachable`).toMatch(/unreachable/);
    }
  });

  it('states the rule for judging goals as the lesson controller does (src/lessons/session.ts)', () => {
    const source = readFileSync(join(ROOT, 'src/lessons/session.ts'), 'utf8');
    const session = source.slice(0, source.indexOf('*/')).replace(/\n\s*\*/g, ' ').replace(/\s+/g, ' ');
    expect(session).toContain('the end of the step\'s own setup when it has one, else the start of the action that completed the step before it');
    const rule = GUIDE.slice(GUIDE.indexOf('## How goals are judged')).replace(/\s+/g, ' ');
    for (const part of [
      "the end of the step's own setup when it has one, else the start of the action that completed the step before it",
      'recomputed after every action',
      'stays complete until a rewind takes the world back before that',
      'A step without a setup starts (for ^G) where the step before it was met',
      'its `dead_end` text',
    ])
      expect(rule).toContain(part);
  });

  it('tells a teacher how to check and try a folder of lessons', () => {
    for (const part of ['repl-tutor lessons check DIR', 'repl-tutor --lessons DIR', '--no-bundled', 'batch --lessons DIR --lesson ID'])
      expect(GUIDE).toContain(part);
  });
});
