import { describe, expect, it } from 'vitest';
import { renderMarkdown, wrapSegs } from '../../src/ui/markdown.js';
import { lineText, clipLine } from '../../src/ui/lines.js';
import { candidateLabels, emptyInput, inputReducer, commonPrefix, editLine, lineEditKey } from '../../src/ui/input-state.js';
import { computeLayout, tooSmall } from '../../src/ui/layout.js';
import { BINDINGS, footerBindings, resolveKey, type Context } from '../../src/ui/key-map.js';
import { ctrlKey, press } from '../../src/ui/key-press.js';
import { footerLine } from '../../src/ui/panes.js';
import { decodeKeys } from '../../src/ui/key-press.js';
import { coloursEnabled, makeTheme } from '../../src/ui/theme.js';
import { textWidth, hardWrap, truncate } from '../../src/ui/text-width.js';
import { stepLines } from '../../src/ui/step-model.js';
import { strings } from '../../src/ui/strings.js';
import { initialUiState, uiReducer, OUTPUT_CAP } from '../../src/ui/app-state.js';
import type { EventLabel } from '../../src/sim/scheduler.js';

describe('markdown subset', () => {
  it('renders **bold** and `code` as styled segments', () => {
    const [row] = renderMarkdown('Run **SLAVEOF** with `127.0.0.1 6380`.', 80);
    expect(row.find((s) => s.text === 'SLAVEOF')?.bold).toBe(true);
    expect(row.find((s) => s.text === '127.0.0.1 6380')?.role).toBe('accent');
    expect(lineText(row)).toBe('Run SLAVEOF with 127.0.0.1 6380.');
  });

  it('wraps paragraphs at the width and indents list continuations', () => {
    const rows = renderMarkdown('- one two three four five six\n- seven', 14).map(lineText);
    expect(rows).toEqual(['• one two', '  three four', '  five six', '• seven']);
  });

  it('numbers ordered lists and keeps a blank row between paragraphs', () => {
    expect(renderMarkdown('First.\n\n1. a\n2. b', 20).map(lineText)).toEqual(['First.', '', '1. a', '2. b']);
  });

  it('breaks Chinese text anywhere, counting each character as two columns', () => {
    const rows = wrapSegs([{ text: '主从复制是异步的' }], 8).map(lineText);
    expect(rows).toEqual(['主从复制', '是异步的']);
  });

  it('never breaks a word that runs across styles: `code`. keeps its full stop, **bold**, its comma', () => {
    const text = 'Simulate the master going down: `redis-cli -p 6380 shutdown`. Then **6381**, then `6382`;';
    for (let width = 20; width <= 60; width++) {
      const rows = renderMarkdown(text, width).map(lineText);
      for (const r of rows) expect(r, `at ${width}: ${rows.join(' | ')}`).not.toMatch(/^[.,;]/);
      expect(rows.join(' ')).toContain('shutdown.');
    }
    expect(renderMarkdown(text, 38).map(lineText)).toEqual(['Simulate the master going down:', 'redis-cli -p 6380 shutdown. Then 6381,', 'then 6382;']);
  });

  it('keeps fenced code blocks verbatim', () => {
    expect(renderMarkdown('```\nslaveof 127.0.0.1 6380\n```', 40).map(lineText)).toEqual(['  slaveof 127.0.0.1 6380']);
  });
});

describe('text width', () => {
  it('counts CJK as two columns, truncates with an ellipsis and hard-wraps', () => {
    expect(textWidth('中文ab')).toBe(6);
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(hardWrap('abcdef', 4)).toEqual(['abcd', 'ef']);
    expect(lineText(clipLine([{ text: 'abc' }, { text: 'def' }], 5))).toBe('abcd…');
  });
});

