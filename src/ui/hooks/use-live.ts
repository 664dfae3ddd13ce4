/**
 * Serve mode: redraw when the live clock says something changed by itself, at most once per
 * LIVE_FRAME_MS. While the screen is too small to draw, the clock stops (as time does everywhere
 * else in the app: the learner would miss what happens) and starts again when it grows.
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

/** The too-small screen pauses a running live clock, and resumes only what it paused. */
export function useLivePausedWhileSmall(live: LiveClock | undefined, small: boolean): void {
  useEffect(() => {
    if (!live || !small || live.paused) return;
    live.pause();
    return () => live.resume();
  }, [live, small]);
}
