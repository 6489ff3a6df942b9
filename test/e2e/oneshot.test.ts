/**
 * The one-shots `add`, `remove`, `enable` and `disable` through the binary, on real files in a temp
 * home: all or nothing across clients of different formats, failures and dry runs that change no
 * byte anywhere (the whole temp root, home folder and client files, is hashed before and after),
 * and keys created on first use.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

let temp: TempHome;
let claude: string;
let codex: string;
let goose: string;
beforeEach(() => {
  temp = makeTempHome();
  claude = join(temp.userHome, '.config', 'Claude', 'claude_desktop_config.json');
  codex = join(temp.userHome, '.codex', 'config.toml');
  goose = join(temp.userHome, '.config', 'goose', 'config.yaml');
  write(
    claude,
    '{\n  // mine\n  "mcpServers": {\n    "hand": { "command": "node", "args": ["hand.js"] }\n  }\n}\n',
  );
  write(codex, 'model = "o3"\n\n[mcp_servers.byhand]\ncommand = "uvx"\nargs = ["byhand"]\n');
  write(
    goose,
    'GOOSE_MODEL: gpt-4o\nextensions:\n  developer:\n    enabled: true\n    type: builtin\n    name: developer\n',
  );
});
afterEach(() => temp.cleanup());

function cli(...args: string[]) {
  return runCli(args, temp.env);
}

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** Every file under the temp root (home folder and client files) with its hash and mode. */
function snapshot(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const st = statSync(path);
      if (st.isDirectory()) {
        out[`${relative(temp.root, path)}/`] = (st.mode & 0o777).toString(8);
        walk(path);
      } else {
        const hash = createHash('sha256').update(readFileSync(path)).digest('hex');
        out[relative(temp.root, path)] = `${hash} ${(st.mode & 0o777).toString(8)}`;
      }
    }
  };
  walk(temp.root);
  return out;
}

const THREE = 'claude-desktop,codex,goose';

