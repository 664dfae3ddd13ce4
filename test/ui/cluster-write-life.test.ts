// A buffered write through its whole life in the cluster picture, over the real engine: lesson 2's
// k4/k5 stepped one event at a time, and lesson 5's +CONTINUE.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultReplFactory } from '../../src/lessons/default-repl.js';
import { defaultLessonsDir, loadLessons } from '../../src/lessons/loader.js';
import { ProgressStore } from '../../src/lessons/progress.js';
import { LessonSession } from '../../src/lessons/session.js';
import type { Language } from '../../src/language.js';
import { clusterLines, linkFaults } from '../../src/ui/cluster-model.js';
import { lineText } from '../../src/ui/lines.js';
import { strings } from '../../src/ui/strings.js';
import { textWidth } from '../../src/ui/text-width.js';

const { lessons } = loadLessons(defaultLessonsDir());
let home = '';
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'write-life-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

/** The cluster pane's width at 80×24. */
const WIDTH = 41;

function open(lesson: string, step: string, language: Language = 'en') {
  const s = new LessonSession({ lessons, createRepl: defaultReplFactory, progress: new ProgressStore(home), language });
  s.open(lesson, step);
  const w = s.repl.world;
  const picture = () => {
    const rows = clusterLines({ nowMs: w.now, nodes: w.snapshot(), faults: linkFaults(w.links()) }, WIDTH, strings(language)).map(lineText);
    // Rows under a node (the replication work) fit the pane; node headers are the layout’s to fit.
    for (const r of rows.filter((x) => x.startsWith("    "))) expect(textWidth(r), r).toBeLessThanOrEqual(WIDTH);
    // Continuation rows (indented 6) joined to the row they continue: the text as one reads it.
    return rows.join('\n').replace(/(：)?\n {6}/g, (_, colon?: string) => colon ?? ' ');
  };
  /** `:step` until `done` holds (one event each, as a learner presses it). */
  const stepUntil = (done: () => boolean) => {
    for (let i = 0; i < 400 && !done(); i++) s.submit(':step');
    expect(done()).toBe(true);
  };
  return { s, w, picture, stepUntil };
}

