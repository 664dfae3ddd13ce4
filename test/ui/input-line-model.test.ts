import { describe, expect, it } from 'vitest';
import { inputLineParts, partsText, type InputLineProps, type InputPart } from '../../src/ui/input-line-model.js';
import { editLine } from '../../src/ui/input-state.js';
import stringWidth from '../../src/ui/string-width.js';

const PROMPT = '127.0.0.1:6380> ';
const line = (p: Partial<InputLineProps>): InputPart[] =>
  inputLineParts({ prompt: PROMPT, value: '', cursor: 0, hint: '', width: 60, focused: true, ...p });
const cursorOf = (parts: InputPart[]) => parts.filter((x) => x.role === 'cursor').map((x) => x.text);
/** Cursor positions walking left from the end with ←, as the line editor moves. */
function leftPositions(value: string): number[] {
  const out = [value.length];
  for (let c = value.length; c > 0; ) out.push((c = editLine(value, c, 'left').cursor));
  return out;
}

describe('input line — fits the width', () => {
  it('draws prompt, text and a blank cursor cell at the end', () => {
    const parts = line({ value: 'get k', cursor: 5 });
    expect(parts).toEqual([
      { text: PROMPT, role: 'prompt' },
      { text: 'get k', role: 'text' },
      { text: ' ', role: 'cursor' },
    ]);
  });

  it('shows the hint after the cursor without a double space (set k → "set k value [NX|XX] …")', () => {
    const hint = ' value [NX|XX] [GET] [EX seconds|PX milliseconds]';
    const text = partsText(line({ value: 'set k', cursor: 5, hint, width: 100 }));
    expect(text).toBe(PROMPT + 'set k value [NX|XX] [GET] [EX seconds|PX milliseconds]');
    expect(text).not.toContain('  ');
    // The cursor stands on the hint's leading space, where redis-cli's terminal cursor is.
    expect(cursorOf(line({ value: 'set k', cursor: 5, hint }))).toEqual([' ']);
    // After a typed space the hint starts with a letter: the cursor is on it.
    expect(cursorOf(line({ value: 'set k ', cursor: 6, hint: 'value [NX|XX]' }))).toEqual(['v']);
    expect(partsText(line({ value: 'set k ', cursor: 6, hint: 'value [NX|XX]' }))).toBe(PROMPT + 'set k value [NX|XX]');
  });

  it('cuts a long hint with … to the width and never wraps', () => {
    const parts = line({ value: 'set k', cursor: 5, hint: ' value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds]', width: 40 });
    const text = partsText(parts);
    expect(stringWidth(text)).toBe(40);
    expect(text.endsWith('…')).toBe(true);
  });

  it('without focus draws no cursor cell', () => {
    expect(cursorOf(line({ value: 'get k', cursor: 2, focused: false }))).toEqual([]);
    expect(partsText(line({ value: 'get k', cursor: 5, focused: false }))).toBe(PROMPT + 'get k');
  });
});

describe('input line — a 200-column line', () => {
  const value = 'echo ' + Array.from({ length: 20 }, (_, n) => String(n % 10).repeat(10)).join('').slice(0, 195);
  const width = 60;

  it('keeps the prompt whole and shows the end of the text with ‹ when the cursor is at the end', () => {
    const parts = line({ value, cursor: value.length, width });
    const text = partsText(parts);
    expect(text.startsWith(PROMPT + '‹')).toBe(true);
    expect(text.endsWith(value.slice(-20) + ' ')).toBe(true);
    expect(stringWidth(text)).toBe(width);
  });

  it('shows the start with › after Home', () => {
    const text = partsText(line({ value, cursor: 0, width }));
    expect(text.startsWith(PROMPT + 'echo 0000000000')).toBe(true);
    expect(text.endsWith('›')).toBe(true);
    expect(stringWidth(text)).toBe(width);
  });

  it('at every cursor position: prompt whole, the cursor on the right character, within the width', () => {
    for (let cursor = 0; cursor <= value.length; cursor++) {
      const parts = line({ value, cursor, width });
      expect(parts[0]).toEqual({ text: PROMPT, role: 'prompt' });
      expect(cursorOf(parts)).toEqual([value[cursor] ?? ' ']);
      expect(stringWidth(partsText(parts))).toBeLessThanOrEqual(width);
      // What is shown between the markers is a piece of the line, unchanged, with the cursor in it.
      const shown = partsText(parts.slice(1)).replace(/^‹/, '').replace(/› *$/, '').replace(/ +›$/, '').trimEnd();
      expect(value + ' ').toContain(shown);
    }
  });

  it('moving the cursor in the middle scrolls by half a width, not on every key', () => {
    const windows = new Set<string>();
    for (let cursor = 0; cursor <= value.length; cursor++) {
      windows.add(partsText(line({ value, cursor, width })).replace(/[^‹›0-9 echo]/g, ''));
    }
    // 200 positions, about 200 / 22 windows (a window moves by half the 44 free columns).
    expect(windows.size).toBeLessThan(15);
  });
});

describe('input line — double-width text with the cursor moved', () => {
  const value = 'set 名字 张三李四王五六';

  it('moving ← over Chinese text draws every character, the cursor on a whole character', () => {
    for (const cursor of leftPositions(value)) {
      const parts = line({ value, cursor, width: 60 });
      const shown = partsText(parts.slice(1));
      expect(shown).toBe(value + (cursor === value.length ? ' ' : ''));
      expect(cursorOf(parts)).toEqual([[...value.slice(cursor)][0] ?? ' ']);
    }
  });

  it('in a narrow width it scrolls by whole characters and never splits one', () => {
    for (const width of [22, 23, 24, 25, 26]) {
      for (const cursor of leftPositions(value)) {
        const parts = line({ value, cursor, width });
        const text = partsText(parts);
        expect(stringWidth(text)).toBeLessThanOrEqual(width);
        expect(text.startsWith(PROMPT)).toBe(true);
        expect(cursorOf(parts)).toEqual([[...value.slice(cursor)][0] ?? ' ']);
        const shown = text.slice(PROMPT.length).replace(/^‹/, '').replace(/ *›$/, '');
        expect(value + ' ').toContain(shown);
      }
    }
  });

  it('an astral character (emoji) is one cell of width 2', () => {
    const v = 'get 😀x';
    const parts = line({ value: v, cursor: 4 });
    expect(cursorOf(parts)).toEqual(['😀']);
    expect(partsText(parts)).toBe(PROMPT + 'get 😀x');
    expect(stringWidth(partsText(parts))).toBe(PROMPT.length + 7);
  });
});
