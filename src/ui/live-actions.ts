/**
 * Serve mode's keys and redraws: ^P pauses and resumes the wall clock that moves virtual time,
 * ^F changes its speed, a step first pauses it, and whatever time or a real client changed by
 * itself is judged by the lesson controller and drawn (at most one frame per LIVE_FRAME_MS).
 */

import type { LiveClock } from '../repl/api.js';
import type { ActionEnv } from './app-actions.js';
import { speeds } from './app-state.js';
import { strings } from './strings.js';

/** The least time between two redraws caused by the live clock (a busy client must not flood the screen). */
export const LIVE_FRAME_MS = 50;

/** ^P in serve mode. */
export function toggleLiveClock(env: ActionEnv, live: LiveClock): void {
  const text = strings(env.ui().lang);
  if (live.paused) live.resume();
  else live.pause();
  env.update({ type: 'worldChanged', message: live.paused ? text.livePaused : text.liveResumed(live.speed) });
}

/** ^F in serve mode: the next of 1×, 2×, 4×, 8× (from a `--speed` outside them, back to 1×). */
export function fasterLiveClock(env: ActionEnv, live: LiveClock): void {
  const next = speeds.find((s) => s > live.speed) ?? speeds[0];
  live.setSpeed(next);
  env.update({ type: 'worldChanged', message: strings(env.ui().lang).liveSpeed(next) });
}

/** A step (Space, ^N) in serve mode stops the clock first, so the learner sees one event at a time. Returns whether it paused now. */
export function pauseToStep(live: LiveClock): boolean {
  if (live.paused) return false;
  live.pause();
  return true;
}

/** Time moved by itself (or a real client spoke): judge the goals, print what appeared, redraw. */
export function observeLive(env: ActionEnv): void {
  const lesson = env.lesson();
  if (!lesson) return;
  const o = lesson.observe();
  const text = strings(env.ui().lang);
  if (o.lines.length) env.update({ type: 'print', lines: o.lines });
  if (o.stepChanged) env.update({ type: 'stepChanged' });
  // A notice replaces the message line; otherwise what it says stays.
  env.update({ type: 'worldChanged', message: o.notice ? text.notice(o.notice) : undefined, revealTo: lesson.session.world.trace.total });
}