describe('lesson 2: the buffered writes k4 and k5, event by event', () => {
  it('are buffered during BGSAVE, sent after the RDB, in flight, held while 6381 loads, then applied with its offset moving', () => {
    const { s, w, picture, stepUntil } = open('full-sync', 'buffered-writes');
    for (const line of [':mode manual', 'exit', 'redis-cli -p 6380', 'set k4 v4', 'set k5 v5']) s.submit(line);
    const view = () => w.node(6380)!.replicas.find((r) => r.port === 6381)!;
    const replica = () => w.node(6381)!;

    // Appended during BGSAVE: the output buffer holds them (with the SELECT a full sync forces).
    expect(view().state).toBe('wait_bgsave');
    expect(w.node(6380)!.bgsave).not.toBeNull();
    expect(picture()).toContain('buffer 3 (81B): SELECT 0 · SET k4 v4 · SET k5 v5');

    // Sent after the RDB: the last chunk leaves, 6381 is online on the master, and the writes travel behind the RDB's tail.
    stepUntil(() => view().state === 'online');
    expect(view().outputBuffer).toEqual([]);
    expect(view().inFlight!.writes.map((x) => [x.argv.join(' '), x.offset])).toEqual([['SELECT 0', 23], ['set k4 v4', 52], ['set k5 v5', 81]]);
    expect(view().inFlight!.rdbBytes).toBeGreaterThan(0);
    expect(picture()).toMatch(/⇢ in flight 3 \(81B\) after RDB \d+B: SELECT 0 · SET k4 v4 · SET k5 v5/);
    expect(picture()).toContain('● 6381 replica  off 0');

    // In flight: the whole RDB has arrived (6381 loads it); the writes are still on the link.
    stepUntil(() => replica().loading);
    expect(view().inFlight!.rdbBytes).toBe(0);
    expect(picture()).toContain('⇢ in flight 3 (81B): SELECT 0 · SET k4 v4 · SET k5 v5');
    expect(picture()).toContain('loading the RDB into memory…');

    // Arrived while loading: held by 6381 until the load ends.
    stepUntil(() => replica().heldWrites !== null);
    expect(picture()).toContain('⇢ in flight 2 (58B): SET k4 v4 · SET k5 v5');
    expect(picture()).toContain('⇥ held 1 (23B) until loaded: SELECT 0');

    // Applied, one at a time, each moving 6381's offset: 23, 52, 81.
    stepUntil(() => replica().replicaOffset === 23);
    expect(picture()).toContain('● 6381 replica  off 23');
    expect(picture()).toContain('✓ applied 1 (23B) → off 23: SELECT 0');
    expect(picture()).toContain('58B behind');
    expect(replica().heldWrites).toBeNull();
    stepUntil(() => replica().replicaOffset === 52);
    expect(picture()).toContain('✓ applied 1 (29B) → off 52: SET k4 v4');
    expect(picture()).toContain('⇢ in flight 1 (29B): SET k5 v5');
    stepUntil(() => replica().replicaOffset === 81);
    expect(picture()).toContain('✓ applied 1 (29B) → off 81: SET k5 v5');
    expect(view().inFlight).toBeNull();
    expect(picture()).not.toContain('in flight');

    // The next event is later: the apply is over, the offset keeps its result.
    s.submit(':step');
    expect(picture()).not.toContain('applied');
    expect(picture()).toContain('● 6381 replica  off 81');
  });

  it('draws the same life in Chinese', () => {
    const { s, w, picture, stepUntil } = open('full-sync', 'buffered-writes', 'zh');
    for (const line of [':mode manual', 'exit', 'redis-cli -p 6380', 'set k4 v4', 'set k5 v5']) s.submit(line);
    expect(picture()).toContain('缓冲区 3 条（81B）：SELECT 0 · SET k4 v4 · SET k5 v5');
    stepUntil(() => w.node(6380)!.replicas[0].state === 'online');
    expect(picture()).toMatch(/⇢ 传输中 3 条（81B），排在 RDB 剩余 \d+B 之后：/);
    stepUntil(() => w.node(6381)!.heldWrites !== null);
    expect(picture()).toContain('⇥ 已收到 1 条（23B），载入后执行：SELECT 0');
    stepUntil(() => w.node(6381)!.replicaOffset === 52);
    expect(picture()).toContain('✓ 已执行 1 条（29B）→ 偏移量 52：SET k4 v4');
  });
});

