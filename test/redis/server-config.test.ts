import { describe, expect, it } from 'vitest';
import { ServerConfig, globMatch, parseConfigText, parseMemory, splitConfigLine } from '../../src/redis/config.js';

describe('config parsing', () => {
  it('memory values use Redis units: 1mb = 1048576, 1m = 1000000', () => {
    expect(parseMemory('1mb')).toBe(1048576);
    expect(parseMemory('1M')).toBe(1000000);
    expect(parseMemory('16kb')).toBe(16384);
    expect(parseMemory('2gb')).toBe(2 * 1024 ** 3);
    expect(parseMemory('100')).toBe(100);
    expect(parseMemory('abc')).toBe(null);
  });

  it('CONFIG GET globs like stringmatchlen', () => {
    expect(globMatch('repl-*', 'repl-timeout')).toBe(true);
    expect(globMatch('*lag', 'min-replicas-max-lag')).toBe(true);
    expect(globMatch('repl-?imeout', 'repl-timeout')).toBe(true);
    expect(globMatch('[rs]ave', 'save')).toBe(true);
    expect(globMatch('[^s]ave', 'save')).toBe(false);
    expect(globMatch('REPL*', 'repl-timeout', true)).toBe(true);
  });

  it('config lines split like sdssplitargs, quotes included', () => {
    expect(splitConfigLine('save ""')).toEqual(['save', '']);
    expect(splitConfigLine('logfile "/data/6380/redis.log"')).toEqual(['logfile', '/data/6380/redis.log']);
    expect(splitConfigLine("dir '/a b'")).toEqual(['dir', '/a b']);
    expect(splitConfigLine('bad "quote')).toBe(null);
  });

  it('several save lines add up and the first replaces the defaults; aliases set the same setting', () => {
    const parsed = parseConfigText('save 900 1\nsave 300 10\nslaveof 127.0.0.1 6380\nmin-slaves-to-write 1');
    if ('lines' in parsed) throw new Error(parsed.lines.join('\n'));
    const c = new ServerConfig();
    expect(c.applyDirectives(parsed.directives)).toBe(null);
    expect(c.get('save')).toBe('900 1 300 10');
    expect(c.get('replicaof')).toBe('127.0.0.1 6380');
    expect(c.getInt('min-replicas-to-write')).toBe(1);
  });

  it('bad values give config.c\'s messages', () => {
    const c = new ServerConfig();
    const bad = (text: string) => {
      const p = parseConfigText(text);
      if ('lines' in p) return p.lines.at(-1);
      return c.applyDirectives(p.directives)?.at(-1);
    };
    expect(bad('appendonly maybe')).toBe("argument must be 'yes' or 'no'");
    expect(bad('repl-timeout soon')).toBe("argument couldn't be parsed into an integer");
    expect(bad('port 70000')).toBe('argument must be between 0 and 65535 inclusive');
    expect(bad('loglevel loud')).toBe('argument(s) must be one of the following: debug, verbose, notice, warning, nothing');
  });
});
