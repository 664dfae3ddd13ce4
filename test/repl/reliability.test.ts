// Issue 12's reproducers: nothing wedges, nothing runs away. Each is the smallest batch a learner
// (or a fuzzer) typed that once left the session waiting forever or burning CPU.
import { describe, expect, it } from 'vitest';
import type { OutputLine } from '../../src/repl/api.js';
import { ReplSession } from '../../src/repl/session.js';
import { World } from '../../src/redis/world.js';

const texts = (lines: OutputLine[]) => lines.map((l) => l.text);

function session(maxMemoryBytes = 0): ReplSession {
  return new ReplSession({ seed: 1, createWorld: (seed) => new World({ seed, maxMemoryBytes }) });
}

/** Submit every line; returns what the last one printed. */
function run(s: ReplSession, lines: string[]): string[] {
  let out: OutputLine[] = [];
  for (const l of lines) out = s.submit(l);
  return texts(out);
}

describe('reproducer 1 — a redis-cli waiting on a server that dies is released', () => {
  it('replica output mode (SYNC, PSYNC typed at the prompt): the master killed → redis-cli exits to the shell', () => {
    for (const cmd of ['sync', 'psync ? -1']) {
      const s = session();
      run(s, ['redis-server --port 6380', 'redis-cli -p 6380', cmd]);
      expect(run(s, ['ping']).join('\n'), cmd).toMatch(/waiting for the reply/);
      s.submit(':kill 6380');
      expect(s.waiting, cmd).toBe(false);
      expect(s.prompt, cmd).toBe('$ ');
      expect(run(s, ['redis-cli -p 6380 ping']), cmd).toEqual(['Could not connect to Redis at 127.0.0.1:6380: Connection refused']);
    }
  });

  it('one-shot: :pause, redis-cli ping, :kill → "Error: Connection reset by peer", then the shell prompt', () => {
    const s = session();
    run(s, ['redis-server --port 6380', ':pause 6380', 'redis-cli -p 6380 ping']);
    expect(s.waiting).toBe(true);
    expect(run(s, [':kill 6380'])).toContain('Error: Connection reset by peer');
    expect(s.waiting).toBe(false);
    expect(s.prompt).toBe('$ ');
    expect(run(s, ['ls'])).toEqual(['6380  6381  6382']);
  });

  it('interactive: a blocked DEBUG SLEEP, :kill → "Error: Server closed the connection" (the command was read), then not connected>', () => {
    const s = session();
    run(s, ['redis-server --port 6380', 'redis-cli -p 6380', ':mode manual', 'debug sleep 100']);
    expect(s.waiting).toBe(true);
    expect(run(s, [':kill 6380'])).toContain('Error: Server closed the connection');
    expect(s.waiting).toBe(false);
    expect(s.prompt).toBe('not connected> ');
    expect(run(s, ['ping'])).toEqual(['Could not connect to Redis at 127.0.0.1:6380: Connection refused']);
  });

  it('SHUTDOWN from another client while a paused server holds our command: the same release', () => {
    const s = session();
    run(s, ['redis-server --port 6380', 'redis-cli -p 6380', ':mode manual', ':pause 6380', 'ping']);
    expect(s.waiting).toBe(true);
    run(s, [':kill 6380']);
    expect(s.waiting).toBe(false);
    expect(s.prompt).toBe('not connected> ');
  });

  it('^C at a waiting prompt (cancelPending) exits redis-cli as 7.0 does; the server forgets the client', () => {
    const s = session();
    run(s, ['redis-server --port 6380', 'redis-server --port 6381', 'redis-cli -p 6381 replicaof 127.0.0.1 6380', 'redis-cli -p 6380']);
    run(s, [':pause 6381', 'set k v', 'wait 1 0']);
    expect(s.waiting).toBe(true);
    expect(s.cancelPending()).toBe(true);
    expect(texts(s.drainAsyncOutput())).toEqual(['^C']);
    expect(s.waiting).toBe(false);
    expect(s.prompt).toBe('$ ');
    expect(run(s, ['redis-cli -p 6380 info clients']).find((l) => l.startsWith('blocked_clients:'))).toBe('blocked_clients:0');
    expect(s.cancelPending()).toBe(false);
  });

  it('^C is recorded: a rewind replays it and reaches the same world', () => {
    const s = session();
    run(s, ['redis-server --port 6380', ':pause 6380', 'redis-cli -p 6380 ping']);
    s.cancelPending();
    run(s, [':resume 6380', 'redis-cli -p 6380 set a 1']);
    const before = s.snapshot();
    s.rewindTo(s.world.eventsRun);
    expect(s.snapshot()).toEqual(before);
    expect(s.inputs.filter((i) => i.kind === 'cancel')).toHaveLength(1);
  });
});

