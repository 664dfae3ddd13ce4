import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ReplSession } from '../../src/repl/session.js';
import { World } from '../../src/redis/world.js';
const createWorld = (seed: number) => new World({ seed });
import type { OutputLine } from '../../src/repl/api.js';

const newSession = (opts: { seed?: number; manual?: boolean } = {}) =>
  new ReplSession({ seed: opts.seed ?? 7, timeMode: opts.manual ? 'manual' : 'settled', createWorld });
const texts = (lines: OutputLine[]) => lines.map((l) => l.text);
/** Submit lines and return the text printed by the last one. */
function run(s: ReplSession, ...lines: string[]): string[] {
  let out: OutputLine[] = [];
  for (const l of lines) out = s.submit(l);
  return texts(out);
}
const startSeedServers = (s: ReplSession) =>
  run(s, 'redis-server /data/6380/redis.conf', 'redis-server /data/6381/redis.conf', 'redis-server /data/6382/redis.conf');

describe('redis-cli prompts', () => {
  it('starts at the shell and enters a node prompt with redis-cli -p', () => {
    const s = newSession();
    expect(s.prompt).toBe('$ ');
    startSeedServers(s);
    expect(run(s, 'redis-cli -p 6381')).toEqual([]);
    expect(s.prompt).toBe('127.0.0.1:6381> ');
    expect(run(s, 'exit')).toEqual([]);
    expect(s.prompt).toBe('$ ');
  });

  it('nothing listening: Could not connect… and a not connected> prompt that keeps trying', () => {
    const s = newSession();
    expect(run(s, 'redis-cli -p 6380')).toEqual(['Could not connect to Redis at 127.0.0.1:6380: Connection refused']);
    expect(s.prompt).toBe('not connected> ');
    expect(run(s, 'ping')).toEqual(['Could not connect to Redis at 127.0.0.1:6380: Connection refused']);
    expect(run(s, 'quit')).toEqual([]);
    expect(s.prompt).toBe('$ ');
  });

  it('one-shot redis-cli to a closed port prints the error and stays at $', () => {
    const s = newSession();
    expect(run(s, 'redis-cli -p 6380 ping')).toEqual(['Could not connect to Redis at 127.0.0.1:6380: Connection refused']);
    expect(s.prompt).toBe('$ ');
  });

  it('a server that died: Error: Server closed the connection, then Could not connect, then reconnects when back', () => {
    const s = newSession();
    startSeedServers(s);
    run(s, 'redis-cli -p 6380');
    run(s, ':kill 6380');
    expect(run(s, 'ping')).toEqual(['Error: Server closed the connection']);
    expect(s.prompt).toBe('not connected> ');
    expect(run(s, 'ping')).toEqual(['Could not connect to Redis at 127.0.0.1:6380: Connection refused']);
    run(s, ':restart 6380');
    expect(run(s, 'ping')).toEqual(['PONG']);
    expect(s.prompt).toBe('127.0.0.1:6380> ');
  });

  it('a successful SHUTDOWN prints nothing and leaves the prompt not connected', () => {
    const s = newSession();
    startSeedServers(s);
    run(s, 'redis-cli -p 6380');
    expect(run(s, 'shutdown')).toEqual([]);
    expect(s.prompt).toBe('not connected> ');
    run(s, 'exit');
    expect(run(s, 'redis-cli -p 6381 shutdown')).toEqual([]);
    expect(s.world.listeningPorts()).toEqual([6382]);
  });

  it('[db] after SELECT and (TX) inside MULTI, with redis-cli 7.0 bookkeeping', () => {
    const s = newSession();
    startSeedServers(s);
    run(s, 'redis-cli -p 6380', 'select 1');
    expect(s.prompt).toBe('127.0.0.1:6380[1]> ');
    run(s, 'multi');
    expect(s.prompt).toBe('127.0.0.1:6380[1](TX)> ');
    expect(run(s, 'select 2')).toEqual(['QUEUED']);
    expect(s.prompt).toBe('127.0.0.1:6380[2](TX)> ');
    expect(run(s, 'discard')).toEqual(['OK']);
    expect(s.prompt).toBe('127.0.0.1:6380[1]> ');
    expect(run(s, 'select 99')).toEqual(['(error) ERR DB index is out of range']);
    expect(s.prompt).toBe('127.0.0.1:6380[1]> ');
  });

  it('-n DB selects on connect', () => {
    const s = newSession();
    startSeedServers(s);
    run(s, 'redis-cli -p 6380 -n 3', 'set k v');
    expect(s.prompt).toBe('127.0.0.1:6380[3]> ');
    expect(s.world.keys(6380, 3).map((k) => k.key)).toEqual(['k']);
  });

  it('the repeat prefix, invalid arguments and blank lines', () => {
    const s = newSession();
    startSeedServers(s);
    run(s, 'redis-cli -p 6380');
    expect(run(s, '3 ping')).toEqual(['PONG', 'PONG', 'PONG']);
    expect(run(s, '0 ping')).toEqual(['Invalid redis-cli repeat command option value.']);
    expect(run(s, 'set a "b')).toEqual(['Invalid argument(s)']);
    expect(run(s, '   ')).toEqual([]);
    expect(run(s, 'get "\\xe2\\x82\\xac"')).toEqual(['(nil)']);
    expect(run(s, 'set € "\\xe2\\x82\\xac"', 'get €')).toEqual(['"\\xe2\\x82\\xac"']);
  });

  it('help is answered by redis-cli itself, even when not connected', () => {
    const s = newSession();
    run(s, 'redis-cli -p 6399');
    expect(run(s, 'help')[0]).toBe('redis-cli 7.0.15');
  });

  it('INFO prints raw lines; the seed failover reads READONLY on a replica', () => {
    const s = newSession();
    startSeedServers(s);
    run(s, 'redis-cli -p 6381', 'slaveof 127.0.0.1 6380');
    const info = run(s, 'info replication');
    expect(info[0]).toBe('# Replication');
    expect(info).toContain('role:slave');
    expect(info).toContain('master_link_status:up');
    expect(run(s, 'set a 10')).toEqual(["(error) READONLY You can't write against a read only replica."]);
  });
});

