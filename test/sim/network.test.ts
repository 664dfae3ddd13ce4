import { describe, expect, it } from 'vitest';
import { Network, type SocketEnd } from '../../src/sim/network.js';
import { Scheduler } from '../../src/sim/scheduler.js';

function pair(net: Network<string>, s: Scheduler, a = 1, b = 2): { client: SocketEnd<string>; server: SocketEnd<string> } {
  let server!: SocketEnd<string>;
  let client!: SocketEnd<string>;
  net.listen(b, (sock) => (server = sock));
  net.connect(a, b, (sock) => (client = sock!));
  s.runUntilSettled();
  return { client, server };
}

describe('network', () => {
  it('connect takes one round trip; nobody listening → Connection refused', () => {
    const s = new Scheduler();
    const net = new Network<string>(s);
    let err: string | undefined;
    net.connect(1, 9, (sock, e) => (err = sock ? 'ok' : e));
    s.runUntilSettled();
    expect(err).toBe('Connection refused');
    expect(s.now).toBe(2);
  });

  it('delivers after the latency, in order, batching writes that arrive in the same ms', () => {
    const s = new Scheduler();
    const net = new Network<string>(s);
    const { client, server } = pair(net, s);
    const got: Array<[string, number]> = [];
    server.onMessage = (m) => got.push([m, s.now]);
    net.setLatency(1, 2, 5);
    const t0 = s.now;
    const before = s.eventsRun;
    for (let i = 0; i < 100; i++) client.send(`m${i}`, 10);
    s.runUntilSettled();
    expect(got.map((g) => g[0])).toEqual(Array.from({ length: 100 }, (_, i) => `m${i}`));
    expect(got.every((g) => g[1] === t0 + 5)).toBe(true);
    expect(s.eventsRun - before).toBe(1);
  });

  it('paces big writes by bandwidth', () => {
    const s = new Scheduler();
    const net = new Network<string>(s);
    const { client, server } = pair(net, s);
    net.setBandwidth(1, 2, 1000); // 1000 B per virtual second
    const at: number[] = [];
    server.onMessage = () => at.push(s.now);
    const t0 = s.now;
    client.send('a', 500);
    client.send('b', 500);
    s.runUntilSettled();
    expect(at).toEqual([t0 + 500 + 1, t0 + 1000 + 1]);
  });

  it('a dropped link closes both ends at once, loses what was in flight, and refuses connects until heal', () => {
    const s = new Scheduler();
    const net = new Network<string>(s);
    const { client, server } = pair(net, s);
    const closed: string[] = [];
    const got: string[] = [];
    client.onClose = () => closed.push('client');
    server.onClose = () => closed.push('server');
    server.onMessage = (m) => got.push(m);
    client.send('lost', 1);
    net.drop(1, 2);
    expect(closed).toEqual(['client', 'server']);
    s.runUntilSettled();
    expect(got).toEqual([]);
    let result = '';
    net.connect(1, 2, (sock, e) => (result = sock ? 'ok' : e!));
    s.runUntilSettled();
    expect(result).toBe('Connection refused');
    net.heal();
    net.connect(1, 2, (sock, e) => (result = sock ? 'ok' : e!));
    s.runUntilSettled();
    expect(result).toBe('ok');
  });

  it('a graceful close still delivers what was written before it', () => {
    const s = new Scheduler();
    const net = new Network<string>(s);
    const { client, server } = pair(net, s);
    const got: string[] = [];
    server.onMessage = (m) => got.push(m);
    server.onClose = () => got.push('<closed>');
    client.send('last words', 10);
    client.close();
    s.runUntilSettled();
    expect(got).toEqual(['last words', '<closed>']);
  });

  it('heartbeat-only traffic is periodic and does not keep the scheduler busy', () => {
    const s = new Scheduler();
    const net = new Network<string>(s);
    const { client } = pair(net, s);
    client.send('ack', 10, true);
    expect(s.isSettled()).toBe(true);
    client.send('data', 10);
    expect(s.isSettled()).toBe(false);
  });
});
