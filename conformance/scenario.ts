/**
 * Scenario files (conformance/scenarios/*.txt): lines of the batch line language, with `#` comment
 * lines (the header saying what the scenario checks) and `#!` directives for the comparison.
 */

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface Scenario {
  name: string;
  file: string;
  /** The comment header, without the `# `. */
  description: string[];
  /** The lines both sides play, in order (no comments, no blank lines). */
  lines: string[];
  /** INFO fields left out of the comparison (`#! ignore-field NAME…`). */
  ignoreFields: Set<string>;
}

/** Parse one scenario file's text. Unknown `#!` directives are errors (a typo must not pass silently). */
export function parseScenario(name: string, file: string, text: string): Scenario {
  const s: Scenario = { name, file, description: [], lines: [], ignoreFields: new Set() };
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '').trimEnd();
    if (line.trim() === '') return;
    if (line.startsWith('#!')) {
      const [directive, ...args] = line.slice(2).trim().split(/\s+/);
      if (directive === 'ignore-field') args.forEach((a) => s.ignoreFields.add(a));
      else throw new Error(`${file}:${i + 1}: unknown directive #!${directive}`);
      return;
    }
    if (line.startsWith('#')) {
      s.description.push(line.replace(/^#\s?/, ''));
      return;
    }
    s.lines.push(line);
  });
  return s;
}

/** Every scenario in `dir`, sorted by file name. */
export function loadScenarios(dir: string): Scenario[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => parseScenario(f.replace(/\.txt$/, ''), path.join(dir, f), readFileSync(path.join(dir, f), 'utf8')));
}
