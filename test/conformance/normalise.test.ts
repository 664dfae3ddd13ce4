import { describe, expect, it } from 'vitest';
import {
  ReplidNamer,
  filterInfo,
  normaliseTimings,
  normaliseTranscript,
  sortListOutput,
} from '../../conformance/normalise.js';

const ID_A = 'f58249aa0c9d6ac3fc4f5f2c5d9e4b1c2a3b4c5d';
const ID_B = '0f58325447f046e4bed9cac95467860ce4cac9f1';

describe('ReplidNamer', () => {
  it('names replication ids by first appearance and keeps the cleared id', () => {
    const n = new ReplidNamer();
    expect(n.name(`master_replid:${ID_B}`)).toBe('master_replid:<replid-1>');
    expect(n.name(`master_replid:${ID_A}`)).toBe('master_replid:<replid-2>');
    expect(n.name(`master_replid2:${ID_B}`)).toBe('master_replid2:<replid-1>');
    expect(n.name(`master_replid2:${'0'.repeat(40)}`)).toBe(`master_replid2:${'0'.repeat(40)}`);
  });

  it('leaves hex strings of other lengths alone', () => {
    expect(new ReplidNamer().name('"deadbeef"')).toBe('"deadbeef"');
  });
});

describe('normaliseTimings', () => {
  it('hides lag, seconds-ago, link-down seconds, avg_ttl and elapsed time', () => {
    expect(normaliseTimings('slave0:ip=127.0.0.1,port=6381,state=online,offset=93,lag=1')).toBe(
      'slave0:ip=127.0.0.1,port=6381,state=online,offset=93,lag=<n>',
    );
    expect(normaliseTimings('master_last_io_seconds_ago:7')).toBe('master_last_io_seconds_ago:<n>');
    expect(normaliseTimings('master_sync_last_io_seconds_ago:0')).toBe('master_sync_last_io_seconds_ago:<n>');
    expect(normaliseTimings('master_link_down_since_seconds:4')).toBe('master_link_down_since_seconds:<n>');
    expect(normaliseTimings('db0:keys=3,expires=1,avg_ttl=999123')).toBe('db0:keys=3,expires=1,avg_ttl=<n>');
    expect(normaliseTimings('(1.02s)')).toBe('(<elapsed>)');
  });

  it('keeps the -1 sentinels, which mean "no link" rather than a time', () => {
    expect(normaliseTimings('master_last_io_seconds_ago:-1')).toBe('master_last_io_seconds_ago:-1');
    expect(normaliseTimings('master_link_down_since_seconds:-1')).toBe('master_link_down_since_seconds:-1');
    expect(normaliseTimings('master_repl_offset:65')).toBe('master_repl_offset:65');
  });
});

describe('filterInfo', () => {
  const info = [
    '# Server',
    'redis_version:7.0.15',
    'process_id:4598',
    'run_id:1234',
    'tcp_port:6380',
    '',
    '# Stats',
    'total_connections_received:9',
    'sync_full:1',
    'sync_partial_ok:2',
    '',
    '# Replication',
    'role:master',
    'connected_slaves:0',
    '',
    '# Keyspace',
    'db0:keys=1,expires=0,avg_ttl=0',
  ];

  it('keeps replication and keyspace whole, chosen fields elsewhere, and every header', () => {
    expect(filterInfo(info)).toEqual([
      '# Server',
      'redis_version:7.0.15',
      'tcp_port:6380',
      '',
      '# Stats',
      'sync_full:1',
      'sync_partial_ok:2',
      '',
      '# Replication',
      'role:master',
      'connected_slaves:0',
      '',
      '# Keyspace',
      'db0:keys=1,expires=0,avg_ttl=0',
    ]);
  });

  it('drops fields a scenario asks to ignore', () => {
    expect(filterInfo(['# Replication', 'repl_backlog_histlen:17000', 'role:master'], new Set(['repl_backlog_histlen']))).toEqual([
      '# Replication',
      'role:master',
    ]);
  });
});

