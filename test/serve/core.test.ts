/**
 * The serve core without sockets: protected mode (7.0: no password → loopback only), connections
 * to nodes that are down, and the serve command line (another address needs a password).
 */

import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/cli-args.js';
import { DENIED_TEXT, ServeCore, type ServeInput, type ServeInputBody } from '../../src/serve/core.js';
import { createServedSession } from '../../src/serve/setup.js';
import { commandEntry } from '../../src/redis/server.js';
import type { OutputLine } from '../../src/repl/api.js';

function coreFor(serverOverrides: Array<[string, string]> = []) {
  const session = createServedSession({ seed: 1, setup: ['redis-server --port 6380'], serverOverrides });
  const written = new Map<number, string>();
  const ended = new Set<number>();
  const printed: OutputLine[] = [];
  const core = new ServeCore(session, {
    write: (conn, d) => written.set(conn, (written.get(conn) ?? '') + (typeof d === 'string' ? d : Buffer.from(d).toString('latin1'))),
    end: (conn) => ended.add(conn),
    dial: () => {},
    printed: (lines) => printed.push(...lines),
  });
  const apply = (i: ServeInputBody) => core.apply({ t: core.currentWorld.now, ...i } as ServeInput);
  return { core, written, ended, apply, printed };
}

describe('serve core — protected mode and closed ports', () => {
  it('protected mode: a client from another address gets -DENIED and is closed when no password is set', () => {
    const { written, ended, apply } = coreFor();
    apply({ in: 'open', conn: 1, port: 6380, remotePort: 50001, loopback: false });
    expect(written.get(1)).toBe(DENIED_TEXT);
    expect(ended.has(1)).toBe(true);
  });

  it('protected mode: with requirepass the same client may connect and must AUTH', () => {
    const { written, ended, apply } = coreFor([['requirepass', 'pw']]);
    apply({ in: 'open', conn: 1, port: 6380, remotePort: 50001, loopback: false });
    apply({ in: 'data', conn: 1, data: Buffer.from('GET a\r\nAUTH pw\r\nGET a\r\n') });
    expect(written.get(1)).toBe('-NOAUTH Authentication required.\r\n+OK\r\n$-1\r\n');
    expect(ended.has(1)).toBe(false);
  });

  it('loopback clients are served without a password', () => {
    const { written, apply } = coreFor();
    apply({ in: 'open', conn: 1, port: 6380, remotePort: 50001, loopback: true });
    apply({ in: 'data', conn: 1, data: Buffer.from('PING\r\n') });
    expect(written.get(1)).toBe('+PONG\r\n');
  });

  it('a connection to a node that is not running is closed at once', () => {
    const { ended, apply } = coreFor();
    apply({ in: 'open', conn: 1, port: 6399, remotePort: 50001, loopback: true });
    expect(ended.has(1)).toBe(true);
  });

  it('QUIT answers +OK and closes; the client leaves CLIENT LIST', () => {
    const { core, written, ended, apply } = coreFor();
    apply({ in: 'open', conn: 1, port: 6380, remotePort: 50001, loopback: true });
    apply({ in: 'data', conn: 1, data: Buffer.from('QUIT\r\nPING\r\n') });
    expect(written.get(1)).toBe('+OK\r\n');
    expect(ended.has(1)).toBe(true);
    expect(core.externalClients()).toEqual([]);
  });
});

describe('serve core — an engine error stays with its client', () => {
  it('a handler that throws is answered -ERR by the engine; the client carries on', () => {
    const { core, written, apply } = coreFor();
    core.currentWorld.commands.set('boom', commandEntry({ name: 'boom', arity: 1, flags: [], firstKey: 0, lastKey: 0, keyStep: 0, handler: () => { throw new Error('kaboom'); } }));
    apply({ in: 'open', conn: 1, port: 6380, remotePort: 50001, loopback: true });
    apply({ in: 'data', conn: 1, data: Buffer.from('BOOM\r\nPING\r\n') });
    expect(written.get(1)).toBe('-ERR kaboom\r\n+PONG\r\n');
  });

  it('a reply that cannot be written closes that client, is printed, and another client carries on', () => {
    const { core, written, ended, apply, printed } = coreFor();
    // A malformed reply, as an engine bug would make: encoding it fails in serve, not in the engine.
    const broken = { kind: 'array', items: [null] } as unknown as ReturnType<Parameters<typeof commandEntry>[0]['handler']>;
    core.currentWorld.commands.set('broken', commandEntry({ name: 'broken', arity: 1, flags: [], firstKey: 0, lastKey: 0, keyStep: 0, handler: () => broken }));
    apply({ in: 'open', conn: 1, port: 6380, remotePort: 50001, loopback: true });
    apply({ in: 'open', conn: 2, port: 6380, remotePort: 50002, loopback: true });
    apply({ in: 'data', conn: 1, data: Buffer.from('BROKEN\r\n') });
    expect(ended.has(1)).toBe(true);
    expect(printed.map((l) => l.text)).toEqual([expect.stringMatching(/^\(error\) internal: /)]);
    apply({ in: 'data', conn: 2, data: Buffer.from('PING\r\n') });
    expect(written.get(2)).toBe('+PONG\r\n');
  });
});

describe('serve command line', () => {
  it('defaults: loopback, offset 0, speed 1', () => {
    expect(parseCliArgs(['serve', '--sandbox', '--headless'])).toEqual({
      kind: 'serve', sandbox: true, lessonId: undefined, portOffset: 0, headless: true, record: undefined, host: '127.0.0.1', password: undefined, speed: 1, seed: undefined, lang: undefined,
    });
  });

  it('listening on another address needs a password', () => {
    const r = parseCliArgs(['serve', '--host', '0.0.0.0']);
    expect(r.kind).toBe('error');
    expect(parseCliArgs(['serve', '--host', '0.0.0.0', '--password', 's3cret'])).toMatchObject({ kind: 'serve', host: '0.0.0.0', password: 's3cret' });
  });

  it('serve options elsewhere, and bad values, are errors', () => {
    expect(parseCliArgs(['--port-offset', '5'])).toMatchObject({ kind: 'error', message: "--port-offset only applies to 'repl-tutor serve'" });
    expect(parseCliArgs(['serve', '--port-offset', 'x'])).toMatchObject({ kind: 'error' });
    expect(parseCliArgs(['serve', '--speed', '0'])).toMatchObject({ kind: 'error' });
    expect(parseCliArgs(['batch', '--replay', 'f.jsonl'])).toMatchObject({ kind: 'batch', replay: 'f.jsonl' });
    expect(parseCliArgs(['batch', '--replay', 'f.jsonl', '--sandbox'])).toMatchObject({ kind: 'error' });
  });
});
