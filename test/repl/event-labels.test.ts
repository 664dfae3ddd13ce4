// Scheduler event labels in the learner's language, on the "next:" line and in :step's confirmations.
import { describe, expect, it } from 'vitest';
import { eventLabel } from '../../src/repl/event-labels.js';
import { ReplSession } from '../../src/repl/session.js';

describe('event labels', () => {
  it.each([
    ['deliver 6380→6381', '投递 6380→6381 的数据'],
    ['connect 6381→6380', '建立连接 6381→6380'],
    ['close 6381→6380', '关闭连接 6381→6380'],
    ['6380 serverCron', '6380 serverCron'],
    ['6380 BGSAVE ends', '6380 BGSAVE 结束'],
    ['RDB chunk 6380→6381', 'RDB 分块 6380→6381'],
    ['6380 WAIT timeout', '6380 WAIT 超时'],
    ['6381 RDB loaded', '6381 RDB 载入完成'],
    ['6380 DEBUG SLEEP ends', '6380 DEBUG SLEEP 结束'],
    ['something new', 'something new'],
  ])('%s reads %s in Chinese and stays itself in English', (label, zh) => {
    expect(eventLabel(label, 'zh')).toBe(zh);
    expect(eventLabel(label, 'en')).toBe(label);
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
