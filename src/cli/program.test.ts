/**
 * The CLI in process: every command's parsing and output formatting (human and --json), with the
 * environment pointed at a temp home. test/e2e/ runs the same commands through the real binary.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, restoreHome, stubTempHome } from '../../test/helpers/cli-in-process.js';
import type { TempHome } from '../../test/helpers/temp-home.js';

let temp: TempHome;
let claudeFile: string;

beforeAll(() => {
  temp = stubTempHome('mo-cli-');
  claudeFile = join(temp.userHome, '.config', 'Claude', 'claude_desktop_config.json');
});
afterAll(() => restoreHome(temp));

const json = async (...args: string[]) => JSON.parse((await cli(...args, '--json')).out);

describe('CLI commands in process', () => {
  it('init, keys', async () => {
    expect((await cli('init')).out).toContain('Initialized.');
    expect((await cli('init', '--regenerate')).out).toContain('Rotated the signing key.');
    expect((await cli('keys', 'show')).out).toContain('BEGIN PUBLIC KEY');
    expect((await cli('keys', 'export')).out).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });

  it('servers list, show, add, remove, import', async () => {
    expect((await cli('servers', 'list', '--search', 'memory')).out).toContain('memory');
    expect((await cli('servers', 'list', '--search', 'zzzz-nothing')).out).toContain('No servers match.');
    expect(
      (await json('servers', 'list', '--transport', 'http')).every(
        (s: { transport: string }) => s.transport === 'http',
      ),
    ).toBe(true);
    const shown = (await cli('servers', 'show', 'filesystem')).out;
    expect(shown).toContain('parameters:');
    expect(shown).toContain('usage: mcp-orchestration draft add filesystem');
    expect((await cli('servers', 'show', 'github')).out).toContain('environment:');
    const defFile = join(temp.root, 'mine.json');
    writeFileSync(
      defFile,
      JSON.stringify({
        id: 'mine',
        name: 'Mine',
        description: 'my server',
        transport: 'stdio',
        package: { registry: 'npm', name: 'mine' },
        command: 'npx',
        args: ['-y', 'mine'],
      }),
    );
    expect((await cli('servers', 'add', '--file', defFile)).out).toContain('Added user server mine.');
    expect((await cli('servers', 'remove', 'mine')).out).toContain('Removed user server mine.');
    const fixture = join(process.cwd(), 'test', 'fixtures', 'registry', 'npm-weather.server.json');
    expect((await cli('servers', 'import', fixture, '--id', 'weather')).out).toContain('Imported weather');
    expect((await cli('servers', 'remove', 'memory')).code).toBe(1);
  });

  it('drafts, validate, publish, history, get, verify, diff, export', async () => {
    expect((await cli('draft', 'show')).out).toContain('is empty');
    expect((await cli('draft', 'add', 'memory')).out).toContain('Added "memory"');
    // A missing parameter is refused, naming the flag; nothing is left in the draft.
    const refused = await cli('draft', 'add', 'filesystem');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('MISSING_REQUIRED_PARAM');
    expect(refused.err).toContain('--param path=VALUE');
    expect((await json('draft', 'show')).server_count).toBe(1);
    expect((await cli('draft', 'add', 'filesystem', '--param', `path=${temp.root}`)).code).toBe(0);
    expect((await cli('draft', 'add', 'brave-search')).out).toContain('still needed');
    const invalid = await cli('validate');
    expect(invalid.code).toBe(1);
    expect(invalid.out).toContain('MISSING_REQUIRED_ENV');
    expect((await cli('publish', '-m', 'x')).err).toContain('MISSING_REQUIRED_ENV');
    expect((await cli('draft', 'remove', 'brave-search')).out).toContain('Removed "brave-search"');
    expect((await cli('draft', 'remove', 'filesystem')).out).toContain('Removed "filesystem"');
    await cli(
      'draft',
      'add-custom',
      'api',
      '--command',
      'node',
      '--arg',
      'a.js',
      '--env',
      'API_KEY=plain',
      '--cwd',
      '/tmp',
    );
    await cli('draft', 'add-custom', 'docs', '--url', 'https://example.com/mcp', '--header', 'X-A=1');
    expect((await cli('draft', 'show')).out).toContain('3 servers');
    const valid = await cli('validate');
    expect(valid.out).toContain('Valid (3 servers, 1 warning).');
    expect(valid.out).toContain('SECRET_IN_PLAINTEXT');
    const published = await cli('publish', '-m', 'three');
    expect(published.out).toContain('Published sha256:');
    expect(published.out).toContain('SECRET_IN_PLAINTEXT');
    expect((await cli('profiles')).out).toContain('default');
    expect((await cli('profiles', '--client', 'cursor')).out).toContain('No profiles for cursor yet.');
    expect((await cli('history')).out).toContain('1 published');
    expect((await cli('history', '--offset', '-1')).code).toBe(2);
    const head = await json('get');
    expect((await cli('get', '--artifact', head.artifact_id.slice(7, 20))).out).toContain(head.artifact_id);
    expect((await cli('verify')).out).toContain('Verified');
    const file = join(temp.root, 'other.json');
    writeFileSync(
      file,
      JSON.stringify({
        mcpServers: {
          api: { command: 'node', args: ['b.js'], env: { API_KEY: 'other' } },
          extra: { command: 'x' },
        },
      }),
    );
    const diff = await cli('diff', '--file', file);
    expect(diff.out).toContain('diverged');
    expect(diff.out).toContain('(secret value changed)');
    expect(diff.out).toContain('args: changed');
    expect((await cli('diff')).code).toBe(1);
    expect((await cli('export', '--format', 'yaml')).out).toContain('mcpServers:');
    expect((await cli('export', '--native', '--client', 'claude-desktop')).out).toContain('"mcpServers"');
  });

  it('deploy, status, rollback, import, clients, add', async () => {
    mkdirSync(dirname(claudeFile), { recursive: true });
    writeFileSync(claudeFile, '{\n  "mcpServers": {}\n}\n');
    const dry = await cli('deploy', '--dry-run');
    expect(dry.out).toContain('Dry run: would deploy');
    const deployed = await cli('deploy');
    expect(deployed.out).toContain('Deployed sha256:');
    expect(deployed.out).toContain('UNSUPPORTED_TRANSPORT');
    expect((await cli('deploy')).out).toContain('Already deployed');
    expect((await cli('status')).out).toContain('in-sync');
    const config = JSON.parse(readFileSync(claudeFile, 'utf8'));
    config.mcpServers.memory.args = ['changed'];
    writeFileSync(claudeFile, JSON.stringify(config));
    const drifted = await cli('status', '--exit-code');
    expect(drifted.code).toBe(1);
    expect(drifted.out).toContain('drifted');
    expect((await cli('status', '--client', 'cursor')).out).toContain('not-deployed');
    await cli('draft', 'remove', 'docs');
    await cli('publish', '-m', 'two');
    await cli('deploy');
    expect((await cli('rollback')).out).toContain('Rolled back claude-desktop to');
    expect((await cli('rollback', '--restore-backup')).out).toContain('Restored the backup');
    const typo = await cli('deploy', '--clients', 'cursor,nope');
    expect(typo.code).toBe(1);
    expect(typo.err).toContain('UNKNOWN_CLIENT');
    expect((await cli('deploy', '--clients', 'cursor')).out).toContain('1 deployed');
    expect((await cli('deploy', '--clients', 'cursor', '--path', 'x')).code).toBe(2);
    expect((await cli('deploy', '--scope', 'galaxy')).code).toBe(2);
    expect((await cli('import', '--profile', 'adopted')).out).toContain('Imported');
    expect((await cli('import', '--all', '--profile', 'all')).out).toContain('claude-desktop:');
    expect((await cli('clients', '--found')).out).toContain('claude-desktop');
    const added = await cli('add', 'time', '--client', 'cursor', '--param', 'x=y');
    expect(added.code).toBe(1);
    expect((await cli('add', 'time', '--client', 'windsurf')).out).toContain('windsurf: "time" was added');
  });

  it('tokens', async () => {
    const created = await json('token', 'create', '--name', 'ci', '--expires', '30d');
    expect(created.token).toMatch(/^mo_/);
    expect((await cli('token', 'list')).out).toContain('ci');
    expect((await cli('token', 'revoke', created.id)).code).toBe(0);
    expect((await cli('token', 'revoke', created.id)).code).toBe(1);
    expect((await json('token', 'create', '--expires', 'soon')).error.code).toBe('INVALID_INPUT');
  });

  it('usage errors exit 2; help exits 0', async () => {
    expect((await cli('bogus')).code).toBe(2);
    expect((await cli('draft', 'add', 'memory', '--env', 'novalue')).code).toBe(2);
    expect((await cli('--help')).code).toBe(0);
    expect((await cli('draft', '--help')).code).toBe(0);
    expect((await cli('draft')).code).toBe(2);
    expect((await json('draft', 'add', 'memory', '--param', 'bad')).error.code).toBe('INVALID_INPUT');
  });
});