describe('input line', () => {
  it('edits at the cursor: insert, move, backspace, word delete, home and end', () => {
    let st = inputReducer(emptyInput, { type: 'insert', text: 'set k v' });
    expect(st).toMatchObject({ value: 'set k v', cursor: 7 });
    st = inputReducer(st, { type: 'edit', key: 'left' });
    st = inputReducer(st, { type: 'edit', key: 'left' });
    st = inputReducer(st, { type: 'insert', text: '1' });
    expect(st).toMatchObject({ value: 'set k1 v', cursor: 6 });
    st = inputReducer(st, { type: 'edit', key: 'backspace' });
    expect(st).toMatchObject({ value: 'set k v', cursor: 5 });
    expect(editLine('set key  value', 9, 'deleteWordLeft')).toEqual({ value: 'set value', cursor: 4 });
    expect(editLine('abc', 1, 'home')).toEqual({ value: 'abc', cursor: 0 });
    expect(editLine('abc', 1, 'end')).toEqual({ value: 'abc', cursor: 3 });
    expect(editLine('abc', 0, 'backspace')).toEqual({ value: 'abc', cursor: 0 });
  });

  it('moves and deletes by whole characters: 名 and 😀 are one step, Delete and ^D delete forward', () => {
    const v = 'a名😀b';
    expect(editLine(v, v.length, 'left')).toEqual({ value: v, cursor: 4 });
    expect(editLine(v, 4, 'left')).toEqual({ value: v, cursor: 2 });
    expect(editLine(v, 2, 'left')).toEqual({ value: v, cursor: 1 });
    expect(editLine(v, 1, 'right')).toEqual({ value: v, cursor: 2 });
    expect(editLine(v, 2, 'right')).toEqual({ value: v, cursor: 4 });
    expect(editLine(v, 4, 'backspace')).toEqual({ value: 'a名b', cursor: 2 });
    expect(editLine(v, 2, 'deleteForward')).toEqual({ value: 'a名b', cursor: 2 });
    expect(editLine(v, v.length, 'deleteForward')).toEqual({ value: v, cursor: v.length });
    expect(editLine('set key value', 13, 'wordLeft')).toEqual({ value: 'set key value', cursor: 8 });
    expect(editLine('set key value', 3, 'wordRight')).toEqual({ value: 'set key value', cursor: 7 });
  });

  it('maps keys to line edits like readline, leaving the tutor’s own control keys alone', () => {
    const edit = (raw: string) => decodeKeys(raw).map(lineEditKey);
    expect(edit('\x7f\b\x1b[3~\x04\x17')).toEqual(['backspace', 'backspace', 'deleteForward', 'deleteForward', 'deleteWordLeft']);
    expect(edit('\x1b[D\x1b[C\x1b[1;5D\x1b[1;5C\x1bb\x1bf')).toEqual(['left', 'right', 'wordLeft', 'wordRight', 'wordLeft', 'wordRight']);
    expect(edit('\x1b[H\x1bOF\x01\x05')).toEqual(['home', 'end', 'home', 'end']);
    // ^F is speed, ^B tmux's prefix, ^K faults, ^Y scrolls: not readline's moves and kills here.
    expect(edit('\x06\x02\x0b\x19')).toEqual([null, null, null, null]);
    // ^U is readline's unix-line-discard (with text on the line; the key map sends an empty line's ^U to the step text).
    expect(edit('\x15')).toEqual(['deleteLineLeft']);
    expect(editLine('set key value', 8, 'deleteLineLeft')).toEqual({ value: 'value', cursor: 0 });
  });

  it('Ctrl+U deletes back to the line’s start with text on the line, and scrolls the step text on an empty one', () => {
    const u = decodeKeys('\x15')[0];
    expect(resolveKey(['app', 'lesson', 'line'], u, { emptyLine: false, atShell: true })).toBe('deleteLineLeft');
    expect(resolveKey(['app', 'lesson', 'line'], u, { emptyLine: true, atShell: true })).toBe('textUp');
  });

  it('lists candidates without the words they share', () => {
    expect(candidateLabels(['config get repl-timeout', 'config get repl-backlog-size'])).toEqual(['repl-timeout', 'repl-backlog-size']);
    expect(candidateLabels(['CLIENT KILL', 'CLIENT LIST'])).toEqual(['KILL', 'LIST']);
    expect(candidateLabels(['SET', 'SETEX'])).toEqual(['SET', 'SETEX']);
  });

  it('browses history from the newest and returns to the draft', () => {
    const h = ['one', 'two'];
    let s = inputReducer(emptyInput, { type: 'change', value: 'dr' });
    s = inputReducer(s, { type: 'historyPrev', history: h });
    expect(s.value).toBe('two');
    s = inputReducer(s, { type: 'historyPrev', history: h });
    s = inputReducer(s, { type: 'historyPrev', history: h });
    expect(s.value).toBe('one');
    s = inputReducer(s, { type: 'historyNext', history: h });
    s = inputReducer(s, { type: 'historyNext', history: h });
    expect(s.value).toBe('dr');
  });

  it('completes to the common prefix and keeps the candidates to show', () => {
    const s = inputReducer({ ...emptyInput, value: 's' }, { type: 'complete', candidates: ['SET', 'SETNX'] });
    expect(s.value).toBe('SET');
    expect(s.candidates).toEqual(['SET', 'SETNX']);
    const again = inputReducer(s, { type: 'complete', candidates: ['SET', 'SETNX'] });
    expect(again.value).toBe('SET');
    expect(inputReducer({ ...emptyInput, value: 'sl' }, { type: 'complete', candidates: ['slaveof ', 'slaveof-x'] }).value).toBe('slaveof');
    expect(commonPrefix(['abc', 'abd'])).toBe('ab');
  });
});

