// The packed tool: `npm pack` gives a package that installs alone (everything is bundled in dist/) and runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };

const root = fileURLToPath(new URL('..', import.meta.url));
const built = existsSync(join(root, 'dist/cli.js')) && existsSync(join(root, 'dist/app.cjs'));
const npm = spawnSync('npm', ['--version'], { encoding: 'utf8' }).status === 0;

function sh(cmd: string, args: string[], cwd: string, input = '') {
  const r = spawnSync(cmd, args, { cwd, input, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe.skipIf(!built || !npm)('the packed package', () => {
  it('installs into an empty folder with no other package and no network, then runs --version and a batch line', () => {
    const work = mkdtempSync(join(tmpdir(), 'rt-pack-'));
    // --ignore-scripts: pack the dist/ the test run built (pretest), not a rebuild under other tests' feet.
    const pack = sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], root);
    expect(pack.code, pack.err).toBe(0);
    const [info] = JSON.parse(pack.out) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const paths = info.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['dist/cli.js', 'dist/app.cjs', 'dist/lessons.json', 'lessons/sandbox.yaml', 'README.md']));
    expect(paths.some((p) => p.startsWith('src/') || p.startsWith('test/'))).toBe(false);

    const app = join(work, 'app');
    sh('mkdir', ['-p', app], work);
    writeFileSync(join(app, 'package.json'), '{ "name": "empty", "private": true }\n');
    // --offline with an empty cache: anything the package asked for beyond itself would fail here.
    const install = sh('npm', ['install', '--offline', '--no-audit', '--no-fund', '--cache', join(work, 'cache'), join(work, info.filename)], app);
    expect(install.code, install.err).toBe(0);
    expect(readdirSync(join(app, 'node_modules')).filter((d) => !d.startsWith('.'))).toEqual(['repl-tutor']);
    const installed = JSON.parse(readFileSync(join(app, 'node_modules/repl-tutor/package.json'), 'utf8'));
    expect(installed.dependencies ?? {}).toEqual({});

    const bin = join(app, 'node_modules/.bin/repl-tutor');
    expect(sh(bin, ['--version'], app)).toMatchObject({ code: 0, out: `repl-tutor ${pkg.version}\n` });
    const batch = sh(bin, ['batch', '--sandbox'], app, 'redis-cli -p 6381 role\n');
    expect(batch.code, batch.err).toBe(0);
    expect(batch.out).toMatch(/^\$ redis-cli -p 6381 role\n1\) "slave"\n2\) "127\.0\.0\.1"\n3\) \(integer\) 6380\n4\) "connected"\n5\) \(integer\) \d+\n$/);
  });
});
