/** Rendering the app under ink-testing-library with React 19's act(): every render and every key is wrapped, so frames are current. */

import { act, type ReactElement } from 'react';
import { render } from 'ink-testing-library';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export type Rendered = ReturnType<typeof render>;

export async function renderUi(el: ReactElement): Promise<Rendered> {
  let r: Rendered | undefined;
  await act(async () => {
    r = render(el);
  });
  return r!;
}

/** Write keys to stdin, one chunk per argument (each chunk is what one read would deliver). */
export async function press(r: Rendered, ...chunks: string[]): Promise<void> {
  for (const c of chunks) {
    await act(async () => {
      r.stdin.write(c);
    });
  }
}

/** Type text one character at a time, as a person would. */
export async function typeText(r: Rendered, text: string): Promise<void> {
  await press(r, ...[...text]);
}

export const frame = (r: Rendered): string => r.lastFrame() ?? '';

/** Wait (polling inside act) until the frame satisfies `pred`; fails with the last frame after `timeoutMs`. */
export async function waitForFrame(r: Rendered, pred: (f: string) => boolean, timeoutMs = 4000): Promise<string> {
  const start = Date.now();
  for (;;) {
    const f = frame(r);
    if (pred(f)) return f;
    if (Date.now() - start > timeoutMs) throw new Error(`frame never matched:\n${f}`);
    await act(async () => {
      await new Promise((res) => setTimeout(res, 20));
    });
  }
}

export const KEY = {
  enter: '\r',
  up: '\u001B[A',
  down: '\u001B[B',
  tab: '\t',
  escape: '\u001B',
  ctrl: (c: string) => String.fromCharCode(c.toLowerCase().charCodeAt(0) - 96),
};
