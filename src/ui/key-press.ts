/**
 * Keys from raw terminal input: every key one stdin read holds, in order, decoded from xterm, VT
 * and rxvt escape sequences, bracketed paste and UTF-8 text into one `KeyPress` type that the
 * app's key bindings and the input line match on.
 *
 * Why our own decoder: Ink's `useInput` parses each chunk it is given as one key, so a read holding
 * several keys that are not escape sequences (tmux's `send-keys BSpace BSpace BSpace` arrives as
 * "\x7f\x7f\x7f", a typed burst as "ab\x7fc") came through as one unrecognised key and was lost.
 */

export type KeyName =
  | 'return'
  | 'escape'
  | 'tab'
  | 'backspace'
  | 'delete'
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'home'
  | 'end'
  | 'pageUp'
  | 'pageDown'
  | 'insert'
  | 'f1'
  | 'f2'
  | 'f3'
  | 'f4'
  | 'f5'
  | 'f6'
  | 'f7'
  | 'f8'
  | 'f9'
  | 'f10'
  | 'f11'
  | 'f12'
  | 'char';

export interface KeyPress {
  name: KeyName;
  ctrl: boolean;
  meta: boolean;
  shift: boolean;
  /**
   * For 'char': the typed text, one run of printable characters (no control characters); for a
   * Ctrl+letter, the lower-case letter. '' for every other key.
   */
  text: string;
}

/** A key press with the modifiers off unless given. */
export function key(name: KeyName, mods: Partial<Omit<KeyPress, 'name'>> = {}): KeyPress {
  return { name, ctrl: false, meta: false, shift: false, text: '', ...mods };
}

const ESC = '\u001B';
const PASTE_END = '\u001B[201~';

/** `CSI n ~` keys (xterm, VT220, rxvt: 7/8 are rxvt's Home/End, 1/4 the VT220 Find/Select keys). */
const TILDE_KEYS: Record<string, KeyName> = {
  '1': 'home',
  '2': 'insert',
  '3': 'delete',
  '4': 'end',
  '5': 'pageUp',
  '6': 'pageDown',
  '7': 'home',
  '8': 'end',
  '11': 'f1',
  '12': 'f2',
  '13': 'f3',
  '14': 'f4',
  '15': 'f5',
  '17': 'f6',
  '18': 'f7',
  '19': 'f8',
  '20': 'f9',
  '21': 'f10',
  '23': 'f11',
  '24': 'f12',
};

/** Final letters of `CSI …X` and `SS3 X` keys. */
const LETTER_KEYS: Record<string, KeyName> = {
  A: 'up',
  B: 'down',
  C: 'right',
  D: 'left',
  H: 'home',
  F: 'end',
  P: 'f1',
  Q: 'f2',
  R: 'f3',
  S: 'f4',
};

/** rxvt's shifted arrows (`CSI a`) and control arrows (`SS3 a`). */
const RXVT_ARROWS: Record<string, KeyName> = { a: 'up', b: 'down', c: 'right', d: 'left' };

/** The Linux console's F1–F5: `CSI [ A` … `CSI [ E`. */
const LINUX_F_KEYS: Record<string, KeyName> = { A: 'f1', B: 'f2', C: 'f3', D: 'f4', E: 'f5' };

/** xterm's modifier parameter (`;2` … `;8`): 1 + shift(1) + alt(2) + ctrl(4). */
function withModifier(p: KeyPress, param: string | undefined): KeyPress {
  const m = Number(param) - 1;
  if (!Number.isInteger(m) || m < 1 || m > 15) return p;
  return { ...p, shift: p.shift || (m & 1) !== 0, meta: p.meta || (m & 2) !== 0, ctrl: p.ctrl || (m & 4) !== 0 };
}

