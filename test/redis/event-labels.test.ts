// Scheduler event labels: tagged data worded per language, on the "next:" line and in :step's confirmations.
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/language.js';
import { EVENT_LABEL_KINDS, EVENT_LABELS, eventLabel, type EngineEventLabel } from '../../src/redis/event-labels.js';
import { World } from '../../src/redis/world.js';
import { ReplSession } from '../../src/repl/session.js';

describe('event labels', () => {
  it.each<[EngineEventLabel, string, string]>([
    [{ kind: 'deliver', from: 6380, to: 6381 }, 'deliver 6380→6381', '投递 6380→6381 的数据'],
    [{ kind: 'connect', from: 6381, to: 6380 }, 'connect 6381→6380', '建立连接 6381→6380'],
    [{ kind: 'close', from: 6381, to: 6380 }, 'close 6381→6380', '关闭连接 6381→6380'],
    [{ kind: 'serverCron', port: 6380 }, '6380 serverCron', '6380 serverCron'],
    [{ kind: 'bgsaveEnds', port: 6380 }, '6380 BGSAVE ends', '6380 BGSAVE 结束'],
    [{ kind: 'rdbChunk', from: 6380, to: 6381 }, 'RDB chunk 6380→6381', 'RDB 分块 6380→6381'],
    [{ kind: 'waitTimeout', port: 6380 }, '6380 WAIT timeout', '6380 WAIT 超时'],
    [{ kind: 'rdbLoaded', port: 6381 }, '6381 RDB loaded', '6381 RDB 载入完成'],
    [{ kind: 'debugSleepEnds', port: 6380 }, '6380 DEBUG SLEEP ends', '6380 DEBUG SLEEP 结束'],
    [{ kind: 'shutdownCheck', port: 6380 }, '6380 shutdown check', '6380 SHUTDOWN 检查从库是否跟上'],
  ])('%o reads "%s" in English and "%s" in Chinese', (label, en, zh) => {
    expect(eventLabel(label, 'en')).toBe(en);
    expect(eventLabel(label, 'zh')).toBe(zh);
  });

  it('every kind has words in every language, and the Chinese ones are Chinese where there is prose', () => {
    for (const kind of EVENT_LABEL_KINDS) {
      for (const lang of LANGUAGES) expect(typeof EVENT_LABELS[kind][lang], `${kind} ${lang}`).toBe('function');
    }
    // serverCron is Redis's own name for its timer: the same in both.
    const prose = EVENT_LABEL_KINDS.filter((k) => k !== 'serverCron');
    for (const kind of prose) {
      const sample = { kind, port: 6380, from: 6380, to: 6381 } as EngineEventLabel;
      expect(eventLabel(sample, 'zh'), kind).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('a label the table does not know shows its kind and fields', () => {
    expect(eventLabel({ kind: 'tick' }, 'zh')).toBe('tick');
    expect(eventLabel({ kind: 'propagate', command: 'SET k3' } as { kind: string }, 'en')).toBe('propagate SET k3');
  });

  it('every event the engine schedules in a busy world has a row', () => {
    const kinds = new Set<string>();
    const watched = (seed: number) => {
      const w = new World({ seed });
      const step = w.scheduler.step.bind(w.scheduler);
      w.scheduler.step = () => {
        const ev = step();
        if (ev) kinds.add(ev.label.kind);
        return ev;
      };
      return w;
    };
    const s = new ReplSession({ seed: 3, createWorld: watched });
    for (const line of [
      'redis-server --port 6380',
      'redis-server --port 6381',
      'redis-cli -p 6380 debug populate 200',
      ':bandwidth 6380 6381 4096',
      'redis-cli -p 6381 replicaof 127.0.0.1 6380',
      'redis-cli -p 6380 set a 1',
      'redis-cli -p 6380 wait 5 50',
      'redis-cli -p 6380 debug sleep 0.01',
      // A paused replica cannot ACK: SHUTDOWN waits for it, checking every 100 ms.
      ':pause 6381',
      'redis-cli -p 6380 set b 2',
      'redis-cli -p 6380 shutdown',
    ]) s.submit(line);
    for (const k of kinds) expect(EVENT_LABEL_KINDS, k).toContain(k);
    expect([...kinds]).toEqual(
      expect.arrayContaining(['connect', 'deliver', 'close', 'serverCron', 'bgsaveEnds', 'rdbChunk', 'rdbLoaded', 'waitTimeout', 'debugSleepEnds', 'shutdownCheck']),
    );
  });

  it(':step names the event it fired in the session’s language', () => {
    const stepOnce = (language: 'en' | 'zh') => {
      const s = new ReplSession({ seed: 7, language });
      for (const l of ['redis-server --port 6380', 'redis-server --port 6381', ':mode manual', 'redis-cli -p 6381 replicaof 127.0.0.1 6380']) s.submit(l);
      const lines: string[] = [];
      for (let i = 0; i < 6; i++) lines.push(...s.submit(':step').map((l) => l.text));
      return lines.join('\n');
    };
    expect(stepOnce('en')).toMatch(/stepped \[\d+\.\d{3}s\] connect 6381→6380/);
    expect(stepOnce('zh')).toMatch(/单步执行 \[\d+\.\d{3}s\] 建立连接 6381→6380/);
  });
});