describe('reproducer 2 — an engine fault is a reply, counted in the trace, never a wedge', () => {
  it('setrange k 536870900 x: a value past the longest JavaScript string is the tutor\'s OOM, and the prompt answers again', () => {
    const s = session();
    const out = run(s, ['redis-server --port 6380', 'redis-cli -p 6380', 'setrange k 536870900 x']);
    expect(out[0]).toBe("(error) OOM command not allowed when used memory > 'maxmemory'.");
    expect(s.world.trace.all().filter((e) => e.type === 'engine.fault')).toHaveLength(1);
    expect(run(s, ['ping'])).toEqual(['PONG']);
    expect(run(s, ['strlen k'])).toEqual(['(integer) 0']);
  });

  it('debug populate 1 key 1000000000: the same, and the key is not half-made', () => {
    const s = session();
    const out = run(s, ['redis-server --port 6380', 'redis-cli -p 6380', 'debug populate 1 key 1000000000']);
    expect(out[0]).toMatch(/^\(error\) OOM /);
    expect(run(s, ['dbsize'])).toEqual(['(integer) 0']);
    expect(run(s, ['ping'])).toEqual(['PONG']);
  });

  it('KEYS with "a*" 5,000 times on a 10,000-character key: 7.0\'s nesting limit answers (empty array)', () => {
    const s = session();
    const key = 'a'.repeat(10_000);
    run(s, ['redis-server --port 6380', 'redis-cli -p 6380', `set ${key} v`]);
    expect(run(s, [`keys ${'a*'.repeat(5000)}`])).toEqual(['(empty array)']);
    // Within the limit the same key matches (as on a real 7.0: 1,001 stars, 1,000 nested).
    expect(run(s, [`keys ${'a*'.repeat(1001)}`])).toHaveLength(1);
    expect(run(s, ['ping'])).toEqual(['PONG']);
  });

  it('an exception inside a handler answers ERR with its message and is traced as an engine fault', () => {
    const w = new World({ seed: 1 });
    w.startServer({ flags: [['port', '6380']] });
    // A table of this world's own, so the broken handler reaches no other test.
    const table = new Map(w.commands);
    const ping = table.get('ping')!;
    table.set('ping', { ...ping, spec: { ...ping.spec, handler: () => { throw new Error('boom'); } } });
    (w as { commands: typeof table }).commands = table;
    const c = w.connect('127.0.0.1', 6380);
    if ('error' in c) throw new Error(c.error);
    let reply: unknown;
    c.send(['ping'], (r) => (reply = r));
    expect(reply).toEqual({ kind: 'error', text: 'ERR boom' });
    const fault = w.trace.all().find((e) => e.type === 'engine.fault');
    expect(fault).toMatchObject({ port: 6380, argv: ['ping'], message: 'boom' });
  });
});

