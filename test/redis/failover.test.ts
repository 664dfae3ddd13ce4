import { describe, expect, it } from 'vitest';
import { World } from '../../src/redis/world.js';
import { cmd, info, run, text, worldWith } from '../helpers/world.js';

/** 6380 master with replicas 6381 and 6382, settled. */
function cluster(): World {
  const w = worldWith([6380, 6381, 6382]);
  run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
  run(w, 6382, 'REPLICAOF', '127.0.0.1', '6380');
  w.runUntilSettled();
  return w;
}

describe('FAILOVER', () => {
  it('refuses bad arguments with 7.0\'s errors, in 7.0\'s order', () => {
    const w = worldWith([6380]);
    expect(run(w, 6380, 'FAILOVER')).toBe('ERR FAILOVER requires connected replicas.');
    expect(run(w, 6380, 'FAILOVER', 'ABORT')).toBe('ERR No failover in progress.');
    expect(run(w, 6380, 'FAILOVER', 'TIMEOUT', '0')).toBe('ERR FAILOVER timeout must be greater than 0');
    expect(run(w, 6380, 'FAILOVER', 'TO', '127.0.0.1')).toBe('ERR syntax error');
    expect(run(w, 6380, 'FAILOVER', 'ABORT', 'TIMEOUT', '10')).toBe('ERR syntax error');
    const c = cluster();
    expect(run(c, 6381, 'FAILOVER')).toBe('ERR FAILOVER is not valid when server is a replica.');
    expect(run(c, 6380, 'FAILOVER', 'FORCE')).toBe('ERR FAILOVER with force option requires both a timeout and target HOST and IP.');
    expect(run(c, 6380, 'FAILOVER', 'TO', '127.0.0.1', '6399')).toBe('ERR FAILOVER target HOST and PORT is not a replica.');
    expect(run(c, 6380, 'FAILOVER', 'TO', 'localhost', '6381')).toBe('ERR FAILOVER target HOST and PORT is not a replica.');
  });

  it('TO host port: the target becomes master with a new history, the old master its replica, the sibling a sub-replica', () => {
    const w = cluster();
    run(w, 6380, 'SET', 'k1', 'v1');
    w.runUntilSettled();
    const oldId = info(w, 6380).master_replid;
    expect(run(w, 6380, 'FAILOVER', 'TO', '127.0.0.1', '6381')).toBe('OK');
    w.runUntilSettled();
    const target = info(w, 6381);
    expect([target.role, target.master_replid2, target.second_repl_offset]).toEqual(['master', oldId, '53']);
    expect(info(w, 6380).master_port).toBe('6381');
    expect(info(w, 6380).slave0).toMatch(/^ip=127\.0\.0\.1,port=6382,state=online/);
    expect(info(w, 6381, 'stats').sync_partial_ok).toBe('1');
    expect(run(w, 6380, 'SET', 'k2', 'v2')).toBe("READONLY You can't write against a read only replica.");
    run(w, 6381, 'SET', 'k3', 'v3');
    w.runUntilSettled();
    expect(run(w, 6382, 'GET', 'k3')).toBe('v3');
  });

  it('waits for the target to ACK everything, pausing writes; times out, or with FORCE hands over anyway', () => {
    const w = cluster();
    w.pause(6382);
    run(w, 6380, 'SET', 'k1', 'v1');
    w.runUntilSettled();
    expect(run(w, 6380, 'FAILOVER', 'TO', '127.0.0.1', '6382', 'TIMEOUT', '800')).toBe('OK');
    expect(info(w, 6380).master_failover_state).toBe('waiting-for-sync');
    expect(run(w, 6380, 'FAILOVER')).toBe('ERR FAILOVER already in progress.');
    // A write waits for the failover to end.
    let reply = '';
    const c = w.connect('127.0.0.1', 6380);
    if ('error' in c) throw new Error(c.error);
    c.send(['SET', 'k2', 'v2'], (r) => (reply = text(r)));
    expect(reply).toBe('');
    w.runFor(1000);
    expect(info(w, 6380).master_failover_state).toBe('no-failover');
    expect(reply).toBe('OK');
    expect(run(w, 6380, 'FAILOVER', 'TO', '127.0.0.1', '6382', 'TIMEOUT', '500', 'FORCE')).toBe('OK');
    w.runFor(1000);
    expect(info(w, 6380).master_failover_state).toBe('failover-in-progress');
    w.resume(6382);
    w.runUntilSettled();
    expect(info(w, 6382).role).toBe('master');
    expect(info(w, 6380).master_failover_state).toBe('no-failover');
    expect(cmd(w, 6382, 'GET', 'k2')).toEqual({ kind: 'bulk', value: 'v2' });
  });

  it('ABORT during the handoff makes the node master again', () => {
    const w = cluster();
    w.pause(6382);
    run(w, 6380, 'SET', 'k1', 'v1');
    run(w, 6380, 'FAILOVER', 'TO', '127.0.0.1', '6382', 'TIMEOUT', '100', 'FORCE');
    w.runFor(500);
    expect(info(w, 6380).role).toBe('slave');
    expect(run(w, 6380, 'FAILOVER', 'ABORT')).toBe('OK');
    expect(info(w, 6380).role).toBe('master');
    expect(run(w, 6380, 'SET', 'k2', 'v2')).toBe('OK');
  });
});
