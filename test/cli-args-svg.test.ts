// Specifies the export options: batch --svg FILE with a time window, and lessons diagram ID [FILE].
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/cli-args.js';

describe('cli arguments — SVG exports', () => {
  it('batch --svg FILE, with --svg-from/--svg-to in virtual ms', () => {
    const cmd = parseCliArgs(['batch', 'walk.txt', '--svg', 'out.svg', '--svg-from', '0', '--svg-to=1002.5']);
    expect(cmd).toMatchObject({ kind: 'batch', file: 'walk.txt', svg: { file: 'out.svg', fromMs: 0, toMs: 1002.5 } });
    expect(parseCliArgs(['batch'])).not.toHaveProperty('svg');
  });

  it('a window without --svg, a bad time or --svg outside batch is a clear error', () => {
    expect(parseCliArgs(['batch', '--svg-from', '5'])).toEqual({ kind: 'error', message: '--svg-from and --svg-to need --svg FILE' });
    expect(parseCliArgs(['batch', '--svg', 'a.svg', '--svg-to', 'soon'])).toEqual({ kind: 'error', message: "--svg-to needs a virtual time in ms, got 'soon'" });
    expect(parseCliArgs(['--svg', 'a.svg'])).toEqual({ kind: 'error', message: "--svg only applies to 'repl-tutor batch'" });
    expect(parseCliArgs(['batch', '--svg'])).toEqual({ kind: 'error', message: '--svg needs a value' });
  });

  it('lessons diagram ID [FILE] [--seed N]', () => {
    expect(parseCliArgs(['lessons', 'diagram', 'full-sync'])).toEqual({ kind: 'lessons-diagram', id: 'full-sync', file: undefined, seed: undefined });
    expect(parseCliArgs(['lessons', 'diagram', '2', 'lesson2.svg', '--seed', '3'])).toEqual({ kind: 'lessons-diagram', id: '2', file: 'lesson2.svg', seed: 3 });
    expect(parseCliArgs(['lessons', 'diagram'])).toMatchObject({ kind: 'error' });
  });
});