describe('blocking replies and time', () => {
  it('settled mode waits for a WAIT that times out and prints its time like redis-cli', () => {
    const s = newSession();
    startSeedServers(s);
    run(s, 'redis-cli -p 6381 slaveof 127.0.0.1 6380', ':pause 6381', 'redis-cli -p 6380', 'set x 1');
    expect(run(s, 'wait 1 1500')).toEqual(['(integer) 0', '(1.50s)']);
  });

  it('manual mode leaves the reply pending until time passes', () => {
    const s = newSession();
    startSeedServers(s);
    run(s, 'redis-cli -p 6381 slaveof 127.0.0.1 6380', ':pause 6381', 'redis-cli -p 6380', 'set x 1', ':mode manual');
    expect(run(s, 'wait 1 1500')).toEqual([]);
    expect(s.waiting).toBe(true);
    expect(run(s, 'ping')[0]).toMatch(/waiting for the reply/);
    const out = run(s, ':run 2s');
    expect(out.slice(0, 2)).toEqual(['(integer) 0', '(1.50s)']);
    expect(s.waiting).toBe(false);
  });

  it('a paused server answers when resumed', () => {
    const s = newSession({ manual: true });
    run(s, 'redis-server /data/6380/redis.conf', 'redis-cli -p 6380', ':pause 6380');
    expect(run(s, 'ping')).toEqual([]);
    const out = [...run(s, ':resume 6380'), ...run(s, ':run 100ms')];
    expect(out).toContain('PONG');
    expect(s.waiting).toBe(false);
  });

  it(':step, :run, :mode and bad tutor arguments', () => {
    const s = newSession({ manual: true });
    run(s, 'redis-server /data/6380/redis.conf');
    expect(run(s, ':step')[0]).toMatch(/^stepped \[/);
    expect(run(s, ':run 11s')).toEqual([`ran 11.000s, now ${(s.world.now / 1000).toFixed(3)}s`]);
    expect(run(s, ':run soon')).toEqual(['usage: :run idle | :run DURATION']);
    expect(run(s, ':mode')).toEqual(['time mode: manual']);
    expect(run(s, ':kill 7000')).toEqual(['no running process on port 7000']);
  });

  it(':seed starts a new world and says so', () => {
    const s = newSession();
    startSeedServers(s);
    expect(run(s, ':seed 99')[0]).toMatch(/^new world with seed 99/);
    expect(s.seed).toBe(99);
    expect(s.world.listeningPorts()).toEqual([]);
  });
});

describe('history', () => {
  it('dedupes consecutive lines, skips blanks, keeps the last 1000', () => {
    const s = newSession();
    run(s, 'ls', 'ls', 'pwd', '  ', 'ls');
    expect(s.history).toEqual(['ls', 'pwd', 'ls']);
    for (let i = 0; i < 1100; i++) s.submit(`:help ${i}`);
    expect(s.history.length).toBe(1000);
    expect(s.history[999]).toBe(':help 1099');
  });
});

describe('rewind', () => {
  const script = [
    'redis-server /data/6380/redis.conf',
    'redis-server /data/6381/redis.conf',
    'redis-cli -p 6380',
    'set k1 v1',
    ':mode manual',
    'set k2 v2',
    ':step 3',
    'set k3 v3',
    ':run 2s',
    'exit',
    'redis-cli -p 6381 slaveof 127.0.0.1 6380',
    ':step 20',
    'redis-cli -p 6380 set k4 v4',
    ':run idle',
  ];

  it('rewinding to any event equals the original run as it was at that event', () => {
    // Watch the original run: the world's state just before each event fires (inputs given at
    // event E come before event E+1, so that is the state rewindTo(E) must rebuild).
    const seen = new Map<number, string>();
    let watching = true;
    const state = (w: World) => JSON.stringify({ nodes: w.snapshot(), trace: w.trace.total, keys: w.keys(6380) });
    const watched = (seed: number) => {
      const w = new World({ seed });
      if (watching) {
        const step = w.scheduler.step.bind(w.scheduler);
        w.scheduler.step = () => {
          seen.set(w.eventsRun, state(w));
          return step();
        };
      }
      return w;
    };
    const a = new ReplSession({ seed: 7, createWorld: watched });
    for (const l of script) a.submit(l);
    watching = false;
    const end = a.world.eventsRun;
    seen.set(end, state(a.world as World));
    expect(end).toBeGreaterThan(30);
    const targets = [end, end - 1, Math.floor(end / 2) + 3, Math.floor(end / 2), 7, 3, 1, 0];
    for (const target of targets) {
      a.rewindTo(target);
      expect(a.world.eventsRun).toBe(target);
      expect(state(a.world as World)).toBe(seen.get(target));
    }
  });

  it('rewindToMark restores the transcript and the world of the mark exactly', () => {
    const a = newSession();
    for (const l of script.slice(0, 4)) a.submit(l);
    a.mark();
    const snap = a.snapshot();
    const transcript = a.transcript.map((l) => ({ ...l }));
    const prompt = a.prompt;
    for (const l of script.slice(4)) a.submit(l);
    expect(a.snapshot()).not.toEqual(snap);
    expect(a.rewindToMark()).toBe(true);
    expect(a.snapshot()).toEqual(snap);
    expect(a.transcript).toEqual(transcript);
    expect(a.prompt).toBe(prompt);
    expect(a.timeMode).toBe('settled');
  });

  it('marks survive rewinds: two marks, rewind to the later, then to the earlier', () => {
    const a = newSession();
    for (const l of script.slice(0, 3)) a.submit(l);
    const m1 = a.mark();
    const snap1 = a.snapshot();
    for (const l of script.slice(3, 9)) a.submit(l);
    const m2 = a.mark();
    const snap2 = a.snapshot();
    for (const l of script.slice(9)) a.submit(l);
    expect(a.rewindToMark(m2)).toBe(true);
    expect(a.snapshot()).toEqual(snap2);
    for (const l of script.slice(9)) a.submit(l);
    expect(a.rewindToMark(m1)).toBe(true);
    expect(a.snapshot()).toEqual(snap1);
    // The later mark is in the forgotten future now.
    expect(a.rewindToMark(m2)).toBe(false);
  });

  it('property: after random lines, rewinding to a random event rebuilds the state seen then', () => {
    const vocabulary = [
      'redis-server /data/6380/redis.conf', 'redis-server /data/6381/redis.conf', 'redis-server /data/6382/redis.conf',
      'redis-cli -p 6381 slaveof 127.0.0.1 6380', 'redis-cli -p 6382 slaveof 127.0.0.1 6381', 'redis-cli -p 6380 set k v',
      'redis-cli -p 6380 incr n', ':step', ':step 7', ':run 1500ms', ':run idle', ':mode manual', ':mode settled',
      ':kill 6380', ':restart 6380', ':drop 6380 6381', ':heal', ':pause 6381', ':resume 6381', 'redis-cli -p 6381 wait 1 100',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 14 }), fc.nat(), (lines, pick) => {
        const seen = new Map<number, string>();
        let watching = true;
        const state = (w: World) => JSON.stringify({ nodes: w.snapshot(), trace: w.trace.total });
        const a = new ReplSession({
          seed: 5,
          createWorld: (seed) => {
            const w = new World({ seed });
            if (watching) {
              const step = w.scheduler.step.bind(w.scheduler);
              w.scheduler.step = () => {
                seen.set(w.eventsRun, state(w));
                return step();
              };
            }
            return w;
          },
        });
        for (const l of lines) a.submit(l);
        watching = false;
        seen.set(a.world.eventsRun, state(a.world as World));
        const target = pick % (a.world.eventsRun + 1);
        a.rewindTo(target);
        expect(a.world.eventsRun).toBe(target);
        expect(state(a.world as World)).toBe(seen.get(target));
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 25) },
    );
  });

  it('a rewound transcript reads like the original, :step and :run confirmations included', () => {
    const a = newSession();
    for (const l of script) a.submit(l);
    const original = a.transcript.map((l) => ({ ...l }));
    a.mark();
    for (const l of ['redis-cli -p 6380 set k5 v5', ':run 3s']) a.submit(l);
    expect(a.rewindToMark()).toBe(true);
    expect(a.transcript).toEqual(original);
  });

  it('rewindOneEvent goes back exactly one event; at time zero it refuses', () => {
    const a = newSession();
    expect(a.rewindOneEvent()).toBe(false);
    for (const l of script.slice(0, 7)) a.submit(l);
    const n = a.world.eventsRun;
    expect(a.rewindOneEvent()).toBe(true);
    expect(a.world.eventsRun).toBe(n - 1);
  });

  it('the same seed and lines give the same transcript and trace', () => {
    const a = newSession();
    const b = newSession();
    for (const l of script) {
      a.submit(l);
      b.submit(l);
    }
    expect(a.transcript).toEqual(b.transcript);
    expect(a.world.trace.all()).toEqual(b.world.trace.all());
  });
});

