// The bundle's string-width: string-width's answers, per code point for text whose characters are each a grapheme.
import realStringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import stringWidth from '../../src/ui/string-width.js';

const FAST_BLOCKS: Array<[number, number]> = [
  [0x20, 0x7e], [0xa0, 0xac], [0xae, 0x2ff], [0x2010, 0x2027], [0x2030, 0x205e], [0x2190, 0x22ff], [0x2500, 0x27bf],
  [0x3000, 0x303f], [0x3041, 0x3096], [0x309b, 0x30ff], [0x4e00, 0x9fff], [0xff01, 0xff60], [0xffe0, 0xffe6],
];

describe('string-width for the bundle (src/ui/string-width.ts)', () => {
  it('agrees with string-width on every character of its per-code-point blocks', () => {
    const wrong: string[] = [];
    for (const [from, to] of FAST_BLOCKS) {
      for (let cp = from; cp <= to; cp++) {
        const ch = String.fromCodePoint(cp);
        if (stringWidth(ch) !== realStringWidth(ch)) wrong.push(cp.toString(16));
      }
    }
    expect(wrong).toEqual([]);
  });

  it('counts only characters that Intl.Segmenter leaves as graphemes of their own', () => {
    const segmenter = new Intl.Segmenter();
    const special = /[\p{M}\p{Cf}\p{Emoji_Presentation}]/u;
    const joined: string[] = [];
    for (const [from, to] of FAST_BLOCKS) {
      for (let cp = from; cp <= to; cp++) {
        const ch = String.fromCodePoint(cp);
        if (special.test(ch)) continue;
        if ([...segmenter.segment(`x${ch}x`)].length !== 3 || [...segmenter.segment(ch + ch)].length !== 2) joined.push(cp.toString(16));
      }
    }
    expect(joined).toEqual([]);
  });

  it.each([
    ['plain ASCII', 'redis-cli -p 6381'],
    ['a styled line as Ink hands it over', '\u001b[1m\u001b[36m● 6380\u001b[39m\u001b[22m master  ◀══ online ══ 6381'],
    ['Chinese lesson text', '从库连接主库时，主库执行 BGSAVE 生成 RDB 文件。'],
    ['box drawing and arrows', '── Events ── next: ↔ ▸ ◀ …'],
    ['emoji', 'ok 👍🏽 🇨🇳 👨‍👩‍👧 #️⃣ ↔️'],
    ['combining marks', 'cafe\u0301 ñ'],
    ['Hangul jamo', '\u1100\u1161\u11a8 한국어'],
    ['halfwidth katakana with voicing marks', 'ｶﾞｷﾞ'],
    ['zero-width and format characters', 'a\u200bb\u200dc\u00add'],
    ['control characters', 'a\tb\u0007c'],
    ['a cursor-moving escape sequence', 'a\u001b[2Cb'],
    ['the empty string', ''],
  ])('gives string-width’s answer for %s', (_, text) => {
    expect(stringWidth(text)).toBe(realStringWidth(text));
  });

  it('passes string-width’s options through', () => {
    expect(stringWidth('\u001b[31mred\u001b[39m', { countAnsiEscapeCodes: true })).toBe(realStringWidth('\u001b[31mred\u001b[39m', { countAnsiEscapeCodes: true }));
    expect(stringWidth('…×', { ambiguousIsNarrow: false })).toBe(realStringWidth('…×', { ambiguousIsNarrow: false }));
    expect(stringWidth('…×', { ambiguousIsNarrow: false })).toBe(4);
  });
});
