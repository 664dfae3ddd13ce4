import { describe, expect, it } from 'vitest';
import { KeyDecoder, decodeKeys, key, type KeyPress } from '../../src/ui/key-press.js';

/** A key press written short: 'up', 'C-up', 'M-x', 'S-tab', 'text:abc', 'C-a' … */
function k(spec: string): KeyPress {
  if (spec.startsWith('text:')) return key('char', { text: spec.slice(5), shift: /^[A-Z]$/.test(spec.slice(5)) });
  const parts = spec.split('-');
  let name = parts.pop()!;
  const mods = { ctrl: parts.includes('C'), meta: parts.includes('M'), shift: parts.includes('S') };
  if (name === '') name = '-';
  if (name.length === 1 || name === 'space') {
    return key('char', { ...mods, text: name === 'space' ? ' ' : name, shift: mods.shift || /^[A-Z]$/.test(name) });
  }
  return key(name as KeyPress['name'], mods);
}

const keys = (...specs: string[]) => specs.map(k);

describe('decodeKeys — single keys', () => {
  const table: [string, string, string[]][] = [
    ['Enter (CR)', '\r', ['return']],
    ['Ctrl+J (LF)', '\n', ['return']],
    ['Tab', '\t', ['tab']],
    ['Shift+Tab', '\x1b[Z', ['S-tab']],
    ['Backspace (DEL)', '\x7f', ['backspace']],
    ['Backspace (Ctrl+H)', '\b', ['backspace']],
    ['Escape alone', '\x1b', ['escape']],
    ['Delete', '\x1b[3~', ['delete']],
    ['Insert', '\x1b[2~', ['insert']],
    ['Ctrl+Delete', '\x1b[3;5~', ['C-delete']],
    ['PgUp', '\x1b[5~', ['pageUp']],
    ['PgDn', '\x1b[6~', ['pageDown']],
    ['Shift+PgUp', '\x1b[5;2~', ['S-pageUp']],
    ['up (CSI)', '\x1b[A', ['up']],
    ['down (CSI)', '\x1b[B', ['down']],
    ['right (CSI)', '\x1b[C', ['right']],
    ['left (CSI)', '\x1b[D', ['left']],
    ['up (SS3, application mode)', '\x1bOA', ['up']],
    ['left (SS3)', '\x1bOD', ['left']],
    ['Ctrl+right (xterm)', '\x1b[1;5C', ['C-right']],
    ['Alt+left (xterm)', '\x1b[1;3D', ['M-left']],
    ['Shift+up (xterm)', '\x1b[1;2A', ['S-up']],
    ['Ctrl+Alt+Shift+up (;8)', '\x1b[1;8A', ['C-M-S-up']],
    ['Shift+up (rxvt)', '\x1b[a', ['S-up']],
    ['Ctrl+up (rxvt)', '\x1bOa', ['C-up']],
    ['Alt+up (ESC ESC [A)', '\x1b\x1b[A', ['M-up']],
    ['Home (xterm CSI H)', '\x1b[H', ['home']],
    ['End (xterm CSI F)', '\x1b[F', ['end']],
    ['Home (SS3 H)', '\x1bOH', ['home']],
    ['End (SS3 F)', '\x1bOF', ['end']],
    ['Home (VT220 1~)', '\x1b[1~', ['home']],
    ['End (VT220 4~)', '\x1b[4~', ['end']],
    ['Home (rxvt 7~)', '\x1b[7~', ['home']],
    ['End (rxvt 8~)', '\x1b[8~', ['end']],
    ['Ctrl+Home (rxvt 7^)', '\x1b[7^', ['C-home']],
    ['Shift+End (rxvt 8$)', '\x1b[8$', ['S-end']],
    ['Ctrl+Home (xterm)', '\x1b[1;5H', ['C-home']],
    ['F1 (SS3)', '\x1bOP', ['f1']],
    ['F4 (SS3)', '\x1bOS', ['f4']],
    ['Shift+F1 (xterm)', '\x1b[1;2P', ['S-f1']],
    ['F1 (rxvt 11~)', '\x1b[11~', ['f1']],
    ['F1 (Linux console)', '\x1b[[A', ['f1']],
    ['F5 (Linux console)', '\x1b[[E', ['f5']],
    ['F5', '\x1b[15~', ['f5']],
    ['F6', '\x1b[17~', ['f6']],
    ['F10', '\x1b[21~', ['f10']],
    ['F11', '\x1b[23~', ['f11']],
    ['F12', '\x1b[24~', ['f12']],
    ['Ctrl+F12', '\x1b[24;5~', ['C-f12']],
    ['keypad Enter (SS3 M)', '\x1bOM', ['return']],
    ['Ctrl+A', '\x01', ['C-a']],
    ['Ctrl+D', '\x04', ['C-d']],
    ['Ctrl+W', '\x17', ['C-w']],
    ['Ctrl+Z', '\x1a', ['C-z']],
    ['Ctrl+Space (NUL)', '\x00', ['C-space']],
    ['Ctrl+_', '\x1f', ['C-_']],
    ['Alt+b', '\x1bb', ['M-b']],
    ['Alt+B', '\x1bB', ['M-S-B']],
    ['Alt+Backspace', '\x1b\x7f', ['M-backspace']],
    ['Alt+Enter', '\x1b\r', ['M-return']],
    ['Alt+Ctrl+A', '\x1b\x01', ['C-M-a']],
    ['Alt+Esc (ESC ESC)', '\x1b\x1b', ['M-escape']],
    ['a letter', 'a', ['text:a']],
    ['a capital letter (shift)', 'A', ['text:A']],
    ['a CJK character', '名', ['text:名']],
    ['an astral character (emoji)', '😀', ['text:😀']],
    ['an astral CJK ideograph', '𠀀', ['text:𠀀']],
    ['Alt + a CJK character', '\x1b名', ['M-名']],
    ['focus-in report (means no key)', '\x1b[I', []],
    ['an unknown CSI (means no key)', '\x1b[99~', []],
  ];
  it.each(table)('%s', (_name, input, want) => {
    expect(decodeKeys(input)).toEqual(keys(...want));
  });
});

