/**
 * The published package works on its own: `npm pack`, install the tarball globally into a temp
 * prefix, and run the installed bins with a temp home. This proves the `files` field ships
 * everything (dist, the server catalog) and that nothing dev-only is imported at run time.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const PKG = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));

let work = '';
let prefix = '';
let files: string[] = [];
let temp: TempHome;

const bin = (name: string) => join(prefix, 'bin', name);
const run = (name: string, args: string[]) =>
  spawnSync(bin(name), args, {
    encoding: 'utf8',
    env: { ...temp.env, PATH: `${join(prefix, 'bin')}:${process.env.PATH}` },
    cwd: temp.root,
    timeout: 60_000,
  });

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'mo-pack-'));
  prefix = join(work, 'prefix');
  temp = makeTempHome('mo-pack-home-');
  // dist/ is built by the global setup; --ignore-scripts keeps pack from rebuilding it.
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
      cwd: REPO,
      encoding: 'utf8',
    }),
  );
  files = packed[0].files.map((f: { path: string }) => f.path);
  const tarball = join(work, packed[0].filename);
  execFileSync(
    'npm',
    // The tarball's dependencies come from npm's cache where it has them (the suite's own install
    // filled it); on a loaded two-core CI machine the install can still take minutes.
    [
      'install',
      '-g',
      '--prefix',
      prefix,
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--ignore-scripts',
      tarball,
    ],
    { cwd: work, encoding: 'utf8', stdio: 'pipe', timeout: 480_000 },
  );
}, 500_000);

afterAll(() => {
  temp?.cleanup();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('ships dist and the server catalog, but no tests and no sources', () => {
    expect(files).toContain('dist/cli/main.js');
    expect(files).toContain('dist/registry/catalog.json');
    expect(files).toContain('package.json');
    expect(
      files.filter(
        (f) => f.endsWith('.test.js') || f.endsWith('.map') || f.startsWith('src/') || f.startsWith('test/'),
      ),
    ).toEqual([]);
  });

  it('installs every bin', () => {
    for (const name of Object.keys(PKG.bin)) expect(existsSync(bin(name)), name).toBe(true);
  });

  it('prints the package version', () => {
    const res = run('mcp-orchestration', ['--version']);
    expect(res.stdout.trim()).toBe(`mcp-orchestration ${PKG.version}`);
  });

  it('runs a short workflow from the installed command', () => {
    for (const args of [
      ['init'],
      ['draft', 'add', 'memory'],
      ['publish', '--changelog', 'from the tarball'],
    ]) {
      const res = run('mcp-orchestration', args);
      expect(res.status, `${args.join(' ')}: ${res.stderr}`).toBe(0);
    }
    const verify = run('mcp-orchestration', ['verify', '--json']);
    expect(verify.status, verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ valid: true });
  });

  it.runIf(process.platform === 'linux')(
    'ships the native edit guard, and the installed command loads it',
    () => {
      expect(files).toContain('dist/native/fs-exchange.node');
      const res = run('mcp-orchestration', ['doctor', '--json']);
      const guard = JSON.parse(res.stdout).checks.find((c: { check: string }) => c.check === 'edit-guard');
      expect(guard).toMatchObject({ status: 'ok' });
    },
  );

  it('runs an alias bin', () => {
    const res = run('mcp-orchestration-list-servers', ['--search', 'memory']);
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toContain('memory');
  });

  it('needs no dev dependency at run time', () => {
    const installed = join(prefix, 'lib', 'node_modules', PKG.name, 'node_modules');
    // A dev dependency that a runtime dependency also needs (ajv, under the MCP SDK) is installed
    // for that dependency; the lockfile marks every package only dev tools need with "dev".
    const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
      packages: Record<string, { dev?: boolean }>;
    };
    const devOnly = Object.keys(PKG.devDependencies).filter((d) => lock.packages[`node_modules/${d}`]?.dev);
    expect(devOnly.length).toBeGreaterThan(10);
    for (const dev of devOnly) {
      expect(existsSync(join(installed, dev)), `${dev} was installed`).toBe(false);
    }
  });
});
