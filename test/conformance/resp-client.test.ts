import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectError, RespConnection, RespParser, RespProtocolError } from '../../conformance/resp-client.js';

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
    expect(p.feed(bytes)).toEqual([{ kind: 'bulk', value: 'a\r\n\xe2\x82\xac\x00' }]);
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

describe('RespConnection', () => {
  let server: net.Server | null = null;
  afterEach(() => {
    server?.close();
    server = null;
  });

  /** A fake server answering each received chunk with `answer(chunk)` (undefined: close). */
  function fakeServer(answer: (req: string) => string | undefined): Promise<number> {
    return new Promise((resolve) => {
      server = net.createServer((sock) => {
        sock.on('data', (d) => {
          const a = answer(d.toString('latin1'));
          if (a === undefined) sock.destroy();
          else sock.write(Buffer.from(a, 'latin1'));
        });
      });
      server.listen(0, '127.0.0.1', () => resolve((server!.address() as net.AddressInfo).port));
    });
  }

  it('sends argv as a RESP multibulk and returns the reply', async () => {
    const seen: string[] = [];
    const port = await fakeServer((req) => {
      seen.push(req);
      return '+PONG\r\n';
    });
    const c = await RespConnection.open('127.0.0.1', port);
    expect(await c.send(['PING'])).toEqual({ kind: 'status', text: 'PONG' });
    expect(seen).toEqual(['*1\r\n$4\r\nPING\r\n']);
    c.close();
  });

  it('answers null when the server closes before replying (SHUTDOWN)', async () => {
    const port = await fakeServer(() => undefined);
    const c = await RespConnection.open('127.0.0.1', port);
    expect(await c.send(['SHUTDOWN'])).toBeNull();
    expect(c.closed).toBe(true);
    expect(await c.send(['PING'])).toBeNull();
  });

  it('reports a refused connection in redis-cli words', async () => {
    const port = await fakeServer(() => '');
    await new Promise<void>((r) => server!.close(() => r()));
    server = null;
    const err = await RespConnection.open('127.0.0.1', port).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectError);
    expect((err as Error).message).toBe('Connection refused');
  });
});
