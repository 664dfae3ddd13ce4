import { afterEach, describe, expect, it } from 'vitest';
import React, { act } from 'react';
import { cleanup } from 'ink-testing-library';
import { ReplSession } from '../../src/repl/session.js';
import { logsModel, shortLogLine } from '../../src/ui/logs-model.js';
import { lineText } from '../../src/ui/lines.js';
import { LogsView } from '../../src/ui/logs-view.js';
import { frame, renderUi } from './helpers.js';

const unmount = () => act(async () => cleanup());
afterEach(unmount);

const PATHS = ['/data/6380/redis.log', '/data/6381/redis.log'] as const;

function synced(): ReplSession {
  const s = new ReplSession({ seed: 1 });
  s.setup(['redis-server /data/6380/redis.conf', 'redis-server /data/6381/redis.conf', 'redis-cli -p 6381 slaveof 127.0.0.1 6380']);
  return s;
}

describe("two servers' logs side by side", () => {
  it('with only one server logging, its log takes the whole width (not the same file twice)', () => {
    const s = new ReplSession({ seed: 1 });
    s.setup(['redis-server /data/6380/redis.conf']);
    const rows = logsModel({ files: s.world.logs.files, paths: [PATHS[0]], width: 80, height: 10 }).map(lineText);
    expect(rows[0]).toBe(PATHS[0]);
    expect(rows.join('\n')).not.toContain('│');
    expect(rows.at(-1)).toMatch(/Ready to accept connections/);
  });

  it('shortens a line to role, time of day and text', () => {
    expect(shortLogLine('4602:S 01 Jan 2026 00:00:04.713 * MASTER <-> REPLICA sync: Flushing old data')).toBe('S 00:00:04.713 * MASTER <-> REPLICA sync: Flushing old data');
  });

  it('ends both columns with the newest lines: the master’s success, the replica’s', () => {
    const s = synced();
    const lines = logsModel({ files: s.world.logs.files, paths: PATHS, width: 160, height: 12 }).map(lineText);
    expect(lines[0]).toMatch(/^\/data\/6380\/redis\.log +│ \/data\/6381\/redis\.log$/);
    expect(lines).toHaveLength(12);
    expect(lines.at(-1)).toMatch(/M 00:00:00\.028 \* Synchronization with replica 127\.0\.0\.1:6381 succeeded +│ S 00:00:00\.040 \* MASTER <-> REPLICA sync: Finished with success$/);
  });

  for (const [width, height] of [
    [80, 24],
    [160, 48],
  ] as const) {
    it(`fits ${width}×${height}, long lines wrapped in their column`, async () => {
      const s = synced();
      const r = await renderUi(<LogsView files={s.world.logs.files} paths={PATHS} width={width} height={height} />);
      const rows = frame(r).split('\n');
      expect(rows.length).toBeLessThanOrEqual(height);
      for (const row of rows) expect([...row].length).toBeLessThanOrEqual(width);
      expect(frame(r)).toContain('Finished with success');
    });
  }

  it('at 80 columns wraps a long line between words, continuing it indented, so no word is cut in two', () => {
    const s = synced();
    const lines = logsModel({ files: s.world.logs.files, paths: PATHS, width: 80, height: 1000 }).slice(1).map(lineText);
    const left = lines.map((l) => l.split(' │ ')[0].replace(/ +$/, ''));
    const whole = new Set(left.flatMap((l) => l.split(/ +/)));
    // Each word of the master's log (hex ids longer than the column aside) is on one row.
    const source = s.world.logs.files.get(PATHS[0])!.trim().split('\n').map(shortLogLine);
    for (const word of source.flatMap((l) => l.split(/ +/)).filter((w) => w.length > 0 && w.length <= 30)) expect(whole, word).toContain(word);
    expect(left).toContain('M 00:00:00.000 * Running');
    expect(left).toContain('  mode=standalone, port=6380.');
  });
});
