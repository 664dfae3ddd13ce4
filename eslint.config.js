// ESLint (flat config): typescript-eslint's recommended rules, the layers' import boundaries, and
// determinism in the engine (src/sim and src/redis never read the clock, randomness, timers,
// files, the process or sockets). `npm run lint`; `npm test` runs it first and fails on a finding.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Files at the top of src/ that are entry points: nothing below them imports them. */
const ENTRIES = 'cli|cli-args|batch|launch';

/**
 * An import that leaves the layer for one of `folders` (or for an entry point): `../ui/x.js`,
 * `../../repl/y.js`. Matching the path's first folder after the `../` steps works from any depth
 * inside src/ because every layer is a direct child of src/.
 */
function forbidLayers(folders, why) {
  return { regex: `^(\\.\\./)+(${folders.join('|')}|${ENTRIES})([/.]|$)`, message: why };
}

/** Node modules that reach outside a deterministic simulation. */
const NONDETERMINISTIC_MODULES = ['fs', 'fs/promises', 'net', 'dgram', 'process', 'timers', 'timers/promises', 'child_process', 'http', 'https', 'tls', 'worker_threads', 'os', 'perf_hooks']
  .flatMap((m) => [m, `node:${m}`])
  .map((name) => ({ name, message: 'src/sim and src/redis are deterministic: no files, sockets, processes or real time.' }));

/** no-restricted-imports for a layer: its boundary, plus the engine's determinism where asked. */
function layerImports(pattern, { engine = false } = {}) {
  return ['error', { paths: engine ? NONDETERMINISTIC_MODULES : [], patterns: [pattern] }];
}

const engineDeterminism = {
  'no-restricted-globals': [
    'error',
    ...['Date', 'performance', 'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate', 'process'].map((name) => ({
      name,
      message: 'src/sim and src/redis are deterministic: time comes from the Scheduler, randomness from the seeded Rng.',
    })),
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'Use the seeded Rng (src/sim/rng.ts), not Math.random.' },
    { selector: "MemberExpression[object.name='globalThis']", message: 'src/sim and src/redis reach nothing global.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // A disable comment that no longer silences anything is an error: it would only mislead.
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: {
      globals: {
        // Node's globals, for tests, scripts and the layers that may use them.
        process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly',
        setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', clearImmediate: 'readonly',
        performance: 'readonly', URL: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', structuredClone: 'readonly',
        queueMicrotask: 'readonly', globalThis: 'readonly', NodeJS: 'readonly', Intl: 'readonly', WebAssembly: 'readonly',
      },
    },
    rules: {
      // `_`-prefixed names are deliberately unused (a destructured field left out, a callback's slot).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  // The layers: src/sim ← src/redis ← src/repl, src/lessons ← src/ui ← src/cli.ts.
  {
    files: ['src/sim/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': layerImports({ regex: '^\\.\\./', message: 'src/sim is the kernel: it imports nothing of ours.' }, { engine: true }),
      ...engineDeterminism,
    },
  },
  {
    files: ['src/redis/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': layerImports(forbidLayers(['repl', 'lessons', 'ui', 'serve'], 'src/redis imports src/sim only.'), { engine: true }),
      ...engineDeterminism,
    },
  },
  {
    files: ['src/repl/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': layerImports(forbidLayers(['lessons', 'ui', 'serve'], 'src/repl imports src/redis and src/sim only.')) },
  },
  {
    files: ['src/lessons/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': layerImports(forbidLayers(['ui', 'serve'], 'src/lessons imports src/repl, src/redis and src/sim only.')) },
  },
  {
    files: ['src/serve/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': layerImports(forbidLayers(['lessons', 'ui'], 'src/serve imports src/redis, src/repl and src/sim only.')) },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': layerImports(forbidLayers(['serve'], 'src/ui imports the layers below it, never an entry point.')) },
  },
  {
    // The other files at the top of src/ (batch mode, the launcher, argument parsing): only
    // src/cli.ts starts the screens.
    files: ['src/*.{ts,tsx}'],
    ignores: ['src/cli.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^\\./(ui/|cli\\.js$)', message: 'Only src/cli.ts imports src/ui; nothing imports src/cli.ts.' }] }],
    },
  },
  {
    // src/language.ts sits below every layer: it imports nothing.
    files: ['src/language.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^\\.', message: 'src/language.ts imports nothing of ours.' }] }] },
  },
);
