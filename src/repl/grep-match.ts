/**
 * grep's pattern matching in linear time: POSIX basic (default) and extended (`-E`) regular
 * expressions, compiled to a Thompson NFA and run as a set of states over the line, so no pattern
 * backtracks (`( +)+x` on a long line costs what `x` costs). Back-references, which no automaton
 * can match, are read as the digit they escape.
 */

/** A compiled pattern: does it match somewhere in a line? */
export type LineMatcher = (line: string) => boolean;

/** The NFA would grow past this many states (a{1000}{1000}): the pattern is refused, as GNU grep does. */
const MAX_STATES = 100_000;
/** RE_DUP_MAX in glibc: the largest count inside {n,m}. */
const DUP_MAX = 32_767;

export class GrepPatternError extends Error {}

// ---------------------------------------------------------------------------------------------
// Syntax tree

type Node =
  | { k: 'char'; test: (c: string) => boolean }
  | { k: 'bol' }
  | { k: 'eol' }
  | { k: 'cat'; items: Node[] }
  | { k: 'alt'; items: Node[] }
  | { k: 'rep'; node: Node; min: number; max: number }; // max -1: unbounded

const EMPTY: Node = { k: 'cat', items: [] };

const CLASSES: Record<string, (c: string) => boolean> = {
  alpha: (c) => /[A-Za-z]/.test(c),
  digit: (c) => c >= '0' && c <= '9',
  alnum: (c) => /[A-Za-z0-9]/.test(c),
  upper: (c) => c >= 'A' && c <= 'Z',
  lower: (c) => c >= 'a' && c <= 'z',
  space: (c) => ' \t\n\r\f\v'.includes(c),
  blank: (c) => c === ' ' || c === '\t',
  punct: (c) => /[!-/:-@[-`{-~]/.test(c),
  xdigit: (c) => /[0-9A-Fa-f]/.test(c),
  print: (c) => c >= ' ' && c !== '\x7f',
  graph: (c) => c > ' ' && c !== '\x7f',
  cntrl: (c) => c < ' ' || c === '\x7f',
};

class Parser {
  private i = 0;
  constructor(
    private readonly p: string,
    private readonly extended: boolean,
    private readonly fold: (c: string) => string,
  ) {}

  parse(): Node {
    const n = this.alternation(0);
    if (this.i < this.p.length) throw new GrepPatternError(this.extended ? 'Unmatched ) or \\)' : 'Unmatched ) or \\)');
    return n;
  }

  private peekOp(): string | null {
    const p = this.p;
    if (this.i >= p.length) return null;
    if (this.extended) return '|()*+?{'.includes(p[this.i]) ? p[this.i] : null;
    if (p[this.i] === '*') return '*';
    if (p[this.i] === '\\' && this.i + 1 < p.length && '|()+?{'.includes(p[this.i + 1])) return p[this.i + 1];
    return null;
  }

  private eatOp(op: string): void {
    this.i += this.extended || op === '*' ? 1 : 2;
  }

  private alternation(depth: number): Node {
    const items = [this.concat(depth)];
    while (this.peekOp() === '|') {
      this.eatOp('|');
      items.push(this.concat(depth));
    }
    return items.length === 1 ? items[0] : { k: 'alt', items };
  }

  private concat(depth: number): Node {
    const items: Node[] = [];
    const start = this.i;
    for (;;) {
      const op = this.peekOp();
      if (this.i >= this.p.length || op === '|' || (op === ')' && depth > 0)) break;
      if (op === ')' && depth === 0) {
        // An unmatched ')' is an ordinary character in ERE.
        if (this.extended) {
          this.i++;
          items.push(this.literal(')'));
          continue;
        }
        throw new GrepPatternError('Unmatched ) or \\)');
      }
      let atom: Node;
      // A leading '*' (or one after '(' or '|') is literal in BRE.
      if (op === '*' && this.i === start && !this.extended) {
        this.i++;
        atom = this.literal('*');
      } else if (op !== null && '*+?{'.includes(op)) {
        if (!this.extended || this.i !== start) throw new GrepPatternError('Invalid preceding regular expression');
        this.eatOp(op);
        // ERE: GNU grep lets a leading repetition operator repeat nothing (a warning, then a match).
        if (op === '{') this.repetitionCount();
        continue;
      } else atom = this.atom(depth, this.i === start);
      items.push(this.repetitions(atom));
    }
    return items.length === 1 ? items[0] : { k: 'cat', items };
  }

  private repetitions(atom: Node): Node {
    for (;;) {
      const op = this.peekOp();
      if (op === '*') {
        this.eatOp(op);
        atom = { k: 'rep', node: atom, min: 0, max: -1 };
      } else if (op === '+') {
        this.eatOp(op);
        atom = { k: 'rep', node: atom, min: 1, max: -1 };
      } else if (op === '?') {
        this.eatOp(op);
        atom = { k: 'rep', node: atom, min: 0, max: 1 };
      } else if (op === '{') {
        this.eatOp(op);
        const { min, max } = this.repetitionCount();
        atom = { k: 'rep', node: atom, min, max };
      } else return atom;
    }
  }

  /** The `n,m}` after `{` (`\\}` in BRE). */
  private repetitionCount(): { min: number; max: number } {
    const m = (this.extended ? /^(\d*)(,(\d*))?\}/ : /^(\d*)(,(\d*))?\\\}/).exec(this.p.slice(this.i));
    if (!m || (m[1] === '' && m[2] === undefined)) throw new GrepPatternError('Invalid content of \\{\\}');
    const min = m[1] === '' ? 0 : Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
    if (min > DUP_MAX || max > DUP_MAX) throw new GrepPatternError('Regular expression too big');
    if (max !== -1 && max < min) throw new GrepPatternError('Invalid content of \\{\\}');
    this.i += m[0].length;
    return { min, max };
  }

  private literal(ch: string): Node {
    const f = this.fold(ch);
    return { k: 'char', test: (c) => this.fold(c) === f };
  }

  private atom(depth: number, first: boolean): Node {
    const p = this.p;
    const op = this.peekOp();
    if (op === '(') {
      this.eatOp('(');
      const inner = this.alternation(depth + 1);
      if (this.peekOp() !== ')') throw new GrepPatternError('Unmatched ( or \\(');
      this.eatOp(')');
      return inner;
    }
    const c = p[this.i];
    if (c === '\\') {
      if (this.i + 1 >= p.length) throw new GrepPatternError('Trailing backslash');
      const e = p[this.i + 1];
      this.i += 2;
      if (e === 'w') return { k: 'char', test: (x) => /[A-Za-z0-9_]/.test(x) };
      if (e === 'W') return { k: 'char', test: (x) => !/[A-Za-z0-9_]/.test(x) };
      if (e === 's') return { k: 'char', test: CLASSES.space };
      if (e === 'S') return { k: 'char', test: (x) => !CLASSES.space(x) };
      return this.literal(e);
    }
    this.i++;
    if (c === '.') return { k: 'char', test: () => true };
    if (c === '^' && (this.extended || first)) return { k: 'bol' };
    if (c === '$' && (this.extended || this.atEndOfBranch())) return { k: 'eol' };
    if (c === '[') return this.bracket();
    return this.literal(c);
  }

  /** In BRE, '$' anchors only at the end of the pattern or of a group or branch. */
  private atEndOfBranch(): boolean {
    const rest = this.p.slice(this.i);
    return rest === '' || rest.startsWith('\\)') || rest.startsWith('\\|');
  }

  private bracket(): Node {
    const p = this.p;
    let negate = false;
    if (p[this.i] === '^') {
      negate = true;
      this.i++;
    }
    const tests: Array<(c: string) => boolean> = [];
    const start = this.i;
    let firstItem = true;
    for (;;) {
      if (this.i >= p.length) throw new GrepPatternError(this.i === start ? 'Invalid regular expression' : 'Unmatched [, [^, [:, [., or [=');
      const c = p[this.i];
      if (c === ']' && !firstItem) {
        this.i++;
        break;
      }
      firstItem = false;
      if (c === '[' && p[this.i + 1] === ':') {
        const end = p.indexOf(':]', this.i + 2);
        const name = end < 0 ? '' : p.slice(this.i + 2, end);
        const cls = CLASSES[name];
        if (!cls) throw new GrepPatternError('Invalid character class name');
        tests.push(cls);
        this.i = end + 2;
        continue;
      }
      if (p[this.i + 1] === '-' && p[this.i + 2] !== undefined && p[this.i + 2] !== ']') {
        const lo = c;
        const hi = p[this.i + 2];
        if (hi < lo) throw new GrepPatternError('Invalid range end');
        const inRange = (x: string) => x >= lo && x <= hi;
        const ignoreCase = this.fold('A') === 'a';
        tests.push((x) => inRange(x) || (ignoreCase && (inRange(x.toLowerCase()) || inRange(x.toUpperCase()))));
        this.i += 3;
        continue;
      }
      const f = this.fold(c);
      tests.push((x) => this.fold(x) === f);
      this.i++;
    }
    return { k: 'char', test: (x) => tests.some((t) => t(x)) !== negate };
  }
}

// ---------------------------------------------------------------------------------------------
// Thompson NFA

type State =
  | { k: 'char'; test: (c: string) => boolean; out: number }
  | { k: 'split'; out: number; out2: number }
  | { k: 'bol'; out: number }
  | { k: 'eol'; out: number }
  | { k: 'match' };

class Builder {
  readonly states: State[] = [];

  private add(s: State): number {
    if (this.states.length >= MAX_STATES) throw new GrepPatternError('Regular expression too big');
    this.states.push(s);
    return this.states.length - 1;
  }

  /** Build `n` so that it continues to state `next`; returns its entry state. */
  build(n: Node, next: number): number {
    switch (n.k) {
      case 'char':
        return this.add({ k: 'char', test: n.test, out: next });
      case 'bol':
        return this.add({ k: 'bol', out: next });
      case 'eol':
        return this.add({ k: 'eol', out: next });
      case 'cat': {
        let entry = next;
        for (let i = n.items.length - 1; i >= 0; i--) entry = this.build(n.items[i], entry);
        return entry;
      }
      case 'alt': {
        let entry = this.build(n.items[n.items.length - 1], next);
        for (let i = n.items.length - 2; i >= 0; i--) entry = this.add({ k: 'split', out: this.build(n.items[i], next), out2: entry });
        return entry;
      }
      case 'rep': {
        // The optional tail first (built backwards), then `min` mandatory copies.
        let entry = next;
        if (n.max === -1) {
          const loop = this.add({ k: 'split', out: -1, out2: next });
          const body = this.build(n.node, loop);
          (this.states[loop] as { out: number }).out = body;
          entry = loop;
        } else {
          for (let i = n.min; i < n.max; i++) entry = this.add({ k: 'split', out: this.build(n.node, entry), out2: next });
        }
        for (let i = 0; i < n.min; i++) entry = this.build(n.node, entry);
        return entry;
      }
    }
  }
}

/**
 * Compile a grep pattern (BRE, or ERE when `extended`) into a line matcher. Throws
 * GrepPatternError with GNU grep's wording for a malformed pattern.
 */
export function compileGrepPattern(pattern: string, opts: { extended: boolean; ignoreCase: boolean }): LineMatcher {
  const fold = opts.ignoreCase ? (c: string) => c.toLowerCase() : (c: string) => c;
  const tree = pattern === '' ? EMPTY : new Parser(pattern, opts.extended, fold).parse();
  const b = new Builder();
  const match = b.states.length;
  b.states.push({ k: 'match' });
  const start = b.build(tree, match);
  const states = b.states;
  const n = states.length;
  // Two state lists and a generation mark per state: each state is added at most once per position.
  let mark = new Int32Array(n).fill(-1);
  let gen = 0;
  return (line: string): boolean => {
    if (mark.length !== n) mark = new Int32Array(n).fill(-1);
    let current: number[] = [];
    let next: number[] = [];
    const stack: number[] = [];
    /** Add `s` and everything reachable from it without reading a character, at position `pos`. */
    const addState = (list: number[], s0: number, pos: number): boolean => {
      stack.push(s0);
      while (stack.length > 0) {
        const s = stack.pop()!;
        if (mark[s] === gen) continue;
        mark[s] = gen;
        const st = states[s];
        switch (st.k) {
          case 'match':
            stack.length = 0;
            return true;
          case 'split':
            stack.push(st.out2, st.out);
            break;
          case 'bol':
            if (pos === 0) stack.push(st.out);
            break;
          case 'eol':
            if (pos === line.length) stack.push(st.out);
            break;
          case 'char':
            list.push(s);
            break;
        }
      }
      return false;
    };
    gen++;
    for (let pos = 0; ; pos++) {
      // grep finds a match anywhere: a new attempt starts at every position (current's generation).
      if (addState(current, start, pos)) return true;
      if (pos === line.length) return false;
      const c = line[pos];
      gen++;
      for (const s of current) {
        const st = states[s] as { k: 'char'; test: (c: string) => boolean; out: number };
        if (st.test(c) && addState(next, st.out, pos + 1)) return true;
      }
      const t = current;
      current = next;
      next = t;
      next.length = 0;
    }
  };
}
