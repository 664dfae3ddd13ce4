// The tutor's redis-cli in subscribed mode, as redis-cli 7.0.15 prints it at its prompt:
// "Reading messages...", each confirmation and message as a numbered array as time moves,
// and ^C back to the prompt on a new connection (with the time, when it was 0.5 s or more).
import { describe, expect, it } from 'vitest';
import { ReplSession } from '../../src/repl/session.js';

function sandbox(): ReplSession {
  const s = new ReplSession({ seed: 1 });
  for (const l of ['redis-server --port 6380', 'redis-server --port 6381 --replicaof 127.0.0.1 6380']) s.submit(l);
  return s;
}

const texts = (out: ReadonlyArray<{ text: string }>) => out.map((o) => o.text);

describe('redis-cli subscribed mode at the prompt', () => {
  it('subscribe prints "Reading messages..." and each confirmation as redis-cli 7.0.15 does', () => {
    const s = sandbox();
    s.submit('redis-cli -p 6381');
    expect(texts(s.submit('subscribe ch x'))).toEqual([
      'Reading messages... (press Ctrl-C to quit)',
      '1) "subscribe"',
      '2) "ch"',
      '3) (integer) 1',
      '1) "subscribe"',
      '2) "x"',
      '3) (integer) 2',
    ]);
    expect(s.waiting).toBe(true);
  });

  it('a message published on the master reaches the replica\'s subscriber as time moves (async output)', () => {
    const s = sandbox();
    s.submit('redis-cli -p 6381');
    s.submit('subscribe ch');
    const pub = s.world.connect('127.0.0.1', 6380);
    if ('error' in pub) throw new Error(pub.error);
    pub.send(['PUBLISH', 'ch', 'hi'], () => {});
    expect(s.drainAsyncOutput()).toEqual([]);
    s.world.runFor(100);
    expect(texts(s.drainAsyncOutput())).toEqual(['1) "message"', '2) "ch"', '3) "hi"']);
  });

  it(':run moves time while subscribed: the messages print with that line', () => {
    const s = sandbox();
    s.submit('redis-cli -p 6381');
    s.submit('psubscribe c*');
    const pub = s.world.connect('127.0.0.1', 6380);
    if ('error' in pub) throw new Error(pub.error);
    pub.send(['PUBLISH', 'ch', 'hi'], () => {});
    const out = texts([...s.submit(':run 1s'), ...s.drainAsyncOutput()]);
    expect(out).toEqual(expect.arrayContaining(['1) "pmessage"', '2) "c*"', '3) "ch"', '4) "hi"']));
  });

  it('^C goes back to the prompt on a new connection, in the same db, printing the time it ran', () => {
    const s = sandbox();
    s.submit('redis-cli -p 6380');
    s.submit('select 2');
    const before = texts(s.submit('client id'))[0];
    s.submit('subscribe ch');
    s.submit(':run 2s');
    s.drainAsyncOutput();
    expect(s.cancelPending()).toBe(true);
    expect(texts(s.drainAsyncOutput())[0]).toMatch(/^\^C\(2\.\d\ds\)$/);
    expect(s.prompt).toBe('127.0.0.1:6380[2]> ');
    expect(s.waiting).toBe(false);
    expect(texts(s.submit('client id'))[0]).not.toBe(before);
    expect(texts(s.submit('get x'))).toEqual(['(nil)']);
    expect(texts(s.submit('pubsub numsub ch'))).toEqual(['1) "ch"', '2) (integer) 0']);
  });

  it('a wrong number of arguments ends subscribed mode at once', () => {
    const s = sandbox();
    s.submit('redis-cli -p 6380');
    expect(texts(s.submit('subscribe'))).toEqual([
      'Reading messages... (press Ctrl-C to quit)',
      "(error) ERR wrong number of arguments for 'subscribe' command",
    ]);
    expect(s.waiting).toBe(false);
  });

  it('the server going away ends redis-cli with "Server closed the connection"', () => {
    const s = sandbox();
    s.submit('redis-cli -p 6381');
    s.submit('subscribe ch');
    s.world.crash(6381);
    expect(s.waiting).toBe(false);
    expect(texts(s.drainAsyncOutput())).toContain('Error: Server closed the connection');
    expect(s.prompt).toBe('$ ');
  });

  it('a line typed while subscribed is not sent: the tutor says redis-cli is reading messages', () => {
    const s = sandbox();
    s.submit('redis-cli -p 6380');
    s.submit('subscribe ch');
    expect(texts(s.submit('get x'))).toEqual([
      '(redis-cli is in subscribed mode, reading messages: they print as time moves (:run, :step); press Ctrl-C to go back to its prompt)',
    ]);
  });

  it('the one-shot form from the shell subscribes until ^C, which ends that redis-cli (back to $)', () => {
    const s = sandbox();
    expect(texts(s.submit('redis-cli -p 6381 subscribe ch'))).toEqual(['Reading messages... (press Ctrl-C to quit)', '1) "subscribe"', '2) "ch"', '3) (integer) 1']);
    const pub = s.world.connect('127.0.0.1', 6380);
    if ('error' in pub) throw new Error(pub.error);
    pub.send(['PUBLISH', 'ch', 'hi'], () => {});
    s.world.runFor(100);
    expect(texts(s.drainAsyncOutput())).toEqual(['1) "message"', '2) "ch"', '3) "hi"']);
    expect(s.cancelPending()).toBe(true);
    expect(s.prompt).toBe('$ ');
    expect(texts(s.submit('redis-cli -p 6381 pubsub numsub ch'))).toEqual(['1) "ch"', '2) (integer) 0']);
  });

  it('a session with subscribed mode and its ^C restores to the same prompt and transcript (rewind replays it)', () => {
    const s = sandbox();
    for (const l of ['redis-cli -p 6380', 'select 1', 'subscribe ch', ':run 1s']) s.submit(l);
    s.cancelPending();
    s.submit('set k v');
    const again = new ReplSession({ seed: 1 });
    again.restore(s.inputs);
    expect(again.prompt).toBe('127.0.0.1:6380[1]> ');
    expect(again.waiting).toBe(false);
    expect(texts(again.submit('get k'))).toEqual(['"v"']);
  });
});
