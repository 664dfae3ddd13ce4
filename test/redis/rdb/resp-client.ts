/**
 * The interop test's client: the conformance run's RESP connection, with replies as plain values
 * (`'OK'`, `5`, `['a', 'b']`, an Error) so that assertions read like redis-cli output.
 */
import { RespConnection } from '../../../conformance/resp-client.js';
import type { Reply } from '../../../src/redis/reply.js';

export type RespValue = string | number | null | RespValue[] | Error;

function plain(r: Reply | null): RespValue {
  if (r === null) return new Error('connection closed');
  switch (r.kind) {
    case 'status':
      return r.text;
    case 'error':
      return new Error(r.text);
    case 'integer':
      return r.value;
    case 'bulk':
      return r.value;
    case 'array':
      return r.items === null ? null : r.items.map(plain);
  }
}

export class RespClient {
  private constructor(private readonly conn: RespConnection) {}

  static async open(port: number): Promise<RespClient> {
    return new RespClient(await RespConnection.open('127.0.0.1', port));
  }

  /** Send one command (arguments are byte strings) and wait for its reply. */
  async call(...argv: string[]): Promise<RespValue> {
    return plain(await this.conn.send(argv));
  }

  close(): void {
    this.conn.close();
  }
}