describe('at 80×24 the pane keeps the rows that change (lessons 2 and 7)', () => {
  /** The cluster pane at 80×24 has 9 rows: its title, then 8 for the picture. */
  const ROOM = 8;
  const fitted = (w: ReturnType<typeof open>['w']) =>
    clusterLines({ nowMs: w.now, nodes: w.snapshot(), faults: linkFaults(w.links()) }, WIDTH, strings('en'), ROOM).map(lineText);

  it('held and applied writes stay in view: the backlog and the link line give way, and the last row says F4 shows the rest', () => {
    const { s, w, stepUntil } = open('full-sync', 'buffered-writes');
    for (const line of [':mode manual', 'exit', 'redis-cli -p 6380', 'set k4 v4', 'set k5 v5']) s.submit(line);
    const replica = () => w.node(6381)!;

    stepUntil(() => replica().heldWrites !== null);
    let rows = fitted(w);
    expect(rows.length).toBeLessThanOrEqual(ROOM);
    expect(rows).toContain('    loading the RDB into memory…');
    expect(rows).toContain('    ⇥ held 1 (23B) until loaded: SELECT 0');
    expect(rows.join('\n')).toContain('⇢ in flight 2 (58B): SET k4 v4');
    expect(rows.join('\n')).not.toContain('backlog');
    expect(rows[rows.length - 1]).toBe('… more: F4');

    stepUntil(() => replica().replicaOffset === 23);
    rows = fitted(w);
    expect(rows.length).toBeLessThanOrEqual(ROOM);
    expect(rows).toContain('    ✓ applied 1 (23B) → off 23: SELECT 0');
    expect(rows.join('\n')).toContain('58B behind');
    expect(rows[rows.length - 1]).toBe('… more: F4');

    // Once everything fits, nothing gives way and there is no marker.
    stepUntil(() => replica().replicaOffset === 81);
    s.submit(':step');
    rows = fitted(w);
    expect(rows.join('\n')).toContain('backlog 1024kB [1…81]');
    expect(rows.join('\n')).not.toContain('more: F4');
  });

  it('two replicas with writes in flight: each list keeps its replica’s name and its first row (ending in …), and both replicas keep their offsets', () => {
    const { s, w } = open('safer-writes', 'loss-window');
    for (const line of ['redis-cli -p 6380', 'config set min-replicas-to-write 1', 'config set min-replicas-max-lag 5', ':drop 6380 6382', ':run 7s', 'set a 1']) s.submit(line);
    for (const line of [':drop 6380 6381', 'set b 1', ':run 7s']) s.submit(line);
    const rows = fitted(w);
    expect(rows.length).toBeLessThanOrEqual(ROOM);
    const text = rows.join('\n');
    expect(text).toMatch(/▸ 6381 online[^\n]*\n {4}⇢ in flight \d+ \(\d+B\): SET a 1 · …\n/);
    expect(text).toMatch(/▸ 6382 online[^\n]*\n {4}⇢ in flight \d+ \(\d+B\): SELECT 0 · …\n/);
    expect(text).toMatch(/● 6381 replica {2}off [1-9]\d* /);
    expect(text).toMatch(/● 6382 replica {2}off 0 /);
    expect(rows[rows.length - 1]).toBe('… more: F4');
  });

  it('when even the changing rows do not fit, they are cut from the bottom and the marker stays', () => {
    const { s, w } = open('full-sync', 'buffered-writes');
    for (const line of ['exit', 'redis-cli -p 6380', 'set k4 v4', 'set k5 v5']) s.submit(line);
    const rows = clusterLines({ nowMs: w.now, nodes: w.snapshot(), faults: linkFaults(w.links()) }, WIDTH, strings('zh'), 3).map(lineText);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^● 6380 master/);
    expect(rows[2]).toBe('… 更多：F4');
  });
});

describe('lesson 5: the bytes a +CONTINUE sends from the backlog', () => {
  it('travel, then are applied, with how much of the range has been applied', () => {
    const { s, w, picture, stepUntil } = open('psync-backlog', 'continue');
    s.submit(':mode manual');
    s.submit(':heal');
    const view = () => w.node(6380)!.replicas.find((r) => r.port === 6382);
    const before = w.node(6382)!.replicaOffset!;
    const end = w.node(6380)!.masterReplOffset;
    stepUntil(() => view()?.psyncContinue != null);
    expect(view()!.psyncContinue).toEqual({ fromOffset: before + 1, toOffset: end });
    const bytes = end - before;
    expect(view()!.inFlight!.bytes).toBe(bytes);
    expect(view()!.inFlight!.writes.map((x) => x.argv.join(' ')).slice(0, 4)).toEqual(['SELECT 0', 'set x 1', 'set y 2', 'set z 3']);
    expect(picture()).toMatch(new RegExp(`\\+CONTINUE ░+ 0/${bytes}B applied`));
    expect(picture()).toMatch(new RegExp(`⇢ in flight \\d+ \\(${bytes}B\\): SELECT 0 ·`));
    expect(picture()).toContain('PING ×');

    stepUntil(() => w.node(6382)!.replicaOffset === end);
    expect(view()!.inFlight).toBeNull();
    expect(picture()).toMatch(new RegExp(`\\+CONTINUE █+ ${bytes}/${bytes}B applied`));
    expect(picture()).toMatch(new RegExp(`✓ applied \\d+ \\(${bytes}B\\) → off ${end}:`));
    expect(picture()).toContain('SET x 1 · SET y 2');

    s.submit(':step');
    expect(picture()).not.toContain('+CONTINUE');
    expect(picture()).not.toContain('applied');
  });
});
