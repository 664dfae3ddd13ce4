/**
 * Bash-like word splitting for the `$ ` prompt: quotes, backslashes, `#` comments, brace expansion
 * (`/data/638{0..2}`) and `|` between commands. Only what the seed's shell lines need.
 */

export type ShellParse =
  | { ok: true; pipeline: string[][] }
  | { ok: false; error: string }
  /** Brace expansion would make more than MAX_WORDS words (bash would make them all). */
  | { ok: false; tooManyWords: number };

/** The most words brace expansion may make on one line: each range is capped, and so is their product. */
export const MAX_WORDS = 10_000;

/** Thrown from inside the expansion when the line's word budget is spent. */
class TooManyWords extends Error {}

/**
 * Split a shell line into a pipeline of commands, each a list of words.
 * `netstat -tlnp|grep 638` → [['netstat', '-tlnp'], ['grep', '638']].
 */
export function parseShellLine(line: string): ShellParse {
  try {
    return parseWords(line);
  } catch (e) {
    if (e instanceof TooManyWords) return { ok: false, tooManyWords: MAX_WORDS };
    throw e;
  }
}

function parseWords(line: string): ShellParse {
  const pipeline: string[][] = [];
  let wordCount = 0;
  let words: string[] = [];
  // Each word is built from segments; only unquoted segments take part in brace expansion.
  let segs: Array<{ text: string; quoted: boolean }> | null = null;
  const endWord = () => {
    if (segs) {
      const expanded = expandBraces(segs, MAX_WORDS - wordCount);
      wordCount += expanded.length;
      for (const w of expanded) words.push(w);
    }
    segs = null;
  };
  const add = (text: string, quoted: boolean) => {
    segs ??= [];
    segs.push({ text, quoted });
  };
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      endWord();
      i++;
    } else if (c === '#' && segs === null) {
      break; // a comment runs to the end of the line
    } else if (c === '|') {
      endWord();
      if (words.length === 0) return { ok: false, error: "bash: syntax error near unexpected token `|'" };
      pipeline.push(words);
      words = [];
      i++;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { ok: false, error: "bash: unexpected EOF while looking for matching `''" };
      add(line.slice(i + 1, end), true);
      i = end + 1;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      while (j < line.length && line[j] !== '"') {
        // Inside double quotes a backslash escapes only $ ` " \ and newline.
        if (line[j] === '\\' && j + 1 < line.length && '$`"\\\n'.includes(line[j + 1])) {
          text += line[j + 1];
          j += 2;
        } else {
          text += line[j++];
        }
      }
      if (j >= line.length) return { ok: false, error: 'bash: unexpected EOF while looking for matching `"\'' };
      add(text, true);
      i = j + 1;
    } else if (c === '\\') {
      if (i + 1 < line.length) add(line[i + 1], true);
      i += 2;
    } else {
      let j = i;
      while (j < line.length && !' \t\n\r|\'"\\'.includes(line[j])) j++;
      add(line.slice(i, j), false);
      i = j;
    }
  }
  endWord();
  if (words.length === 0 && pipeline.length > 0) return { ok: false, error: 'bash: syntax error: unexpected end of file' };
  if (words.length > 0) pipeline.push(words);
  return { ok: true, pipeline };
}

/** Brace expansion of one word: `638{0..2}` → 6380 6381 6382; `{a,b}.conf` → a.conf b.conf. */
function expandBraces(segs: Array<{ text: string; quoted: boolean }>, budget: number): string[] {
  // Find the first unquoted {…} group that expands (a range or a comma list).
  for (let s = 0; s < segs.length; s++) {
    if (segs[s].quoted) continue;
    const m = /\{(-?\d+)\.\.(-?\d+)\}|\{([^{},]*(?:,[^{},]*)+)\}/.exec(segs[s].text);
    if (!m) continue;
    let items: string[];
    if (m[3] !== undefined) items = m[3].split(',');
    else {
      const a = Number(m[1]);
      const b = Number(m[2]);
      const step = a <= b ? 1 : -1;
      items = [];
      for (let n = a; step > 0 ? n <= b : n >= b; n += step) {
        items.push(String(n));
        if (items.length > 10_000) break;
      }
    }
    const before = segs[s].text.slice(0, m.index);
    const after = segs[s].text.slice(m.index + m[0].length);
    const out: string[] = [];
    for (const item of items) {
      const words = expandBraces([...segs.slice(0, s), { text: before + item + after, quoted: false }, ...segs.slice(s + 1)], budget - out.length);
      for (const w of words) out.push(w);
    }
    return out;
  }
  if (budget < 1) throw new TooManyWords();
  return [segs.map((x) => x.text).join('')];
}
