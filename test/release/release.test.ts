/**
 * `npm run release` in a throwaway git repository holding copies of package.json, package-lock.json
 * and CHANGELOG.md: never in this repository.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without type declarations
import { bump, moveUnreleased } from '../../scripts/release.mjs';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = join(REPO, 'scripts/release.mjs');
const CHANGELOG = `# Changelog

Intro.

## [Unreleased]

### Added
- a feature

## [0.1.0] - 2026-01-01

### Added
- the start
`;

let dir = '';
const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
const release = (...args: string[]) =>
  spawnSync(process.execPath, [SCRIPT, ...args], { cwd: dir, encoding: 'utf8' });
const version = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')).version;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mo-release-'));
  copyFileSync(join(REPO, 'package.json'), join(dir, 'package.json'));
  copyFileSync(join(REPO, 'package-lock.json'), join(dir, 'package-lock.json'));
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  pkg.version = '0.1.0';
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  writeFileSync(join(dir, 'CHANGELOG.md'), CHANGELOG);
  git('init', '-q');
  git('config', 'user.email', 'test@example.com');
  git('config', 'user.name', 'Release Test');
  git('config', 'commit.gpgsign', 'false');
  git('config', 'tag.gpgsign', 'false');
  git('add', '.');
  git('commit', '-q', '-m', 'start');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('release', () => {
  it('computes the next version for each level', () => {
    expect(bump('1.2.3', 'patch')).toBe('1.2.4');
    expect(bump('1.2.3', 'minor')).toBe('1.3.0');
    expect(bump('1.2.3', 'major')).toBe('2.0.0');
  });

  it('moves the Unreleased notes under the new version and leaves an empty Unreleased', () => {
    const out = moveUnreleased(CHANGELOG, '0.2.0', '2026-12-01') as string;
    expect(out).toContain(
      '## [Unreleased]\n\n## [0.2.0] - 2026-12-01\n\n### Added\n- a feature\n\n## [0.1.0]',
    );
    expect(() => moveUnreleased(out, '0.3.0', '2026-12-02')).toThrow(/empty/);
  });

  it('bumps, rewrites the changelog, commits and tags', () => {
    const res = release('minor');
    expect(res.status, res.stderr).toBe(0);
    expect(version('package.json')).toBe('0.2.0');
    expect(version('package-lock.json')).toBe('0.2.0');
    expect(JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')).packages[''].version).toBe(
      '0.2.0',
    );
    const today = new Date().toISOString().slice(0, 10);
    expect(readFileSync(join(dir, 'CHANGELOG.md'), 'utf8')).toContain(
      `## [Unreleased]\n\n## [0.2.0] - ${today}`,
    );
    expect(git('tag', '--list')).toBe('v0.2.0');
    expect(git('log', '-1', '--format=%s')).toBe('release v0.2.0');
    expect(git('status', '--porcelain')).toBe('');
  });

  it('changes nothing with --dry-run', () => {
    const res = release('patch', '--dry-run');
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toContain('[dry run] would release 0.1.0 -> 0.1.1');
    expect(version('package.json')).toBe('0.1.0');
    expect(git('tag', '--list')).toBe('');
    expect(git('status', '--porcelain')).toBe('');
  });

  it('refuses a missing level and an existing tag', () => {
    expect(release().status).toBe(1);
    git('tag', 'v0.1.1');
    const res = release('patch');
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('Tag v0.1.1 already exists');
  });
});
