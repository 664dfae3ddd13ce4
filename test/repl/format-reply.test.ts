import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatReply, formatReplyTTY, reprBytes, toScreenLines, isRawOutputCommand } from '../../src/repl/format-reply.js';
import { parsePromptLine } from '../../src/repl/split-args.js';
import { parseReplies } from '../../src/redis/resp.js';
import * as R from '../../src/redis/reply.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const { cases } = JSON.parse(fs.readFileSync(path.join(fixtures, 'cases.json'), 'utf8')) as {
  cases: Array<{ name: string; lines: string[]; net?: boolean }>;
};
const read = (f: string) => fs.readFileSync(path.join(fixtures, f)).toString('latin1');

describe('formatReply — identical to redis-cli 7.0 on a terminal (captured fixtures)', () => {
  for (const c of cases.filter((c) => c.net !== false)) {
    it(`${c.name}: ${c.lines.join(' | ').slice(0, 80)}`, () => {
      const replies = parseReplies(read(`${c.name}.resp`));
      expect(replies).toHaveLength(c.lines.length);
      let printed = '';
      c.lines.forEach((line, i) => {
        const parsed = parsePromptLine(line);
        if (parsed.kind !== 'command') throw new Error(`fixture line does not split: ${line}`);
        printed += formatReply(parsed.argv, replies[i]);
      });
      expect(printed).toBe(read(`${c.name}.txt`));
    });
  }

  it('prompt-lines: repeat prefixes and invalid arguments print what redis-cli prints', () => {
    let printed = '';
    for (const line of cases.find((c) => c.name === 'prompt-lines')!.lines) {
      const parsed = parsePromptLine(line);
      if (parsed.kind === 'invalid') printed += parsed.message + '\n';
      else if (parsed.kind === 'command') {
        // The only commands in this fixture are PING and ECHO.
        const reply = parsed.argv[0] === 'ping' ? R.status('PONG') : R.bulk(parsed.argv[1]);
        for (let i = 0; i < parsed.repeat; i++) printed += formatReply(parsed.argv, reply);
      }
    }
    expect(printed).toBe(read('prompt-lines.txt'));
  });
});

describe('formatReplyTTY — reply types', () => {
  it('status, error, integer, nil, empty array', () => {
    expect(formatReplyTTY(R.OK)).toBe('OK\n');
    expect(formatReplyTTY(R.status('OK Already connected to specified master'))).toBe('OK Already connected to specified master\n');
    expect(formatReplyTTY(R.ERR.readonly)).toBe("(error) READONLY You can't write against a read only replica.\n");
    expect(formatReplyTTY(R.integer(-3))).toBe('(integer) -3\n');
    expect(formatReplyTTY(R.NIL)).toBe('(nil)\n');
    expect(formatReplyTTY(R.NIL_ARRAY)).toBe('(nil)\n');
    expect(formatReplyTTY(R.EMPTY_ARRAY)).toBe('(empty array)\n');
  });

  it('nested arrays continue on the parent line and indent by index width + 2', () => {
    const role = R.array([
      R.bulk('master'),
      R.integer(93),
      R.array([R.bulkArray(['127.0.0.1', '6381', '93']), R.bulkArray(['127.0.0.1', '6382', '93'])]),
    ]);
    expect(formatReplyTTY(role)).toBe(
      [
        '1) "master"',
        '2) (integer) 93',
        '3) 1) 1) "127.0.0.1"',
        '      2) "6381"',
        '      3) "93"',
        '   2) 1) "127.0.0.1"',
        '      2) "6382"',
        '      3) "93"',
        '',
      ].join('\n'),
    );
  });

  it('an empty nested array prints (empty array) in place', () => {
    expect(formatReplyTTY(R.array([R.EMPTY_ARRAY, R.OK]))).toBe('1) (empty array)\n2) OK\n');
  });

  it('sdscatrepr escapes quotes, backslashes, control bytes and every byte ≥ 0x80', () => {
    expect(reprBytes('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(reprBytes('\xe2\x82\xac\x01')).toBe('"\\xe2\\x82\\xac\\x01"');
    expect(reprBytes('\x00\x7f\x1b\t\n\r\x07\x08')).toBe('"\\x00\\x7f\\x1b\\t\\n\\r\\a\\b"');
  });

  it('an error or status stops at a NUL byte, like printf %s', () => {
    expect(formatReplyTTY(R.error('ERR a\x00b'))).toBe('(error) ERR a\n');
  });
});

describe('raw output commands', () => {
  it('INFO, CLIENT LIST, CLUSTER NODES, LATENCY DOCTOR… are raw; others are not', () => {
    expect(isRawOutputCommand(['INFO'])).toBe(true);
    expect(isRawOutputCommand(['info', 'replication'])).toBe(true);
    expect(isRawOutputCommand(['client', 'LIST'])).toBe(true);
    expect(isRawOutputCommand(['cluster', 'nodes'])).toBe(true);
    expect(isRawOutputCommand(['cluster', 'nodes', 'x'])).toBe(false);
    expect(isRawOutputCommand(['latency', 'doctor'])).toBe(true);
    expect(isRawOutputCommand(['memory', 'doctor'])).toBe(true);
    expect(isRawOutputCommand(['client', 'getname'])).toBe(false);
    expect(isRawOutputCommand(['get', 'info'])).toBe(false);
  });

  it('a raw error has no (error) prefix; a raw nil prints nothing', () => {
    expect(formatReply(['client', 'list', 'x'], R.ERR.syntax)).toBe('ERR syntax error\n');
    expect(formatReply(['info'], R.NIL)).toBe('');
  });

  it('INFO text becomes screen lines without the CR', () => {
    expect(toScreenLines(formatReply(['info', 'replication'], R.bulk('# Replication\r\nrole:master\r\n')))).toEqual([
      '# Replication',
      'role:master',
    ]);
  });
});
