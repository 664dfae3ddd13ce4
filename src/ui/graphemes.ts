/**
 * Grapheme clusters without Intl.Segmenter for text whose characters are each a cluster of their
 * own — all the tutor draws — and Intl.Segmenter (made on first need) for anything else.
 *
 * Why: Ink's output step segments every line it writes (@alcalzone/ansi-tokenize), and the first
 * Intl.Segmenter costs ~20 ms of ICU start-up inside the first frame. The bundle routes that
 * segmentation here (scripts/build.mjs); test/ui/graphemes.test.ts checks every character of the
 * fast blocks against Intl.Segmenter.
 */

/**
 * Blocks whose characters never join a neighbour into one cluster (no marks, joiners, Hangul jamo
 * or regional indicators): Latin-1 and Latin Extended, general punctuation, arrows, maths, box
 * drawing and shapes, CJK symbols, kana, CJK ideographs, fullwidth forms; and ESC, which starts the
 * escape sequences of styled text (a control character is always a cluster of its own).
 */
const SINGLE_CLUSTER_BLOCKS =
  // eslint-disable-next-line no-control-regex
  /^[\u001B\u0020-\u007E\u00A0-\u00AC\u00AE-\u02FF\u2010-\u2027\u2030-\u205E\u2190-\u22FF\u2500-\u27BF\u3000-\u303F\u3041-\u3096\u309B-\u30FF\u4E00-\u9FFF\uFF01-\uFF60\uFFE0-\uFFE6]*$/u;
/** Inside those blocks, what needs more than one code point's view: marks, format characters, emoji. */
const SPECIAL = /[\p{M}\p{Cf}\p{Emoji_Presentation}]/u;

/** True when every code point of `text` is a grapheme cluster by itself. */
export function eachCodePointIsAGrapheme(text: string): boolean {
  return SINGLE_CLUSTER_BLOCKS.test(text) && !SPECIAL.test(text);
}

export interface GraphemeSegment {
  segment: string;
  index: number;
}

let segmenter: Intl.Segmenter | undefined;

/** The grapheme clusters of `text` with their UTF-16 offsets, as Intl.Segmenter's `segment` gives them. */
export function segmentGraphemes(text: string): Iterable<GraphemeSegment> {
  if (!eachCodePointIsAGrapheme(text)) {
    segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    return segmenter.segment(text);
  }
  const out: GraphemeSegment[] = [];
  let index = 0;
  for (const ch of text) {
    out.push({ segment: ch, index });
    index += ch.length;
  }
  return out;
}
