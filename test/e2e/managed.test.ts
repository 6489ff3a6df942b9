/**
 * Managed servers, through the binary on real files in a temp home: a deploy touches only the
 * servers this tool wrote; hand-added entries and entries of shapes it cannot read survive;
 * `--prune` makes the artifact exclusive; a same-named foreign entry is UNMANAGED_CONFLICT.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

const servers = (path: string) => JSON.parse(readFileSync(path, 'utf8')).mcpServers;
const actions = (r: { servers: Array<{ name: string; action: string }> }) =>
  Object.fromEntries(r.servers.map((s) => [s.name, s.action]));

describe('managed servers', () => {
  it('a hand-added server survives deploy, and --prune (confirmed) removes it', () => {
    cli('draft', 'add', 'memory');
    cli('publish', '-m', 'memory');
    expect(cli('deploy').status).toBe(0);
    // The user adds a server by hand, the way `claude mcp add` or a client UI would.
    const text = readFileSync(claudeFile, 'utf8').replace(
      '"mcpServers": {',
      '"mcpServers": {\n    "mine": {"command": "node", "args": ["mine.js"]},',
    );
    writeFileSync(claudeFile, text);
    cli('draft', 'add', 'time');
    cli('publish', '-m', 'time');
    const r = cli('deploy', '--json').json();
    expect(actions(r)).toEqual({ mine: 'kept', memory: 'unchanged', time: 'added' });
    expect(r.managed_servers).toEqual(['memory', 'time']);
    expect(readFileSync(claudeFile, 'utf8')).toContain('"mine": {"command": "node", "args": ["mine.js"]},');
    expect(cli('status', '--json').json().entries[0].state).toBe('in-sync');
    expect(cli('diff', '--deployed', '--json').json().status).toBe('up-to-date');

    // Pruning removes what the user added, so it must be confirmed: no TTY here, so --yes.
    const refused = cli('deploy', '--prune', '--json');
    expect(refused.status).toBe(1);
    expect(refused.json().error.code).toBe('INVALID_INPUT');
    expect(refused.json().error.message).toContain('--yes');
    expect(Object.keys(servers(claudeFile))).toContain('mine');
    const preview = cli('deploy', '--prune', '--dry-run', '--json').json();
    expect(actions(preview).mine).toBe('removed');
    expect(Object.keys(servers(claudeFile))).toContain('mine');
    const pruned = cli('deploy', '--prune', '--yes', '--json').json();
    expect(actions(pruned)).toEqual({ mine: 'removed', memory: 'unchanged', time: 'unchanged' });
    expect(Object.keys(servers(claudeFile))).toEqual(['memory', 'time']);
  });

  it('removes only managed servers that left the artifact; lists every server in text', () => {
    write(claudeFile, '{\n  "mcpServers": {\n    "mine": { "command": "node" }\n  }\n}\n');
    cli('draft', 'add', 'memory');
    cli('draft', 'add', 'time');
    cli('publish', '-m', 'two');
    cli('deploy');
    cli('draft', 'remove', 'time');
    cli('publish', '-m', 'one');
    const text = cli('deploy');
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/kept\s+mine \(not written by this tool\)/);
    expect(text.stdout).toMatch(/unchanged\s+memory/);
    expect(text.stdout).toMatch(/removed\s+time/);
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe(
      `Wrote ${claudeFile}: 1 removed, 1 kept, 1 unchanged.`,
    );
    expect(Object.keys(servers(claudeFile))).toEqual(['mine', 'memory']);
  });

  it('a client-written entry of unknown shape survives deploy and import, reported as unreadable', () => {
    // MCPorter's `executable` form and an entry nested under an unknown key: not shapes this tool reads.
    const mcporterFile = join(temp.userHome, '.mcporter', 'mcporter.json');
    const original = `{
  // written by mcporter itself
  "mcpServers": {
    "linear": { "executable": "/opt/bin/linear-mcp", "auth": "oauth" },
    "nested": { "server": { "type": "stdio", "command": "x" } }
  }
}
`;
    write(mcporterFile, original);
    const imported = cli('import', '--client', 'mcporter', '--json').json();
    expect(imported.imported).toEqual([]);
    expect(imported.skipped.map((s: { server: string }) => s.server)).toEqual(['linear', 'nested']);
    expect(readFileSync(mcporterFile, 'utf8')).toBe(original);

    cli('draft', 'add', 'memory', '--client', 'mcporter');
    cli('publish', '--client', 'mcporter', '-m', 'memory');
    const r = cli('deploy', '--client', 'mcporter', '--json').json();
    expect(actions(r)).toEqual({ linear: 'kept', nested: 'kept', memory: 'added' });
    expect(r.unreadable.map((u: { server: string }) => u.server)).toEqual(['linear', 'nested']);
    expect(r.unreadable[0].reason).toMatch(/command|url/);
    // Counted apart from the readable entries kept, in JSON and in the summary line.
    expect(r.counts).toEqual({ added: 1, updated: 0, removed: 0, kept: 0, unreadable_kept: 2, unchanged: 0 });
    const after = readFileSync(mcporterFile, 'utf8');
    expect(after).toContain('"linear": { "executable": "/opt/bin/linear-mcp", "auth": "oauth" },');
    expect(after).toContain('"nested": { "server": { "type": "stdio", "command": "x" } }');
    const text = cli('deploy', '--client', 'mcporter');
    expect(text.stdout).toContain('warning UNREADABLE: "linear"');
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe(
      'Nothing to write: 2 unreadable kept, 1 unchanged.',
    );
    // A second import after the deploy still keeps them out of the draft and in the file.
    expect(cli('import', '--client', 'mcporter', '--json').json().imported).toEqual(['memory']);
    expect(readFileSync(mcporterFile, 'utf8')).toBe(after);
  });

  it('refuses a different same-named entry it did not write (UNMANAGED_CONFLICT) unless --adopt', () => {
    const original = '{\n  "mcpServers": {\n    "memory": { "command": "my-memory" }\n  }\n}\n';
    write(claudeFile, original);
    cli('draft', 'add', 'memory');
    cli('publish', '-m', 'memory');
    const refused = cli('deploy', '--json');
    expect(refused.status).toBe(1);
    expect(refused.json().error).toMatchObject({
      code: 'UNMANAGED_CONFLICT',
      details: { servers: ['memory'] },
    });
    expect(refused.json().error.message).toContain('--adopt');
    expect(readFileSync(claudeFile, 'utf8')).toBe(original);
    const adopted = cli('deploy', '--adopt', '--json').json();
    expect(adopted.servers).toEqual([{ name: 'memory', action: 'updated', adopted: true }]);
    expect(servers(claudeFile).memory.command).toBe('npx');
    // Managed from now on: a plain deploy of a changed artifact updates it without --adopt.
    cli('draft', 'remove', 'memory');
    cli('draft', 'add', 'memory', '--env', 'LOG=1');
    cli('publish', '-m', 'memory with LOG');
    expect(actions(cli('deploy', '--json').json())).toEqual({ memory: 'updated' });
  });

  it('an identical same-named entry is adopted silently', () => {
    write(
      claudeFile,
      '{"mcpServers": {"memory": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory"]}}}',
    );
    cli('draft', 'add', 'memory');
    cli('publish', '-m', 'memory');
    const r = cli('deploy', '--json').json();
    expect(r.servers).toEqual([{ name: 'memory', action: 'unchanged', adopted: true }]);
    expect(r.managed_servers).toEqual(['memory']);
  });

  it('a deployment record from before managed_servers treats the deployed artifact servers as managed', () => {
    cli('draft', 'add', 'memory');
    cli('draft', 'add', 'time');
    cli('publish', '-m', 'two');
    cli('deploy');
    // Strip managed_servers, as a record written by an older version looks.
    const dir = join(temp.home, 'deployments');
    const state = join(dir, 'claude-desktop', 'default.json');
    const record = JSON.parse(readFileSync(state, 'utf8'));
    delete record.managed_servers;
    writeFileSync(state, JSON.stringify(record));
    writeFileSync(join(dir, 'log.jsonl'), `${JSON.stringify(record)}\n`);
    writeFileSync(
      claudeFile,
      readFileSync(claudeFile, 'utf8').replace(
        '"mcpServers": {',
        '"mcpServers": {\n    "mine": {"command": "x"},',
      ),
    );
    cli('draft', 'remove', 'time');
    cli('publish', '-m', 'one');
    const r = cli('deploy', '--json').json();
    expect(actions(r)).toEqual({ mine: 'kept', memory: 'unchanged', time: 'removed' });
    const now = JSON.parse(readFileSync(state, 'utf8'));
    expect(now.managed_servers).toEqual(['memory']);
    expect(readdirSync(dir)).toContain('log.jsonl');
  });

  it('deploy --clients keeps each file’s own servers across formats', () => {
    const cursorFile = join(temp.userHome, '.cursor', 'mcp.json');
    const codexFile = join(temp.userHome, '.codex', 'config.toml');
    write(
      cursorFile,
      '{\n  "mcpServers": {\n    "cursor-own": { "url": "https://example.com/mcp" }\n  }\n}\n',
    );
    write(codexFile, '# mine\n[mcp_servers.codex-own]\ncommand = "own"\n');
    cli('draft', 'add', 'memory');
    cli('publish', '-m', 'memory');
    const r = cli('deploy', '--clients', 'cursor,codex', '--json').json();
    expect(r.failed).toEqual([]);
    expect(r.deployed.map(actions)).toEqual([
      { 'cursor-own': 'kept', memory: 'added' },
      { 'codex-own': 'kept', memory: 'added' },
    ]);
    expect(readFileSync(codexFile, 'utf8')).toContain('# mine\n[mcp_servers.codex-own]\ncommand = "own"\n');
    expect(servers(cursorFile)['cursor-own']).toEqual({ url: 'https://example.com/mcp' });
  });
});
