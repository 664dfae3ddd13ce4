/**
 * The small markdown subset lesson text uses, laid out into styled rows of a given width:
 * paragraphs, `# headings`, `-`/`*`/`1.` lists, **bold**, `code`, and fenced ``` blocks.
 */

import type { Line, Seg } from './lines.js';
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

interface Unit {
  text: string;
  style: Omit<Seg, 'text'>;
  space: boolean;
}

/** Break segments into wrap units: words, single spaces, and single CJK characters (which may break anywhere). */
/** CJK punctuation that must not start a line (kinsoku): it stays with the character before it. */
const NO_LINE_START = new Set([...'，。、；：？！）」』》〉】…—']);

function units(segs: Seg[]): Unit[] {
  const out: Unit[] = [];
  for (const s of segs) {
    const { text, ...style } = s;
    let word = '';
    const flush = () => {
      if (word) out.push({ text: word, style, space: false });
      word = '';
    };
    for (const ch of text) {
      if (ch === ' ' || ch === '\t') {
        flush();
        out.push({ text: ' ', style, space: true });
      } else if (codePointWidth(ch.codePointAt(0)!) === 2) {
        flush();
        const prev = out[out.length - 1];
        // Join closing punctuation to the unit before it (same style only, so styles never mix).
        if (NO_LINE_START.has(ch) && prev && !prev.space && prev.style === style) prev.text += ch;
        else out.push({ text: ch, style, space: false });
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
  let row: Line = [];
  let w = 0;
  const push = (u: Unit) => {
    const prev = row[row.length - 1];
    if (prev && sameStyle(prev, u.style)) prev.text += u.text;
    else row.push({ ...u.style, text: u.text });
    w += textWidth(u.text);
  };
  const newRow = () => {
    // Trailing spaces are invisible but count against the width.
    const lastSeg = row[row.length - 1];
    if (lastSeg) lastSeg.text = lastSeg.text.replace(/ +$/, '');
    rows.push(row.filter((s) => s.text !== ''));
    row = indent ? [{ text: indent }] : [];
    w = textWidth(indent);
  };
  for (const u of units(segs)) {
    const uw = textWidth(u.text);
    if (u.space && w === textWidth(indent) && rows.length > 0) continue;
    if (w + uw > width && w > textWidth(indent)) {
      if (u.space) {
        newRow();
        continue;
      }
      newRow();
    }
    if (uw > width - w) {
      // A word longer than a whole row: break it by columns.
      for (const ch of u.text) {
        if (w + codePointWidth(ch.codePointAt(0)!) > width) newRow();
        push({ ...u, text: ch });
      }
      continue;
    }
    push(u);
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