/** A control character as a key (NUL … 0x1f and DEL); null for one with no key meaning. */
function controlKey(c: string): KeyPress | null {
  const code = c.charCodeAt(0);
  if (c === '\r' || c === '\n') return key('return');
  if (c === '\t') return key('tab');
  if (c === '\b' || code === 0x7f) return key('backspace');
  if (code === 0) return key('char', { ctrl: true, text: ' ' });
  if (code >= 1 && code <= 26) return key('char', { ctrl: true, text: String.fromCharCode(code + 96) });
  if (code >= 0x1c && code <= 0x1f) return key('char', { ctrl: true, text: String.fromCharCode(code + 64) });
  return null;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** One decoded step: a key (or none, for a sequence that means nothing here) and where to go on. */
type Step = { press: KeyPress | null; next: number; pasteStart?: true } | 'incomplete';

/**
 * An escape sequence at `i` (s[i] is ESC, and something follows it): CSI, SS3, ESC+ESC+sequence
 * (meta), or ESC+key (meta). 'incomplete' when the chunk ends inside a CSI or SS3 sequence.
 */
function escapeSequence(s: string, i: number): Step {
  const kind = s[i + 1];
  if (kind === '[') return csi(s, i);
  if (kind === 'O') return ss3(s, i);
  if (kind === ESC) {
    // ESC ESC [A — some terminals' Alt+arrow; ESC ESC alone is Alt+Esc.
    if (i + 2 >= s.length) return { press: key('escape', { meta: true }), next: i + 2 };
    if (s[i + 2] === '[' || s[i + 2] === 'O') {
      const inner = escapeSequence(s, i + 1);
      if (inner === 'incomplete') return inner;
      return { press: inner.press && { ...inner.press, meta: true }, next: inner.next };
    }
    return { press: key('escape', { meta: true }), next: i + 2 };
  }
  // ESC + one key: Alt (meta) + that key, as xterm sends it with metaSendsEscape.
  const cp = s.codePointAt(i + 1)!;
  const ch = String.fromCodePoint(cp);
  const next = i + 1 + ch.length;
  if (CONTROL.test(ch)) {
    const k = controlKey(ch);
    return { press: k && { ...k, meta: true }, next };
  }
  return { press: key('char', { meta: true, text: ch, shift: /^[A-Z]$/.test(ch) }), next };
}

/** `ESC [ params final`, with rxvt's `$` `^` `@` endings and the Linux console's `ESC [ [ X`. */
function csi(s: string, i: number): Step {
  let j = i + 2;
  if (s[j] === '[') {
    // Linux console F1–F5.
    if (j + 1 >= s.length) return 'incomplete';
    const name = LINUX_F_KEYS[s[j + 1]];
    return { press: name ? key(name) : null, next: j + 2 };
  }
  while (j < s.length && /[0-9;:<=>?]/.test(s[j])) j++;
  while (j < s.length && s[j] >= ' ' && s[j] <= '/' && s[j] !== '$') j++;
  if (j >= s.length) return 'incomplete';
  const final = s[j];
  const next = j + 1;
  const params = s.slice(i + 2, j);
  if (final < '@' && final !== '$') return { press: null, next: j }; // not a CSI: drop ESC [ and go on
  if (final > '~') return { press: null, next: j };
  const [first, mod] = params.split(';');
  if (final === '~' || final === '$' || final === '^' || final === '@') {
    if (first === '200') return { press: null, next, pasteStart: true };
    if (first === '201') return { press: null, next };
    const name = TILDE_KEYS[first];
    if (!name) return { press: null, next };
    let p = withModifier(key(name), mod);
    // rxvt: `$` shift, `^` ctrl, `@` ctrl+shift.
    if (final === '$' || final === '@') p = { ...p, shift: true };
    if (final === '^' || final === '@') p = { ...p, ctrl: true };
    return { press: p, next };
  }
  if (final === 'Z') return { press: key('tab', { shift: true }), next };
  const rxvt = RXVT_ARROWS[final];
  if (rxvt && params === '') return { press: key(rxvt, { shift: true }), next };
  const name = LETTER_KEYS[final];
  if (!name) return { press: null, next };
  return { press: withModifier(key(name), mod ?? (first && first !== '1' ? first : undefined)), next };
}

/** `ESC O X` (application cursor keys, F1–F4), with an optional modifier digit (`ESC O 5 A`). */
function ss3(s: string, i: number): Step {
  let j = i + 2;
  while (j < s.length && /[0-9]/.test(s[j])) j++;
  if (j >= s.length) return 'incomplete';
  const final = s[j];
  const mod = s.slice(i + 2, j) || undefined;
  const next = j + 1;
  if (final === 'M') return { press: key('return'), next }; // keypad Enter
  const rxvt = RXVT_ARROWS[final];
  if (rxvt) return { press: key(rxvt, { ctrl: true }), next };
  const name = LETTER_KEYS[final];
  return { press: name ? withModifier(key(name), mod) : null, next };
}

/** Text pasted between `ESC[200~` and `ESC[201~`: its lines as text, line breaks as returns. */
function pastedKeys(text: string, out: KeyPress[]): void {
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((line, n) => {
    if (n > 0) out.push(key('return'));
    // A pasted tab is a space (not completion); other control characters mean nothing in a paste.
    // eslint-disable-next-line no-control-regex
    const clean = line.replace(/\t/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
    if (clean) pushText(out, clean);
  });
}

/** Add typed text, joining it to a text press just before it (one press per run of text). */
function pushText(out: KeyPress[], text: string): void {
  const last = out[out.length - 1];
  if (last && last.name === 'char' && !last.ctrl && !last.meta) {
    out[out.length - 1] = { ...last, text: last.text + text, shift: false };
  } else {
    out.push(key('char', { text, shift: /^[A-Z]$/.test(text) }));
  }
}

/**
 * Decodes raw terminal input read by read, keeping what a read cut off: the start of an escape
 * sequence (`ESC [ 1 ;` at the end of one read, `5 A` in the next) and the state of a bracketed
 * paste. A lone ESC at the end of a read is the Escape key: Ink hands over a lone ESC only once
 * it has waited for more and none came.
 */
export class KeyDecoder {
  private carry = '';
  private inPaste = false;

  /** Every key in this read, in order. */
  push(chunk: string): KeyPress[] {
    const s = this.carry + chunk;
    this.carry = '';
    const out: KeyPress[] = [];
    let i = 0;
    while (i < s.length) {
      if (this.inPaste) {
        // Ctrl+C always gets through: a paste whose end marker never comes must not swallow every key.
        const interrupt = s.indexOf('\x03', i);
        if (interrupt >= 0 && (s.indexOf(PASTE_END, i) < 0 || interrupt < s.indexOf(PASTE_END, i))) {
          pastedKeys(s.slice(i, interrupt), out);
          out.push(key('char', { ctrl: true, text: 'c' }));
          this.inPaste = false;
          i = interrupt + 1;
          continue;
        }
        const end = s.indexOf(PASTE_END, i);
        if (end < 0) {
          // Keep a possible start of the end marker for the next read.
          let keep = 0;
          for (let n = Math.min(PASTE_END.length - 1, s.length - i); n > 0; n--) {
            if (PASTE_END.startsWith(s.slice(s.length - n))) {
              keep = n;
              break;
            }
          }
          pastedKeys(s.slice(i, s.length - keep), out);
          this.carry = s.slice(s.length - keep);
          return out;
        }
        pastedKeys(s.slice(i, end), out);
        this.inPaste = false;
        i = end + PASTE_END.length;
        continue;
      }
      const c = s[i];
      if (c === ESC) {
        if (i + 1 >= s.length) {
          out.push(key('escape'));
          i++;
          continue;
        }
        const step = escapeSequence(s, i);
        if (step === 'incomplete') {
          this.carry = s.slice(i);
          return out;
        }
        if (step.pasteStart) this.inPaste = true;
        if (step.press) out.push(step.press);
        i = step.next;
        continue;
      }
      if (CONTROL.test(c)) {
        const k = controlKey(c);
        if (k) out.push(k);
        // CR LF is one Enter (a pasted Windows line end), not two.
        i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
        continue;
      }
      let j = i + 1;
      while (j < s.length && s[j] !== ESC && !CONTROL.test(s[j])) j++;
      pushText(out, s.slice(i, j));
      i = j;
    }
    return out;
  }

  /** The keys a cut-off sequence held back would have been if nothing more comes (end of input). */
  flush(): KeyPress[] {
    const rest = this.carry;
    this.carry = '';
    if (rest === '') return [];
    if (this.inPaste) {
      const out: KeyPress[] = [];
      pastedKeys(rest, out);
      return out;
    }
    // A sequence cut off for good: its ESC was the Escape key, and what followed it typed keys.
    const d = new KeyDecoder();
    return [key('escape'), ...d.push(rest.slice(1)), ...d.flush()];
  }
}

/** Every key one read holds, in order (a read cut off inside a sequence ends as `flush` says). */
export function decodeKeys(chunk: string): KeyPress[] {
  const d = new KeyDecoder();
  return [...d.push(chunk), ...d.flush()];
}

/** The same as `key`: a press by name (tests and the key map's tables read better with it). */
export const press = key;

/** A Ctrl+letter press. */
export const ctrlKey = (letter: string): KeyPress => key('char', { ctrl: true, text: letter });
