// The event timeline's rows: in the events view (F5) a long event wraps under its text instead of being cut.
import { describe, expect, it } from 'vitest';
import { ReplSession } from '../../src/repl/session.js';
import { formatTrace } from '../../src/repl/trace-format.js';
import { lineText } from '../../src/ui/lines.js';
import { timelineLines, wrapTimeline } from '../../src/ui/timeline-model.js';
import { textWidth } from '../../src/ui/text-width.js';

describe('timeline rows, wrapped for the events view', () => {
  it('at 80 columns a long event continues under its text, every word kept; short ones stay one row', () => {
    const s = new ReplSession({ seed: 1 });
    s.setup(['redis-server --port 6380', 'redis-server --port 6381', 'redis-cli -p 6381 replicaof 127.0.0.1 6380']);
    const events = s.world.trace.all();
    const lines = timelineLines(events, (e) => formatTrace(e, 'en'));
    const rows = wrapTimeline(lines, 80).map(lineText);
    for (const r of rows) expect(textWidth(r), r).toBeLessThanOrEqual(80);
    const long = events.map((e) => formatTrace(e, 'en')).find((t) => t.length > 75 && t.includes('full resync'))!;
    expect(long).toBeDefined();
    const at = rows.findIndex((r) => r.includes(long.slice(0, 30)));
    const joined = rows.slice(at, at + 3).map((r, i) => (i === 0 ? r.slice(10) : r.trimStart())).join(' ');
    expect(joined).toContain(long);
    expect(rows[at + 1]).toMatch(/^ {10}\S/);
    expect(rows.length).toBeGreaterThan(lines.length);
    expect(wrapTimeline(lines, 400)).toHaveLength(lines.length);
  });
});
