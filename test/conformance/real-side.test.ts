import { describe, expect, it } from 'vitest';
import { parseInfo } from '../../conformance/real-cluster.js';
import { parseDuration } from '../../conformance/real-session.js';

describe('parseDuration (the :run argument on the real side)', () => {
  it('reads seconds, milliseconds and minutes', () => {
    expect(parseDuration('11s')).toBe(11_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('3')).toBe(3000);
  });

  it('rejects anything else', () => {
    expect(parseDuration('soon')).toBeNull();
    expect(parseDuration('-1s')).toBeNull();
  });
});

describe('parseInfo (what the settle loop reads)', () => {
  it('maps INFO fields, CRLF line ends and slaveN lines included', () => {
    const info = parseInfo(
      '# Replication\r\nrole:master\r\nconnected_slaves:1\r\nslave0:ip=127.0.0.1,port=6381,state=online,offset=93,lag=0\r\nmaster_repl_offset:93\r\n',
    );
    expect(info.get('role')).toBe('master');
    expect(info.get('slave0')).toBe('ip=127.0.0.1,port=6381,state=online,offset=93,lag=0');
    expect(info.get('master_repl_offset')).toBe('93');
    expect(info.has('# Replication')).toBe(false);
  });
});