describe('layout', () => {
  it('fits 80×24 exactly: every band adds up to 23 rows', () => {
    const L = computeLayout(80, 24);
    expect(1 + L.topHeight + L.timelineHeight + L.outputHeight + 1 + 1).toBe(23);
    expect(L.stepWidth + 1 + L.clusterWidth).toBe(80);
    expect(L.timelineBeside).toBe(false);
  });

  it('gives the REPL output at least 8 rows at 80×24 and at 100×30', () => {
    expect(computeLayout(80, 24).outputHeight).toBeGreaterThanOrEqual(8);
    expect(computeLayout(100, 30).outputHeight).toBeGreaterThanOrEqual(8);
  });

  it('gives more room to every pane at 160×48 and moves the timeline beside the REPL', () => {
    const small = computeLayout(80, 24);
    const big = computeLayout(160, 48);
    expect(big.timelineBeside).toBe(true);
    expect(big.topHeight).toBeGreaterThan(small.topHeight);
    expect(big.timelineHeight).toBeGreaterThan(small.timelineHeight);
    expect(1 + big.topHeight + big.outputHeight + 1 + 1).toBe(47);
  });

  it('is too small below 80 columns or 24 rows', () => {
    expect(tooSmall(79, 40)).toBe(true);
    expect(tooSmall(120, 23)).toBe(true);
    expect(tooSmall(80, 24)).toBe(false);
  });
});

describe('key map', () => {
  const lessonCtx: Context[] = ['app', 'lesson', 'line'];
  const at = (emptyLine: boolean, atShell = false) => ({ emptyLine, atShell });
  const space = press('char', { text: ' ' });

  it('Space steps only on an empty line (else it is typed); Ctrl+N steps always', () => {
    expect(resolveKey(lessonCtx, space, at(true))).toBe('step');
    expect(resolveKey(lessonCtx, space, at(false))).toBe('insert');
    expect(resolveKey(lessonCtx, ctrlKey('n'), at(false))).toBe('step');
  });

  it('letters are for typing: q types on the lesson screen and quits on the menu', () => {
    expect(resolveKey(lessonCtx, press('char', { text: 'q' }), at(true))).toBe('insert');
    expect(resolveKey(['app', 'menu'], press('char', { text: 'q' }), at(true))).toBe('menuQuit');
    expect(resolveKey(lessonCtx, ctrlKey('c'), at(false))).toBe('quit');
  });

  it('^D is redis-cli\'s and the shell\'s: leave redis-cli at a node prompt, quit at $, delete forward with text', () => {
    expect(resolveKey(lessonCtx, ctrlKey('d'), at(true, false))).toBe('leaveCli');
    expect(resolveKey(lessonCtx, ctrlKey('d'), at(true, true))).toBe('quit');
    expect(resolveKey(lessonCtx, ctrlKey('d'), at(false))).toBe('deleteForward');
    expect(resolveKey(lessonCtx, press('delete'), at(false))).toBe('deleteForward');
    expect(resolveKey(lessonCtx, press('backspace'), at(false))).toBe('backspace');
  });

  it('an overlay\'s keys come before the lesson\'s: digits pick nodes, Esc closes', () => {
    expect(resolveKey(['app', 'inspect'], press('char', { text: '2' }), at(true))).toBe('pickNode');
    expect(resolveKey(['app', 'faults'], press('escape'), at(true))).toBe('close');
    expect(resolveKey(['app', 'faults'], press('char', { text: 'k' }), at(true))).toBe('pickFault');
  });

  it('matches keys from their escape sequences, and not with Alt held', () => {
    const act = (raw: string, emptyLine = false) => {
      const presses = decodeKeys(raw);
      expect(presses).toHaveLength(1);
      return resolveKey(lessonCtx, presses[0], at(emptyLine));
    };
    expect(act('\x1b')).toBe('back');
    expect(act('\x1b[A')).toBe('historyPrev');
    expect(act('\x1bOB')).toBe('historyNext');
    expect(act('\x1b[5~')).toBe('scrollUp');
    expect(act('\x1b[6~')).toBe('scrollDown');
    expect(act('\x1b[3~')).toBe('deleteForward');
    expect(act('\x7f')).toBe('backspace');
    expect(act('\x1bOQ')).toBe('view');
    expect(act('\x1bOP')).toBe('keySheet');
    expect(act('\t')).toBe('complete');
    expect(act('\x06')).toBe('faster');
    expect(act('?', true)).toBe('hint');
    expect(act('\x1bn')).toBeUndefined();
  });

  it('every action has a word in both languages (the key sheet lists them all)', () => {
    for (const b of BINDINGS) {
      expect(strings('en').actions[b.action], b.action).toBeTruthy();
      expect(strings('zh').actions[b.action], b.action).toBeTruthy();
    }
  });

  it('the footer fits the width and always shows Esc, ^C and F1, in both languages', () => {
    for (const lang of ['en', 'zh'] as const) {
      for (const width of [80, 100, 160]) {
        const text = lineText(footerLine(strings(lang), width, { playing: false, speed: 1, manual: false }));
        expect(textWidth(text), `${lang} ${width}: ${text}`).toBeLessThanOrEqual(width);
        for (const key of ['Esc', '^C', 'F1']) expect(text, `${lang} ${width}`).toContain(key);
      }
    }
    expect(footerBindings().length).toBeGreaterThan(8);
  });

  it('the footer says what Esc does where the learner is: the menu, back from a focus view, stop serving', () => {
    const esc = (now: { live?: boolean; focus?: boolean }, lang: 'en' | 'zh' = 'en') =>
      /Esc (\S+(?: serving)?)/.exec(lineText(footerLine(strings(lang), 100, { playing: false, speed: 1, manual: false, ...now })))![1];
    expect(esc({})).toBe('menu');
    expect(esc({ focus: true })).toBe('back');
    expect(esc({ live: true })).toBe('stop serving');
    expect(esc({ live: true, focus: true })).toBe('back');
    expect(esc({ live: true }, 'zh')).toBe('停止服务');
  });
});