describe('completion and hints follow the prompt', () => {
  it('shell words at $, command names at a node prompt, tutor words anywhere', () => {
    const s = newSession();
    startSeedServers(s);
    expect(s.complete('net')).toEqual(['netstat']);
    expect(s.synopsis('redis-cli')).toBe(' [-h HOST] [-p PORT] [-n DB] [COMMAND ARGS ...]');
    run(s, 'redis-cli -p 6380');
    expect(s.complete('slave')).toEqual(['SLAVEOF']);
    expect(s.synopsis('slaveof ')).toBe('host port|NO ONE');
    expect(s.synopsis(':kill')).toBe(' PORT');
    expect(run(s, 'help slaveof')[1]).toBe('  SLAVEOF host port|NO ONE');
  });
});

describe('robustness', () => {
  it('an exception inside the engine becomes one (error) internal line and the session carries on', () => {
    const s = new ReplSession({
      createWorld: (seed) => {
        const w = createWorld(seed);
        w.listeningPorts = () => {
          throw new Error('boom\nsecond line');
        };
        return w;
      },
    });
    expect(s.submit('netstat -tlnp')).toEqual([{ text: '(error) internal: boom', kind: 'error' }]);
    expect(run(s, 'pwd')).toEqual(['/data']);
  });


  const words = [
    'redis-server', '/data/6380/redis.conf', '/data/6381/redis.conf', 'redis-cli', '-p', '6380', '6381', '6399', 'exit',
    'set', 'get', 'k', '"a b', "'x'", 'slaveof', 'no', 'one', '127.0.0.1', 'multi', 'exec', 'select', 'wait', '1', '0',
    'shutdown', ':kill', ':restart', ':pause', ':resume', ':drop', ':heal', ':step', ':run', '2s', 'idle', ':mode',
    'manual', 'settled', 'netstat', '-tlnp', '|', 'grep', 'ls', 'cat', 'info', 'replication', 'debug', 'sleep', '€', '\\x00',
    '\u0000', '\t', 'flushall', 'keys', '*', '3', 'connect', 'client', 'list', ':seed', ':bandwidth', '10kb', ':latency',
  ];
  const line = fc.oneof(
    fc.array(fc.constantFrom(...words), { minLength: 0, maxLength: 6 }).map((w) => w.join(' ')),
    fc.string({ unit: 'binary', maxLength: 40 }),
  );

  it('submit never throws and always returns lines, whatever is typed', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 25 }), fc.integer({ min: 0, max: 1000 }), (lines, seed) => {
        const s = newSession({ seed });
        for (const l of lines) {
          const out = s.submit(l);
          expect(Array.isArray(out)).toBe(true);
          for (const o of out) expect(o.text).not.toMatch(/internal:/);
          expect(typeof s.prompt).toBe('string');
          s.drainAsyncOutput();
          s.complete(l);
          s.synopsis(l);
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 60) },
    );
  });
});
