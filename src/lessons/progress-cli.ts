/** `repl-tutor progress [--export FILE | --import FILE | --reset] [--lessons DIR]`: the progress store from the command line. */

import { ProgressStore, progressDir, progressFileFor } from './progress.js';

export type ProgressAction = 'export' | 'import' | 'reset' | 'show';

export interface ProgressCommandResult {
  ok: boolean;
  /** Lines for stdout (ok) or stderr (not ok). */
  lines: string[];
}

/**
 * Run one progress action against the store in `dir` (default: from the environment): the bundled
 * lessons' progress, or with `lessonsDir` that teacher's folder's own file.
 */
export function runProgressCommand(action: ProgressAction, file?: string, dir: string = progressDir(), lessonsDir?: string): ProgressCommandResult {
  const store = new ProgressStore(dir, progressFileFor(lessonsDir));
  const warn = () => store.warnings.map((w) => `warning: ${w}`);
  try {
    switch (action) {
      case 'export': {
        if (!file) return { ok: false, lines: ['usage: repl-tutor progress --export FILE'] };
        store.exportTo(file);
        return { ok: true, lines: [...warn(), `progress exported to ${file}`] };
      }
      case 'import': {
        if (!file) return { ok: false, lines: ['usage: repl-tutor progress --import FILE'] };
        const err = store.importFrom(file);
        return err ? { ok: false, lines: [...warn(), err] } : { ok: true, lines: [...warn(), `progress imported from ${file} into ${store.file}`] };
      }
      case 'reset':
        store.reset();
        return { ok: true, lines: [`progress reset (${store.file} removed)`] };
      case 'show': {
        const p = store.progress;
        const ids = Object.keys(p.lessons).sort();
        const lines = [...warn(), `progress file: ${store.file}`];
        if (p.language) lines.push(`language: ${p.language}`);
        if (ids.length === 0) lines.push('no lesson steps completed yet');
        for (const id of ids) {
          const lp = p.lessons[id];
          const at = lp.current ? `, at ${lp.current}` : '';
          lines.push(`${id}: ${lp.completed.length} step${lp.completed.length === 1 ? '' : 's'} done (${lp.completed.join(', ') || '-'})${at}`);
        }
        return { ok: true, lines };
      }
    }
  } catch (e) {
    return { ok: false, lines: [...warn(), `repl-tutor progress: ${(e as Error).message}`] };
  }
}