describe('theme', () => {
  it('NO_COLOR turns colours off, an empty NO_COLOR does not', () => {
    expect(coloursEnabled({ NO_COLOR: '1' })).toBe(false);
    expect(coloursEnabled({ NO_COLOR: '' })).toBe(true);
    expect(coloursEnabled({})).toBe(true);
    expect(makeTheme(false).colour('master')).toBeUndefined();
    expect(makeTheme(true).colour('master')).toBe('green');
  });
});

describe('step pane', () => {
  const view = {
    lessonId: 'l',
    lessonTitle: 'L',
    index: 0,
    count: 3,
    title: 'T',
    text: Array.from({ length: 20 }, (_, i) => `Line ${i}.`).join('\n\n'),
    goals: [{ label: 'goal one', met: true }],
    hints: [],
    hintsLeft: 1,
    why: 'because',
    deadEnd: null,
    complete: true,
    lessonDone: false,
    metOnArrival: false,
  };
  it('keeps goals and the why visible when the text is longer than the pane, and scrolls the text', () => {
    const rows = stepLines(view, 40, strings('en'), 10).map(lineText);
    expect(rows).toHaveLength(10);
    expect(rows).toContain('✓ goal one');
    expect(rows).toContain('Why: because');
    expect(rows.some((r) => r.startsWith('…'))).toBe(true);
    const scrolled = stepLines(view, 40, strings('en'), 10, 4).map(lineText);
    expect(scrolled[1]).not.toBe(rows[1]);
  });

  it('always ends a complete step with the call to go on, folding met goals and then cutting the why', () => {
    const long = {
      ...view,
      goals: [1, 2, 3].map((i) => ({ label: `goal number ${i}, long enough to wrap onto a second row`, met: true })),
      why: Array.from({ length: 8 }, (_, i) => `Reason ${i}.`).join(' '),
    };
    // The call to go on is wrapped to the pane's 40 columns: its last two rows.
    const lastTwo = (rows: string[]) => rows.slice(-2).map((r) => r.trim()).join(' ');
    const roomy = stepLines(long, 40, strings('en'), 40).map(lineText);
    expect(roomy).toContain('Goals');
    expect(lastTwo(roomy)).toBe('Step complete — Enter on an empty line for the next step');
    const folded = stepLines(long, 40, strings('en'), 9).map(lineText);
    expect(folded).toHaveLength(9);
    expect(folded).toContain('✓ goals met (3/3)');
    expect(folded).not.toContain('Goals');
    expect(lastTwo(folded)).toBe('Step complete — Enter on an empty line for the next step');
    const cut = stepLines(long, 40, strings('en'), 6).map(lineText);
    expect(cut).toHaveLength(6);
    expect(cut).toContain('… more: F6');
    expect(lastTwo(cut)).toBe('Step complete — Enter on an empty line for the next step');
    expect(stepLines({ ...long, lessonDone: true }, 40, strings('zh'), 6).map(lineText).at(-1)).toBe('课程完成！按 Esc 返回菜单');
  });

  it('keeps unmet goals whole while the step is open', () => {
    const open = { ...view, complete: false, why: null, goals: [{ label: 'goal one', met: false }, { label: 'goal two', met: true }] };
    const rows = stepLines(open, 40, strings('en'), 8).map(lineText);
    expect(rows).toContain('○ goal one');
    expect(rows).toContain('✓ goal two');
    expect(rows.some((r) => r.startsWith('Step complete'))).toBe(false);
  });

  it('keeps three rows of narrative before the goals; when they do not fit beside it, they fold into one row of marks naming F6', () => {
    const goals = ['one', 'two', 'three', 'four'].map((g, i) => ({ label: `goal ${g} is a long goal that wraps in a narrow pane`, met: i === 0 }));
    const rows = stepLines({ ...view, complete: false, why: null, goals }, 38, strings('en'), 9).map(lineText);
    expect(rows).toHaveLength(9);
    expect(rows.slice(1, 4).every((r) => r.startsWith('Line') || r === '' || r.startsWith('…'))).toBe(true);
    expect(rows).toContain('✓○○○ 1/4 goals met · F6 lists them');
  });
});

