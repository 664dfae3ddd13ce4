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
});
