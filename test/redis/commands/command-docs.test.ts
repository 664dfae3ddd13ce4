import { describe, expect, it } from 'vitest';
import { commandDocs, commandHint, completeCommand, findCommandDoc } from '../../../src/redis/command-docs.js';
import { dataCommands } from '../../../src/redis/commands/index.js';

const SET_ARGS =
  'key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]';

describe('command docs', () => {
  it('documents every data command, with the same arity and key spec as the table', () => {
    for (const spec of dataCommands.values()) {
      const doc = findCommandDoc(spec.name);
      expect(doc, spec.name).toBeDefined();
      expect([doc!.arity, doc!.firstKey, doc!.lastKey, doc!.keyStep], spec.name).toEqual([
        spec.arity,
        spec.firstKey,
        spec.lastKey,
        spec.keyStep,
      ]);
    }
  });

  it('gives each data command the same flags as Redis 7.0.15 (those the table models)', () => {
    const modelled = new Set(['write', 'readonly', 'denyoom', 'admin', 'noscript', 'stale', 'loading', 'fast', 'no_multi', 'may_replicate']);
    for (const spec of dataCommands.values()) {
      const real = findCommandDoc(spec.name)!.flags.filter((f) => modelled.has(f)).map((f) => f.replace('_', '-'));
      expect([...spec.flags].sort(), spec.name).toEqual(real.sort());
    }
  });

  it('documents the server commands and the supported subcommands', () => {
    for (const name of ['INFO', 'SAVE', 'BGSAVE', 'LASTSAVE', 'DEBUG', 'ROLE', 'REPLICAOF', 'SLAVEOF', 'WAIT', 'SYNC',
      'PSYNC', 'REPLCONF', 'SHUTDOWN', 'MULTI', 'EXEC', 'DISCARD', 'SELECT', 'CONFIG GET', 'CONFIG SET',
      'CONFIG RESETSTAT', 'CLIENT KILL', 'CLIENT LIST', 'COMMAND COUNT', 'COMMAND INFO', 'COMMAND DOCS']) {
      expect(findCommandDoc(name), name).toBeDefined();
    }
    expect(findCommandDoc('config|get')?.args).toBe('parameter [parameter ...]');
    expect(findCommandDoc('CONFIG')?.subcommands).toEqual(['GET', 'SET', 'RESETSTAT']);
    expect(findCommandDoc('set')).toMatchObject({ group: 'string', since: '1.0.0', summary: 'Set the string value of a key', args: SET_ARGS });
  });

  it('is sorted by name, like redis-cli\'s help table', () => {
    const names = commandDocs.map((d) => d.name);
    expect(names).toEqual([...names].sort());
  });
});

describe('commandHint (redis-cli 7.0 hintsCallback)', () => {
  it('shows the whole hint after the command name, with a leading space before the space is typed', () => {
    expect(commandHint(['SET'])).toBe(SET_ARGS);
    expect(commandHint(['set'], false)).toBe(' ' + SET_ARGS);
  });

  it('drops one required word per typed argument and stops at the first optional part', () => {
    expect(commandHint(['SET', 'k'])).toBe(SET_ARGS.replace('key ', ''));
    expect(commandHint(['SET', 'k', 'v', 'NX'])).toBe('[NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]');
    expect(commandHint(['get', 'k'])).toBe('');
    expect(commandHint(['zadd', 'z', '1'])).toBe('[NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]');
  });

  it('matches the longest subcommand and gives nothing for unknown commands', () => {
    expect(commandHint(['config', 'get'])).toBe('parameter [parameter ...]');
    expect(commandHint(['config'])).toBe('');
    expect(commandHint(['nosuch'])).toBe('');
    expect(commandHint([])).toBe('');
  });
});

describe('completeCommand (redis-cli 7.0 completionCallback)', () => {
  it('completes command names case-insensitively in alphabetical order', () => {
    expect(completeCommand('ge')).toEqual(['GET', 'GETDEL', 'GETEX', 'GETRANGE', 'GETSET']);
    expect(completeCommand('config s')).toEqual(['CONFIG SET']);
    expect(completeCommand('xyz')).toEqual([]);
  });

  it('after "help " also offers @groups', () => {
    expect(completeCommand('help @s')).toEqual(['help @server', 'help @set', 'help @sorted-set', 'help @stream', 'help @string']);
    expect(completeCommand('help zsc')).toEqual(['help ZSCORE']);
  });
});
