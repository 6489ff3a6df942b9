/**
 * `list` through the binary on real files in a temp home: every server of every client file with
 * its state; `list`, `status` and `diff --deployed` agree after deploying `${env:NAME}` references
 * and remote servers bridged through mcp-remote, for clients of different formats.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

let temp: TempHome;
beforeEach(() => {
  temp = makeTempHome();
  temp.env.MY_TOKEN = 'token-value';
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

const payload = {
  mcpServers: {
    memory: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'] },
    api: { command: 'node', args: ['api.js'], env: { TOKEN: '${env:MY_TOKEN}' } },
    remote: { type: 'http', url: 'https://mcp.example.com/mcp' },
  },
};

type Listed = {
  clients: Array<{
    client_id: string;
    scope: string;
    path: string;
    servers: Array<{ name: string; state: string }>;
  }>;
};
const statesOf = (r: Listed, id: string) =>
  Object.fromEntries(
    (r.clients.find((c) => c.client_id === id)?.servers ?? []).map((s) => [s.name, s.state]),
  );

describe('list', () => {
  it('agrees with status and diff --deployed across JSON, TOML and YAML clients', () => {
    const claude = join(temp.userHome, '.config', 'Claude', 'claude_desktop_config.json');
    const codex = join(temp.userHome, '.codex', 'config.toml');
    write(claude, '{\n  "mcpServers": {\n    "mine": { "command": "node", "args": ["mine.js"] }\n  }\n}\n');
    write(codex, 'model = "o3"\n\n[mcp_servers.hand]\ncommand = "uvx"\nargs = ["hand"]\n');
    const file = join(temp.root, 'payload.json');
    writeFileSync(file, JSON.stringify(payload));
    expect(cli('publish', '--file', file, '-m', 'three').status).toBe(0);
    const deployed = cli('deploy', '--clients', 'claude-desktop,codex,goose', '--json');
    expect(deployed.status, deployed.stdout + deployed.stderr).toBe(0);

    const listed: Listed = cli('list', '--json').json();
    expect(listed.clients.map((c) => c.client_id).sort()).toEqual(['claude-desktop', 'codex', 'goose']);
    const managed = { api: 'managed', memory: 'managed', remote: 'managed' };
    expect(statesOf(listed, 'claude-desktop')).toEqual({ ...managed, mine: 'unmanaged' });
    expect(statesOf(listed, 'codex')).toEqual({ ...managed, hand: 'unmanaged' });
    expect(statesOf(listed, 'goose')).toMatchObject(managed);
    for (const id of ['claude-desktop', 'codex', 'goose']) {
      const status = cli('status', '--client', id, '--json').json();
      expect(status.entries[0].state).toBe('in-sync');
    }
    // The profile was published for claude-desktop, so that is where diff --deployed compares.
    const diff = cli('diff', '--deployed', '--exit-code');
    expect(diff.status, diff.stdout).toBe(0);
    // Deploy agrees as well: the env reference and the bridged remote leave nothing to write.
    const files = [claude, codex].map((f) => readFileSync(f, 'utf8'));
    const again = cli('deploy', '--clients', 'claude-desktop,codex,goose', '--json');
    expect(again.status, again.stderr).toBe(0);
    expect(again.json().deployed.map((d: { status: string }) => d.status)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    expect([claude, codex].map((f) => readFileSync(f, 'utf8'))).toEqual(files);
    expect(cli('deploy', '--clients', 'claude-desktop,codex,goose').stdout).not.toContain('Deployed ');

    // A hand edit of a managed server: list and status both say drifted.
    writeFileSync(codex, readFileSync(codex, 'utf8').replace('api.js', 'other.js'));
    const after: Listed = cli('list', '--client', 'codex', '--json').json();
    expect(after.clients).toHaveLength(1);
    expect(statesOf(after, 'codex').api).toBe('drifted');
    expect(cli('status', '--client', 'codex', '--json').json().entries[0].state).toBe('drifted');

    const text = cli('list');
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(claude);
    expect(text.stdout).toMatch(/unmanaged\s+mine/);
    expect(text.stdout).toMatch(/managed\s+memory \(profile default\)/);
    expect(text.stdout).toMatch(/drifted\s+api/);
  });

  it('a mistyped client is UNKNOWN_CLIENT with "cursor" suggested; nothing found says so', () => {
    const r = cli('list', '--client', 'cusor', '--json');
    expect(r.status).toBe(1);
    expect(r.json().error.code).toBe('UNKNOWN_CLIENT');
    expect(r.json().error.message).toContain('cursor');
    const none = cli('list');
    expect(none.status).toBe(0);
    expect(none.stdout).toContain('No client config files found');
  });
});