describe('decodeKeys — a read holding many keys', () => {
  const table: [string, string, string[]][] = [
    ['three Backspaces (tmux send-keys BSpace BSpace BSpace)', '\x7f\x7f\x7f', ['backspace', 'backspace', 'backspace']],
    ['three Backspaces, two arrows, text', '\x7f\x7f\x7f\x1b[D\x1b[Dxy', ['backspace', 'backspace', 'backspace', 'left', 'left', 'text:xy']],
    ['text, Backspace, text', 'ab\x7fc', ['text:ab', 'backspace', 'text:c']],
    ['several ^F', '\x06\x06\x06', ['C-f', 'C-f', 'C-f']],
    ['Delete twice', '\x1b[3~\x1b[3~', ['delete', 'delete']],
    ['text then Enter (send-keys "x" Enter)', 'get k\r', ['text:get k', 'return']],
    ['CR LF is one Enter', 'a\r\nb', ['text:a', 'return', 'text:b']],
    ['a pasted tab is Tab outside bracketed paste', 'a\tb', ['text:a', 'tab', 'text:b']],
    ['text, Escape sequence, text', 'ab\x1b[Acd', ['text:ab', 'up', 'text:cd']],
    ['a run of spaces is one text press', '   ', ['text:   ']],
    ['double-width and astral text stays one run', 'set 名字 张三😀', ['text:set 名字 张三😀']],
    ['ESC then letter is Alt+letter, not Escape + letter', '\x1bx', ['M-x']],
    ['a meta key splits text runs', 'a\x1bbc', ['text:a', 'M-b', 'text:c']],
    ['C1 control characters are dropped', 'a\u0085b', ['text:ab']],
  ];
  it.each(table)('%s', (_name, input, want) => {
    expect(decodeKeys(input)).toEqual(keys(...want));
  });

  it('a paste of 20 lines without bracketed paste is text, return, text, return …', () => {
    const lines = Array.from({ length: 20 }, (_, n) => `set k${n} v${n}`);
    const got = decodeKeys(lines.join('\r') + '\r');
    expect(got).toEqual(lines.flatMap((l) => keys(`text:${l}`, 'return')));
  });
});

