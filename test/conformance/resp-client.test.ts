import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectError, RespConnection } from '../../conformance/resp-client.js';

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
