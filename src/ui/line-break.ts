/**
 * Chinese line-breaking rules (禁则): the punctuation that may not start a line and the
 * punctuation that may not end one, shared by every wrapper (markdown panes, REPL output).
 */

/**
 * Closing punctuation: never the first character of a row, it stays with the character before it.
 * The Chinese stops and closers, their full-width forms, and `…`/`—` (which read as part of the
 * phrase before them).
 */
const CLOSERS = '。，、；：？！）」』》】〉〕〗〙］｝｠｣”’…‥—～％．｡､';

/** Opening punctuation: never the last character of a row, it goes down with what it opens. */
const OPENERS = '（「『《【〈〔〖〘［｛｟｢“‘';

const NO_START = new Set(Array.from(CLOSERS, (c) => c.codePointAt(0)!));
const NO_END = new Set(Array.from(OPENERS, (c) => c.codePointAt(0)!));

/** True for a character that must not start a row. */
export function noLineStart(cp: number): boolean {
  return NO_START.has(cp);
}

/** True for a character that must not end a row. */
export function noLineEnd(cp: number): boolean {
  return NO_END.has(cp);
}

/** The characters of both sets (tests name them in their messages). */
export const LINE_BREAK_RULES = { closers: CLOSERS, openers: OPENERS } as const;

/** True when a break between a row ending in `before` and one starting with `after` is allowed. */
export function canBreakBetween(before: number | undefined, after: number | undefined): boolean {
  if (after !== undefined && NO_START.has(after)) return false;
  if (before !== undefined && NO_END.has(before)) return false;
  return true;
}
