/**
 * A React hook that hands every key of every stdin read to a handler, in order, decoded by
 * key-press.ts — in place of Ink's `useInput`, which takes each piece of input as one key.
 *
 * It listens where `useInput` does (ink 6.8, build/hooks/use-input.js): Ink reads stdin in raw
 * mode, splits each read at escape sequences (holding back one cut off at the end of a read, and
 * a lone ESC until it knows no sequence follows) and emits the pieces on its internal event
 * emitter's 'input' event. Raw mode is switched on and off through Ink's reference-counted
 * `setRawMode`, as `useInput` does. Use this hook or `useInput` for a key, never both.
 */

import { useEffect, useRef } from 'react';
import { useStdin } from 'ink';
import { KeyDecoder, type KeyPress } from './key-press.js';

export interface KeyPressOptions {
  /** Listen only while true (default true), like `useInput`'s isActive. */
  isActive?: boolean;
}

export function useKeyPresses(handler: (press: KeyPress) => void, options: KeyPressOptions = {}): void {
  const { setRawMode, internal_eventEmitter, internal_exitOnCtrlC } = useStdin();
  const active = options.isActive !== false;
  // The newest handler, without re-subscribing (and so without losing the decoder's carry-over).
  const handlerRef = useRef(handler);
  handlerRef.current = handler;

  useEffect(() => {
    if (!active) return;
    setRawMode(true);
    return () => {
      setRawMode(false);
    };
  }, [active, setRawMode]);

  useEffect(() => {
    if (!active) return;
    const decoder = new KeyDecoder();
    const onInput = (data: string) => {
      for (const press of decoder.push(data)) {
        // Ink quits on Ctrl+C itself when told to; useInput then keeps it from the handler too.
        if (internal_exitOnCtrlC && press.ctrl && press.name === 'char' && press.text === 'c') continue;
        handlerRef.current(press);
      }
    };
    internal_eventEmitter.on('input', onInput);
    return () => {
      internal_eventEmitter.removeListener('input', onInput);
    };
  }, [active, internal_eventEmitter, internal_exitOnCtrlC]);
}
