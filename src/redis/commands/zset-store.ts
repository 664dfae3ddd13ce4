/** ZUNIONSTORE / ZINTERSTORE (t_zset.c zunionInterDiffGenericCommand, Redis 7.0): weights, aggregates, sets as inputs. */

import type { CommandContext, CommandSpec } from '../command-types.js';
import { ERR, error, integer, type Reply } from '../reply.js';
import { dbDelete, lookupKeyWrite } from './expire.js';
import { parseDouble, parseLongLong } from './numbers.js';
import { ZERO, command, eqi, setKey } from './shared.js';

type Aggregate = 'sum' | 'min' | 'max';

const WEIGHT_NOT_FLOAT = error('ERR weight value is not a float');

/** zunionInterAggregate: SUM turns inf + -inf (NaN) into 0. */
function aggregate(target: number, value: number, how: Aggregate): number {
  if (how === 'sum') {
    const sum = target + value;
    return Number.isNaN(sum) ? 0 : sum;
  }
  if (how === 'min') return value < target ? value : target;
  return value > target ? value : target;
}

/**
 * ZUNIONSTORE / ZINTERSTORE destination numkeys key… [WEIGHTS w…] [AGGREGATE SUM|MIN|MAX].
 * Inputs may be sets (every member scores 1). The keys are type-checked before the options are
 * parsed, as in 7.0. A non-empty result overwrites the destination (dropping its TTL); an empty one
 * deletes it, and only a real change dirties the dataset. Propagated as typed.
 */
function zstoreGeneric(ctx: CommandContext, argv: string[], op: 'union' | 'inter'): Reply {
  const name = op === 'union' ? 'zunionstore' : 'zinterstore';
  const numkeys = parseLongLong(argv[2]);
  if (numkeys === null) return ERR.notInteger;
  if (numkeys < 1) return error(`ERR at least 1 input key is needed for '${name}' command`);
  if (numkeys > argv.length - 3) return ERR.syntax;
  const sources: Array<Map<string, number> | null> = [];
  for (let j = 0; j < numkeys; j++) {
    const o = lookupKeyWrite(ctx, ctx.db, argv[3 + j]);
    if (o === undefined) sources.push(null);
    else if (typeof o === 'string') return ERR.wrongType;
    else if (o.type === 'zset') sources.push(o.value);
    else if (o.type === 'set') sources.push(new Map(Array.from(o.value, (m) => [m, 1])));
    else return ERR.wrongType;
  }
  const weights: number[] = sources.map(() => 1);
  let how: Aggregate = 'sum';
  for (let j = 3 + numkeys; j < argv.length; j++) {
    const remaining = argv.length - j;
    if (remaining >= 1 + numkeys && eqi(argv[j], 'weights')) {
      for (let i = 0; i < numkeys; i++) {
        const w = parseDouble(argv[j + 1 + i]);
        if (w === null) return WEIGHT_NOT_FLOAT;
        weights[i] = w;
      }
      j += numkeys;
    } else if (remaining >= 2 && eqi(argv[j], 'aggregate')) {
      const a = argv[++j];
      if (eqi(a, 'sum')) how = 'sum';
      else if (eqi(a, 'min')) how = 'min';
      else if (eqi(a, 'max')) how = 'max';
      else return ERR.syntax;
    } else {
      return ERR.syntax;
    }
  }
  // weight * score, with inf * 0 (NaN) counted as 0.
  const weighted = (score: number, i: number): number => {
    const v = weights[i] * score;
    return Number.isNaN(v) ? 0 : v;
  };
  const result = new Map<string, number>();
  if (op === 'union') {
    sources.forEach((src, i) => {
      if (src === null) return;
      for (const [m, score] of src) {
        const v = weighted(score, i);
        const current = result.get(m);
        result.set(m, current === undefined ? v : aggregate(current, v, how));
      }
    });
  } else if (sources.every((s) => s !== null)) {
    // Walk the smallest input, like 7.0 (which sorts the inputs by cardinality first).
    const order = sources.map((_, i) => i).sort((a, b) => sources[a]!.size - sources[b]!.size);
    const first = order[0];
    for (const [m, score] of sources[first]!) {
      let v = weighted(score, first);
      let inAll = true;
      for (let k = 1; k < order.length; k++) {
        const other = sources[order[k]]!.get(m);
        if (other === undefined) {
          inAll = false;
          break;
        }
        v = aggregate(v, weighted(other, order[k]), how);
      }
      if (inAll) result.set(m, v);
    }
  }
  const dst = argv[1];
  if (result.size > 0) {
    setKey(ctx.db, dst, { type: 'zset', value: result });
    ctx.dirty();
    return integer(result.size);
  }
  if (dbDelete(ctx.db, dst)) ctx.dirty();
  return ZERO;
}

const WD = ['write', 'denyoom'] as const;

/** Key spec as COMMAND INFO shows it (1, 1, 1; the inputs are movable keys). */
export const zsetStoreCommands: CommandSpec[] = [
  command('zunionstore', -4, WD, [1, 1, 1], (ctx, argv) => zstoreGeneric(ctx, argv, 'union')),
  command('zinterstore', -4, WD, [1, 1, 1], (ctx, argv) => zstoreGeneric(ctx, argv, 'inter')),
];
