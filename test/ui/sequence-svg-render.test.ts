// The seed walkthrough's SVG as a browser draws it: Debian's chromium, headless, screenshots it to
// PNG, and the picture must hold the lanes, the orange RDB arrows and the green command arrows.
// Skipped where chromium is not installed (`apt-get install -y chromium`): it is no dependency.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runBatch } from '../../src/batch.js';
import { worldSvg } from '../../src/ui/export-svg.js';

const chromium = ['chromium', 'chromium-browser'].find((c) => spawnSync('which', [c]).status === 0);

/** A PNG's size and RGB pixels (8-bit RGB or RGBA, non-interlaced: what chromium writes). */
function decodePng(png: Buffer): { width: number; height: number; pixel: (x: number, y: number) => [number, number, number] } {
  let p = 8;
  let width = 0;
  let height = 0;
  let channels = 4;
  const idat: Buffer[] = [];
  while (p < png.length) {
    const len = png.readUInt32BE(p);
    const type = png.toString('latin1', p + 4, p + 8);
    const data = png.subarray(p + 8, p + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      channels = data[9] === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(data);
    p += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x];
      const a = x >= channels ? out[y * stride + x - channels] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels] : 0;
      const pa = Math.abs(b - c);
      const pb = Math.abs(a - c);
      const pc = Math.abs(a + b - 2 * c);
      const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      const pred = [0, a, b, (a + b) >> 1, paeth][filter];
      out[y * stride + x] = (v + pred) & 0xff;
    }
  }
  return { width, height, pixel: (x, y) => [out[y * stride + x * channels], out[y * stride + x * channels + 1], out[y * stride + x * channels + 2]] };
}

describe.skipIf(!chromium)('the seed walkthrough SVG in a real browser (chromium headless)', () => {
  it('renders the lanes and the RDB and command arrows', async () => {
    const walk = readFileSync(new URL('../../conformance/scenarios/01-seed-walkthrough.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => !l.startsWith('#'))
      .join('\n');
    let svg = '';
    await runBatch({ input: walk, out: () => {}, atEnd: (w) => (svg = worldSvg(w, { toMs: 1002 })) });
    const [, w, h] = /width="(\d+)" height="(\d+)"/.exec(svg)!.map(Number);
    const dir = mkdtempSync(join(tmpdir(), 'rt-svg-'));
    try {
      writeFileSync(join(dir, 'seed.svg'), svg);
      const r = spawnSync(
        chromium!,
        ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', `--user-data-dir=${join(dir, 'profile')}`, `--window-size=${w},${h}`, `--screenshot=${join(dir, 'seed.png')}`, `file://${join(dir, 'seed.svg')}`],
        { encoding: 'utf8', timeout: 60_000 },
      );
      expect(r.status, r.stderr).toBe(0);
      const png = decodePng(readFileSync(join(dir, 'seed.png')));
      expect([png.width, png.height]).toEqual([w, h]);
      let orange = 0;
      let green = 0;
      let dark = 0;
      for (let y = 0; y < png.height; y += 2) {
        for (let x = 0; x < png.width; x += 2) {
          const [rr, g, b] = png.pixel(x, y);
          if (rr > 190 && g > 70 && g < 120 && b < 40) orange++; // #D55E00, the RDB arrows
          if (rr < 40 && g > 130 && g < 180 && b > 90 && b < 140) green++; // #009E73, commands
          if (rr < 80 && g < 80 && b < 80) dark++; // lanes and text
        }
      }
      expect(orange).toBeGreaterThan(50);
      expect(green).toBeGreaterThan(50);
      expect(dark).toBeGreaterThan(1000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
