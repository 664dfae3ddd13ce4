/** The cluster picture in serve mode: real replicas, real masters and real clients are marked as such. */
import { describe, expect, it } from 'vitest';
import { clusterLines } from '../../src/ui/cluster-model.js';
import { lineText } from '../../src/ui/lines.js';
import { node } from './fixtures.js';

const none = { dropped: new Set<string>(), latencyMs: new Map<string, number>() };
const text = (rows: ReturnType<typeof clusterLines>) => rows.map(lineText).join('\n');

describe('cluster picture — serve mode', () => {
  it('a real replica of a simulated master is listed with its ACK offset and marked real', () => {
    const m = node({
      port: 6380,
      masterReplOffset: 50,
      backlog: { active: true, sizeBytes: 1048576, firstByteOffset: 1, histlen: 50 },
      replicas: [{ port: 7001, state: 'online', ackOffset: 50, lastAckMs: 0, outputBuffer: [], rdbTransfer: null, legacySync: false }],
    });
    expect(text(clusterLines({ nowMs: 0, nodes: [m], faults: none }, 70))).toContain('▸ 7001 online (real redis-server)  ack 50');
    // The cluster pane at 80×24 is 41 columns: said short, so the ACK offset stays in view.
    expect(text(clusterLines({ nowMs: 0, nodes: [m], faults: none }, 41))).toContain('▸ 7001 online (real)  ack 50  lag 0s');
  });

  it('a simulated replica of a real master shows its link state, not "down"', () => {
    const r = node({ port: 6381, role: 'replica', master: { host: '127.0.0.1', port: 7000, linkState: 'connected', linkUp: true }, replicaOffset: 10 });
    expect(text(clusterLines({ nowMs: 0, nodes: [r], faults: none }, 70))).toContain('◀══ online ══ 7000  (real redis-server)');
    const lost = node({ port: 6381, role: 'replica', master: { host: '127.0.0.1', port: 7000, linkState: 'connect', linkUp: false }, replicaOffset: 10 });
    expect(text(clusterLines({ nowMs: 0, nodes: [lost], faults: none }, 70))).toContain('down ╌╌ 7000');
  });

  it('real clients are drawn under the node they talk to', () => {
    const m = node({ port: 6380 });
    const rows = text(
      clusterLines({ nowMs: 0, nodes: [m], faults: none, clients: [{ port: 6380, addr: '127.0.0.1:53122', kind: 'client', name: 'app' }, { port: 6380, addr: '127.0.0.1:53124', kind: 'monitor', name: '' }, { port: 6380, addr: '127.0.0.1:53126', kind: 'subscriber', name: '' }] }, 70),
    );
    expect(rows).toContain('◇ client 127.0.0.1:53122 app');
    expect(rows).toContain('◇ client 127.0.0.1:53124 MONITOR');
    expect(rows).toContain('◇ client 127.0.0.1:53126 SUBSCRIBE');
  });
});
