#!/usr/bin/env node
// `npm run release -- patch|minor|major [--dry-run]`: bumps the version in package.json and
// package-lock.json, moves the `## [Unreleased]` notes of CHANGELOG.md under `## [X.Y.Z] - DATE`
// (leaving an empty Unreleased section), commits and tags `vX.Y.Z`. It never publishes or pushes.
// `--dry-run` prints what it would do and changes nothing. Runs in the current directory.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LEVELS = ['patch', 'minor', 'major'];

/** The next version of `version` for a release level. */
export function bump(version, level) {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:-.*)?$/.exec(version);
  if (!m) throw new Error(`package.json version "${version}" is not semantic (X.Y.Z).`);
  const [major, minor, patch] = m.slice(1).map(Number);
  if (level === 'major') return `${major + 1}.0.0`;
  if (level === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/** CHANGELOG text with the Unreleased notes moved under the new version. */
export function moveUnreleased(changelog, version, date) {
  const heading = /^## \[Unreleased\][^\n]*\n/m;
  const match = heading.exec(changelog);
  if (!match) throw new Error('CHANGELOG.md has no "## [Unreleased]" section.');
  const start = match.index + match[0].length;
  const nextAt = changelog.slice(start).search(/^## \[/m);
  const end = nextAt < 0 ? changelog.length : start + nextAt;
  const notes = changelog.slice(start, end).trim();
  if (!notes) throw new Error('The Unreleased section of CHANGELOG.md is empty: nothing to release.');
  const rest = changelog.slice(end);
  return `${changelog.slice(0, match.index)}## [Unreleased]\n\n## [${version}] - ${date}\n\n${notes}\n${rest ? `\n${rest}` : ''}`;
}

function git(args, cwd) {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

export function release({
  level,
  dryRun = false,
  cwd = process.cwd(),
  date = new Date().toISOString().slice(0, 10),
  log = console.log,
}) {
  if (!LEVELS.includes(level)) throw new Error(`Usage: npm run release -- ${LEVELS.join('|')} [--dry-run]`);
  const pkgPath = join(cwd, 'package.json');
  const lockPath = join(cwd, 'package-lock.json');
  const changelogPath = join(cwd, 'CHANGELOG.md');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
  const version = bump(pkg.version, level);
  const tag = `v${version}`;
  const changelog = moveUnreleased(readFileSync(changelogPath, 'utf8'), version, date);
  if (git(['tag', '--list', tag], cwd)) throw new Error(`Tag ${tag} already exists.`);
  const dirty = git(
    ['status', '--porcelain', '--', 'package.json', 'package-lock.json', 'CHANGELOG.md'],
    cwd,
  );
  if (dirty && !dryRun) throw new Error(`Commit or revert your changes to these files first:\n${dirty}`);

  log(`${dryRun ? '[dry run] would release' : 'Releasing'} ${pkg.version} -> ${version}`);
  log(`  package.json${existsSync(lockPath) ? ', package-lock.json' : ''}: version ${version}`);
  log(`  CHANGELOG.md: Unreleased notes -> ## [${version}] - ${date}`);
  log(`  git commit "release ${tag}" and tag ${tag} (not pushed, not published)`);
  if (dryRun) return { version, tag, changed: false };

  const setVersion = (path, edit) => {
    const text = readFileSync(path, 'utf8');
    const data = JSON.parse(text);
    edit(data);
    writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
  };
  setVersion(pkgPath, (p) => {
    p.version = version;
  });
  const files = ['package.json', 'CHANGELOG.md'];
  if (existsSync(lockPath)) {
    setVersion(lockPath, (l) => {
      l.version = version;
      if (l.packages?.['']) l.packages[''].version = version;
    });
    files.push('package-lock.json');
  }
  writeFileSync(changelogPath, changelog);
  git(['add', '--', ...files], cwd);
  git(['commit', '-m', `release ${tag}`, '--', ...files], cwd);
  git(['tag', '-a', tag, '-m', `mcp-orchestration ${version}`], cwd);
  log(`Tagged ${tag}. Push with: git push && git push origin ${tag}`);
  return { version, tag, changed: true };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  try {
    release({ level: args.find((a) => !a.startsWith('--')), dryRun: args.includes('--dry-run') });
  } catch (err) {
    console.error(`release: ${err.message}`);
    process.exit(1);
  }
}
