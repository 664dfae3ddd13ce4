import { describe, it, expect } from 'vitest';
import { parseTutorLine, parseDuration, parseRate } from '../../src/repl/tutor.js';

describe('tutor lines', () => {
  it(':step with and without a count', () => {
    expect(parseTutorLine(':step')).toEqual({ ok: true, command: { kind: 'step', count: 1 } });
    expect(parseTutorLine(':step 25')).toEqual({ ok: true, command: { kind: 'step', count: 25 } });
    expect(parseTutorLine(':step 0')).toEqual({ ok: false, error: 'usage: :step [N]' });
    expect(parseTutorLine(':step x')).toEqual({ ok: false, error: 'usage: :step [N]' });
  });

  it(':run idle and :run DURATION in ms, s, m', () => {
    expect(parseTutorLine(':run idle')).toEqual({ ok: true, command: { kind: 'run-idle' } });
    expect(parseTutorLine(':run 11s')).toEqual({ ok: true, command: { kind: 'run', ms: 11_000 } });
    expect(parseTutorLine(':run 500ms')).toEqual({ ok: true, command: { kind: 'run', ms: 500 } });
    expect(parseTutorLine(':run 2m')).toEqual({ ok: true, command: { kind: 'run', ms: 120_000 } });
    expect(parseTutorLine(':run 1.5s')).toEqual({ ok: true, command: { kind: 'run', ms: 1500 } });
    expect(parseTutorLine(':run 10')).toMatchObject({ ok: false, error: expect.stringMatching(/^usage: :run idle/) });
    expect(parseTutorLine(':run')).toMatchObject({ ok: false });
  });

  it('process faults take one valid port', () => {
    for (const k of ['kill', 'restart', 'pause', 'resume'] as const) {
      expect(parseTutorLine(`:${k} 6380`)).toEqual({ ok: true, command: { kind: 'fault', fault: { kind: k, port: 6380 } } });
      expect(parseTutorLine(`:${k} 70000`)).toEqual({ ok: false, error: `usage: :${k} PORT` });
      expect(parseTutorLine(`:${k}`)).toEqual({ ok: false, error: `usage: :${k} PORT` });
    }
  });

  it('link faults take two different ports', () => {
    expect(parseTutorLine(':drop 6380 6381')).toEqual({ ok: true, command: { kind: 'fault', fault: { kind: 'drop', a: 6380, b: 6381 } } });
    expect(parseTutorLine(':drop 6380 6380')).toEqual({ ok: false, error: 'usage: :drop A B' });
    expect(parseTutorLine(':heal')).toEqual({ ok: true, command: { kind: 'fault', fault: { kind: 'heal' } } });
    expect(parseTutorLine(':latency 6380 6381 250')).toEqual({ ok: true, command: { kind: 'fault', fault: { kind: 'latency', a: 6380, b: 6381, ms: 250 } } });
    expect(parseTutorLine(':latency 6380 6381 fast')).toEqual({ ok: false, error: 'usage: :latency A B MS' });
  });

  it(':bandwidth accepts plain bytes and Redis memory units', () => {
    expect(parseTutorLine(':bandwidth 6380 6381 10kb')).toEqual({ ok: true, command: { kind: 'fault', fault: { kind: 'bandwidth', a: 6380, b: 6381, bytesPerSec: 10240 } } });
    expect(parseRate('500')).toBe(500);
    expect(parseRate('10k')).toBe(10_000);
    expect(parseRate('1mb/s')).toBe(1024 * 1024);
    expect(parseRate('0')).toBeNull();
    expect(parseRate('fast')).toBeNull();
  });

  it(':seed, :mode, :help and unknown words', () => {
    expect(parseTutorLine(':seed 42')).toEqual({ ok: true, command: { kind: 'seed', seed: 42 } });
    expect(parseTutorLine(':seed -1')).toEqual({ ok: false, error: 'usage: :seed N' });
    expect(parseTutorLine(':mode manual')).toEqual({ ok: true, command: { kind: 'mode', mode: 'manual' } });
    expect(parseTutorLine(':mode')).toEqual({ ok: true, command: { kind: 'mode', mode: null } });
    expect(parseTutorLine(':mode fast')).toMatchObject({ ok: false });
    expect(parseTutorLine(':help')).toEqual({ ok: true, command: { kind: 'help' } });
    expect(parseTutorLine(':frobnicate')).toEqual({ ok: false, error: "unknown tutor command ':frobnicate' (try :help)" });
  });

  it('durations', () => {
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('s')).toBeNull();
  });
});