describe('bracketed paste', () => {
  it('is text with line breaks as returns, tabs as spaces and no control characters', () => {
    expect(decodeKeys('\x1b[200~set a 1\nget\ta\x07\r\nb\x1b[201~')).toEqual(keys('text:set a 1', 'return', 'text:get a', 'return', 'text:b'));
  });

  it('keeps escape sequences inside the paste as text, not keys', () => {
    expect(decodeKeys('\x1b[200~a\x1b[Ab\x1b[201~')).toEqual(keys('text:a[Ab'));
  });

  it('a paste of 20 lines becomes text, return, text, return …', () => {
    const lines = Array.from({ length: 20 }, (_, n) => `set k${n} v${n}`);
    expect(decodeKeys(`\x1b[200~${lines.join('\n')}\n\x1b[201~`)).toEqual(lines.flatMap((l) => keys(`text:${l}`, 'return')));
  });

  it('spans several reads, even with the end marker cut in two', () => {
    const d = new KeyDecoder();
    expect(d.push('\x1b[200~line one\nline')).toEqual(keys('text:line one', 'return', 'text:line'));
    expect(d.push(' two\x1b[20')).toEqual(keys('text: two'));
    expect(d.push('1~\x7f')).toEqual(keys('backspace'));
  });

  it('Ctrl+C ends a paste whose end marker never comes, and is Ctrl+C', () => {
    const d = new KeyDecoder();
    expect(d.push('\x1b[200~abc')).toEqual(keys('text:abc'));
    expect(d.push('\x03\x7f')).toEqual(keys('C-c', 'backspace'));
  });

  it('keys after the paste are keys again', () => {
    expect(decodeKeys('\x1b[200~x\x1b[201~\x1b[D\x7f')).toEqual(keys('text:x', 'left', 'backspace'));
  });
});

describe('KeyDecoder — a read cut inside a sequence', () => {
  const table: [string, string[], string[]][] = [
    ['ESC [ | A', ['\x1b[', 'A'], ['up']],
    ['ESC [ 1 ; | 5 C', ['\x1b[1;', '5C'], ['C-right']],
    ['ESC [ 3 | ~', ['\x1b[3', '~'], ['delete']],
    ['ESC O | A', ['\x1bO', 'A'], ['up']],
    ['text ESC [ 2 4 | ~ text', ['ab\x1b[24', '~cd'], ['text:ab', 'f12', 'text:cd']],
    ['ESC ESC [ | A', ['\x1b\x1b[', 'A'], ['M-up']],
    ['ESC [ [ | A (Linux F1)', ['\x1b[[', 'A'], ['f1']],
    ['a lone ESC at the end is Escape (Ink waited already)', ['\x1b', '[A'], ['escape', 'text:[A']],
  ];
  it.each(table)('%s', (_name, reads, want) => {
    const d = new KeyDecoder();
    const got = reads.flatMap((r) => d.push(r));
    // Text pushed in separate reads stays separate presses; join adjacent text for the comparison.
    expect(joinText(got)).toEqual(keys(...want));
  });

  it('holds nothing back once a sequence is whole', () => {
    const d = new KeyDecoder();
    expect(d.push('\x1b[')).toEqual([]);
    expect(d.push('B')).toEqual(keys('down'));
    expect(d.flush()).toEqual([]);
  });

  it('flush: a sequence cut off for good is Escape and then the typed keys', () => {
    const d = new KeyDecoder();
    expect(d.push('\x1b[1;')).toEqual([]);
    expect(d.flush()).toEqual(keys('escape', 'text:[1;'));
    expect(decodeKeys('x\x1bO')).toEqual(keys('text:x', 'escape', 'text:O'));
  });
});

function joinText(ps: KeyPress[]): KeyPress[] {
  const out: KeyPress[] = [];
  for (const p of ps) {
    const last = out[out.length - 1];
    if (last && p.name === 'char' && last.name === 'char' && !p.ctrl && !p.meta && !last.ctrl && !last.meta) {
      out[out.length - 1] = { ...last, text: last.text + p.text, shift: false };
    } else out.push(p);
  }
  return out;
}
