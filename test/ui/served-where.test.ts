import { describe, expect, it } from 'vitest';
import { servedWhere } from '../../src/ui/served-where.js';
import { strings } from '../../src/ui/strings.js';

const at = (port: number, real = port, host = '127.0.0.1') => ({ port, address: `${host}:${real}` });

describe('serve mode — where the nodes listen, written short', () => {
  it('one host and consecutive ports are a range', () => {
    expect(servedWhere([at(6380), at(6381), at(6382)])).toBe('127.0.0.1:6380–6382');
    expect(servedWhere([at(6380, 7380), at(6381, 7381)])).toBe('127.0.0.1:7380–7381');
  });

  it('gaps list the ports; other hosts list whole addresses; nothing is a dash', () => {
    expect(servedWhere([at(6380), at(6382)])).toBe('127.0.0.1:6380,6382');
    expect(servedWhere([at(6380), at(6381, 6381, '10.0.0.2')])).toBe('127.0.0.1:6380 10.0.0.2:6381');
    expect(servedWhere([at(6380)])).toBe('127.0.0.1:6380');
    expect(servedWhere([])).toBe('—');
  });

  it('the nodes that start listening together are one notice, with the redis-cli line to try (en, zh)', () => {
    const notices = [at(6380), at(6381), at(6382)].map((a) => ({ kind: 'listening' as const, ...a }));
    expect(strings('en').notice({ kind: 'live', notices })).toBe('listening on 127.0.0.1:6380–6382 (try redis-cli -p 6380)');
    expect(strings('zh').notice({ kind: 'live', notices: [...notices, { kind: 'rewoundClosed', count: 2 }] })).toBe(
      '正在监听 127.0.0.1:6380–6382（试试 redis-cli -p 6380）；回退关闭了 2 个真实连接（会自动重连）；时间已暂停，^P 继续',
    );
  });
});
