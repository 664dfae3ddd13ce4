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

  it('lists what is in flight on a socket, oldest first with its arrival time, until it is delivered', () => {
    const s = new Scheduler();
    const net = new Network<string>(s);
    const { client, server } = pair(net, s);
    net.setBandwidth(1, 2, 1000);
    const inFlight = () => {
      const seen: Array<[string, number]> = [];
      client.forEachInFlight((m, at) => seen.push([m, at]));
      return seen;
    };
    const t0 = s.now;
    client.send('a', 500);
    client.send('b', 500);
    expect(inFlight()).toEqual([['a', t0 + 501], ['b', t0 + 1001]]);
    s.step();
    expect(inFlight()).toEqual([['b', t0 + 1001]]);
    s.runUntilSettled();
    expect(inFlight()).toEqual([]);
    expect(server.open).toBe(true);
  });

  it('a partition is silent: both ends stay open, bytes wait, and arrive in order when it heals (no resend needed)', () => {
    const s = new Scheduler();
    const net = new Network<string>(s);
    const { client, server } = pair(net, s);
    const closed: string[] = [];
    const got: string[] = [];
    client.onClose = () => closed.push('client');
    server.onClose = () => closed.push('server');
    server.onMessage = (m) => got.push(m);
    net.partition(1, 2);
    client.send('held 1', 1);
    client.send('held 2', 1);
    s.runUntilSettled();
    expect(closed).toEqual([]);
    expect(got).toEqual([]);
    expect(client.open && server.open).toBe(true);
    net.heal();
    s.runUntilSettled();
    expect(got).toEqual(['held 1', 'held 2']);
  });

  it('across a partition a connect gets no answer (neither refused nor accepted) until it heals', () => {
    const s = new Scheduler();
    const net = new Network<string>(s);
    net.listen(2, () => {});
    net.partition(1, 2);
    let result = '';
    net.connect(1, 2, (sock, e) => (result = sock ? 'ok' : e!));
    s.runUntilSettled();
    expect(result).toBe('');
    net.heal();
    s.runUntilSettled();
    expect(result).toBe('ok');
    const cancelled = net.connect(1, 3, () => (result = 'called'));
    net.partition(1, 3);
    cancelled.cancel();
    net.heal();
    s.runUntilSettled();
    expect(result).toBe('ok');
  });

  it('a close across a partition is held too: the peer sees the data, then EOF, after the heal', () => {
    const s = new Scheduler();
    const net = new Network<string>(s);
    const { client, server } = pair(net, s);
    const got: string[] = [];
    server.onMessage = (m) => got.push(m);
    server.onClose = () => got.push('<closed>');
    net.partition(1, 2);
    client.send('last words', 10);
    client.close();
    s.runUntilSettled();
    expect(got).toEqual([]);
    net.heal();
    s.runUntilSettled();
    expect(got).toEqual(['last words', '<closed>']);
  });

  it('a reset closes both ends at once and loses what was in flight; a new connect works at once', () => {
    const s = new Scheduler();
    const net = new Network<string>(s);
    const { client, server } = pair(net, s);
    const closed: string[] = [];
    const got: string[] = [];
    client.onClose = (why) => closed.push(`client: ${why}`);
    server.onClose = (why) => closed.push(`server: ${why}`);
    server.onMessage = (m) => got.push(m);
    client.send('lost', 1);
    expect(net.reset(1, 2)).toBe(1);
    expect(closed).toEqual(['client: Connection reset by peer', 'server: Connection reset by peer']);
    s.runUntilSettled();
    expect(got).toEqual([]);
    let result = '';
    net.connect(1, 2, (sock, e) => (result = sock ? 'ok' : e!));
    s.runUntilSettled();
    expect(result).toBe('ok');
  });

  it('a dead host sends nothing more and tells nobody; its peer is reset once the host is back', () => {
    const s = new Scheduler();
    const net = new Network<string>(s);
    const { client, server } = pair(net, s);
    const got: string[] = [];
    client.onMessage = (m) => got.push(m);
    client.onClose = (why) => got.push(`<${why}>`);
    server.send('never arrives', 1_000_000_000);
    net.hostDown(2);
    client.send('into the void', 1);
    s.runUntilSettled();
    expect(got).toEqual([]);
    expect(client.open).toBe(true);
    let result = '';
    net.connect(1, 2, (sock, e) => (result = sock ? 'ok' : e!));
    s.runUntilSettled();
    expect(result).toBe('');
    net.hostUp(2);
    expect(got).toEqual(['<Connection reset by peer>']);
    s.runUntilSettled();
    expect(result).toBe('Connection refused');
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