describe('ui state', () => {
  it('caps the scrollback', () => {
    let s = initialUiState('en');
    s = uiReducer(s, { type: 'print', lines: Array.from({ length: OUTPUT_CAP + 10 }, (_, i) => ({ text: String(i), kind: 'reply' as const })) });
    expect(s.output).toHaveLength(OUTPUT_CAP);
    expect(s.output[0].text).toBe('10');
  });

  it('cycles the speed 1×, 2×, 4×, 8×', () => {
    let s = initialUiState('en');
    const seen = [];
    for (let i = 0; i < 4; i++) {
      s = uiReducer(s, { type: 'faster' });
      seen.push(s.speed);
    }
    expect(seen).toEqual([2, 4, 8, 1]);
  });
});

describe('Chinese line breaking', () => {
  it('never starts a line with closing punctuation such as ， 。 or ）', () => {
    const rows = renderMarkdown('只剩一个合格从库，于是主库拒绝这次写入（而不是接受）。好的。', 11);
    for (const r of rows) expect(lineText(r)).not.toMatch(/^[，。）]/);
    expect(rows.map(lineText).join('')).toBe('只剩一个合格从库，于是主库拒绝这次写入（而不是接受）。好的。');
  });
});

describe('the scheduler\'s labels in Chinese', () => {
  it('translates the labels the engine makes and shows others by their kind', () => {
    const zh = strings('zh');
    expect(zh.eventLabel({ kind: 'deliver', from: 6380, to: 6381 } as EventLabel)).toBe('投递 6380→6381 的数据');
    expect(zh.eventLabel({ kind: 'bgsaveEnds', port: 6380 } as EventLabel)).toBe('6380 BGSAVE 结束');
    expect(zh.eventLabel({ kind: 'rdbChunk', from: 6380, to: 6381 } as EventLabel)).toBe('RDB 分块 6380→6381');
    expect(zh.eventLabel({ kind: 'something' })).toBe('something');
    expect(strings('en').eventLabel({ kind: 'deliver', from: 6380, to: 6381 } as EventLabel)).toBe('deliver 6380→6381');
  });
});

describe('key sheet words', () => {
  it('the input line’s "any typed text" row is a word in the learner’s language; key names stay the keyboard’s', async () => {
    const { keySheetRows } = await import('../../src/ui/key-sheet.js');
    const zh = keySheetRows(strings('zh')).map(lineText);
    expect(zh.some((r) => /^ {2}文字 /.test(r))).toBe(true);
    expect(zh.some((r) => /^ {2}text /.test(r))).toBe(false);
    expect(zh.some((r) => /^ {2}Enter /.test(r))).toBe(true);
    expect(keySheetRows(strings('en')).map(lineText).some((r) => /^ {2}text /.test(r))).toBe(true);
  });
});
