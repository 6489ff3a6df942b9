/**
 * Deploying into real (temporary) client files through the binary: the file protocol, drift,
 * rollback, import, several clients at once, and secrets.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

let temp: TempHome;
let claudeFile: string;
beforeEach(() => {
  temp = makeTempHome();
  claudeFile = join(temp.userHome, '.config', 'Claude', 'claude_desktop_config.json');
  expect(cli('init').status).toBe(0);
});
afterEach(() => temp.cleanup());

function cli(...args: string[]) {
  return runCli(args, temp.env);
}

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

const EXISTING = `{
  // Claude Desktop settings, edited by hand
  "globalShortcut": "Ctrl+Space",
  "mcpServers": {
    "legacy": { "command": "node", "args": ["legacy.js"] }
  },
  "theme": "dark",
}
`;

function publishMemory(): string {
  cli('draft', 'add', 'memory');
  return cli('publish', '-m', 'memory', '--json').json().artifact_id;
}

describe('deploy', () => {
  it('creates a missing file and folders, logs the deployment and reports in-sync', () => {
    const id = publishMemory();
    const r = cli('deploy', '--json').json();
    expect(r).toMatchObject({
      status: 'deployed',
      artifact_id: id,
      config_path: claudeFile,
      backup_id: expect.any(String),
    });
    expect(JSON.parse(readFileSync(claudeFile, 'utf8'))).toEqual({
      mcpServers: { memory: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'] } },
    });
    const status = cli('status', '--json').json();
    expect(status.entries).toEqual([
      expect.objectContaining({ client_id: 'claude-desktop', state: 'in-sync', artifact_id: id }),
    ]);
    expect(cli('status', '--exit-code').status).toBe(0);
  });

  it('changes only the server section, and a second deploy changes no byte', () => {
    write(claudeFile, EXISTING);
    publishMemory();
    expect(cli('deploy').status).toBe(0);
    const after = readFileSync(claudeFile, 'utf8');
    expect(after).toContain('// Claude Desktop settings, edited by hand');
    expect(after).toContain('"theme": "dark",\n}');
    // "legacy" was added by hand: a deploy keeps it, byte for byte.
    expect(after).toContain('    "legacy": { "command": "node", "args": ["legacy.js"] },');
    expect(after).toContain('"memory"');
    const second = cli('deploy', '--json').json();
    expect(second.status).toBe('unchanged');
    expect(readFileSync(claudeFile, 'utf8')).toBe(after);
  });

  it('--dry-run shows the changes and writes nothing', () => {
    write(claudeFile, EXISTING);
    publishMemory();
    const r = cli('deploy', '--dry-run', '--json').json();
    expect(r.status).toBe('dry-run');
    expect(
      r.changes.changes.map((c: { server: string; change: string }) => `${c.change}:${c.server}`),
    ).toEqual(['added:memory']);
    expect(r.servers).toEqual([
      { name: 'legacy', action: 'kept' },
      { name: 'memory', action: 'added' },
    ]);
    const text = cli('deploy', '--dry-run');
    expect(text.stdout).toContain('Would change: 1 added, 1 kept. Nothing was written.');
    expect(readFileSync(claudeFile, 'utf8')).toBe(EXISTING);
    expect(cli('status', '--json').json().entries).toEqual([]);
  });

  it('never touches a file that does not parse', () => {
    const broken = '{\n  "mcpServers": {\n    "a": { "command": "x" \n  }\n';
    write(claudeFile, broken);
    publishMemory();
    const r = cli('deploy', '--json');
    expect(r.status).toBe(1);
    const error = r.json().error;
    expect(error.code).toBe('CLIENT_CONFIG_INVALID');
    expect(error.message).toMatch(/line \d+/);
    expect(readFileSync(claudeFile, 'utf8')).toBe(broken);
  });

  it('keeps a byte-exact backup and restores it with rollback --restore-backup', () => {
    write(claudeFile, EXISTING);
    chmodSync(claudeFile, 0o640);
    publishMemory();
    cli('deploy');
    expect(statSync(claudeFile).mode & 0o777).toBe(0o640);
    const restored = cli('rollback', '--restore-backup', '--json');
    expect(restored.status).toBe(0);
    expect(readFileSync(claudeFile, 'utf8')).toBe(EXISTING);
  });

  it('detects drift after a manual edit, field by field, and exits non-zero for CI', () => {
    publishMemory();
    cli('deploy');
    const config = JSON.parse(readFileSync(claudeFile, 'utf8'));
    config.mcpServers.memory.args.push('--verbose');
    config.mcpServers.extra = { command: 'evil' };
    writeFileSync(claudeFile, JSON.stringify(config, null, 2));
    const status = cli('status', '--json').json().entries[0];
    expect(status.state).toBe('drifted');
    // "extra" was added by hand: not this tool's to track, so not drift.
    expect(status.drift.changes).toEqual([
      expect.objectContaining({
        server: 'memory',
        change: 'modified',
        fields: [expect.objectContaining({ field: 'args' })],
      }),
    ]);
    expect(cli('status', '--exit-code').status).toBe(1);
    expect(cli('diff', '--deployed', '--json').json().status).toBe('outdated');
    expect(cli('deploy').status).toBe(0);
    expect(cli('status', '--json').json().entries[0].state).toBe('in-sync');
    expect(Object.keys(JSON.parse(readFileSync(claudeFile, 'utf8')).mcpServers)).toEqual(['memory', 'extra']);
  });

  it('rollback redeploys the previous artifact and logs it', () => {
    const first = publishMemory();
    cli('deploy');
    cli('draft', 'add', 'time');
    const second = cli('publish', '-m', 'time', '--json').json().artifact_id;
    cli('deploy');
    expect(Object.keys(JSON.parse(readFileSync(claudeFile, 'utf8')).mcpServers)).toEqual(['memory', 'time']);
    const r = cli('rollback', '--json').json();
    expect(r).toMatchObject({ action: 'rollback', artifact_id: first, previous_artifact_id: second });
    expect(Object.keys(JSON.parse(readFileSync(claudeFile, 'utf8')).mcpServers)).toEqual(['memory']);
    expect(cli('rollback', '--to', second.slice(7, 17), '--json').json().artifact_id).toBe(second);
    expect(cli('rollback', '--client', 'cursor', '--json').json().error.code).toBe('NOT_DEPLOYED');
  });

  it('resolves ${env:NAME} for clients that do not expand variables, never printing the value', () => {
    cli(
      'draft',
      'add-custom',
      'api',
      '--command',
      'node',
      '--arg',
      'api.js',
      '--env',
      'API_TOKEN=${env:MY_API_TOKEN}',
    );
    cli('publish', '-m', 'api');
    const missing = cli('deploy', '--json');
    expect(missing.json().error.code).toBe('MISSING_SECRET');
    expect(existsSync(claudeFile)).toBe(false);
    const secret = 's3cr3t-value-123';
    const r = runCli(['deploy'], { ...temp.env, MY_API_TOKEN: secret });
    expect(r.status).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(secret);
    expect(JSON.parse(readFileSync(claudeFile, 'utf8')).mcpServers.api.env.API_TOKEN).toBe(secret);
    // Cursor expands ${env:NAME} itself: the reference is written, not the value.
    const cursorFile = join(temp.root, 'cursor-mcp.json');
    cli('deploy', '--client', 'cursor', '--path', cursorFile);
    expect(cli('publish', '--client', 'cursor', '-m', 'x', '--json').json().error.code).toBe('EMPTY_CONFIG');
    const many = runCli(['deploy', '--clients', 'cursor', '--json'], {
      ...temp.env,
      MY_API_TOKEN: secret,
    }).json();
    expect(many.failed).toEqual([]);
    const cursorDefault = join(temp.userHome, '.cursor', 'mcp.json');
    expect(JSON.parse(readFileSync(cursorDefault, 'utf8')).mcpServers.api.env.API_TOKEN).toBe(
      '${env:MY_API_TOKEN}',
    );
  });

  it('deploys one profile to several clients; one failing client does not stop the others', () => {
    publishMemory();
    const vscodeDir = join(temp.userHome, '.config', 'Code', 'User');
    write(join(vscodeDir, 'mcp.json'), '{ "servers": { broken');
    const r = cli('deploy', '--clients', 'cursor,vscode,claude-code', '--json');
    expect(r.status).toBe(1);
    const out = r.json();
    expect(out.deployed.map((d: { client_id: string }) => d.client_id)).toEqual(['cursor', 'claude-code']);
    expect(
      out.failed.map((f: { client_id: string; error: { code: string } }) => `${f.client_id}:${f.error.code}`),
    ).toEqual(['vscode:CLIENT_CONFIG_INVALID']);
    expect(JSON.parse(readFileSync(join(temp.userHome, '.claude.json'), 'utf8')).mcpServers.memory.type).toBe(
      'stdio',
    );
  });

  it('checks a list of clients whole before writing anything: a typo gets "did you mean"', () => {
    publishMemory();
    const r = cli('deploy', '--clients', 'cursor,cusor', '--json');
    expect(r.status).toBe(1);
    const { error } = r.json();
    expect(error.code).toBe('UNKNOWN_CLIENT');
    expect(error.message).toContain('Did you mean "cursor"?');
    expect(existsSync(join(temp.userHome, '.cursor', 'mcp.json'))).toBe(false);
  });

  it('refuses an unknown client id on every command that takes one, writing nothing', () => {
    for (const args of [
      ['draft', 'add', 'memory'],
      ['validate'],
      ['publish', '--changelog', 'x'],
      ['get'],
      ['profiles'],
      ['history'],
    ]) {
      const r = cli(...args, '--client', 'cusor', '--json');
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.json().error.code, args.join(' ')).toBe('UNKNOWN_CLIENT');
      expect(r.json().error.message).toContain('"cursor"');
    }
    expect(JSON.stringify(readdirSync(temp.home, { recursive: true }))).not.toContain('cusor');
  });

  it('imports an existing config into the draft and round-trips it', () => {
    write(claudeFile, EXISTING);
    const r = cli('import', '--json').json();
    expect(r).toMatchObject({ imported: ['legacy'], server_count: 1 });
    expect(cli('draft', 'show', '--json').json().payload).toEqual({
      mcpServers: { legacy: { command: 'node', args: ['legacy.js'] } },
    });
    cli('publish', '-m', 'adopt');
    expect(cli('deploy', '--json').json().status).toBe('unchanged');
    expect(cli('import', '--client', 'cursor', '--json').json().error.code).toBe('FILE_NOT_FOUND');
    const all = cli('import', '--all', '--json').json();
    expect(all.imported.map((i: { client_id: string }) => i.client_id)).toEqual(['claude-desktop']);
  });

  it("imports VS Code's legacy settings.json servers when there is no mcp.json yet", () => {
    const settings = join(temp.userHome, '.config', 'Code', 'User', 'settings.json');
    write(
      settings,
      '{\n  // editor settings\n  "editor.fontSize": 14,\n  "mcp": {\n    "servers": {\n      "old": { "type": "stdio", "command": "node", "args": ["old.js"] }\n    }\n  }\n}\n',
    );
    const r = cli('import', '--client', 'vscode', '--json').json();
    expect(r).toMatchObject({ config_path: settings, imported: ['old'] });
    // Deploy writes the current file, mcp.json, and leaves settings.json alone.
    cli('publish', '--client', 'vscode', '-m', 'adopt');
    const deployed = cli('deploy', '--client', 'vscode', '--json').json();
    expect(deployed.config_path).toBe(join(temp.userHome, '.config', 'Code', 'User', 'mcp.json'));
    expect(readFileSync(settings, 'utf8')).toContain('"editor.fontSize": 14');
  });

  it("keeps the client's own per-server settings, and they are not drift", () => {
    const codexFile = join(temp.userHome, '.codex', 'config.toml');
    cli('draft', 'add', 'memory', '--client', 'codex');
    cli('publish', '--client', 'codex', '-m', 'memory');
    cli('deploy', '--client', 'codex');
    // The user tunes the server in Codex's own terms.
    writeFileSync(
      codexFile,
      readFileSync(codexFile, 'utf8').replace(
        '[mcp_servers.memory]\n',
        '[mcp_servers.memory]\nstartup_timeout_sec = 30\n',
      ),
    );
    expect(cli('status', '--client', 'codex', '--json').json().entries[0].state).toBe('in-sync');
    cli('draft', 'add', 'time', '--client', 'codex');
    cli('draft', 'remove', 'memory', '--client', 'codex');
    cli('draft', 'add', 'memory', '--client', 'codex', '--env', 'LOG=1');
    cli('publish', '--client', 'codex', '-m', 'memory with LOG');
    expect(cli('deploy', '--client', 'codex').status).toBe(0);
    const after = readFileSync(codexFile, 'utf8');
    expect(after).toContain('startup_timeout_sec = 30');
    expect(after).toContain('LOG = "1"');
    expect(cli('status', '--client', 'codex', '--json').json().entries[0].state).toBe('in-sync');
  });

  it('edits a Codex TOML file surgically, keeping comments and a mixed-type array', () => {
    const codexFile = join(temp.userHome, '.codex', 'config.toml');
    const toml = `# Codex settings\nmodel = "gpt-5"\nmixed = [1, "two", 3.0]\n\n[mcp_servers.old]\ncommand = "old"\n\n[profiles.fast]\nmodel = "mini" # keep me\n`;
    write(codexFile, toml);
    cli('draft', 'add', 'memory', '--client', 'codex');
    cli('publish', '--client', 'codex', '-m', 'memory');
    expect(cli('deploy', '--client', 'codex').status).toBe(0);
    const after = readFileSync(codexFile, 'utf8');
    expect(after).toContain('# Codex settings\nmodel = "gpt-5"\nmixed = [1, "two", 3.0]');
    expect(after).toContain('[profiles.fast]\nmodel = "mini" # keep me');
    expect(after).toContain('[mcp_servers.memory]');
    expect(after).toContain('[mcp_servers.old]\ncommand = "old"\n');
  });

  it('lists clients with their paths on this machine', () => {
    write(claudeFile, EXISTING);
    const clients = cli('clients', '--json').json().clients;
    expect(clients.length).toBeGreaterThanOrEqual(30);
    expect(clients.find((c: { client_id: string }) => c.client_id === 'claude-desktop')).toMatchObject({
      exists: true,
      config_path: claudeFile,
    });
    expect(cli('deploy', '--client', 'nope', '--json').json().error.code).toBe('UNKNOWN_CLIENT');
    publishMemory();
    const hint = cli('deploy', '--client', 'vscode', '--json').json().error;
    expect(hint.code).toBe('PROFILE_NOT_FOUND');
    expect(hint.message).toContain('--client claude-desktop --profile default --clients vscode');
  });

  it('one-shot add adopts the existing servers, then publishes and deploys', () => {
    write(claudeFile, EXISTING);
    const r = cli('add', 'memory', '--json').json();
    expect(r).toMatchObject({
      action: 'add',
      server: 'memory',
      clients: [{ client_id: 'claude-desktop', adopted: ['legacy'], status: 'deployed', published: true }],
    });
    const servers = JSON.parse(
      readFileSync(claudeFile, 'utf8')
        .replace(/\/\/.*\n/, '')
        .replace(/,\n}/, '\n}'),
    ).mcpServers;
    expect(Object.keys(servers).sort()).toEqual(['legacy', 'memory']);
    expect(cli('history', '--json').json().entries[0].changelog).toBe('add memory');
  });
});
