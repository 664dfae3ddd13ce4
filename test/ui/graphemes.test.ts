// Grapheme segments for Ink's output: exactly Intl.Segmenter's, without it for text like the tutor's.
import { describe, expect, it } from 'vitest';
import { eachCodePointIsAGrapheme, segmentGraphemes } from '../../src/ui/graphemes.js';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const viaIntl = (text: string) => [...segmenter.segment(text)].map(({ segment, index }) => ({ segment, index }));
const ours = (text: string) => [...segmentGraphemes(text)].map(({ segment, index }) => ({ segment, index }));

describe('grapheme segments (src/ui/graphemes.ts)', () => {
  it('treats as single-character clusters only characters Intl.Segmenter keeps apart', () => {
    const joined: string[] = [];
    for (let cp = 0; cp <= 0xffff; cp++) {
      const ch = String.fromCodePoint(cp);
      if (!eachCodePointIsAGrapheme(ch)) continue;
      if (viaIntl(`x${ch}x`).length !== 3 || viaIntl(ch + ch).length !== 2) joined.push(cp.toString(16));
    }
    expect(joined).toEqual([]);
  });

  it.each([
    ['a styled line as Ink writes it', '\u001b[1m\u001b[36m● 6380\u001b[39m\u001b[22m master  ◀══ online ══ 6381'],
    ['Chinese lesson text', '从库连接主库时，主库执行 BGSAVE 生成 RDB 文件。'],
    ['emoji sequences', 'ok 👍🏽 🇨🇳 👨‍👩‍👧 #️⃣ ↔️'],
    ['combining marks', 'cafe\u0301 ñ'],
    ['Hangul', '\u1100\u1161\u11a8 한국어'],
    ['CR LF and tabs', 'a\r\nb\tc'],
    ['an astral ideograph', 'x𠀀y'],
    ['the empty string', ''],
  ])('gives Intl.Segmenter’s segments and offsets for %s', (_, text) => {
    expect(ours(text)).toEqual(viaIntl(text));
  });

  it('takes the per-code-point path for the tutor’s own drawing characters', () => {
    expect(eachCodePointIsAGrapheme('\u001b[2m── Events ── next: 6380 ↔ 6381 ▸ ◀ … ✓ 中文，。')).toBe(true);
    expect(eachCodePointIsAGrapheme('👍')).toBe(false);
    expect(eachCodePointIsAGrapheme('e\u0301')).toBe(false);
  });
});
