// Pushed messages and (un)subscribe confirmations on the wire: RESP2 arrays, RESP3 `>` pushes
// (the bytes redis-server 7.0.15 writes; checked against it in test/serve/pubsub.test.ts).
import { describe, expect, it } from 'vitest';
import { array, bulk, error, integer } from '../../src/redis/reply.js';
import { encodeClientReply, encodePush } from '../../src/serve/resp-encode.js';

const message = array([bulk('message'), bulk('ch'), bulk('hi')]);

describe('pub/sub on the wire', () => {
  it('a message is a plain array in RESP2 and a push in RESP3', () => {
    expect(encodePush(message, 2)).toBe('*3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n');
    expect(encodePush(message, 3)).toBe('>3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n');
  });

  it('a (P|S)(UN)SUBSCRIBE confirmation is a push in RESP3, its nil channel `_`; an error stays an error', () => {
    const none = array([bulk('unsubscribe'), bulk(null), integer(0)]);
    expect(encodeClientReply(none, 2, ['UNSUBSCRIBE'], null)).toBe('*3\r\n$11\r\nunsubscribe\r\n$-1\r\n:0\r\n');
    expect(encodeClientReply(none, 3, ['unsubscribe'], null)).toBe('>3\r\n$11\r\nunsubscribe\r\n_\r\n:0\r\n');
    const wrong = error("ERR wrong number of arguments for 'ssubscribe' command");
    expect(encodeClientReply(wrong, 3, ['ssubscribe'], null)).toBe("-ERR wrong number of arguments for 'ssubscribe' command\r\n");
  });
});
