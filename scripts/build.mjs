// Builds dist/: the program bundled into one CommonJS file (app.cjs), the launcher that runs it with a
// V8 code cache (cli.js, the `repl-tutor` bin), the lessons compiled to JSON (lessons.json), and the
// primed code cache (app.cjs.cache). One bundled file instead of ~300 modules, no YAML parse and no
// compile at start-up: see stack-notes.md and src/launch.ts for the figures.
import { build } from 'esbuild';
import { appBundleOptions } from './bundle-options.mjs';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}/dist`;
mkdirSync(dist, { recursive: true });

const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning' };

// The program. CommonJS so that src/launch.ts can run it through vm.Script with cached code;
// `import.meta.url` becomes this file's URL, which is where the code expects to be (dist/).
await build({ ...appBundleOptions(), entryPoints: [`${root}/src/cli.ts`], outfile: `${dist}/app.cjs` });

// The launcher, the package's bin. CommonJS too (dist/package.json says so): Node's ES module
// loader would add ~15 ms to every start for this one small file.
await build({
  ...common,
  entryPoints: [`${root}/src/launch.ts`],
  outfile: `${dist}/cli.js`,
  format: 'cjs',
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "#!/usr/bin/env node\nconst __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});
chmodSync(`${dist}/cli.js`, 0o755);
writeFileSync(`${dist}/package.json`, JSON.stringify({ type: 'commonjs' }) + '\n');

/**
 * dist/lessons.json: the shipped lessons validated once here, so that start-up reads JSON instead
 * of parsing YAML (src/lessons/compiled.ts; an edited lesson file is still parsed at run time).
 */
async function compileLessonsToJson() {
  const tmp = `${dist}/.compile-lessons.mjs`;
  await build({
    ...common,
    stdin: { contents: "export { compileLessons } from './src/lessons/loader.ts';", resolveDir: root, loader: 'ts' },
    outfile: tmp,
    format: 'esm',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  try {
    const { compileLessons } = await import(`${tmp}?${Date.now()}`);
    writeFileSync(`${dist}/lessons.json`, JSON.stringify(compileLessons(`${root}/lessons`)));
  } finally {
    rmSync(tmp, { force: true });
  }
}
await compileLessonsToJson();

/**
 * Prime dist/app.cjs.cache: run the app in a pseudo-terminal (util-linux `script`) until the
 * launcher has saved its compiled code, so that even the first start is quick. Best effort: without
 * `script` or a cache after 10 s, the first real run writes it instead.
 */
async function primeCodeCache() {
  const cache = `${dist}/app.cjs.cache`;
  rmSync(cache, { force: true });
  const home = mkdtempSync(`${tmpdir()}/repl-tutor-build-`);
  const env = { ...process.env, REPL_TUTOR_HOME: home, TERM: 'xterm-256color' };
  delete env.CI;
  const child = spawn('script', ['-qfec', `stty cols 80 rows 24; exec "${process.execPath}" "${dist}/cli.js" --sandbox --seed 1`, '/dev/null'], {
    env,
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true,
  });
  child.on('error', () => {});
  const started = Date.now();
  while (!existsSync(cache) && Date.now() - started < 10_000 && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
  rmSync(home, { recursive: true, force: true });
  if (!existsSync(cache)) process.stderr.write('build: no code cache primed (the first run of the app writes it)\n');
}
await primeCodeCache();
