import { describe, expect, it } from 'vitest';
import { describeGoal } from '../../src/lessons/goals.js';
import { defaultLessonsDir, loadLessons } from '../../src/lessons/loader.js';
import type { Lesson } from '../../src/lessons/types.js';
import { LANGUAGES } from '../../src/language.js';
import { splitTitle } from '../../src/lessons/session.js';
import { computeLayout } from '../../src/ui/layout.js';
import { LINE_BREAK_RULES, noLineEnd, noLineStart } from '../../src/ui/line-break.js';
import { lineText } from '../../src/ui/lines.js';
import { renderMarkdown, wrapSegs } from '../../src/ui/markdown.js';
import type { StepView } from '../../src/ui/deps.js';
import { stepLines } from '../../src/ui/step-model.js';
import { strings } from '../../src/ui/strings.js';
import { hardWrap } from '../../src/ui/text-width.js';
import { tooSmallRows } from '../../src/ui/too-small.js';

const { lessons, errors } = loadLessons(defaultLessonsDir());

/** What is wrong with a row's start or end, if anything (the indent and a list marker are not text). */
function badEdge(row: string): string | null {
  const text = row.replace(/^\s*(?:•\s|\d+[.)]\s|[✓○]\s)?\s*/, '').trimEnd();
  if (text === '') return null;
  const first = text.codePointAt(0)!;
  const last = Array.from(text).pop()!.codePointAt(0)!;
  if (noLineStart(first)) return `starts with ${String.fromCodePoint(first)}`;
  if (noLineEnd(last)) return `ends with ${String.fromCodePoint(last)}`;
  return null;
}

/** Every step of a lesson as the step pane shows it once complete: text, goals, every hint, the "why". */
function fullViews(lesson: Lesson, lang: 'en' | 'zh'): StepView[] {
  return lesson.steps.map((step, index) => {
    const { title, body } = splitTitle(step.text[lang]);
    return {
      lessonId: lesson.id,
      lessonTitle: lesson.title[lang],
      index,
      count: lesson.steps.length,
      title,
      text: body,
      goals: step.goals.map((g) => ({ label: describeGoal(g, lang), met: true })),
      hints: step.hints[lang],
      hintsLeft: 0,
      why: step.why?.[lang] ?? null,
      // A dead end's text is set in the same pane: it is wrapped here too.
      deadEnd: step.deadEnd?.[lang] ?? null,
      complete: true,
      lessonDone: index === lesson.steps.length - 1,
      metOnArrival: false,
    };
  });
}

describe('Chinese line breaking', () => {
  it('keeps closing punctuation off the start of a row and opening punctuation off its end', () => {
    expect(wrapSegs([{ text: '主从复制是异步的。从库' }], 16).map(lineText)).toEqual(['主从复制是异步', '的。从库']);
    expect(wrapSegs([{ text: '主从复制是（异步）的' }], 10).map(lineText)).toEqual(['主从复制是', '（异步）的']);
  });

  it('glues punctuation across styles: **bold**， and `code`。 stay on one row', () => {
    const rows = renderMarkdown('复制偏移量由**主库**，然后 `info replication`。', 22).map(lineText);
    for (const r of rows) expect(badEdge(r), r).toBeNull();
    expect(rows.join('')).toContain('info replication。');
  });

  it('keeps a space between a word and a wide closer or after an opener from becoming the break', () => {
    for (const w of [6, 7, 8, 9, 10]) {
      for (const r of wrapSegs([{ text: '执行 set k1 ，然后 （ get k1）' }], w).map(lineText)) expect(badEdge(r), `${w}: ${r}`).toBeNull();
    }
  });

  it('hardWrap: raw output moves the break back rather than start a row with 。 or end one with （', () => {
    expect(hardWrap('一二三四。五六', 8)).toEqual(['一二三', '四。五六']);
    expect(hardWrap('一二三（四五', 8)).toEqual(['一二三', '（四五']);
    // ASCII is cut by columns exactly as before.
    expect(hardWrap('abcdef', 4)).toEqual(['abcd', 'ef']);
    // A row of nothing but closers still breaks (at the width) rather than loop or overflow.
    expect(hardWrap('。。。。。。', 4)).toEqual(['。。', '。。', '。。']);
  });

  it('hardWrap never starts or ends a row wrongly in the tutor’s Chinese lines', () => {
    const line = '已回退一个事件（第 3 步）：主库 6380 的复制积压缓冲区（1024kB）已超出，从库需要全量同步。';
    for (let w = 6; w <= 40; w++) for (const r of hardWrap(line, w)) expect(badEdge(r), `${w}: ${r}`).toBeNull();
  });

  it('the too-small screen wraps its Chinese by the same rules, at any width', () => {
    const zh = strings('zh');
    for (let cols = 8; cols < 80; cols++) {
      for (const r of [...tooSmallRows(zh.tooSmall(cols, 20), cols), ...tooSmallRows(zh.tooSmallHelp, cols)]) expect(badEdge(r), `${cols}: ${r}`).toBeNull();
    }
  });

  it(`every lesson's text, goals, hints and why, at the step pane of 80, 100 and 160 columns (${LINE_BREAK_RULES.closers} / ${LINE_BREAK_RULES.openers})`, () => {
    expect(errors).toEqual([]);
    expect(lessons.length).toBeGreaterThanOrEqual(9);
    const problems: string[] = [];
    let rowsChecked = 0;
    for (const cols of [80, 100, 160]) {
      const width = computeLayout(cols, 48).stepWidth;
      for (const lang of LANGUAGES) {
        for (const lesson of lessons) {
          fullViews(lesson, lang).forEach((view, i) => {
            for (const row of stepLines(view, width, strings(lang)).map(lineText)) {
              rowsChecked++;
              const bad = badEdge(row);
              // English text wraps at spaces; only the wide (Chinese) punctuation rules apply to it.
              if (bad && (lang === 'zh' || [...bad].some((c) => c.codePointAt(0)! > 0x2fff))) problems.push(`${lesson.id} step ${i + 1} ${lang} @${width}: "${row}" ${bad}`);
            }
          });
        }
      }
    }
    expect(rowsChecked).toBeGreaterThan(3000);
    expect(problems).toEqual([]);
  });
});
