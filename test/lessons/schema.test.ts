// The lesson file schema: valid files parse, broken ones name the file, the line and the problem.
import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../src/lessons/schema.js';

const GOOD = `id: tiny
order: 1
title: {en: Tiny, zh: 小}
summary: {en: A tiny lesson, zh: 一个小课程}
steps:
  - id: first
    text:
      en: Make 6381 a replica.
      zh: 让 6381 成为从库。
    setup:
      - redis-server /data/6380/redis.conf
    goals:
      - type: replica-of
        replica: 6381
        master: 6380
      - type: trace
        event: buffer.append
        where: {replica: 6381}
        count: 2
    hints:
      en: [Use slaveof.]
      zh: [使用 slaveof。]
    solution:
      - slaveof 127.0.0.1 6380
    why: {en: Because., zh: 因为。}
`;

describe('lesson schema', () => {
  it('accepts a complete lesson and keeps its fields', () => {
    const r = parseLesson('tiny.yaml', GOOD);
    expect(r.errors).toEqual([]);
    expect(r.lesson!.id).toBe('tiny');
    expect(r.lesson!.kind).toBe('lesson');
    expect(r.lesson!.steps[0].goals).toHaveLength(2);
    expect(r.lesson!.steps[0].setup).toEqual(['redis-server /data/6380/redis.conf']);
  });

  it('bad YAML — names the line of the syntax error', () => {
    const r = parseLesson('bad.yaml', 'id: x\norder: 1\ntitle: {en: a, zh: b\nsteps: []\n');
    expect(r.lesson).toBeUndefined();
    expect(r.errors[0].file).toBe('bad.yaml');
    expect(r.errors[0].line).toBeGreaterThanOrEqual(3);
    expect(r.errors[0].message).toMatch(/YAML syntax/);
  });

  it('unknown goal type — points at the type line and lists the known ones', () => {
    const r = parseLesson('g.yaml', GOOD.replace('type: replica-of', 'type: replica-off'));
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: 'g.yaml', line: 13, path: 'steps[0].goals[0].type' });
    expect(r.errors[0].message).toMatch(/unknown goal type "replica-off".*replica-of/);
  });

  it('missing Chinese text — names the field and its line', () => {
    const r = parseLesson('t.yaml', GOOD.replace('      zh: 让 6381 成为从库。\n', ''));
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ line: 8, path: 'steps[0].text' });
    expect(r.errors[0].message).toBe('missing Chinese (zh) text for step text');
  });

  it('bad port — says which value is wrong', () => {
    const r = parseLesson('p.yaml', GOOD.replace('replica: 6381\n        master', 'replica: 70000\n        master'));
    expect(r.errors[0]).toMatchObject({ line: 14, path: 'steps[0].goals[0].replica' });
    expect(r.errors[0].message).toMatch(/bad port 70000/);
  });

  it('unknown trace event and unknown fields are reported', () => {
    const r = parseLesson('e.yaml', GOOD.replace('event: buffer.append', 'event: buffer.appended').replace('    why:', '    wyh:'));
    const messages = r.errors.map((e) => e.message).join('\n');
    expect(messages).toMatch(/unknown trace event "buffer.appended"/);
    expect(messages).toMatch(/unknown field "wyh" in a step/);
  });

  it('hints must come in both languages, equally many', () => {
    const r = parseLesson('h.yaml', GOOD.replace('zh: [使用 slaveof。]', 'zh: [使用 slaveof。, 再试一次。]'));
    expect(r.errors[0].message).toBe('en has 1 hints but zh has 2');
    expect(r.errors[0].path).toBe('steps[0].hints');
  });

  it('a goal missing a required parameter, or with conflicting ones', () => {
    const r = parseLesson('m.yaml', GOOD.replace('        master: 6380\n', ''));
    expect(r.errors[0].message).toBe('replica-of goal needs master');
    const k = parseLesson('k.yaml', GOOD.replace('type: replica-of\n        replica: 6381\n        master: 6380', 'type: key\n        port: 6381\n        key: a\n        value: 1\n        exists: false'));
    expect(k.errors[0].message).toMatch(/must not exist cannot have a value/);
  });

  it('config goals check the name and value against the config table', () => {
    const r = parseLesson('c.yaml', GOOD.replace('type: replica-of\n        replica: 6381\n        master: 6380', 'type: config\n        port: 6380\n        name: min-slaves-to-wrte\n        value: 1'));
    expect(r.errors[0].message).toMatch(/unknown config name "min-slaves-to-wrte"/);
  });

  it('duplicate step ids and bad ids are errors', () => {
    const two = GOOD + GOOD.slice(GOOD.indexOf('  - id: first'));
    const r = parseLesson('d.yaml', two);
    expect(r.errors.map((e) => e.message)).toContain('duplicate step id "first" (also steps[0])');
    const bad = parseLesson('i.yaml', GOOD.replace('id: tiny', 'id: Tiny Lesson'));
    expect(bad.errors[0].message).toMatch(/lesson id "Tiny Lesson" must be lowercase/);
  });

  it('a lesson step needs goals and a solution; the sandbox needs neither', () => {
    const noGoals = GOOD.replace(/ {4}goals:[\s\S]*?count: 2\n/, '');
    expect(parseLesson('n.yaml', noGoals).errors[0].message).toBe('a lesson step needs at least one goal');
    const sandbox = `id: sandbox\norder: 99\nkind: sandbox\ntitle: {en: Sandbox, zh: 沙盒}\nsummary: {en: Play, zh: 随便玩}\nsteps:\n  - id: play\n    text: {en: Play., zh: 玩吧。}\n    setup: [redis-server /data/6380/redis.conf]\n`;
    const s = parseLesson('sandbox.yaml', sandbox);
    expect(s.errors).toEqual([]);
    expect(s.lesson!.kind).toBe('sandbox');
  });

  it('JSON lesson files are accepted too', () => {
    const json = JSON.stringify({
      id: 'j', order: 3, title: { en: 'J', zh: '甲' }, summary: { en: 'S', zh: '乙' },
      steps: [{ id: 's', text: { en: 'T', zh: '丙' }, goals: [{ type: 'role', port: 6381, role: 'master' }],
        hints: { en: ['h'], zh: ['提示'] }, solution: ['slaveof no one'], why: { en: 'w', zh: '因' } }],
    });
    expect(parseLesson('j.json', json).errors).toEqual([]);
  });
});
