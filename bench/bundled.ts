// The UI frame benchmarks bundled the way dist/app.cjs is (same esbuild options and plugins), so
// that they time the code a learner runs, not the unbundled sources.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { appBundleOptions } from '../scripts/bundle-options.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function bundledUiFrames(): Promise<typeof import('./ui-frames.js')> {
  // In dist/, so that the bundle finds lessons/ one level up, as dist/app.cjs does.
  const out = `${root}/dist/.bench-ui-frames.cjs`;
  await build({ ...appBundleOptions(), entryPoints: [`${root}/bench/ui-frames.ts`], outfile: out });
  try {
    return createRequire(import.meta.url)(out) as typeof import('./ui-frames.js');
  } finally {
    rmSync(out, { force: true });
  }
}
