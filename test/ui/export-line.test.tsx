// `:export svg [FILE]` in the app: the sequence diagram so far, written where the learner says.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import React, { act } from 'react';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup } from 'ink-testing-library';
import { XMLParser } from 'fast-xml-parser';
import { App } from '../../src/ui/app.js';
import { defaultDeps } from '../../src/ui/default-deps.js';
import { frame, press, renderUi } from './helpers.js';

const lessonsDir = fileURLToPath(new URL('../../lessons/', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'repl-tutor-export-'));
afterEach(() => act(async () => cleanup()));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const deps = () => defaultDeps({ lessonsDir, env: { REPL_TUTOR_HOME: mkdtempSync(join(home, 'p-')) } });
/** The output as one text (the long path wraps at 100 columns). */
const output = (r: Awaited<ReturnType<typeof renderUi>>) => frame(r).replace(/\n/g, '');

describe(':export svg', () => {
  it('writes the sandbox’s conversation so far as an SVG and says where, at a redis-cli prompt too', async () => {
    const r = await renderUi(<App deps={deps()} colours={false} sandbox />);
    const file = join(home, 'sandbox.svg');
    for (const l of ['redis-cli -p 6380', 'set k1 v1', `:export svg ${file}`]) await press(r, l + '\r');
    expect(output(r)).toContain(`127.0.0.1:6380> :export svg ${file}`);
    expect(output(r)).toMatch(/wrote .*sandbox\.svg \(\d+ bytes\): the sequence diagram so far/);
    const svg = readFileSync(file, 'utf8');
    expect(() => new XMLParser().parse(svg)).not.toThrow();
    expect(svg).toContain('<svg');
    expect(svg).toContain('PSYNC');
    expect(svg).toContain('set k1 v1');
  });

  it('says how to use it when the format is not svg, and writes nothing', async () => {
    const r = await renderUi(<App deps={deps()} colours={false} sandbox />);
    await press(r, ':export png\r');
    expect(output(r)).toContain('usage: :export svg [FILE]');
    expect(existsSync('repl-tutor-sequence.png')).toBe(false);
  });

  it('a file it cannot write is a message in the learner’s language, not a crash', async () => {
    const r = await renderUi(<App deps={deps()} colours={false} sandbox lang="zh" />);
    await press(r, `:export svg ${join(home, 'no-such-folder', 'x.svg')}\r`);
    expect(output(r)).toContain('无法写入时序图：');
    expect(output(r)).toContain('$');
  });
});
