/** The engine's side of a scenario: the lines through batch mode (src/batch.ts), cut into segments. */

import type { BatchOptions } from '../src/batch.js';
import { parseTranscript, type Segment } from './transcript.js';

export type RunBatch = (opts: BatchOptions) => Promise<number>;

/** Load runBatch, or explain why it cannot be loaded (the engine is missing a module, say). */
export async function loadRunBatch(): Promise<RunBatch | string> {
  try {
    const mod = await import('../src/batch.js');
    return mod.runBatch;
  } catch (e) {
    return `src/batch.ts could not be loaded: ${(e as Error).message.split('\n')[0]}`;
  }
}

/** Play `lines` through batch mode with the given server overrides; returns the segments. */
export async function runEngine(
  runBatch: RunBatch,
  lines: readonly string[],
  overrides: ReadonlyArray<readonly [string, string]>,
): Promise<{ segments: Segment[]; raw: string }> {
  let raw = '';
  await runBatch({
    input: lines.join('\n') + '\n',
    // runBatch hands over one printed line at a time (with or without its newline).
    out: (line) => {
      raw += line.endsWith('\n') ? line : line + '\n';
    },
    seed: 1,
    serverOverrides: overrides.map(([k, v]): [string, string] => [k, v]),
  });
  return { segments: parseTranscript(raw, lines), raw };
}
