import { describe, expect, it } from 'vitest';
import { normaliseLogLines } from '../../conformance/normalise.js';
import { parseLogRead } from '../../conformance/transcript.js';

describe('conformance — log lines normalised for comparison', () => {
  it('hides pids, times, the REPLICAOF sender, snapshot memory and age; keeps the words', () => {
    expect(
      normaliseLogLines([
        "9985:S 01 Dec 2026 21:13:13.887 * REPLICAOF 127.0.0.1:6380 enabled (user request from 'id=4 addr=127.0.0.1:50432 fd=8')",
        '9977:M 01 Dec 2026 21:13:13.891 * Background saving started by pid 10008',
        '9977:C 01 Dec 2026 21:13:13.653 # Redis version=7.0.15, bits=64, commit=00000000, modified=0, pid=9977, just started',
        '9985:S 01 Dec 2026 21:13:13.972 * RDB age 1 seconds',
        '9985:S 01 Dec 2026 21:13:13.972 * RDB memory usage when created 0.94 Mb',
      ]),
    ).toEqual([
      "<pid>:S <time> * REPLICAOF 127.0.0.1:6380 enabled (user request from '<client>')",
      '<pid>:M <time> * Background saving started by pid <pid>',
      '<pid>:C <time> # Redis version=7.0.15, bits=64, commit=00000000, modified=0, pid=<pid>, just started',
      '<pid>:S <time> * RDB age <n> seconds',
      '<pid>:S <time> * RDB memory usage when created <n> Mb',
    ]);
  });

  it('counts a run of once-a-second retries as one, and reads the relay’s closed handshake as a refusal', () => {
    const retry = (s: string) => [
      `1:S 01 Dec 2026 21:13:1${s}.000 * Connecting to MASTER 127.0.0.1:6380`,
      `1:S 01 Dec 2026 21:13:1${s}.000 * MASTER <-> REPLICA sync started`,
      `1:S 01 Dec 2026 21:13:1${s}.001 # Error condition on socket for SYNC: Connection refused`,
    ];
    const relay = [
      '1:S 01 Dec 2026 21:13:10.000 * Non blocking connect for SYNC fired the event.',
      '1:S 01 Dec 2026 21:13:10.000 # Failed to read response from the server: Success',
      '1:S 01 Dec 2026 21:13:10.000 # Master did not respond to command during SYNC handshake',
    ];
    const out = normaliseLogLines([...relay, ...retry('1'), ...retry('2'), ...retry('3'), '1:M 01 Dec 2026 21:13:14.000 * MASTER MODE enabled']);
    expect(out).toEqual([
      '<pid>:S <time> # Error condition on socket for SYNC: Connection refused',
      '<pid>:S <time> * Connecting to MASTER 127.0.0.1:6380',
      '<pid>:S <time> * MASTER <-> REPLICA sync started',
      '<pid>:S <time> # Error condition on socket for SYNC: Connection refused',
      '<pid>:M <time> * MASTER MODE enabled',
    ]);
  });

  it('knows which shell lines read a server log', () => {
    expect(parseLogRead(['tail', '-n', '20', '/data/6381/redis.log'])).toEqual({ port: 6381, lines: 20 });
    expect(parseLogRead(['cat', '/data/6380/redis.log'])).toEqual({ port: 6380, lines: null });
    expect(parseLogRead(['tail', '/data/6380/redis.log'])).toEqual({ port: 6380, lines: 10 });
    expect(parseLogRead(['cat', '/data/6380/redis.conf'])).toBeNull();
    expect(parseLogRead(['tail', '-f', '/data/6380/redis.log'])).toBeNull();
  });
});
