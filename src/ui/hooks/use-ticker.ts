/**
 * Time that moves by itself: play mode steps one event per tick until nothing is pending (or a
 * step's goals are met), and `:solve` types one solution line per tick. Both stop while the
 * screen is too small.
 */

import { useEffect } from 'react';
import type { LessonController } from '../deps.js';
import type { UiState } from '../app-state.js';

/** Milliseconds between played events at 1×. */
export const PLAY_MS = 600;
/** Milliseconds between the lines `:solve` types at 1×. */
export const SOLVE_MS = 900;

export interface Ticks {
  /** Step one event; false when play should stop. */
  playTick(): boolean;
  /** Type the next solution line; false when there is none. */
  solveTick(): boolean;
  stopPlaying(): void;
}

export function useTicker(lesson: LessonController | null, ui: UiState, solving: boolean, paused: boolean, ticks: Ticks): void {
  useEffect(() => {
    if (!lesson || paused || !ui.playing || ui.screen !== 'lesson') return;
    const timer = setInterval(() => {
      if (!ticks.playTick()) ticks.stopPlaying();
    }, PLAY_MS / ui.speed);
    return () => clearInterval(timer);
  }, [lesson, paused, ui.playing, ui.speed, ui.screen, ticks]);

  useEffect(() => {
    if (!lesson || paused || !solving || ui.screen !== 'lesson') return;
    const timer = setInterval(() => ticks.solveTick(), SOLVE_MS / ui.speed);
    return () => clearInterval(timer);
  }, [lesson, paused, solving, ui.speed, ui.screen, ticks]);
}