describe('sortListOutput', () => {
  it('sorts a flat list and renumbers it with the same index width', () => {
    const lines = [' 1) "k9"', ' 2) "k10"', ' 3) "a"', ' 4) "b"', ' 5) "c"', ' 6) "d"', ' 7) "e"', ' 8) "f"', ' 9) "g"', '10) "h"'];
    expect(sortListOutput(lines)).toEqual([' 1) "a"', ' 2) "b"', ' 3) "c"', ' 4) "d"', ' 5) "e"', ' 6) "f"', ' 7) "g"', ' 8) "h"', ' 9) "k10"', '10) "k9"']);
  });

  it('keeps field/value pairs together for HGETALL', () => {
    expect(sortListOutput(['1) "n"', '2) "5"', '3) "f1"', '4) "v1"'], true)).toEqual(['1) "f1"', '2) "v1"', '3) "n"', '4) "5"']);
  });

  it('leaves anything that is not a flat list unchanged', () => {
    expect(sortListOutput(['(empty array)'])).toEqual(['(empty array)']);
    const nested = ['1) 1) "a"', '   2) "b"'];
    expect(sortListOutput(nested)).toEqual(nested);
  });
});

describe('normaliseTranscript', () => {
  it('drops the output of shell-only and tutor lines but keeps their echo', () => {
    const out = normaliseTranscript([
      { prompt: '$ ', line: 'netstat -tlnp | grep 638', output: ['tcp 0 0 0.0.0.0:6380 …'] },
      { prompt: '$ ', line: ':kill 6380', output: ['killed 6380'] },
      { prompt: '$ ', line: 'redis-server /data/6380/redis.conf', output: ['unexpected text'] },
    ]);
    expect(out.map((s) => s.output)).toEqual([[], [], ['unexpected text']]);
  });

  it('sorts KEYS and SMEMBERS replies, at a prompt and in a one-shot redis-cli', () => {
    const out = normaliseTranscript([
      { prompt: '127.0.0.1:6381> ', line: 'keys *', output: ['1) "b"', '2) "a"'] },
      { prompt: '$ ', line: 'redis-cli -p 6381 smembers s', output: ['1) "y"', '2) "x"'] },
      { prompt: '127.0.0.1:6381> ', line: 'lrange l 0 -1', output: ['1) "b"', '2) "a"'] },
    ]);
    expect(out.map((s) => s.output)).toEqual([
      ['1) "a"', '2) "b"'],
      ['1) "x"', '2) "y"'],
      ['1) "b"', '2) "a"'],
    ]);
  });

  it('shows a positive TTL as <ttl> but keeps -1 and -2', () => {
    const out = normaliseTranscript([
      { prompt: '127.0.0.1:6381> ', line: 'ttl a', output: ['(integer) 998'] },
      { prompt: '127.0.0.1:6381> ', line: 'ttl b', output: ['(integer) -1'] },
      { prompt: '127.0.0.1:6381> ', line: 'pttl c', output: ['(integer) -2'] },
    ]);
    expect(out.map((s) => s.output)).toEqual([['(integer) <ttl>'], ['(integer) -1'], ['(integer) -2']]);
  });

  it('numbers replication ids per transcript, so equal structure gives equal text', () => {
    const side = (first: string, second: string) =>
      normaliseTranscript([
        { prompt: '$ ', line: 'redis-cli -p 6380 info replication', output: ['# Replication', `master_replid:${first}`] },
        { prompt: '$ ', line: 'redis-cli -p 6381 info replication', output: ['# Replication', `master_replid:${second}`, `master_replid2:${first}`] },
      ]);
    expect(side(ID_A, ID_B)).toEqual(side(ID_B, ID_A));
    expect(side(ID_A, ID_B)).not.toEqual(side(ID_A, ID_A));
  });
});

describe('normaliseTranscript — CONFIG GET', () => {
  it('sorts the name/value pairs of CONFIG GET, which Redis returns in dict order', () => {
    const out = normaliseTranscript([
      {
        prompt: '127.0.0.1:6380> ',
        line: 'config get min-replicas-*',
        output: ['1) "min-replicas-to-write"', '2) "1"', '3) "min-replicas-max-lag"', '4) "2"'],
      },
    ]);
    expect(out[0].output).toEqual(['1) "min-replicas-max-lag"', '2) "2"', '3) "min-replicas-to-write"', '4) "1"']);
  });
});
