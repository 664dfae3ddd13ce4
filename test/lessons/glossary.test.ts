import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { describeGoal } from '../../src/lessons/goals.js';
import { defaultLessonsDir, loadLessons } from '../../src/lessons/loader.js';

const ROOT = join(import.meta.dirname, '../..');
const README = readFileSync(join(ROOT, 'lessons/README.md'), 'utf8');

interface Term {
  term: string;
  not: Array<{ shown: string; re: RegExp }>;
}

/**
 * The glossary table of lessons/README.md: each row's term and its "not" column. A variant is
 * text (`主节点`), or `X without Y` (`延迟 without 复制`: 延迟 not preceded by 复制).
 */
function glossary(): Term[] {
  const section = README.slice(README.indexOf('## Glossary'));
  const rows = section.split('\n').filter((l) => /^\| [^-|]/.test(l) && !l.startsWith('| 术语'));
  return rows.map((row) => {
    const cells = row.split('|').slice(1, -1).map((c) => c.trim());
    const not = cells[cells.length - 1] === '—' ? [] : cells[cells.length - 1].split(/,\s*/);
    return {
      term: cells[0],
      not: not.map((shown) => {
        const m = /^(\S+) without (\S+)$/.exec(shown);
        return { shown, re: m ? new RegExp(`(?<!${m[2]})${m[1]}`) : new RegExp(shown) };
      }),
    };
  });
}

const CJK = /[\u3400-\u9fff]/;

/** Every Chinese text the lessons show: titles, summaries, step text, hints, why, goal descriptions. */
function lessonTexts(): Array<{ where: string; text: string }> {
  const { lessons, errors } = loadLessons(defaultLessonsDir());
  expect(errors).toEqual([]);
  const out: Array<{ where: string; text: string }> = [];
  for (const l of lessons) {
    out.push({ where: `${l.file} title`, text: l.title.zh }, { where: `${l.file} summary`, text: l.summary.zh });
    l.steps.forEach((s, i) => {
      const at = `${l.file} step ${i + 1}`;
      out.push({ where: `${at} text`, text: s.text.zh });
      s.hints.zh.forEach((h, j) => out.push({ where: `${at} hint ${j + 1}`, text: h }));
      if (s.why) out.push({ where: `${at} why`, text: s.why.zh });
      s.goals.forEach((g, j) => out.push({ where: `${at} goal ${j + 1}`, text: describeGoal(g, 'zh') }));
    });
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

/** Every string literal in src/ that holds Chinese (a template's `${…}` read as `X`): the app's, the tutor's and the trace's words. */
function sourceTexts(): Array<{ where: string; text: string }> {
  const out: Array<{ where: string; text: string }> = [];
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const src = readFileSync(file, 'utf8');
    if (!CJK.test(src)) continue;
    const sf = ts.createSourceFile(file, src, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      let text: string | undefined;
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
      else if (ts.isTemplateExpression(node)) text = node.head.text + node.templateSpans.map((s) => 'X' + s.literal.text).join('');
      if (text !== undefined && CJK.test(text)) {
        out.push({ where: `${file.slice(ROOT.length + 1)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`, text });
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

/**
 * Half-width punctuation next to Chinese (`下一个:`, `条 (81B)`, `(回车`), or a space before
 * full-width punctuation (`get a ，`). Code spans are Redis's
 * (`a:b`, `(nil)`), `:help` is a command and `按 ? 查看` names a key; a mostly-English text
 * (`Language: English (Enter: 中文)`) keeps English punctuation.
 */
function halfWidthNextToChinese(text: string): string | null {
  const prose = text.replace(/`[^`]*`/g, ' X ').replace(/'[^'\s]*'/g, 'X');
  const cjk = (prose.match(/[\u3400-\u9fff]/g) ?? []).length;
  const latin = (prose.match(/[A-Za-z]/g) ?? []).length;
  if (latin > cjk) return null;
  const m =
    / [，。、：；？！）]/.exec(text.replace(/`[^`]*`/g, 'X')) ??
    /[\u3400-\u9fff](?:[;,?!]|:(?![a-z/]))/.exec(prose) ?? /[\u3400-\u9fff] ?\(/.exec(prose) ?? /[\u3400-\u9fff]\)/.exec(prose) ?? /\( ?[\u3400-\u9fff]/.exec(prose);
  return m ? m[0] : null;
}

describe('the Chinese glossary (lessons/README.md)', () => {
  const terms = glossary();
  const texts = [...lessonTexts(), ...sourceTexts()];

  it('names the terms the lessons are written in', () => {
    expect(terms.map((t) => t.term)).toEqual(
      expect.arrayContaining(['主库 / 从库', '全量同步', '部分重同步', '复制积压缓冲区', '复制偏移量', '命令传播', '复制延迟', '链路时延', '旧数据', '连接']),
    );
    expect(texts.length).toBeGreaterThan(300);
  });

  it('no Chinese text, in the lessons or the program, uses a variant the glossary rules out', () => {
    const found: string[] = [];
    for (const { where, text } of texts) {
      for (const t of terms) for (const v of t.not) if (v.re.test(text)) found.push(`${where}: "${v.shown}" (write ${t.term}) in ${text.slice(0, 80)}`);
    }
    expect(found).toEqual([]);
  });

  it('every variant it rules out is caught where it appears', () => {
    const all = terms.flatMap((t) => t.not);
    expect(all.find((v) => v.shown === '链接')!.re.test('主从链接断开')).toBe(true);
    const lag = all.find((v) => v.shown === '延迟 without 复制')!;
    expect(lag.re.test('最大延迟')).toBe(true);
    expect(lag.re.test('最大复制延迟')).toBe(false);
  });

  it('Chinese is followed by full-width punctuation, with no space before it: 下一个：, 提示 1：, （81B）', () => {
    const found: string[] = [];
    for (const { where, text } of texts) {
      const bad = halfWidthNextToChinese(text);
      if (bad) found.push(`${where}: "${bad}" in ${text.slice(0, 80)}`);
    }
    expect(found).toEqual([]);
    expect(halfWidthNextToChinese('缓冲区 X 条 (XB):')).not.toBeNull();
    expect(halfWidthNextToChinese('试试 :help，或 `get a`')).toBeNull();
    expect(halfWidthNextToChinese('执行 `get a` ，再读一次')).not.toBeNull();
  });
});
