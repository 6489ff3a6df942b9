/**
 * The core engine through the real binary: walkthrough, JSON output, exit codes, error codes.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileStore } from '../../src/store/file-store.js';
import { HomeLayout } from '../../src/store/home.js';
import { CLI, runCli } from '../helpers/cli.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

let temp: TempHome;
beforeEach(() => {
  temp = makeTempHome();
});
afterEach(() => temp.cleanup());

const cli = (...args: string[]) => runCli(args, temp.env);

describe('CLI core workflow', () => {
  it('prints the version from package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const r = cli('--version');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(`mcp-orchestration ${pkg.version}`);
  });

  it('init, add two servers, validate, publish, history, diff, verify', () => {
    expect(cli('init').status).toBe(0);
    expect(cli('init', '--json').json()).toMatchObject({ created: false });
    expect(cli('draft', 'add', 'memory').stdout).toContain('Added "memory"');
    expect(cli('draft', 'add', 'filesystem', '--param', `path=${temp.root}`).status).toBe(0);
    const validation = cli('validate', '--json').json();
    expect(validation).toMatchObject({ valid: true, errors: [], server_count: 2 });
    const published = cli('publish', '--changelog', 'memory and filesystem', '--json');
    expect(published.status).toBe(0);
    const { artifact_id } = published.json();
    expect(artifact_id).toMatch(/^sha256:[0-9a-f]{64}$/);
    const history = cli('history', '--json').json();
    expect(history.total).toBe(1);
    expect(history.entries[0]).toMatchObject({
      artifact_id,
      changelog: 'memory and filesystem',
      server_count: 2,
    });
    const head = cli('get', '--json').json();
    expect(head.metadata).toMatchObject({ server_count: 2, parent_artifact_id: null });
    const file = join(temp.root, 'local.json');
    writeFileSync(file, JSON.stringify({ mcpServers: { memory: head.payload.mcpServers.memory } }));
    const diff = cli('diff', '--file', file, '--json').json();
    expect(diff.status).toBe('outdated');
    expect(diff.changes).toEqual([{ server: 'filesystem', change: 'added', fields: [] }]);
    expect(cli('diff', '--file', file, '--exit-code').status).toBe(1);
    const verified = cli('verify', artifact_id.slice(7, 19), '--json').json();
    expect(verified).toMatchObject({ valid: true, artifact_id });
    const profiles = cli('profiles', '--json').json();
    expect(profiles.profiles[0]).toMatchObject({ profile_id: 'default', head: artifact_id, count: 1 });
  });

  it('NO_CHANGES when publishing the head again; a second publish links its parent', () => {
    cli('init');
    cli('draft', 'add', 'memory');
    const first = cli('publish', '-m', 'one', '--json').json();
    const again = cli('publish', '-m', 'again', '--json');
    expect(again.status).toBe(1);
    expect(again.json().error.code).toBe('NO_CHANGES');
    cli('draft', 'add', 'time');
    const second = cli('publish', '-m', 'two', '--json').json();
    expect(cli('get', '--json').json().metadata.parent_artifact_id).toBe(first.artifact_id);
    const diff = cli('diff', '--artifact', first.artifact_id, '--json').json();
    expect(diff.status).toBe('outdated');
    expect(second.parent_artifact_id).toBe(first.artifact_id);
  });

  it('refuses empty and invalid drafts with stable codes and publishes nothing', () => {
    cli('init');
    const empty = cli('publish', '-m', 'x', '--json');
    expect(empty.status).toBe(1);
    expect(empty.json().error.code).toBe('EMPTY_CONFIG');
    // A registry server without its required parameter is refused by draft add already.
    const refused = cli('draft', 'add', 'filesystem', '--json');
    expect(refused.status).toBe(1);
    expect(refused.json().error.code).toBe('MISSING_REQUIRED_PARAM');
    expect(refused.json().error.details.errors[0].path).toBe('/mcpServers/filesystem/args');
    expect(refused.json().error.message).toContain('--param path=VALUE');
    expect(cli('draft', 'show', '--json').json().server_count).toBe(0);
    cli('draft', 'add', 'brave-search');
    const invalid = cli('publish', '-m', 'x', '--json');
    expect(invalid.json().error.code).toBe('MISSING_REQUIRED_ENV');
    const human = cli('publish', '-m', 'x');
    expect(human.stderr).toContain('error MISSING_REQUIRED_ENV');
    expect(cli('history', '--json').json().error.code).toBe('PROFILE_NOT_FOUND');
  });

  it('gives error codes for unknown servers, duplicates and bad ids; the first publish makes the keys', () => {
    expect(cli('draft', 'add', 'memory').status).toBe(0);
    const first = cli('publish', '-m', 'x');
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(
      /^Created a signing key \([0-9a-f]{16}\) in the home folder, as there was none\.\n/,
    );
    expect(existsSync(join(temp.home, 'keys', 'signing.key'))).toBe(true);
    expect(cli('draft', 'add', 'time').status).toBe(0);
    const second = cli('publish', '-m', 'y', '--json');
    expect(second.json()).toMatchObject({ status: 'published', keys_created: null });
    expect(cli('draft', 'add', 'memory', '--json').json().error.code).toBe('DUPLICATE_SERVER');
    expect(cli('draft', 'add', 'memroy', '--json').json().error.code).toBe('UNKNOWN_SERVER');
    expect(cli('draft', 'remove', 'nope', '--json').json().error.code).toBe('SERVER_NOT_IN_DRAFT');
    expect(cli('draft', 'show', '--client', '../etc', '--json').json().error.code).toBe('INVALID_ID');
    expect(cli('get', '--artifact', 'xyz', '--json').json().error.code).toBe('INVALID_ID');
    expect(cli('validate', '--file', join(temp.root, 'missing.json'), '--json').json().error.code).toBe(
      'FILE_NOT_FOUND',
    );
  });

  it('exits 2 on wrong usage', () => {
    expect(cli('no-such-command').status).toBe(2);
    expect(cli('draft', 'add').status).toBe(2);
    expect(cli('draft', 'add', 'memory', '--param', 'novalue').status).toBe(2);
    expect(cli('history', '--limit', 'ten').status).toBe(2);
  });

  it('adds custom stdio and remote servers and warns about plaintext secrets', () => {
    cli('init');
    expect(
      cli(
        'draft',
        'add-custom',
        'tools',
        '--command',
        'node',
        '--arg',
        'server.js',
        '--env',
        'API_KEY=abc123',
      ).status,
    ).toBe(0);
    expect(
      cli('draft', 'add-custom', 'docs', '--url', 'https://example.com/mcp', '--header', 'X-Team=core')
        .status,
    ).toBe(0);
    const v = cli('validate', '--json').json();
    expect(v.valid).toBe(true);
    expect(v.warnings.map((w: { code: string }) => w.code)).toEqual(['SECRET_IN_PLAINTEXT']);
    const shown = cli('draft', 'show', '--json').json();
    expect(shown.payload.mcpServers.docs).toEqual({
      type: 'http',
      url: 'https://example.com/mcp',
      headers: { 'X-Team': 'core' },
    });
    expect(cli('draft', 'add-custom', 'bad', '--json').json().error.code).toBe('MISSING_COMMAND');
    expect(cli('draft', 'clear').status).toBe(0);
    expect(cli('draft', 'show', '--json').json().server_count).toBe(0);
  });

  it('detects a tampered artifact file', () => {
    cli('init');
    cli('draft', 'add', 'memory');
    const { artifact_id } = cli('publish', '-m', 'x', '--json').json();
    const artifact = cli('get', '--json').json();
    const file = join(temp.root, 'artifact.json');
    writeFileSync(
      file,
      JSON.stringify({ ...artifact, payload: { mcpServers: { memory: { command: 'evil' } } } }),
    );
    expect(cli('verify', '--file', file, '--json').json().error.code).toBe('TAMPERED');
    writeFileSync(
      file,
      JSON.stringify({ ...artifact, metadata: { ...artifact.metadata, changelog: 'forged' } }),
    );
    const forged = cli('verify', '--file', file);
    expect(forged.status).toBe(1);
    expect(forged.stderr).toContain('SIGNATURE_INVALID');
    expect(cli('verify', artifact_id).status).toBe(0);
  });

  it('exports the head as YAML and TOML', () => {
    cli('init');
    cli('draft', 'add', 'memory');
    cli('publish', '-m', 'x');
    expect(cli('export', '--format', 'yaml').stdout).toContain('mcpServers:\n  memory:\n    command: npx');
    expect(cli('export', '--format', 'toml').stdout).toContain('[mcpServers.memory]');
  });

  it('shows keys', () => {
    cli('init');
    const keys = cli('keys', 'show', '--json').json();
    expect(keys.key_id).toMatch(/^[0-9a-f]{16}$/);
    expect(cli('keys', 'export').stdout).toContain('BEGIN PUBLIC KEY');
  });

  it('keys trust add / list / remove, and UNTRUSTED_KEY for an artifact of another home', () => {
    cli('init');
    const own = cli('keys', 'show', '--json').json().key_id;
    // A second home that publishes with its own key.
    const otherEnv = { ...temp.env, MCP_ORCHESTRATION_HOME: join(temp.root, 'other-home') };
    runCli(['init'], otherEnv);
    runCli(['draft', 'add', 'memory'], otherEnv);
    runCli(['publish', '-m', 'x'], otherEnv);
    const artifactFile = join(temp.root, 'foreign.json');
    writeFileSync(artifactFile, runCli(['get', '--json'], otherEnv).stdout);
    const pemFile = join(temp.root, 'other.pub');
    writeFileSync(pemFile, runCli(['keys', 'export'], otherEnv).stdout);
    const refused = cli('verify', '--file', artifactFile, '--json');
    expect(refused.status).toBe(1);
    expect(refused.json().error.code).toBe('UNTRUSTED_KEY');
    const added = cli('keys', 'trust', 'add', pemFile, '--json').json();
    expect(added.added).toBe(true);
    expect(cli('verify', '--file', artifactFile).status).toBe(0);
    const list = cli('keys', 'trust', 'list', '--json').json();
    expect(list.keys.map((k: { key_id: string }) => k.key_id).sort()).toEqual([own, added.key_id].sort());
    expect(list.keys.find((k: { current: boolean }) => k.current).key_id).toBe(own);
    expect(cli('keys', 'trust', 'remove', added.key_id).status).toBe(0);
    expect(cli('verify', '--file', artifactFile, '--json').json().error.code).toBe('UNTRUSTED_KEY');
    expect(cli('keys', 'trust', 'remove', own, '--json').json().error.code).toBe('INVALID_INPUT');
  });
});

describe('clear codes instead of INTERNAL_ERROR', () => {
  it('a --file nested 10,000 levels deep is INVALID_INPUT naming the limit', () => {
    expect(cli('init').status).toBe(0);
    const file = join(temp.root, 'deep.json');
    const deep = `${'['.repeat(10_000)}"x"${']'.repeat(10_000)}`;
    writeFileSync(file, `{"mcpServers": {"a": {"command": "npx", "args": ${deep}}}}`);
    const r = cli('validate', '--file', file, '--json');
    expect(r.status).toBe(1);
    expect(r.json().error).toMatchObject({ code: 'INVALID_INPUT', details: { max_depth: 64 } });
    expect(r.json().error.message).toContain(`${file} nests objects or arrays more than 64 levels deep`);
  });

  // Root ignores mode bits, so as root the CLI runs as "nobody"; anyone else gets a read-only
  // folder. "nobody" must be able to run this Node and this CLI: a Node or a clone under root's
  // own 0700 home cannot be (the Node 24 that CI keeps in ~/.cache is one), and then the real
  // refusal cannot be staged here; src/core/errors.test.ts still covers the mapping.
  const asRoot = process.getuid?.() === 0;
  const nobodyRuns =
    !asRoot ||
    spawnSync(process.execPath, [CLI, '--version'], { uid: 65534, gid: 65534, encoding: 'utf8' }).status ===
      0;
  if (!nobodyRuns) {
    process.stderr.write(
      `[cli-core] skipping the PERMISSION_DENIED end-to-end test: user "nobody" cannot run ${process.execPath} ${CLI}\n`,
    );
  }
  it.skipIf(!nobodyRuns)('a store this user may not write is PERMISSION_DENIED naming the path', () => {
    if (asRoot) chmodSync(temp.root, 0o755);
    mkdirSync(temp.home, { mode: asRoot ? 0o755 : 0o500 });
    const res = spawnSync(process.execPath, [CLI, 'init', '--json'], {
      env: temp.env,
      encoding: 'utf8',
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    chmodSync(temp.home, 0o700);
    expect(res.status).toBe(1);
    const error = JSON.parse(res.stdout).error;
    expect(error.code).toBe('PERMISSION_DENIED');
    expect(error.details.path.startsWith(temp.home)).toBe(true);
    expect(error.message).toContain(error.details.path);
  });
});

describe('stored text reaches the terminal escaped', () => {
  it('an ESC sequence in a changelog is shown as \\u001b by history, kept as is in --json', () => {
    expect(cli('init').status).toBe(0);
    expect(cli('draft', 'add', 'memory').status).toBe(0);
    const changelog = 'fix\u001b]0;pwned\u0007 \u001b[2J\u009b31m\r done';
    expect(cli('publish', '--changelog', changelog).status).toBe(0);
    const r = cli('history');
    expect(r.status).toBe(0);
    expect([...r.stdout].filter((c) => c !== '\n' && (c < ' ' || (c >= '\u007f' && c <= '\u009f')))).toEqual(
      [],
    );
    expect(r.stdout).toContain('fix\\u001b]0;pwned\\u0007 \\u001b[2J\\u009b31m\\u000d done');
    expect(cli('history', '--json').json().entries[0].changelog).toBe(changelog);
  });
});

describe('backups prune', () => {
  it('removes backups beyond --keep of each client file; --dry-run removes nothing', async () => {
    expect(cli('init').status).toBe(0);
    const store = new FileStore(new HomeLayout(temp.home));
    const saved = [];
    for (let i = 0; i < 3; i++) {
      saved.push(
        await store.saveBackup('cursor', join(temp.userHome, '.cursor/mcp.json'), Buffer.from(`v${i}`)),
      );
      await new Promise((r) => setTimeout(r, 3));
    }
    const other = await store.saveBackup('vscode', join(temp.userHome, 'mcp.json'), Buffer.from('o'));
    const files = () => readdirSync(join(temp.home, 'backups', 'cursor')).sort();
    const before = files();
    expect(before).toHaveLength(6);

    const dry = cli('backups', 'prune', '--keep', '1', '--dry-run', '--json');
    expect(dry.status).toBe(0);
    expect(dry.json()).toMatchObject({ dry_run: true, keep: 1 });
    expect(dry.json().removed.map((b: { backup_id: string }) => b.backup_id)).toEqual([
      saved[0]?.backup_id,
      saved[1]?.backup_id,
    ]);
    expect(files()).toEqual(before);
    expect(cli('backups', 'prune', '--keep', '1', '--dry-run').stdout).toContain(
      'Dry run: 2 backups would be removed.',
    );

    const real = cli('backups', 'prune', '--keep', '1');
    expect(real.status).toBe(0);
    expect(real.stdout).toContain('Removed 2 backups.');
    expect(files()).toEqual([`${saved[2]?.backup_id}.bak`, `${saved[2]?.backup_id}.json`]);
    expect(readdirSync(join(temp.home, 'backups', 'vscode'))).toContain(`${other.backup_id}.bak`);
    expect(cli('backups', 'prune', '--older-than', '30d', '--json').json().removed).toEqual([]);
    expect(cli('backups', 'prune', '--older-than', 'soon').status).toBe(2);
  });
});
