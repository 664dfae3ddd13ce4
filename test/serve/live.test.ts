/**
 * The wall-clock driver: virtual time follows the wall clock × speed, and pausing time holds real
 * clients' input (so their replies) until it resumes. Real sockets, no redis tools needed.
 */

import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { startServe, waitFor } from '../helpers/serve.js';

describe('serve — virtual time follows the wall clock', () => {
  it('runs at the speed setting: 100 wall ms at ×20 are 2,000 virtual ms, then ×1 goes on from there', async () => {
    let wall = 1_000_000;
    const served = await startServe({ setup: ['redis-server --port 6380'], speed: 20, nowMs: () => wall });
    try {
      const v0 = served.live.world.now;
      wall += 100;
      await waitFor(() => served.live.world.now === v0 + 2000, 5000, 'the next tick');
      served.live.setSpeed(1);
      wall += 100;
      await waitFor(() => served.live.world.now === v0 + 2100, 5000, 'the next tick at ×1');
      // Time moved only with the (fake) wall clock: nothing ran ahead of it.
      await new Promise((r) => setTimeout(r, 50));
      expect(served.live.world.now).toBe(v0 + 2100);
    } finally {
      await served.close();
    }
  });

  it('pausing holds replies; resuming answers them in order', async () => {
    const served = await startServe({ setup: ['redis-server --port 6380'] });
    const sock = net.connect({ host: '127.0.0.1', port: served.port(6380) });
    let got = '';
    sock.on('data', (d) => (got += d.toString('latin1')));
    try {
      await new Promise((r) => sock.once('connect', r));
      served.live.pause();
      const frozen = served.live.world.now;
      sock.write('SET a 1\r\nGET a\r\n');
      await new Promise((r) => setTimeout(r, 200));
      expect(got).toBe('');
      expect(served.live.world.now).toBe(frozen);
      served.live.resume();
      await waitFor(() => got === '+OK\r\n$1\r\n1\r\n', 5000, 'the held replies');
    } finally {
      sock.destroy();
      await served.close();
    }
  });
});
