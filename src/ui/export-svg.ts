/**
 * SVG exports: the sequence diagram of a run (`repl-tutor batch --svg FILE`) and of a lesson's
 * solution played headless (`repl-tutor lessons diagram ID`). src/cli.ts loads it only when asked
 * for, so it never costs the app's start-up.
 */

import type { WorldApi } from '../redis/api.js';
import { loadLessons } from '../lessons/loader.js';
import { runLines, runSetup } from '../lessons/runner.js';
import { ReplSession } from '../repl/session.js';
import { extractSequence } from './sequence-messages.js';
import { renderSequenceSvg } from './sequence-svg.js';

export interface WorldSvgOptions {
  title?: string;
  fromMs?: number;
  toMs?: number;
}

/** The world's whole kept trace as a diagram, messages still in flight drawn as such. */
export function worldSvg(world: WorldApi, opts: WorldSvgOptions = {}): string {
  const data = extractSequence(world.trace.all(), { nowMs: world.now, simulated: new Set(world.snapshot().map((n) => n.port)) });
  return renderSequenceSvg(data, { ...opts, nowMs: world.now });
}

/** Play every step of a lesson (setup, then its solution) on a fresh session and draw it. */
export function lessonDiagram(dir: string, idOrNumber: string, seed = 1): { ok: true; svg: string } | { ok: false; message: string } {
  const { lessons } = loadLessons(dir);
  const lesson = lessons.find((l) => l.id === idOrNumber) ?? (/^\d+$/.test(idOrNumber) ? lessons.find((l) => l.order === Number(idOrNumber)) : undefined);
  if (!lesson) return { ok: false, message: `no lesson "${idOrNumber}"; lessons: ${lessons.map((l) => l.id).join(', ')}` };
  const repl = new ReplSession({ seed });
  for (const step of lesson.steps) {
    runSetup(repl, step);
    runLines(repl, step.solution);
  }
  const title = `Lesson ${lesson.order}: ${lesson.title.en} (its solution, seed ${seed})`;
  return { ok: true, svg: worldSvg(repl.world, { title }) };
}