describe('reproducer 3 — settling always stops, by a stated rule', () => {
  it('a chain 6380→6381→6382 with 5 s latency on the last link settles within a minute of virtual time', () => {
    const s = session();
    run(s, [
      'redis-server --port 6380',
      'redis-server --port 6381',
      'redis-server --port 6382',
      'redis-cli -p 6381 replicaof 127.0.0.1 6380',
      'redis-cli -p 6382 replicaof 127.0.0.1 6381',
      ':latency 6381 6382 5000',
    ]);
    const t0 = s.world.now;
    run(s, ['redis-cli -p 6380 set a 1']);
    expect(s.world.now - t0).toBeLessThan(60_000);
    const t1 = s.world.now;
    expect(run(s, [':run idle'])[0]).toMatch(/^ran until idle/);
    expect(s.world.now - t1).toBeLessThan(60_000);
    expect(run(s, ['redis-cli -p 6382 get a'])).toEqual(['"1"']);
  });

  it('debug sleep 1e300 while a replica retries a missing master: the next lines move seconds, not aeons', () => {
    const s = session();
    run(s, ['redis-server --port 6380', 'redis-server --port 6381', 'redis-cli -p 6381 replicaof 127.0.0.1 6390']);
    run(s, ['redis-cli -p 6380 debug sleep 1e300']);
    const t0 = s.world.now;
    run(s, ['redis-cli -p 6381 set k v', ':run idle', ':run idle']);
    expect(s.world.now - t0).toBeLessThan(60_000);
  });

  it('debug sleep 1e300 on a lone server: no event lies past the end of time, and the clock still counts seconds', () => {
    const s = session();
    run(s, ['redis-server --port 6380', 'redis-cli -p 6380', 'debug sleep 1e300']);
    expect(s.waiting).toBe(true);
    run(s, [':kill 6380', 'exit', 'redis-server --port 6381']);
    const t0 = s.world.now;
    expect(run(s, [':run 11s'])).toEqual([`ran 11.000s, now ${((t0 + 11_000) / 1000).toFixed(3)}s`]);
    expect(s.world.now).toBe(t0 + 11_000);
  });

  it('a world that never settles stops at the cap, and the line says so', () => {
    const s = session();
    run(s, ['redis-server --port 6380', 'redis-server --port 6381', 'redis-cli -p 6380 debug populate 10000', ':bandwidth 6380 6381 100']);
    const t0 = s.world.now;
    const out = run(s, ['redis-cli -p 6381 replicaof 127.0.0.1 6380']);
    expect(out).toEqual(['OK', '(stopped after 600.000s of virtual time: replication has not settled; :run idle, :step or :run go on)']);
    expect(s.world.now - t0).toBe(600_000);
  });
});

describe('reproducer 5 — shell features that ran away', () => {
  it('ls {1..10000}{1..10000}: brace expansion caps the product of its ranges', () => {
    expect(run(session(), ['ls {1..10000}{1..10000}'])).toEqual([
      "(brace expansion would make more than 10000 words; the tutorial's shell stops there)",
    ]);
  });

  it('… | grep "( +)+x" answers in one pass over each line', () => {
    const s = session();
    run(s, ['redis-server --port 6380', `redis-cli -p 6380 set k "${' '.repeat(30_000)}"`]);
    expect(run(s, ['redis-cli -p 6380 get k | grep -E "( +)+x"'])).toEqual([]);
    expect(run(s, ['redis-cli -p 6380 get k | grep "( +)+x"'])).toEqual([]);
  });
});

describe('reproducer 4 — the memory budget, enforced like maxmemory with noeviction', () => {
  it('debug populate 10 "" 536870887 is refused before anything is built; debug reload on big values too', () => {
    const s = session(48 << 20);
    run(s, ['redis-server --port 6380', 'redis-cli -p 6380']);
    expect(run(s, ['debug populate 10 "" 536870887'])[0]).toBe("(error) OOM command not allowed when used memory > 'maxmemory'.");
    expect(run(s, ['debug populate 4 "" 5000000'])).toEqual(['OK']);
    expect(run(s, ['debug reload'])[0]).toMatch(/^\(error\) OOM /);
    expect(run(s, ['dbsize'])).toEqual(['(integer) 4']);
  });

  it('writes are refused once the budget is spent, reads still answer, and FLUSHALL gives it back', () => {
    const s = session(8 << 20);
    run(s, ['redis-server --port 6380', 'redis-cli -p 6380', 'debug populate 2 "" 3000000']);
    // Like maxmemory: the check is before a command, so this one still runs and goes over.
    expect(run(s, ['setrange big 2000000 x'])).toEqual(['(integer) 2000001']);
    expect(run(s, ['set k v'])[0]).toBe("(error) OOM command not allowed when used memory > 'maxmemory'.");
    expect(run(s, ['get key:0'])).toHaveLength(1);
    expect(run(s, ['flushall'])).toEqual(['OK']);
    expect(run(s, ['set k v'])).toEqual(['OK']);
  });
});
