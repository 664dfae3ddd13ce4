/**
 * The small markdown subset lesson text uses, laid out into styled rows of a given width:
 * paragraphs, `# headings`, `-`/`*`/`1.` lists, **bold**, `code`, and fenced ``` blocks.
 */

import type { Line, Seg } from './lines.js';
import { noLineEnd, noLineStart } from './line-break.js';
import { codePointWidth, textWidth } from './text-width.js';

/** Split inline markdown into styled segments: **bold** and `code`. */
export function parseInline(raw: string, base: Omit<Seg, 'text'> = {}): Seg[] {
  // A row is one terminal line: line breaks inside inline text are spaces.
  const text = raw.replace(/\s*[\r\n]+\s*/g, ' ');
  const segs: Seg[] = [];
  const re = /(\*\*[^*]+\*\*|`[^`]+`)/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) segs.push({ ...base, text: text.slice(last, m.index) });
    const tok = m[0];
    if (tok.startsWith('**')) segs.push({ ...base, text: tok.slice(2, -2), bold: true });
    else segs.push({ ...base, text: tok.slice(1, -1), role: 'accent' });
    last = m.index + tok.length;
  }
  if (last < text.length) segs.push({ ...base, text: text.slice(last) });
  return segs;
}

type Style = Omit<Seg, 'text'>;

/** A run of one style inside a wrap unit. */
interface Piece {
  text: string;
  style: Style;
}

/** What the wrapper never splits (unless it is wider than a row): a word, a space, a CJK character with its punctuation. */
interface Unit {
  pieces: Piece[];
  space: boolean;
  width: number;
  /** Ends with opening punctuation (maybe then spaces): the next unit must join it. */
  glueNext: boolean;
}

function lastCp(text: string): number {
  const c = text.charCodeAt(text.length - 1);
  return c >= 0xdc00 && c <= 0xdfff && text.length >= 2 ? text.codePointAt(text.length - 2)! : c;
}

/** Append `u` to `into`, which stays one unbreakable unit. */
function join(into: Unit, u: Unit): void {
  into.pieces.push(...u.pieces);
  into.width += u.width;
  into.space = false;
  if (!u.space) into.glueNext = u.glueNext;
}

/**
 * Break segments into wrap units: words, single spaces, and single CJK characters (which may
 * break anywhere) — then glue closing punctuation to the unit before it and opening punctuation
 * to the unit after it, across styles (`**主库**。`), so no row starts with `。` or ends with `（`.
 * A space between a word and a wide closer, or after an opener, is glued in too; so is a word
 * whose styles change inside it (`code`.).
 */
function units(segs: Seg[]): Unit[] {
  const out: Unit[] = [];
  const add = (text: string, style: Style, space: boolean) => {
    const u: Unit = { pieces: [{ text, style }], space, width: textWidth(text), glueNext: !space && noLineEnd(lastCp(text)) };
    const prev = out[out.length - 1];
    if (prev?.glueNext) return join(prev, u);
    const first = text.codePointAt(0)!;
    // One word in two styles (`code`. or **6381**,): no space between, so no break either.
    const prevText = prev?.pieces[prev.pieces.length - 1].text ?? '';
    if (prev && !prev.space && !space && codePointWidth(lastCp(prevText)) === 1 && codePointWidth(first) === 1) return join(prev, u);
    if (prev && !space && noLineStart(first)) {
      if (!prev.space) return join(prev, u);
      const before = out[out.length - 2];
      if (before && !before.space && codePointWidth(first) === 2) {
        out.pop();
        join(before, prev);
        return join(before, u);
      }
    }
    out.push(u);
  };
  for (const s of segs) {
    const { text, ...style } = s;
    let word = '';
    const flush = () => {
      if (word) add(word, style, false);
      word = '';
    };
    for (const ch of text) {
      if (ch === ' ' || ch === '\t') {
        flush();
        add(' ', style, true);
      } else if (codePointWidth(ch.codePointAt(0)!) === 2) {
        flush();
        add(ch, style, false);
      } else {
        word += ch;
      }
    }
    flush();
  }
  return out;
}

/** Greedy word wrap of styled segments into rows of `width` columns; continuation rows start with `indent`. */
export function wrapSegs(segs: Seg[], width: number, indent = ''): Line[] {
  const rows: Line[] = [];
  const indentWidth = textWidth(indent);
  let row: Line = [];
  let w = 0;
  const push = (p: Piece, pw: number) => {
    const prev = row[row.length - 1];
    if (prev && sameStyle(prev, p.style)) prev.text += p.text;
    else row.push({ ...p.style, text: p.text });
    w += pw;
  };
  const newRow = () => {
    // Trailing spaces are invisible but count against the width.
    const lastSeg = row[row.length - 1];
    if (lastSeg) lastSeg.text = lastSeg.text.replace(/ +$/, '');
    rows.push(row.filter((s) => s.text !== ''));
    row = indent ? [{ text: indent }] : [];
    w = indentWidth;
  };
  for (const u of units(segs)) {
    if (u.space && w === indentWidth && rows.length > 0) continue;
    if (w + u.width > width && w > indentWidth) {
      newRow();
      if (u.space) continue;
    }
    if (u.width > width - w) {
      // A unit longer than a whole row: break it by columns.
      for (const p of u.pieces) {
        for (const ch of p.text) {
          const cw = codePointWidth(ch.codePointAt(0)!);
          if (w + cw > width) newRow();
          push({ text: ch, style: p.style }, cw);
        }
      }
      continue;
    }
    for (const p of u.pieces) push(p, u.pieces.length === 1 ? u.width : textWidth(p.text));
  }
  if (row.length > 0 || rows.length === 0) newRow();
  return rows;
}

function sameStyle(a: Seg, b: Omit<Seg, 'text'>): boolean {
  return a.bold === b.bold && a.role === b.role && a.dim === b.dim && a.inverse === b.inverse;
}

/** Lay out a markdown text into rows of `width` columns. Blank lines separate paragraphs. */
export function renderMarkdown(md: string, width: number): Line[] {
  const rows: Line[] = [];
  const lines = md.replace(/\r\n?/g, '\n').split('\n');
  let para: string[] = [];
  let inFence = false;
  const flushPara = () => {
    if (para.length) rows.push(...wrapSegs(parseInline(para.join(' ')), width));
    para = [];
  };
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (line.trimStart().startsWith('```')) {
      flushPara();
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      rows.push([{ text: '  ' + line, role: 'accent' }]);
      continue;
    }
    if (line.trim() === '') {
      flushPara();
      if (rows.length && rows[rows.length - 1].length !== 0) rows.push([]);
      continue;
    }
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    const bullet = /^(\s*)([-*]|\d+[.)])\s+(.*)$/.exec(line);
    if (heading) {
      flushPara();
      rows.push(...wrapSegs(parseInline(heading[1], { bold: true }), width));
    } else if (bullet) {
      flushPara();
      const depth = Math.min(2, Math.floor(bullet[1].length / 2));
      const marker = /\d/.test(bullet[2]) ? bullet[2] + ' ' : '• ';
      const lead = '  '.repeat(depth) + marker;
      const indent = ' '.repeat(textWidth(lead));
      rows.push(...wrapSegs([{ text: lead }, ...parseInline(bullet[3])], width, indent));
    } else {
      para.push(line.trim());
    }
  }
  flushPara();
  while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}
