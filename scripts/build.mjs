// Bundles src/cli.ts into one executable file, dist/cli.js, so that start-up loads one module
// instead of ~300 (see stack-notes.md: ~300 ms to first frame instead of ~660 ms).
import { build } from 'esbuild';
import { chmodSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
mkdirSync(`${root}/dist`, { recursive: true });

/**
 * Yoga's emscripten loader instantiates its WASM through `fetch` of a data: URL when `fetch` exists
 * (Node 20 has it), which costs ~40 ms of start-up; with `fetch` shadowed in that one module it
 * takes its synchronous base64 path instead (stack-notes.md: yoga ~75 ms → ~32 ms).
 */
function yogaWithoutFetch() {
  return {
    name: 'yoga-without-fetch',
    setup(b) {
      b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, (args) => ({
        contents: 'const fetch = undefined;\n' + readFileSync(args.path, 'utf8'),
        loader: 'js',
      }));
    },
  };
}

await build({
  entryPoints: [`${root}/src/cli.ts`],
  outfile: `${root}/dist/cli.js`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  jsx: 'automatic',
  // ink imports react-devtools-core only when DEV is set; in a bundle the hoisted import would
  // fail at run time, so it is replaced by an empty module.
  alias: { 'react-devtools-core': `${root}/scripts/devtools-stub.mjs` },
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  logLevel: 'warning',
  plugins: [yogaWithoutFetch()],
});
chmodSync(`${root}/dist/cli.js`, 0o755);
