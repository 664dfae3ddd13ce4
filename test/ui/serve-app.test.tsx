/**
 * Serve mode on screen: the app over a served sandbox draws where it is served and the real
 * clients in the cluster picture, redraws by itself when a client writes, pauses and speeds the
 * wall clock with ^P and ^F, and asks before Esc stops serving. Real sockets, no redis tools.
 */

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import React from 'react';
import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/ui/app.js';
import { HAVE_REDIS, INSTALL_HINT, redisCli, startRealRedis, startServedApp, waitFor } from '../helpers/serve.js';
import { KEY, frame, press, renderUi, waitForFrame } from './helpers.js';
import { sequenceModel } from '../../src/ui/sequence-model.js';
import { lineText } from '../../src/ui/lines.js';

const home = mkdtempSync(join(tmpdir(), 'serve-app-ui-'));
afterEach(() => cleanup());
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('serve mode in the app', () => {
  it('draws the served addresses and a real client, redraws when it writes, and ^P/^F drive the wall clock', async () => {
    const app = await startServedApp({ home });
    let sock: net.Socket | null = null;
    try {
      const r = await renderUi(<App deps={{ catalog: app.catalog, formatTrace: (e) => e.type }} colours={false} sandbox />);
      await waitForFrame(r, (f) => /served on 127\.0\.0\.1:\d+–\d+/.test(f));
      expect(frame(r).split('\n')[0]).toMatch(/● live 1×/);
      await waitFor(() => app.live.servedPorts().length === 3, 5000, 'the nodes to listen');
      sock = net.connect({ host: '127.0.0.1', port: app.port(6380) });
      let got = '';
      sock.on('data', (d) => (got += d.toString('latin1')));
      sock.on('error', () => {});
      sock.write('CLIENT SETNAME app\r\nSET a 1\r\n');
      await waitFor(() => got === '+OK\r\n+OK\r\n', 5000, 'the replies');
      // Nothing was typed: the picture changed by itself.
      await waitForFrame(r, (f) => /◇ client 127\.0\.0\.1:\d+ app/.test(f) && /6380 master +off \d+ +keys 1/.test(f));
      await press(r, KEY.ctrl('p'));
      expect(app.live.paused).toBe(true);
      expect(frame(r).split('\n')[0]).toMatch(/‖ live 1×/);
      expect(frame(r)).toContain('time paused');
      await press(r, KEY.ctrl('p'));
      expect(app.live.paused).toBe(false);
      await press(r, KEY.ctrl('f'));
      expect(app.live.speed).toBe(2);
      expect(frame(r).split('\n')[0]).toMatch(/● live 2×/);
      // Space steps one event: the clock pauses first, so the learner sees one event at a time.
      await press(r, ' ');
      expect(app.live.paused).toBe(true);
      expect(frame(r)).toContain('time paused to step');
      // Esc would stop serving: asked first, and the footer says so.
      expect(frame(r)).toMatch(/Esc stop serving/);
      await press(r, KEY.escape);
      expect(frame(r)).toContain('Stop serving and quit?');
      await press(r, 'n');
      expect(frame(r)).not.toContain('Stop serving and quit?');
    } finally {
      sock?.destroy();
      await app.close();
    }
  });

  it('speaks Chinese: the clock and the served addresses in the title and the picture', async () => {
    const app = await startServedApp({ home });
    try {
      const r = await renderUi(<App deps={{ catalog: app.catalog, formatTrace: (e) => e.type }} colours={false} sandbox lang="zh" />);
      await waitForFrame(r, (f) => /服务于 127\.0\.0\.1:\d+–\d+/.test(f));
      expect(frame(r).split('\n')[0]).toMatch(/● 实时 1×/);
      await press(r, KEY.ctrl('p'));
      expect(frame(r)).toContain('时间已暂停');
    } finally {
      await app.close();
    }
  });

  it.skipIf(!HAVE_REDIS)('the README’s walk-through: a real redis-server --replicaof and redis-cli, both in the picture', async () => {
    const app = await startServedApp({ home });
    const r = await renderUi(<App deps={{ catalog: app.catalog, formatTrace: (e) => e.type }} colours={false} sandbox />);
    await waitFor(() => app.live.servedPorts().length === 3, 5000, 'the nodes to listen');
    const replica = await startRealRedis(['--replicaof', '127.0.0.1', String(app.port(6380))]);
    try {
      await waitForFrame(r, (f) => new RegExp(`▸ ${replica.port} online \\(real( redis-server)?\\)`).test(f), 10_000);
      expect(await redisCli(['-p', String(app.port(6380)), 'SET', 'from', 'redis-cli'])).toBe('OK');
      await waitFor(async () => (await replica.cli('GET', 'from')) === 'redis-cli', 10_000, 'the real replica to get the write');
      await waitForFrame(r, (f) => /6380 master +off \d+ +keys 1/.test(f));
      // The sequence view: the RDB and the stream reach the real replica's lane (its receipt is not
      // traced, so it arrives one latency later), never left "in flight" for ever.
      app.live.pause();
      const world = app.live.world;
      const roles = new Map(world.snapshot().map((n) => [n.port, n.role] as const));
      const seq = sequenceModel({ events: world.trace.all(), nowMs: world.now, width: 120, height: 400, lang: 'en', roles });
      const rows = [seq.header, ...seq.rows].map(lineText).join('\n');
      expect(lineText(seq.header)).toContain(String(replica.port));
      expect(rows).toMatch(/RDB \d+\/\d+ B/);
      expect(rows).not.toContain('in flight');
    } finally {
      await replica.stop();
      await app.close();
    }
  });

  it.skipIf(HAVE_REDIS)(`the walk-through with real Redis is skipped: ${INSTALL_HINT}`, () => {});
});
