import { readFileSync } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { inputLines, runBatch } from '../../src/batch.js';
import type { TraceEvent } from '../../src/redis/trace.js';
import { lessonDiagram, worldSvg } from '../../src/ui/export-svg.js';
import { extractSequence } from '../../src/ui/sequence-messages.js';
import { renderSequenceSvg } from '../../src/ui/sequence-svg.js';

/** The seed's walkthrough, as conformance plays it (comments dropped). */
const WALKTHROUGH = readFileSync(new URL('../../conformance/scenarios/01-seed-walkthrough.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => !l.startsWith('#'))
  .join('\n');
const LESSONS = new URL('../../lessons/', import.meta.url).pathname;

/** Run batch mode with --svg (and --json, to read the same run's trace). */
async function walkthroughSvg(seed = 1, window: { fromMs?: number; toMs?: number } = {}): Promise<{ svg: string; trace: TraceEvent[] }> {
  let svg = '';
  const lines: string[] = [];
  await runBatch({ input: WALKTHROUGH, out: (l) => lines.push(l), seed, json: true, atEnd: (w) => (svg = worldSvg(w, window)) });
  const trace = lines.map((l) => JSON.parse(l)).filter((o) => typeof o.seq === 'number') as TraceEvent[];
  return { svg, trace };
}

type Group = { '@_class': string; '@_data-from': string; '@_data-to': string; '@_data-status': string; text: Array<{ '#text': string }> | { '#text': string } };

/** The message arrows of an SVG: class, ends, status and label. */
function arrows(svg: string): Array<{ kind: string; from: number; to: number; status: string; label: string }> {
  const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'g' || name === 'text' }).parse(svg);
  const groups = (doc.svg.g as Group[]).filter((g) => g['@_class'].startsWith('msg '));
  return groups.map((g) => {
    const texts = Array.isArray(g.text) ? g.text : [g.text];
    return {
      kind: g['@_class'].slice(4),
      from: Number(g['@_data-from']),
      to: Number(g['@_data-to']),
      status: g['@_data-status'],
      label: String(texts[texts.length - 1]['#text']),
    };
  });
}

