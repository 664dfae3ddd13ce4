import { describe, expect, it } from 'vitest';
import { cmd, info, run, worldWith } from '../helpers/world.js';

function fields(body: string): string[] {
  return body.split('\r\n').filter((l) => l !== '').map((l) => l.split(':')[0]);
}

describe('INFO replication and ROLE on a replica', () => {
  it('a connected replica lists 7.0\'s fields in 7.0\'s order', () => {
    const w = worldWith([6380, 6381]);
    run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
    w.runUntilSettled();
    expect(fields(run(w, 6381, 'INFO', 'replication'))).toEqual([
      '# Replication', 'role', 'master_host', 'master_port', 'master_link_status', 'master_last_io_seconds_ago',
      'master_sync_in_progress', 'slave_read_repl_offset', 'slave_repl_offset', 'slave_priority', 'slave_read_only',
      'replica_announced', 'connected_slaves', 'master_failover_state', 'master_replid', 'master_replid2',
      'master_repl_offset', 'second_repl_offset', 'repl_backlog_active', 'repl_backlog_size',
      'repl_backlog_first_byte_offset', 'repl_backlog_histlen',
    ]);
    const r = info(w, 6381);
    expect(r.master_replid).toBe(info(w, 6380).master_replid);
    expect(cmd(w, 6381, 'ROLE')).toEqual({
      kind: 'array',
      items: [
        { kind: 'bulk', value: 'slave' },
        { kind: 'bulk', value: '127.0.0.1' },
        { kind: 'integer', value: 6380 },
        { kind: 'bulk', value: 'connected' },
        { kind: 'integer', value: Number(r.slave_repl_offset) },
      ],
    });
  });

  it('master down: link down, last io -1, down-since after the offsets; ROLE says connect and -1', () => {
    const w = worldWith([6380, 6381]);
    run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
    w.runUntilSettled();
    w.crash(6380);
    w.runFor(10); // the EOF reaches the replica one latency after the kill
    w.runFor(4000);
    const body = run(w, 6381, 'INFO', 'replication');
    const f = fields(body);
    expect(f.slice(5, 11)).toEqual(['master_last_io_seconds_ago', 'master_sync_in_progress', 'slave_read_repl_offset', 'slave_repl_offset', 'master_link_down_since_seconds', 'slave_priority']);
    const r = info(w, 6381);
    expect(r.master_link_status).toBe('down');
    expect(r.master_last_io_seconds_ago).toBe('-1');
    expect(r.master_link_down_since_seconds).toBe('4');
    const role = cmd(w, 6381, 'ROLE');
    expect(role).toMatchObject({ items: [{ value: 'slave' }, {}, {}, { value: 'connect' }, { value: -1 }] });
  });

  it('the master lists its replicas as slaveN lines and in ROLE with bulk port and offset', () => {
    const w = worldWith([6380, 6381, 6382]);
    run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
    run(w, 6382, 'REPLICAOF', '127.0.0.1', '6380');
    w.runUntilSettled();
    w.runFor(1000);
    w.runUntilSettled();
    const m = info(w, 6380);
    expect(m.connected_slaves).toBe('2');
    expect(m.slave0).toBe(`ip=127.0.0.1,port=6381,state=online,offset=${m.master_repl_offset},lag=0`);
    expect(m.slave1).toBe(`ip=127.0.0.1,port=6382,state=online,offset=${m.master_repl_offset},lag=0`);
    expect(cmd(w, 6380, 'ROLE')).toMatchObject({
      items: [
        { value: 'master' },
        { value: Number(m.master_repl_offset) },
        { items: [{ items: [{ value: '127.0.0.1' }, { value: '6381' }, { value: m.master_repl_offset }] }, { items: [{}, { value: '6382' }, {}] }] },
      ],
    });
  });

  it('the handshake is traced step by step: PING, REPLCONF ×2 pipelined, PSYNC, +FULLRESYNC', () => {
    const w = worldWith([6380, 6381]);
    run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
    w.runUntilSettled();
    const hs = w.trace.all().filter((e) => e.type === 'handshake.send' || e.type === 'handshake.reply').map((e) =>
      e.type === 'handshake.send' ? `> ${e.argv.join(' ')}` : `< ${e.type === 'handshake.reply' ? e.line : ''}`,
    );
    const replid = w.node(6380)!.replid;
    expect(hs).toEqual([
      '> PING',
      '< +PONG',
      '> REPLCONF listening-port 6381',
      '> REPLCONF capa eof capa psync2',
      '< +OK',
      '< +OK',
      expect.stringMatching(/^> PSYNC [0-9a-f]{40} 1$/),
      `< +FULLRESYNC ${replid} 0`,
    ]);
    const states = w.trace.all().filter((e) => e.type === 'repl.state').map((e) => (e.type === 'repl.state' ? e.state : ''));
    expect(states).toEqual(['connecting', 'handshake', 'sync', 'connected']);
  });
});
