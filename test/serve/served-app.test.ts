/**
 * Serve mode in the app, below the screen: the lesson controller over a served world. A real
 * client's writes are in the world, the picture and the goals; a rewind takes them back and closes
 * the real connections; a new lesson world is a new segment; and the recording of all of it
 * replays byte for byte. Real sockets, no redis tools needed.
 */

import net from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LessonController } from '../../src/lessons/api.js';
import { replayRecording } from '../../src/serve/replay.js';
import { rightPaneRows } from '../../src/ui/panes.js';
import { initialUiState } from '../../src/ui/app-state.js';
import { lineText } from '../../src/ui/lines.js';
import { strings } from '../../src/ui/strings.js';
import { startServedApp, waitFor } from '../helpers/serve.js';

const home = mkdtempSync(join(tmpdir(), 'served-app-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** A raw client: what it has been sent back, and whether the server closed it. */
function client(port: number) {
  const sock = net.connect({ host: '127.0.0.1', port });
  const c = { sock, got: '', closed: false };
  sock.on('data', (d) => (c.got += d.toString('latin1')));
  sock.on('close', () => (c.closed = true));
  sock.on('error', () => {});
  return c;
}

const picture = (lesson: LessonController) =>
  rightPaneRows(lesson, initialUiState('en', 'lesson'), 70, strings('en'))
    .map(lineText)
    .join('\n');

/** The keys of simulated node `port` now. */
const keysOf = (lesson: LessonController, port: number) => lesson.session.world.keys(port).map((k) => k.key);

describe('serve mode in the app — the lesson controller over a served world', () => {
  it('a real client’s write is in the world and the trace, and the client is drawn in the picture', async () => {
    const app = await startServedApp({ home });
    const lesson = app.catalog.sandbox('en', 1);
    try {
      expect(lesson.session.live).toBeDefined();
      await waitFor(() => app.live.servedPorts().length === 3, 5000, 'the sandbox’s three nodes to listen');
      const c = client(app.port(6380));
      c.sock.write('CLIENT SETNAME learner\r\nSET a 1\r\n');
      await waitFor(() => c.got === '+OK\r\n+OK\r\n', 5000, 'the replies');
      lesson.observe();
      expect(keysOf(lesson, 6380)).toEqual(['a']);
      expect(picture(lesson)).toMatch(/served on 127\.0\.0\.1:\d+–\d+/);
      expect(picture(lesson)).toMatch(/◇ client 127\.0\.0\.1:\d+ learner/);
      // The replicas get it through the simulated stream, as any write.
      await waitFor(() => keysOf(lesson, 6381).includes('a'), 5000, 'the write to reach 6381');
      c.sock.destroy();
    } finally {
      await app.close();
    }
  });

  it('^G rewinds past a real client’s write: the write is gone, the connection closed, time paused; a new client works', async () => {
    const app = await startServedApp({ home });
    const lesson = app.catalog.sandbox('en', 1);
    try {
      await waitFor(() => app.live.servedPorts().length === 3, 5000, 'the nodes to listen');
      const c = client(app.port(6380));
      c.sock.write('SET gone 1\r\n');
      await waitFor(() => c.got === '+OK\r\n', 5000, 'the reply');
      expect(keysOf(lesson, 6380)).toEqual(['gone']);
      const out = lesson.rewindStep();
      expect(out.notice).toEqual({ kind: 'rewoundStep' });
      expect(keysOf(lesson, 6380)).toEqual([]);
      expect(app.live.paused).toBe(true);
      const said = lesson.observe().notice;
      expect(said?.kind === 'live' && said.notices).toContainEqual({ kind: 'rewoundClosed', count: 1 });
      await waitFor(() => c.closed, 5000, 'the real connection to close');
      app.live.resume();
      const d = client(app.port(6380));
      d.sock.write('SET kept 2\r\n');
      await waitFor(() => d.got === '+OK\r\n', 5000, 'the new client’s reply');
      expect(keysOf(lesson, 6380)).toEqual(['kept']);
      d.sock.destroy();
    } finally {
      await app.close();
    }
  });

  it('^Z rewinds one event at a time through a real client’s input, as through a typed line', async () => {
    const app = await startServedApp({ home });
    const lesson = app.catalog.sandbox('en', 1);
    try {
      await waitFor(() => app.live.servedPorts().length === 3, 5000, 'the nodes to listen');
      app.live.pause();
      const c = client(app.port(6380));
      c.sock.write('SET x 1\r\n');
      // Paused: the client's input waits; stepping does not take it (only resuming does).
      await new Promise((r) => setTimeout(r, 100));
      expect(keysOf(lesson, 6380)).toEqual([]);
      app.live.resume();
      await waitFor(() => c.got === '+OK\r\n', 5000, 'the reply');
      app.live.pause();
      const before = lesson.session.world.eventsRun;
      // Back one event at a time until the write is undone: each rewind is one event earlier.
      let steps = 0;
      while (keysOf(lesson, 6380).length > 0 && steps < 500) {
        expect(lesson.rewindEvent().notice).toEqual({ kind: 'rewound' });
        steps++;
        expect(lesson.session.world.eventsRun).toBe(before - steps);
      }
      expect(keysOf(lesson, 6380)).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('`:save` says how a served session is kept', async () => {
    const app = await startServedApp({ home });
    try {
      expect(app.catalog.sandbox('en', 1).submit(':save mine').notice).toEqual({ kind: 'saveServed' });
    } finally {
      await app.close();
    }
  });

  it('the recording of typed lines, clients, a rewind and a new lesson world replays byte for byte', async () => {
    const file = join(home, 'app-session.jsonl');
    const app = await startServedApp({ home, recordFile: file });
    const lesson = app.catalog.sandbox('en', 1);
    try {
      await waitFor(() => app.live.servedPorts().length === 3, 5000, 'the nodes to listen');
      const c = client(app.port(6380));
      c.sock.write('SET a 1\r\nINCR n\r\n');
      await waitFor(() => c.got === '+OK\r\n:1\r\n', 5000, 'the replies');
      lesson.submit('redis-cli -p 6381 get a');
      lesson.step();
      lesson.rewindStep();
      await waitFor(() => c.closed, 5000, 'the rewind to close the client');
      app.live.resume();
      const d = client(app.port(6380));
      d.sock.write('SET b 2\r\n');
      await waitFor(() => d.got === '+OK\r\n', 5000, 'the reply after the rewind');
      // Start the sandbox again: a fresh world, a new segment of the recording.
      lesson.restartLesson();
      await waitFor(() => d.closed, 5000, 'the new world to close the old connection');
      await waitFor(() => app.live.servedPorts().length === 3, 5000, 'the new world to listen');
      const e = client(app.port(6380));
      e.sock.write('SET c 3\r\n');
      await waitFor(() => e.got === '+OK\r\n', 5000, 'the reply in the new world');
      e.sock.destroy();
    } finally {
      await app.close();
    }
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n').filter((l) => l.startsWith('{"serve":1')).length).toBeGreaterThanOrEqual(2);
    expect(text).toContain('"in":"rewind"');
    const r = replayRecording(text, () => {});
    expect(r.message).toBe('');
    expect(r.ok).toBe(true);
    expect(r.bytes).toBeGreaterThan(0);
  });
});
