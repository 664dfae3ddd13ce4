/**
 * Settled mode's animation: the trace lines a line caused are revealed one at a time at a
 * readable pace (heartbeats come along without a delay of their own). Step mode shows every event
 * as soon as it fires.
 */

import { useEffect } from 'react';
import type { LessonController } from '../deps.js';
import type { UiAction, UiState } from '../app-state.js';
import { isHeartbeat } from '../../redis/trace-types.js';

/** Milliseconds between revealed trace lines at 1×. */
export const REVEAL_MS = 250;
/** The animation shows at most this many lines one by one; older pending ones appear at once. */
const REVEAL_WINDOW = 40;

export function useReveal(lesson: LessonController | null, ui: UiState, update: (a: UiAction) => void, paused: boolean): void {
  const traceTotal = lesson ? lesson.session.world.trace.total : 0;
  const timeMode = lesson ? lesson.session.timeMode : 'settled';
  useEffect(() => {
    if (!lesson || paused || ui.screen !== 'lesson' || ui.revealSeq >= traceTotal) return;
    if (lesson.session.timeMode === 'manual') {
      update({ type: 'reveal', seq: traceTotal });
      return;
    }
    const pending = lesson.session.world.trace.since(ui.revealSeq);
    const visible = pending.filter((e) => !isHeartbeat(e.type));
    if (visible.length === 0) {
      update({ type: 'reveal', seq: traceTotal });
      return;
    }
    if (visible.length > REVEAL_WINDOW) {
      update({ type: 'reveal', seq: visible[visible.length - REVEAL_WINDOW].seq });
      return;
    }
    // Reveal up to (not including) the second visible event; heartbeats in between come along.
    const target = visible[1] ? visible[1].seq : traceTotal;
    const timer = setTimeout(() => update({ type: 'reveal', seq: target }), REVEAL_MS / ui.speed);
    return () => clearTimeout(timer);
  }, [lesson, paused, ui.revealSeq, ui.screen, ui.speed, ui.worldVersion, traceTotal, timeMode, update]);
}