describe('one-shots across clients', () => {
  it('add --clients and remove --clients across JSON, TOML and YAML clients, keeping what they did not write', () => {
    const added = cli('add', 'memory', '--clients', THREE, '--json');
    expect(added.status, added.stderr).toBe(0);
    const r = added.json();
    expect(r.keys_created).toMatch(/^[0-9a-f]{16}$/);
    expect(r.clients.map((c: { client_id: string; status: string }) => [c.client_id, c.status])).toEqual([
      ['claude-desktop', 'deployed'],
      ['codex', 'deployed'],
      ['goose', 'deployed'],
    ]);
    expect(readFileSync(claude, 'utf8')).toContain('// mine');
    expect(readFileSync(claude, 'utf8')).toContain('"hand"');
    expect(readFileSync(claude, 'utf8')).toContain('server-memory');
    expect(readFileSync(codex, 'utf8')).toMatch(
      /model = "o3"[\s\S]*\[mcp_servers\.byhand\][\s\S]*\[mcp_servers\.memory\]/,
    );
    expect(readFileSync(goose, 'utf8')).toMatch(/GOOSE_MODEL: gpt-4o[\s\S]*developer:[\s\S]*memory:/);
    // The second one-shot says nothing about keys: they exist now.
    const text = cli('add', 'time', '--clients', THREE);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).not.toContain('signing key');
    expect(text.stdout.trim().split('\n').at(-1)).toMatch(/^Done: add "time" in 3 client\(s\)/);

    const removed = cli('remove', 'memory', '--clients', THREE, '--json');
    expect(removed.status, removed.stderr).toBe(0);
    for (const file of [claude, codex, goose]) {
      expect(readFileSync(file, 'utf8')).not.toContain('server-memory');
      expect(readFileSync(file, 'utf8')).toContain('server-time');
    }
    expect(readFileSync(claude, 'utf8')).toContain('"hand"');
    expect(readFileSync(codex, 'utf8')).toContain('[mcp_servers.byhand]');
    expect(readFileSync(goose, 'utf8')).toContain('developer:');
    const list = cli('list', '--json').json();
    const names = (id: string) =>
      list.clients
        .find((c: { client_id: string }) => c.client_id === id)
        .servers.map((s: { name: string }) => s.name);
    expect(names('claude-desktop')).toEqual(['hand', 'time']);
    expect(cli('status', '--exit-code').status).toBe(0);
  });

  it('a failed add leaves every byte as it was, and the corrected retry succeeds', () => {
    const before = snapshot();
    const missing = cli('add', 'filesystem', '--clients', THREE, '--json');
    expect(missing.status).toBe(1);
    expect(missing.json().error.code).toBe('MISSING_REQUIRED_PARAM');
    expect(snapshot()).toEqual(before);
    // A typo in the list: refused whole, before anything is written.
    const typo = cli('add', 'memory', '--clients', 'claude-desktop,cusor', '--json');
    expect(typo.json().error.code).toBe('UNKNOWN_CLIENT');
    expect(typo.json().error.message).toContain('cursor');
    expect(snapshot()).toEqual(before);
    // One client whose file does not parse: no client changes.
    write(goose, 'extensions: [unclosed\n');
    const broken = snapshot();
    const bad = cli('add', 'memory', '--clients', THREE, '--json');
    expect(bad.json().error.code).toBe('CLIENT_CONFIG_INVALID');
    expect(snapshot()).toEqual(broken);
    write(goose, 'extensions: {}\n');

    const retry = cli('add', 'filesystem', '--param', `path=${temp.root}`, '--clients', THREE, '--json');
    expect(retry.status, retry.stderr).toBe(0);
    expect(readFileSync(codex, 'utf8')).toContain(temp.root);
    // The draft holds exactly what was published: nothing of the failed attempts is left over.
    const draft = cli('draft', 'show', '--client', 'codex', '--json').json();
    expect(Object.keys(draft.payload.mcpServers).sort()).toEqual(['byhand', 'filesystem']);
  });

  it('dry runs of add, remove, enable, disable, deploy, rollback and import change no byte', () => {
    const fresh = snapshot();
    const dry = cli('add', 'memory', '--clients', THREE, '--dry-run', '--json');
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.json()).toMatchObject({ dry_run: true, keys_created: null });
    expect(dry.json().clients[0].servers).toContainEqual({ name: 'memory', action: 'added' });
    expect(cli('add', 'memory', '--clients', THREE, '--dry-run').stdout).toMatch(
      /would add "memory"[^\n]*nothing was written/,
    );
    // Not even the home folder exists yet.
    expect(snapshot()).toEqual(fresh);

    expect(cli('add', 'memory', '--clients', THREE).status).toBe(0);
    expect(cli('add', 'time', '--clients', THREE).status).toBe(0);
    const before = snapshot();
    const runs = [
      ['remove', 'memory', '--clients', THREE, '--dry-run'],
      ['disable', 'memory', '--clients', THREE, '--dry-run'],
      ['deploy', '--clients', THREE, '--dry-run'],
      ['rollback', '--dry-run'],
      ['rollback', '--restore-backup', '--dry-run'],
      ['import', '--client', 'codex', '--dry-run'],
      ['import', '--all', '--dry-run'],
    ];
    for (const args of runs) {
      const r = cli(...args);
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(snapshot(), args.join(' ')).toEqual(before);
      // A dry run says "would", never that something was deployed.
      if (args[0] === 'deploy') {
        expect(r.stdout.trim().split('\n').at(-1)).toBe(
          'Dry run: would deploy to 3 clients, 0 would fail; nothing was written.',
        );
        expect(r.stdout).not.toMatch(/\d+ deployed/);
      }
    }
    expect(cli('disable', 'memory', '--clients', THREE).status).toBe(0);
    const off = snapshot();
    expect(cli('enable', 'memory', '--clients', THREE, '--dry-run').status).toBe(0);
    expect(snapshot()).toEqual(off);
  });

  it("disable uses the client's own flag, or parks the entry so enable restores it", () => {
    expect(cli('add', 'memory', '--clients', 'claude-desktop,codex').status).toBe(0);
    const claudeBefore = readFileSync(claude, 'utf8');
    const off = cli('disable', 'memory', '--clients', 'claude-desktop,codex', '--json');
    expect(off.status, off.stderr).toBe(0);
    expect(off.json().clients.map((c: { how: string }) => c.how)).toEqual(['parked', 'switched-off']);
    expect(readFileSync(codex, 'utf8')).toMatch(/\[mcp_servers\.memory\][\s\S]*enabled = false/);
    expect(readFileSync(claude, 'utf8')).not.toContain('server-memory');
    const list = cli('list', '--json').json();
    for (const id of ['claude-desktop', 'codex']) {
      const memory = list.clients
        .find((c: { client_id: string }) => c.client_id === id)
        .servers.find((s: { name: string }) => s.name === 'memory');
      expect(memory.state).toBe('disabled');
    }
    expect(cli('disable', 'memory', '--client', 'codex', '--json').json().error.code).toBe('NO_CHANGES');
    const on = cli('enable', 'memory', '--all-found', '--json');
    expect(on.status, on.stderr).toBe(0);
    expect(on.json().clients.map((c: { client_id: string; how: string }) => [c.client_id, c.how])).toEqual([
      ['claude-desktop', 'restored'],
      ['codex', 'switched-on'],
    ]);
    expect(readFileSync(claude, 'utf8')).toBe(claudeBefore);
    expect(readFileSync(codex, 'utf8')).not.toContain('enabled = false');
  });

  it('remove takes out a server added by hand, and --all-found only touches the clients that have it', () => {
    const r = cli('remove', 'byhand', '--all-found', '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(r.json().clients.map((c: { client_id: string }) => c.client_id)).toEqual(['codex']);
    expect(readFileSync(codex, 'utf8')).not.toContain('byhand');
    expect(readFileSync(codex, 'utf8')).toContain('model = "o3"');
    expect(cli('remove', 'byhand', '--clients', 'codex', '--json').json().error.code).toBe(
      'SERVER_NOT_IN_DRAFT',
    );
    expect(cli('add', 'memory', '--clients', 'codex', '--all-found').status).toBe(2);
  });
});
