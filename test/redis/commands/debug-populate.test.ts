// DEBUG POPULATE as debug.c does it: N keys `key:i` → `value:i`, existing keys kept, expired ones made anew.
import { describe, expect, it } from 'vitest';
import { cmd, worldWith } from '../../helpers/world.js';

const bulk = (value: string) => ({ kind: 'bulk', value });

describe('DEBUG POPULATE', () => {
  it('creates key:0…key:N-1 holding value:0…, and leaves a key that already exists alone', () => {
    const w = worldWith([6380]);
    cmd(w, 6380, 'SET', 'key:1', 'keep');
    expect(cmd(w, 6380, 'DEBUG', 'POPULATE', '3')).toEqual({ kind: 'status', text: 'OK' });
    expect(cmd(w, 6380, 'DBSIZE')).toEqual({ kind: 'integer', value: 3 });
    expect(cmd(w, 6380, 'GET', 'key:0')).toEqual(bulk('value:0'));
    expect(cmd(w, 6380, 'GET', 'key:1')).toEqual(bulk('keep'));
    expect(cmd(w, 6380, 'GET', 'key:2')).toEqual(bulk('value:2'));
  });

  it('makes a key whose TTL has passed anew, as lookupKeyWrite expires it first (checked against redis-server 7.0)', () => {
    const w = worldWith([6380]);
    cmd(w, 6380, 'SET', 'key:0', 'x', 'PX', '1');
    cmd(w, 6380, 'SET', 'key:1', 'live', 'PX', '100000');
    w.runFor(50);
    cmd(w, 6380, 'DEBUG', 'POPULATE', '2');
    expect(cmd(w, 6380, 'GET', 'key:0')).toEqual(bulk('value:0'));
    expect(cmd(w, 6380, 'PTTL', 'key:0')).toEqual({ kind: 'integer', value: -1 });
    expect(cmd(w, 6380, 'GET', 'key:1')).toEqual(bulk('live'));
  });

  it('is refused with enable-debug-command no, in 7.0\'s words (the tutor\'s default is local)', () => {
    const w = worldWith([]);
    w.startServer({ flags: [['port', '6390'], ['enable-debug-command', 'no']] });
    expect(cmd(w, 6390, 'DEBUG', 'POPULATE', '1')).toEqual({
      kind: 'error',
      text: 'ERR DEBUG command not allowed. If the enable-debug-command option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.',
    });
    expect(cmd(w, 6390, 'DBSIZE')).toEqual({ kind: 'integer', value: 0 });
  });
});