describe('batch --svg — the seed walkthrough as a sequence diagram', () => {
  it('is well-formed, standalone XML: no scripts, no external fonts, images or links', async () => {
    const { svg } = await walkthroughSvg();
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toMatch(/<script|@import|@font-face|<image|xlink:href|href="http/);
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });

  it('draws every message of the trace as an arrow between the right lanes', async () => {
    const { svg, trace } = await walkthroughSvg();
    const got = arrows(svg);
    const count = (kind: string) => got.filter((a) => a.kind === kind).length;
    const events = (type: string) => trace.filter((e) => e.type === type);
    expect(count('handshake')).toBe(events('handshake.send').length);
    expect(count('reply')).toBe(events('handshake.reply').length);
    expect(count('rdb')).toBe(events('rdb.chunk.sent').length);
    expect(count('ack')).toBe(events('ack.send').length);
    // Every command a replica applied arrived on an arrow from its master, with its text.
    const applied = trace.filter((e): e is Extract<TraceEvent, { type: 'stream.apply' }> => e.type === 'stream.apply');
    expect(applied.length).toBeGreaterThan(5);
    for (const e of applied) {
      const kind = e.argv[0].toLowerCase() === 'ping' ? 'ping' : 'command';
      expect(got.some((a) => a.kind === kind && a.from === e.master && a.to === e.replica && a.label.endsWith(`offset ${e.offset}`)), `${e.argv.join(' ')} @${e.offset}`).toBe(true);
    }
    expect(got.filter((a) => a.kind === 'command' || a.kind === 'ping')).toHaveLength(applied.length);
    for (const e of events('handshake.send') as Array<Extract<TraceEvent, { type: 'handshake.send' }>>) {
      expect(got.some((a) => a.kind === 'handshake' && a.from === e.from && a.to === e.to)).toBe(true);
    }
    expect(got.every((a) => a.status === 'arrived')).toBe(true);
    expect(got.find((a) => a.kind === 'reply' && a.label.startsWith('+FULLRESYNC'))).toBeDefined();
  });

  it('gives the same bytes for the same seed, and other ids for another seed', async () => {
    const a = await walkthroughSvg(1);
    const b = await walkthroughSvg(1);
    const c = await walkthroughSvg(2);
    expect(a.svg).toBe(b.svg);
    expect(c.svg).not.toBe(a.svg);
  });

  it('--svg-from/--svg-to keep only that window', async () => {
    const whole = arrows((await walkthroughSvg()).svg);
    const part = arrows((await walkthroughSvg(1, { fromMs: 0, toMs: 30 })).svg);
    expect(part.length).toBeGreaterThan(0);
    expect(part.length).toBeLessThan(whole.length);
    expect(part.some((a) => a.kind === 'rdb')).toBe(true);
    expect(part.some((a) => a.kind === 'ack')).toBe(false);
  });
});

describe('the sequence diagram — lost and in-flight messages', () => {
  it('a write whose link is cut on the way ends in ✗; one still travelling ends in …', async () => {
    const lines: string[] = [];
    let svg = '';
    const input = [
      'redis-server --port 6380',
      'redis-server --port 6381',
      'redis-cli -p 6381 replicaof 127.0.0.1 6380',
      ':mode manual',
      'redis-cli -p 6380 set lost 1',
      ':reset 6380 6381',
      ':run 3s',
      'redis-cli -p 6380 set flying 1',
    ].join('\n');
    await runBatch({ input, out: (l) => lines.push(l), atEnd: (w) => (svg = worldSvg(w)) });
    const got = arrows(svg);
    expect(got.find((a) => a.label.startsWith('set lost 1'))).toMatchObject({ status: 'lost', from: 6380, to: 6381 });
    expect(got.find((a) => a.label.startsWith('set flying 1'))).toMatchObject({ status: 'inflight' });
    expect(svg).toContain('>✗</text>');
    expect(inputLines(input)).toHaveLength(8);
  });

  it('extractSequence keeps the order of the trace and both languages for marks', () => {
    const data = extractSequence(
      [
        { type: 'bgsave.start', port: 6380, forReplication: true, keys: 3, durationMs: 20, t: 5, seq: 0 },
        { type: 'buffer.append', master: 6380, replica: 6381, argv: ['set', 'k4', 'v4'], bytes: 29, pending: 1, t: 6, seq: 1 },
      ],
      { nowMs: 10 },
    );
    expect(data.marks.map((m) => [m.en, m.zh])).toEqual([
      ['BGSAVE started (3 keys)', 'BGSAVE 开始（3 个键）'],
      ['buffered set k4 v4 for 6381', '为 6381 缓冲 set k4 v4'],
    ]);
    expect(renderSequenceSvg(data)).toContain('buffered set k4 v4 for 6381');
  });
});

describe('repl-tutor lessons diagram', () => {
  it("draws lesson 2's solution: the handshake, the BGSAVE, the RDB chunks, the buffered writes", () => {
    const r = lessonDiagram(LESSONS, 'full-sync');
    if (!r.ok) throw new Error(r.message);
    expect(XMLValidator.validate(r.svg)).toBe(true);
    const got = arrows(r.svg);
    expect(got.filter((a) => a.kind === 'rdb').length).toBeGreaterThan(3);
    expect(got.filter((a) => a.kind === 'buffered').map((a) => a.label.split('  ')[0])).toEqual(['SELECT 0', 'set k4 v4', 'set k5 v5']);
    expect(r.svg).toContain('Lesson 2: A full sync, step by step');
  });

  it('names the lessons when the id is unknown', () => {
    const r = lessonDiagram(LESSONS, 'nope');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/no lesson "nope"; lessons: build-it, full-sync/);
  });
});
