import { describe, expect, it } from 'vitest';
import { ReplSession } from '../../src/repl/session.js';
import { formatTrace } from '../../src/repl/trace-format.js';
import { causeFirst, shownAt } from '../../src/repl/trace-order.js';
import { extractSequence } from '../../src/ui/sequence-messages.js';

function synced(): ReplSession {
  const s = new ReplSession({ seed: 1 });
  s.setup(['redis-server --port 6380', 'redis-server --port 6381', 'redis-cli -p 6381 replicaof 127.0.0.1 6380']);
  return s;
}

describe('views show a command before what it did at that moment', () => {
  it('the engine marks where a write’s own effects began; a read with none is left alone', () => {
    const s = synced();
    const from = s.world.trace.total;
    s.submit('redis-cli -p 6380 set a 1');
    const events = s.world.trace.since(from);
    const set = events.find((e) => e.type === 'command' && e.argv[0] === 'set')!;
    expect(set.type === 'command' && set.effectsFrom).toBe(from);
    expect(events.findIndex((e) => e.type === 'propagate')).toBeLessThan(events.indexOf(set));
    const before = s.world.trace.total;
    s.submit('redis-cli -p 6380 get a');
    const get = s.world.trace.since(before).find((e) => e.type === 'command')!;
    expect(get.type === 'command' && get.effectsFrom).toBeUndefined();
  });

  it('the events pane reads: the command, then its propagation, then the replica applying it', () => {
    const s = synced();
    const from = s.world.trace.total;
    s.submit('redis-cli -p 6380 set a 1');
    const lines = causeFirst(s.world.trace.since(from)).map((e) => formatTrace(e, 'en'));
    const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
    expect(at(/6380 > set a 1 {2}→ OK/)).toBeGreaterThanOrEqual(0);
    expect(at(/6380 > set a 1/)).toBeLessThan(at(/propagates set a 1/));
    expect(at(/propagates set a 1/)).toBeLessThan(at(/6381 applied set a 1/));
    // Revealed with its first effect (the animation shows the cause as soon as anything it did).
    const set = s.world.trace.since(from).find((e) => e.type === 'command')!;
    expect(shownAt(set)).toBeLessThan(set.seq);
  });

  it('the sequence view draws the command’s mark before the arrows it sent', () => {
    const s = synced();
    const from = s.world.trace.total;
    s.submit('redis-cli -p 6380 set a 1');
    const data = extractSequence(s.world.trace.since(from), { nowMs: s.world.now });
    const mark = data.marks.find((m) => m.kind === 'command')!;
    const stream = data.messages.find((m) => m.label.startsWith('set a 1'))!;
    expect(mark.seq).toBeLessThan(stream.seq);
  });
});
