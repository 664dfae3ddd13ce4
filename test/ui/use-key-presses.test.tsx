import { afterEach, describe, expect, it } from 'vitest';
import React, { useState } from 'react';
import { Text } from 'ink';
import { cleanup } from 'ink-testing-library';
import { useKeyPresses } from '../../src/ui/use-key-presses.js';
import type { KeyPress } from '../../src/ui/key-press.js';
import { frame, press, renderUi } from './helpers.js';

afterEach(() => cleanup());

/** Records every key press it is given, and shows how many. */
function Recorder({ log, isActive }: { log: KeyPress[]; isActive?: boolean }): React.JSX.Element {
  const [n, setN] = useState(0);
  useKeyPresses(
    (p) => {
      log.push(p);
      setN((x) => x + 1);
    },
    { isActive },
  );
  return <Text>{`keys: ${n}`}</Text>;
}

const short = (p: KeyPress) => (p.name === 'char' ? (p.ctrl ? `^${p.text}` : p.text) : p.name);

describe('useKeyPresses', () => {
  it('one stdin write holding 3 Backspaces + 2 arrows + text delivers all six keys, in order', async () => {
    const log: KeyPress[] = [];
    const r = await renderUi(<Recorder log={log} />);
    await press(r, '\x7f\x7f\x7f\x1b[D\x1b[Dxy');
    expect(log.map(short)).toEqual(['backspace', 'backspace', 'backspace', 'left', 'left', 'xy']);
    expect(frame(r)).toBe('keys: 6');
  });

  it('keeps the order across writes, with Delete, ^F and ^W among them', async () => {
    const log: KeyPress[] = [];
    const r = await renderUi(<Recorder log={log} />);
    await press(r, 'ab\x1b[3~\x06\x06', '\x17\r');
    expect(log.map(short)).toEqual(['ab', 'delete', '^f', '^f', '^w', 'return']);
  });

  it('a sequence cut between two writes is one key', async () => {
    const log: KeyPress[] = [];
    const r = await renderUi(<Recorder log={log} />);
    await press(r, '\x1b[1;', '5C');
    expect(log.map((p) => [p.name, p.ctrl])).toEqual([['right', true]]);
  });

  it('a bracketed paste of 20 lines arrives as text and returns', async () => {
    const log: KeyPress[] = [];
    const r = await renderUi(<Recorder log={log} />);
    const lines = Array.from({ length: 20 }, (_, n) => `set k${n} v${n}`);
    await press(r, `\x1b[200~${lines.join('\r')}\r\x1b[201~`);
    expect(log.map(short)).toEqual(lines.flatMap((l) => [l, 'return']));
  });

  it('hears nothing while inactive, while an active one beside it hears every key', async () => {
    const active: KeyPress[] = [];
    const inactive: KeyPress[] = [];
    const r = await renderUi(
      <>
        <Recorder log={active} />
        <Recorder log={inactive} isActive={false} />
      </>,
    );
    await press(r, 'abc\r');
    expect(active.map(short)).toEqual(['abc', 'return']);
    expect(inactive).toEqual([]);
  });
});
