import { describe, expect, it } from 'vitest';
import { classifyLine, parseRedisCli, parseTranscript, renderSegments } from '../../conformance/transcript.js';
import { unifiedDiff } from '../../conformance/diff.js';
import { PortMap } from '../../conformance/ports.js';
import { parseScenario } from '../../conformance/scenario.js';

describe('parseTranscript', () => {
  it('cuts a batch transcript at the echoed input lines, whatever the prompt', () => {
    const text = [
      '$ redis-cli -p 6381',
      '127.0.0.1:6381> select 1',
      'OK',
      '127.0.0.1:6381[1]> multi',
      'OK',
      '127.0.0.1:6381[1](TX)> exit',
      '$ redis-cli -p 6399',
      'Could not connect to Redis at 127.0.0.1:6399: Connection refused',
      'not connected> exit',
      '',
    ].join('\n');
    const segs = parseTranscript(text, ['redis-cli -p 6381', 'select 1', 'multi', 'exit', 'redis-cli -p 6399', 'exit']);
    expect(segs).toEqual([
      { prompt: '$ ', line: 'redis-cli -p 6381', output: [] },
      { prompt: '127.0.0.1:6381> ', line: 'select 1', output: ['OK'] },
      { prompt: '127.0.0.1:6381[1]> ', line: 'multi', output: ['OK'] },
      { prompt: '127.0.0.1:6381[1](TX)> ', line: 'exit', output: [] },
      { prompt: '$ ', line: 'redis-cli -p 6399', output: ['Could not connect to Redis at 127.0.0.1:6399: Connection refused'] },
      { prompt: 'not connected> ', line: 'exit', output: [] },
    ]);
    expect(renderSegments(segs).join('\n') + '\n').toBe(text);
  });

  it('marks input lines the transcript never echoed, so the diff shows them', () => {
    const segs = parseTranscript('$ a\nout\n', ['a', 'b']);
    expect(segs).toEqual([
      { prompt: '$ ', line: 'a', output: ['out'] },
      { prompt: '(no echo) ', line: 'b', output: [] },
    ]);
  });

  it('keeps text printed before the first echo as its own segment', () => {
    expect(parseTranscript('banner\n$ a\n', ['a'])[0]).toEqual({ prompt: '', line: '', output: ['banner'] });
  });
});

describe('classifyLine', () => {
  it('tells Redis commands, verbatim lines and uncompared lines apart', () => {
    expect(classifyLine('127.0.0.1:6380> ', '3 incr a')).toEqual({ kind: 'redis', argv: ['incr', 'a'] });
    expect(classifyLine('$ ', 'redis-cli -p 6380 info replication')).toEqual({ kind: 'redis', argv: ['info', 'replication'] });
    expect(classifyLine('$ ', 'redis-cli -p 6380')).toEqual({ kind: 'verbatim' });
    expect(classifyLine('$ ', 'redis-server /data/6380/redis.conf')).toEqual({ kind: 'verbatim' });
    expect(classifyLine('$ ', 'redis-server --port 6383')).toEqual({ kind: 'uncompared' });
    expect(classifyLine('$ ', 'netstat -tlnp')).toEqual({ kind: 'uncompared' });
    expect(classifyLine('127.0.0.1:6380> ', ':kill 6380')).toEqual({ kind: 'uncompared' });
    expect(classifyLine('127.0.0.1:6380> ', 'set "a')).toEqual({ kind: 'verbatim' });
  });

  it('parses redis-cli options', () => {
    expect(parseRedisCli(['redis-cli', '-h', '127.0.0.1', '-p', '6381', 'get', 'k'])).toEqual({
      host: '127.0.0.1',
      port: 6381,
      db: 0,
      argv: ['get', 'k'],
    });
    expect(parseRedisCli(['redis-cli', '--tls'])).toBeNull();
  });
});

describe('unifiedDiff', () => {
  it('is empty for equal transcripts', () => {
    expect(unifiedDiff(['a', 'b'], ['a', 'b'], { a: 'real', b: 'engine' })).toBe('');
  });

  it('shows a changed line with its context and line numbers', () => {
    const a = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
    const b = ['1', '2', '3', '4', 'five', '6', '7', '8', '9'];
    expect(unifiedDiff(a, b, { a: 'real', b: 'engine' })).toBe(
      ['--- real', '+++ engine', '@@ -2,7 +2,7 @@', ' 2', ' 3', ' 4', '-5', '+five', ' 6', ' 7', ' 8', ''].join('\n'),
    );
  });

  it('shows lines only one side printed', () => {
    expect(unifiedDiff(['x'], ['x', 'extra'], { a: 'real', b: 'engine' })).toBe(
      ['--- real', '+++ engine', '@@ -1,1 +1,2 @@', ' x', '+extra', ''].join('\n'),
    );
  });
});

describe('PortMap', () => {
  it('maps real ports back to scenario ports where INFO and messages print them', async () => {
    const m = new PortMap();
    const real = await m.real(6380);
    m.alias(40001, 6380);
    const r2 = await m.real(6381);
    expect(m.mapText(`master_port:40001`)).toBe('master_port:6380');
    expect(m.mapText(`slave0:ip=127.0.0.1,port=${r2},state=online,offset=${real},lag=0`)).toBe(
      `slave0:ip=127.0.0.1,port=6381,state=online,offset=${real},lag=0`,
    );
    expect(m.mapText(`Could not connect to Redis at 127.0.0.1:${real}: Connection refused`)).toBe(
      'Could not connect to Redis at 127.0.0.1:6380: Connection refused',
    );
  });
});

describe('parseScenario', () => {
  it('separates the header, the directives and the lines', () => {
    const s = parseScenario('x', 'x.txt', '# what it checks\n#! ignore-field a b\n\nredis-server /data/6380/redis.conf\n');
    expect(s.description).toEqual(['what it checks']);
    expect([...s.ignoreFields]).toEqual(['a', 'b']);
    expect(s.lines).toEqual(['redis-server /data/6380/redis.conf']);
  });

  it('rejects an unknown directive', () => {
    expect(() => parseScenario('x', 'x.txt', '#! ignroe-field a\n')).toThrow(/x.txt:1: unknown directive/);
  });
});
