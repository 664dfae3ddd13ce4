// How the program is bundled: esbuild options shared by scripts/build.mjs (dist/app.cjs) and the UI
// benchmarks (bench/ui-frames.ts), so that both run the code the learner runs.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Yoga's emscripten loader compiles its WASM asynchronously (fetch of a data: URL, or
 * WebAssembly.instantiate), so yoga-layout's index awaits it at the top level, and a bundle with a
 * top-level await must be an ES module, which Node 20 cannot run from a V8 code cache. Emscripten's
 * `instantiateWasm` hook lets us compile the same bytes synchronously instead: the module object is
 * ready when `loadYoga` returns (its `ready` promise only resolves later), and no await is left.
 */
function yogaSynchronous() {
  return {
    name: 'yoga-synchronous',
    setup(b) {
      b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/ }, (args) => {
        const loader = readFileSync(args.path.replace(/src[\\/]index\.js$/, 'binaries/yoga-wasm-base64-esm.js'), 'utf8');
        const wasm = /"data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/.exec(loader);
        if (!wasm) throw new Error('yoga-layout: its WASM is no longer a base64 data: URL; update scripts/build.mjs');
        return {
          resolveDir: args.path.replace(/[\\/]index\.js$/, ''),
          loader: 'js',
          contents: `
import loadYoga from '../binaries/yoga-wasm-base64-esm.js';
import wrapAssembly from './wrapAssembly.js';
const yogaModule = {
  instantiateWasm(imports, done) {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(${JSON.stringify(wasm[1])}, 'base64')), imports);
    done(instance);
    return instance.exports;
  },
};
loadYoga(yogaModule);
const Yoga = wrapAssembly(yogaModule);
export default Yoga;
export * from './generated/YGEnums.js';
`,
        };
      });
    },
  };
}

/**
 * Ink's reconciler has two more top-level awaits, both only when DEV=true (loading React devtools
 * and Ink's package.json for them); the bundle has no devtools (see devtools-stub.mjs), so both go.
 */
function inkWithoutDevtoolsAwait() {
  const devtools = "await import('./devtools.js');";
  const packageJson = 'await loadPackageJson()';
  return {
    name: 'ink-without-devtools-await',
    setup(b) {
      b.onLoad({ filter: /ink[\\/]build[\\/]reconciler\.js$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes(devtools) || !text.includes(packageJson)) {
          throw new Error("ink's reconciler.js changed: update inkWithoutDevtoolsAwait in scripts/build.mjs");
        }
        return { loader: 'js', contents: text.replace(devtools, '').replace(packageJson, '{ name: undefined, version: undefined }') };
      });
    },
  };
}

/**
 * Ink and its helpers measure text with string-width: inside the bundle that is
 * src/ui/string-width.ts (a fast path for the characters the tutor draws, then the real one), and
 * wrap-ansi's private string-width 7 goes too, so there is one copy. Only our wrapper gets the real
 * module.
 */
function ourStringWidth() {
  const real = `${root}/node_modules/string-width/index.js`;
  const ours = `${root}/src/ui/string-width.ts`;
  return {
    name: 'our-string-width',
    setup(b) {
      b.onResolve({ filter: /^string-width$/ }, (args) => ({ path: args.importer === ours ? real : ours }));
    },
  };
}

/**
 * string-width, slice-ansi and ansi-tokenize build an Intl.Segmenter (~20 ms: ICU starts) and
 * string-width a /^\p{RGI_Emoji}$/v regex (~25 ms to build) when they load, and Ink segments and
 * slices every line of every frame. These patches make them on first use, which for text like the
 * tutor's is never. Exact-text replacements, so a changed dependency fails the build instead of
 * silently losing this.
 */
function lazyUnicodeTables() {
  const patches = [
    {
      file: /string-width[\\/]index\.js$/,
      from: ['const segmenter = new Intl.Segmenter();', 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;'],
      to: [
        'let segmenterMade; const segmenter = { segment: (text) => (segmenterMade ??= new Intl.Segmenter()).segment(text) };',
        "let rgiEmojiMade; const rgiEmojiRegex = { test: (text) => (rgiEmojiMade ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v')).test(text) };",
      ],
    },
    {
      // Ink's output step segments every line it writes: src/ui/graphemes.ts does that without
      // Intl.Segmenter for text like the tutor's.
      file: /@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/,
      from: ['const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });', 'segmenter.segment(str)'],
      to: [`import { segmentGraphemes } from ${JSON.stringify(`${root}/src/ui/graphemes.ts`)};`, 'segmentGraphemes(str)'],
    },
    {
      // Ink clips every line of a pane with overflow hidden through sliceAnsi, even a line that
      // fits whole; such a line is kept as it is (sliceAnsi would return the same characters).
      file: /ink[\\/]build[\\/]output\.js$/,
      from: ['return sliceAnsi(line, from, to);'],
      to: ['return from === 0 && to >= width ? line : sliceAnsi(line, from, to);'],
    },
    {
      file: /slice-ansi[\\/]tokenize-ansi\.js$/,
      from: ["const GRAPHEME_SEGMENTER = new Intl.Segmenter(undefined, {granularity: 'grapheme'});"],
      to: ["let graphemeSegmenterMade; const GRAPHEME_SEGMENTER = { segment: (text) => (graphemeSegmenterMade ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'})).segment(text) };"],
    },
  ];
  return {
    name: 'lazy-unicode-tables',
    setup(b) {
      for (const p of patches) {
        b.onLoad({ filter: p.file }, (args) => {
          let text = readFileSync(args.path, 'utf8');
          p.from.forEach((from, i) => {
            if (!text.includes(from)) throw new Error(`${args.path} changed (no "${from}"): update lazyUnicodeTables in scripts/build.mjs`);
            text = text.replace(from, () => p.to[i]);
          });
          return { contents: text, loader: 'js' };
        });
      }
    },
  };
}

/**
 * esbuild options for a CommonJS bundle of the app's code (entry points and output are the
 * caller's): `import.meta.url` becomes the bundle's own URL, React runs in production mode, and
 * the plugins above apply.
 */
export function appBundleOptions() {
  return {
    bundle: true,
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    jsx: 'automatic',
    // ink imports react-devtools-core only when DEV is set; in a bundle the hoisted import would
    // fail at run time, so it is replaced by an empty module.
    alias: { 'react-devtools-core': `${root}/scripts/devtools-stub.mjs` },
    define: { 'process.env.NODE_ENV': '"production"', 'import.meta.url': '__importMetaUrl' },
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    plugins: [yogaSynchronous(), inkWithoutDevtoolsAwait(), ourStringWidth(), lazyUnicodeTables()],
  };
}
