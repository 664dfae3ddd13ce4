/**
 * Scenario ports (6380, 6381, …) ↔ the free loopback ports the real servers really use, and the
 * rewriting of real port numbers back to scenario ports in what the servers print.
 */

import net from 'node:net';

/** Ask the kernel for a free loopback port (bind to 0, read it, release it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The port map of one scenario run. Every scenario port gets one real port; replication proxies
 * (see link-proxy.ts) get their own real ports that map back to the master's scenario port.
 */
export class PortMap {
  private readonly toReal = new Map<number, number>();
  private readonly toScenario = new Map<number, number>();

  /** The real port for a scenario port, allocated on first use. */
  async real(scenarioPort: number): Promise<number> {
    let p = this.toReal.get(scenarioPort);
    if (p === undefined) {
      p = await freePort();
      this.toReal.set(scenarioPort, p);
      this.toScenario.set(p, scenarioPort);
    }
    return p;
  }

  /** The real port if one was allocated already. */
  peekReal(scenarioPort: number): number | undefined {
    return this.toReal.get(scenarioPort);
  }

  /** Record that `realPort` (a proxy) stands for `scenarioPort` in printed output. */
  alias(realPort: number, scenarioPort: number): void {
    this.toScenario.set(realPort, scenarioPort);
  }

  /** The scenario port a real port stands for, or the number unchanged. */
  scenario(realPort: number): number {
    return this.toScenario.get(realPort) ?? realPort;
  }

  /**
   * Rewrite real ports to scenario ports where a port is printed: INFO's `master_port:`,
   * `tcp_port:`, `slaveN:…port=`, and `127.0.0.1:PORT` / `localhost:PORT` in messages.
   */
  mapText(text: string): string {
    const back = (n: string): string => String(this.scenario(Number(n)));
    return text
      .replace(/\b(master_port:|tcp_port:)(\d+)/g, (_m, k: string, n: string) => k + back(n))
      .replace(/([,:]port=)(\d+)/g, (_m, k: string, n: string) => k + back(n))
      .replace(/((?:127\.0\.0\.1|localhost):)(\d+)/g, (_m, k: string, n: string) => k + back(n));
  }
}
