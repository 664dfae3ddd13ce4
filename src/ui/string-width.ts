/**
 * The `string-width` Ink measures text with, inside the bundle (scripts/build.mjs aliases it here):
 * the same answers, but text made only of characters that are each their own grapheme (Latin,
 * CJK, box drawing, arrows, punctuation — everything the tutor draws) is counted per code point.
 *
 * Why: string-width segments any non-ASCII text with Intl.Segmenter and tests each cluster with
 * /^\p{RGI_Emoji}$/v. The first Segmenter costs ~20 ms (ICU start-up) and that regex ~55 ms to
 * build and first run, all inside the first frame. test/ui/string-width.test.ts checks every
 * character of the fast set against string-width and Intl.Segmenter.
 */

import realStringWidth from 'string-width';
import { eachCodePointIsAGrapheme } from './graphemes.js';
import { codePointWidth } from './text-width.js';

export interface StringWidthOptions {
  ambiguousIsNarrow?: boolean;
  countAnsiEscapeCodes?: boolean;
}

const PRINTABLE_ASCII = /^[\u0020-\u007E]*$/;
/** Colours and styles (what chalk writes); any other escape sequence goes to string-width. */
// eslint-disable-next-line no-control-regex
const SGR = /\u001B\[[0-9;]*m/g;

export default function stringWidth(input: string, options: StringWidthOptions = {}): number {
  if (typeof input !== 'string' || input.length === 0) return 0;
  if (options.countAnsiEscapeCodes || options.ambiguousIsNarrow === false) return realStringWidth(input, options);
  const text = input.includes('\u001B') ? input.replace(SGR, '') : input;
  if (PRINTABLE_ASCII.test(text)) return text.length;
  // ESC counts as its own grapheme there, but string-width strips whole escape sequences.
  if (text.includes('\u001B') || !eachCodePointIsAGrapheme(text)) {
    return realStringWidth(input, options);
  }
  let width = 0;
  for (const ch of text) width += codePointWidth(ch.codePointAt(0)!);
  return width;
}
