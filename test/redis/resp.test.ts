// RESP2 replies parsed back from the wire: the one parser the tests and the conformance client share.
import { describe, expect, it } from 'vitest';
import { encodeReply, parseReplies, RespParser, RespProtocolError } from '../../src/redis/resp.js';
import type { Reply } from '../../src/redis/reply.js';

describe('RespParser', () => {
  it('parses status, error and integer replies', () => {
    const p = new RespParser();
    expect(p.feed('+OK\r\n-ERR syntax error\r\n:42\r\n:-1\r\n')).toEqual([
      { kind: 'status', text: 'OK' },
      { kind: 'error', text: 'ERR syntax error' },
      { kind: 'integer', value: 42 },
      { kind: 'integer', value: -1 },
    ]);
  });

  it('parses bulk strings, the empty one and the null bulk', () => {
    const p = new RespParser();
    expect(p.feed('$5\r\nhello\r\n$0\r\n\r\n$-1\r\n')).toEqual([
      { kind: 'bulk', value: 'hello' },
      { kind: 'bulk', value: '' },
      { kind: 'bulk', value: null },
    ]);
  });

  it('keeps CRLF and non-ASCII bytes inside a bulk string as bytes', () => {
    const p = new RespParser();
    const bytes = Buffer.concat([Buffer.from('$7\r\n'), Buffer.from([0x61, 0x0d, 0x0a, 0xe2, 0x82, 0xac, 0x00]), Buffer.from('\r\n')]);
    expect(p.feed(bytes.toString('latin1'))).toEqual([{ kind: 'bulk', value: 'a\r\n\xe2\x82\xac\x00' }]);
  });

  it('parses nested arrays, the empty array and the null array', () => {
    const p = new RespParser();
    const role = '*3\r\n$6\r\nmaster\r\n:93\r\n*1\r\n*3\r\n$9\r\n127.0.0.1\r\n$4\r\n6381\r\n$2\r\n93\r\n';
    expect(p.feed(role + '*0\r\n*-1\r\n')).toEqual([
      {
        kind: 'array',
        items: [
          { kind: 'bulk', value: 'master' },
          { kind: 'integer', value: 93 },
          {
            kind: 'array',
            items: [
              {
                kind: 'array',
                items: [
                  { kind: 'bulk', value: '127.0.0.1' },
                  { kind: 'bulk', value: '6381' },
                  { kind: 'bulk', value: '93' },
                ],
              },
            ],
          },
        ],
      },
      { kind: 'array', items: [] },
      { kind: 'array', items: null },
    ]);
  });

  it('waits for the rest of a reply fed one byte at a time', () => {
    const p = new RespParser();
    const wire = '*2\r\n$3\r\nfoo\r\n-ERR x\r\n:7\r\n';
    const got = [];
    for (const ch of wire) got.push(...p.feed(ch));
    expect(got).toEqual([
      { kind: 'array', items: [{ kind: 'bulk', value: 'foo' }, { kind: 'error', text: 'ERR x' }] },
      { kind: 'integer', value: 7 },
    ]);
    expect(p.pendingBytes).toBe(0);
  });

  it('holds an incomplete bulk string until its terminator arrives', () => {
    const p = new RespParser();
    expect(p.feed('$5\r\nhel')).toEqual([]);
    expect(p.feed('lo')).toEqual([]);
    expect(p.feed('\r\n')).toEqual([{ kind: 'bulk', value: 'hello' }]);
  });

  it('rejects bytes that are not RESP2', () => {
    expect(() => new RespParser().feed('?what\r\n')).toThrow(RespProtocolError);
    expect(() => new RespParser().feed(':12a\r\n')).toThrow(RespProtocolError);
    expect(() => new RespParser().feed('$3\r\nabcd\r\n')).toThrow(RespProtocolError);
  });
});

describe('parseReplies', () => {
  it('reads back every reply type encodeReply writes', () => {
    const replies: Reply[] = [
      { kind: 'status', text: 'OK' },
      { kind: 'error', text: 'ERR no' },
      { kind: 'integer', value: -3 },
      { kind: 'bulk', value: 'a\r\nb' },
      { kind: 'bulk', value: null },
      { kind: 'array', items: [{ kind: 'array', items: [] }, { kind: 'array', items: null }] },
    ];
    expect(parseReplies(replies.map(encodeReply).join(''))).toEqual(replies);
  });

  it('refuses bytes that end in the middle of a reply', () => {
    expect(() => parseReplies('$5\r\nhel')).toThrow(RespProtocolError);
  });
});
