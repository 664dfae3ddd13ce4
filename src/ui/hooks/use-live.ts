/**
 * Serve mode: redraw when the live clock says something changed by itself, at most once per
 * LIVE_FRAME_MS, and not while the screen is too small to draw.
 */

import { useEffect } from 'react';
import type { LiveClock } from '../../repl/api.js';
import { LIVE_FRAME_MS } from '../live-actions.js';

export function useLive(live: LiveClock | undefined, observe: () => void, paused: boolean): void {
  useEffect(() => {
    if (!live || paused) return;
    let timer: NodeJS.Timeout | null = null;
    const off = live.onChange(() => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        observe();
      }, LIVE_FRAME_MS);
    });
    // Whatever changed while the screen could not draw it, drawn now.
    observe();
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [live, observe, paused]);
}
