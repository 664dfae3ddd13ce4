/**
 * The lesson file schema: turns the text of one lesson file (YAML, or JSON which is YAML too) into
 * a Lesson, or into errors that name the file, the line and what is wrong.
 */

import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import { TRACE_TYPES } from '../redis/trace-types.js';
import { GOAL_TYPES, type ParamSpec } from './goals.js';
import { LANGUAGES, type Language, type Localized } from '../language.js';
import type { Goal, Lesson, LessonError, LocalizedList, Step } from './types.js';

type Path = Array<string | number>;

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', zh: 'Chinese' };
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const LESSON_KEYS = ['id', 'order', 'kind', 'title', 'summary', 'steps'];
export const STEP_KEYS = ['id', 'text', 'setup', 'mode', 'goals', 'hints', 'solution', 'why', 'dead_end'];

/** `steps[2].goals[0].type` */
export function formatPath(path: Path): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Collects errors while walking the parsed value, mapping each path back to its line. */
class Validator {
  readonly errors: LessonError[] = [];

  constructor(
    private readonly file: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** The line of the value at `path`, or of its nearest ancestor that exists in the file. */
  lineOf(path: Path): number {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, n), true);
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      if (range) return this.lines.linePos(range[0]).line;
    }
    return 0;
  }

  /** The line of the key `key` inside the mapping at `path` (for unknown keys). */
  keyLine(path: Path, key: string): number {
    const map = path.length === 0 ? this.doc.contents : this.doc.getIn(path, true);
    if (isMap(map)) {
      for (const pair of map.items) {
        const k = pair.key as { value?: unknown; range?: [number, number, number] } | null;
        if (k && String(k.value) === key && k.range) return this.lines.linePos(k.range[0]).line;
      }
    }
    return this.lineOf(path);
  }

  error(path: Path, message: string, line = this.lineOf(path)): void {
    this.errors.push({ file: this.file, line, path: formatPath(path), message });
  }

  unknownKeys(value: Record<string, unknown>, path: Path, allowed: readonly string[], what: string): void {
    for (const k of Object.keys(value)) {
      if (!allowed.includes(k))
        this.error([...path, k], `unknown field "${k}" in ${what} (allowed: ${allowed.join(', ')})`, this.keyLine(path, k));
    }
  }

  string(value: unknown, path: Path, what: string): string | undefined {
    if (typeof value === 'string' && value.trim() !== '') return value;
    this.error(path, value === undefined || value === null ? `missing ${what}` : `${what} must be non-empty text`);
    return undefined;
  }

  slug(value: unknown, path: Path, what: string): string | undefined {
    const s = this.string(value, path, what);
    if (s !== undefined && !SLUG.test(s)) {
      this.error(path, `${what} "${s}" must be lowercase words joined by '-' (e.g. full-sync)`);
      return undefined;
    }
    return s;
  }

  localized(value: unknown, path: Path, what: string): Localized | undefined {
    if (!isObject(value)) {
      this.error(path, value === undefined ? `missing ${what}` : `${what} must have en and zh texts`);
      return undefined;
    }
    this.unknownKeys(value, path, LANGUAGES, what);
    const out: Partial<Localized> = {};
    for (const lang of LANGUAGES) {
      const t = value[lang];
      if (typeof t !== 'string' || t.trim() === '') {
        this.error(
          t === undefined ? path : [...path, lang],
          t === undefined
            ? `missing ${LANGUAGE_NAMES[lang]} (${lang}) text for ${what}`
            : `${LANGUAGE_NAMES[lang]} (${lang}) ${what} must be non-empty text`,
        );
      } else out[lang] = t;
    }
    return out.en !== undefined && out.zh !== undefined ? (out as Localized) : undefined;
  }

  lineList(value: unknown, path: Path, what: string): string[] | undefined {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.error(path, `${what} must be a list of lines`);
      return undefined;
    }
    const out: string[] = [];
    value.forEach((line, i) => {
      if (typeof line === 'string' && line.trim() !== '') out.push(line);
      else this.error([...path, i], `${what} line must be non-empty text (quote it if it starts with a special character)`);
    });
    return out.length === value.length ? out : undefined;
  }

  hints(value: unknown, path: Path, required: boolean): LocalizedList | undefined {
    if (value === undefined) {
      if (required) this.error(path, 'missing hints (en and zh lists)');
      return required ? undefined : { en: [], zh: [] };
    }
    if (!isObject(value)) {
      this.error(path, 'hints must have en and zh lists');
      return undefined;
    }
    this.unknownKeys(value, path, LANGUAGES, 'hints');
    const out: Partial<LocalizedList> = {};
    for (const lang of LANGUAGES) {
      const list = value[lang];
      if (list === undefined) {
        this.error(path, `missing ${LANGUAGE_NAMES[lang]} (${lang}) hints`);
        continue;
      }
      const l = this.lineList(list, [...path, lang], `${LANGUAGE_NAMES[lang]} hint`);
      if (l && required && l.length === 0) this.error([...path, lang], `${LANGUAGE_NAMES[lang]} (${lang}) hints are empty`);
      if (l) out[lang] = l;
    }
    if (out.en && out.zh && out.en.length !== out.zh.length)
      this.error(path, `en has ${out.en.length} hints but zh has ${out.zh.length}`);
    return out.en && out.zh ? (out as LocalizedList) : undefined;
  }

  param(name: string, spec: ParamSpec, value: unknown, path: Path): boolean {
    const bad = (msg: string) => {
      this.error(path, msg);
      return false;
    };
    const isPort = (v: unknown) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 65535;
    const kind = spec.kind;
    if (typeof kind === 'object')
      return kind.oneOf.includes(value as string) || bad(`${name} must be one of ${kind.oneOf.join(', ')}, not ${JSON.stringify(value)}`);
    switch (kind) {
      case 'port':
        return isPort(value) || bad(`bad port ${JSON.stringify(value)}: ${name} must be a port number (1–65535)`);
      case 'ports':
        if (!Array.isArray(value) || value.length < 2) return bad(`${name} must list at least two ports`);
        return value.every(isPort) || bad(`bad port in ${name}: ${JSON.stringify(value)}`);
      case 'string':
        return (typeof value === 'string' && value !== '') || typeof value === 'number' || bad(`${name} must be text`);
      case 'boolean':
        return typeof value === 'boolean' || bad(`${name} must be true or false`);
      case 'count':
        return (Number.isInteger(value) && (value as number) >= 0) || bad(`${name} must be a whole number ≥ 0`);
      case 'db':
        return (Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 15) || bad(`${name} must be a database number 0–15`);
      case 'scalar':
        return ['string', 'number', 'boolean'].includes(typeof value) || bad(`${name} must be a single value`);
      case 'trace-type':
        return (
          TRACE_TYPES.includes(value as never) ||
          bad(`unknown trace event ${JSON.stringify(value)} (known: ${TRACE_TYPES.join(', ')})`)
        );
      case 'where':
        if (!isObject(value)) return bad(`${name} must map trace fields to values`);
        for (const [f, v] of Object.entries(value)) {
          const scalar = (x: unknown) => ['string', 'number', 'boolean'].includes(typeof x);
          if (!(scalar(v) || (Array.isArray(v) && v.every(scalar)))) {
            this.error([...path, f], `${name}.${f} must be a value or a list of values`);
            return false;
          }
        }
        return true;
    }
  }

  goal(value: unknown, path: Path): Goal | undefined {
    if (!isObject(value)) {
      this.error(path, 'a goal must be a mapping with a type');
      return undefined;
    }
    const type = value.type;
    if (typeof type !== 'string') {
      this.error(path, 'goal has no type');
      return undefined;
    }
    const spec = GOAL_TYPES[type];
    if (!spec) {
      this.error([...path, 'type'], `unknown goal type "${type}" (known: ${Object.keys(GOAL_TYPES).join(', ')})`);
      return undefined;
    }
    const before = this.errors.length;
    this.unknownKeys(value, path, ['type', 'text', ...Object.keys(spec.params)], `a ${type} goal`);
    for (const [name, p] of Object.entries(spec.params)) {
      if (value[name] === undefined) {
        if (p.required) this.error(path, `${type} goal needs ${name}`);
      } else this.param(name, p, value[name], [...path, name]);
    }
    let text: Localized | undefined;
    if (value.text !== undefined) text = this.localized(value.text, [...path, 'text'], 'goal text');
    if (this.errors.length > before) return undefined;
    const rule = spec.validate?.(value as Goal);
    if (rule) {
      this.error(path, `${type} goal: ${rule}`);
      return undefined;
    }
    return { ...(value as Goal), ...(text ? { text } : {}) };
  }

  step(value: unknown, path: Path, sandbox: boolean): Step | undefined {
    if (!isObject(value)) {
      this.error(path, 'a step must be a mapping');
      return undefined;
    }
    const before = this.errors.length;
    this.unknownKeys(value, path, STEP_KEYS, 'a step');
    const id = this.slug(value.id, [...path, 'id'], 'step id');
    const text = this.localized(value.text, [...path, 'text'], 'step text');
    const setup = this.lineList(value.setup, [...path, 'setup'], 'setup');
    const solution = this.lineList(value.solution, [...path, 'solution'], 'solution');
    if (value.mode !== undefined && value.mode !== 'settled' && value.mode !== 'manual')
      this.error([...path, 'mode'], `mode must be settled or manual, not ${JSON.stringify(value.mode)}`);
    const goals: Goal[] = [];
    if (value.goals !== undefined && !Array.isArray(value.goals)) this.error([...path, 'goals'], 'goals must be a list');
    else (value.goals as unknown[] | undefined)?.forEach((g, i) => {
      const goal = this.goal(g, [...path, 'goals', i]);
      if (goal) goals.push(goal);
    });
    const hints = this.hints(value.hints, [...path, 'hints'], !sandbox);
    const why = value.why === undefined && sandbox ? undefined : this.localized(value.why, [...path, 'why'], 'why');
    const deadEnd = value.dead_end === undefined ? undefined : this.localized(value.dead_end, [...path, 'dead_end'], 'dead_end');
    if (!sandbox) {
      if (value.goals === undefined || (Array.isArray(value.goals) && value.goals.length === 0))
        this.error(path, 'a lesson step needs at least one goal');
      if (solution && solution.length === 0) this.error(path, 'a lesson step needs a solution');
    } else if (goals.length > 0) this.error([...path, 'goals'], 'the sandbox has no goals');
    if (this.errors.length > before) return undefined;
    return {
      id: id!,
      text: text!,
      setup: setup!,
      ...(value.mode !== undefined ? { mode: value.mode as Step['mode'] } : {}),
      goals,
      hints: hints!,
      solution: solution!,
      ...(why ? { why } : {}),
      ...(deadEnd ? { deadEnd } : {}),
    };
  }

  lesson(value: unknown): Omit<Lesson, 'file'> | undefined {
    if (!isObject(value)) {
      this.error([], 'a lesson file must be a mapping with id, order, title, summary and steps');
      return undefined;
    }
    this.unknownKeys(value, [], LESSON_KEYS, 'a lesson');
    const id = this.slug(value.id, ['id'], 'lesson id');
    if (!Number.isInteger(value.order) || (value.order as number) < 0)
      this.error(['order'], value.order === undefined ? 'missing order' : 'order must be a whole number ≥ 0');
    const kind = value.kind ?? 'lesson';
    if (kind !== 'lesson' && kind !== 'sandbox') this.error(['kind'], `kind must be lesson or sandbox, not ${JSON.stringify(kind)}`);
    const title = this.localized(value.title, ['title'], 'title');
    const summary = this.localized(value.summary, ['summary'], 'summary');
    const steps: Step[] = [];
    if (!Array.isArray(value.steps) || value.steps.length === 0) {
      this.error(['steps'], value.steps === undefined ? 'missing steps' : 'steps must be a non-empty list');
    } else {
      const seen = new Map<string, number>();
      value.steps.forEach((s, i) => {
        const step = this.step(s, ['steps', i], kind === 'sandbox');
        if (!step) return;
        if (seen.has(step.id)) this.error(['steps', i, 'id'], `duplicate step id "${step.id}" (also steps[${seen.get(step.id)}])`);
        seen.set(step.id, i);
        steps.push(step);
      });
    }
    if (this.errors.length > 0) return undefined;
    return { id: id!, order: value.order as number, kind: kind as Lesson['kind'], title: title!, summary: summary!, steps };
  }
}

/**
 * Parse and validate one lesson file's text. `file` is the name used in messages.
 * Returns the lesson, or every error found (YAML syntax errors stop before validation).
 */
export function parseLesson(file: string, text: string): { lesson?: Lesson; errors: LessonError[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      errors: doc.errors.map((e) => ({
        file,
        line: e.linePos?.[0]?.line ?? 0,
        path: '',
        message: `YAML syntax: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
      })),
    };
  }
  const v = new Validator(file, doc, lines);
  const lesson = v.lesson(doc.toJS());
  if (!lesson || v.errors.length > 0) return { errors: v.errors };
  return { lesson: { ...lesson, file }, errors: [] };
}
