// OBJECT IDLETIME through a real server: commands refresh a key's access time once the db tracks them.
import { describe, expect, it } from 'vitest';
import { cmd, worldWith } from '../helpers/world.js';

describe('OBJECT IDLETIME on a server', () => {
  it('counts whole seconds since a command last named the key, and GET resets it', () => {
    const w = worldWith([6380]);
    cmd(w, 6380, 'SET', 'k', 'v');
    expect(cmd(w, 6380, 'OBJECT', 'IDLETIME', 'k')).toEqual({ kind: 'integer', value: 0 });
    w.runFor(3000);
    expect(cmd(w, 6380, 'OBJECT', 'IDLETIME', 'k')).toEqual({ kind: 'integer', value: 3 });
    cmd(w, 6380, 'GET', 'k');
    w.runFor(1000);
    expect(cmd(w, 6380, 'OBJECT', 'IDLETIME', 'k')).toEqual({ kind: 'integer', value: 1 });
  });

  it('forgets a deleted key\'s clock: the same name and bytes created again start at 0', () => {
    const w = worldWith([6380]);
    cmd(w, 6380, 'SET', 'key:0', 'value:0');
    expect(cmd(w, 6380, 'OBJECT', 'IDLETIME', 'key:0')).toEqual({ kind: 'integer', value: 0 });
    w.runFor(5000);
    cmd(w, 6380, 'DEL', 'key:0');
    // DEBUG POPULATE names no key, so nothing stamps the new value: only the DEL's cleanup can.
    cmd(w, 6380, 'DEBUG', 'POPULATE', '1');
    expect(cmd(w, 6380, 'OBJECT', 'IDLETIME', 'key:0')).toEqual({ kind: 'integer', value: 0 });
  });

  it('keeps the clocks with the data when SWAPDB exchanges two databases', () => {
    const w = worldWith([6380]);
    cmd(w, 6380, 'SET', 'k', 'v');
    expect(cmd(w, 6380, 'OBJECT', 'IDLETIME', 'k')).toEqual({ kind: 'integer', value: 0 });
    w.runFor(3000);
    cmd(w, 6380, 'SWAPDB', '0', '1');
    expect(cmd(w, 6380, 'EXISTS', 'k')).toEqual({ kind: 'integer', value: 0 });
    cmd(w, 6380, 'SWAPDB', '0', '1');
    expect(cmd(w, 6380, 'OBJECT', 'IDLETIME', 'k')).toEqual({ kind: 'integer', value: 3 });
  });
});
