/**
 * @module bench/cases/peer-add
 * 7. Against a peer: add one server to an existing Claude Desktop config, end to end as a user
 * runs it. Ours: `mcp-orchestration add memory --client claude-desktop` (imports the existing
 * servers, drafts, validates, publishes a signed artifact, backs up, deploys, logs). The peer:
 * `add-mcp @modelcontextprotocol/server-memory -a claude-desktop -g -y` (edits the file). Each run
 * gets two fresh temp homes holding the same config; `init` (key generation) is set-up, not timed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CLI, figure, isolatedEnv, ratio, run, skipped, summarise, tempDir, timeSpawn } from '../support.mjs';

const EXISTING = `{
  "globalShortcut": "Ctrl+Space",
  "mcpServers": {
    "filesystem": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"]
    }
  }
}
`;

function claudeConfig(env) {
  // Claude Desktop on Linux reads $XDG_CONFIG_HOME/Claude; on macOS and Windows the peer and we
  // both resolve the same per-OS folders from the temp HOME/APPDATA.
  const dir =
    process.platform === 'darwin'
      ? join(env.HOME, 'Library', 'Application Support', 'Claude')
      : process.platform === 'win32'
        ? join(env.APPDATA, 'Claude')
        : join(env.XDG_CONFIG_HOME, 'Claude');
  return join(dir, 'claude_desktop_config.json');
}

function freshHome(label) {
  const env = isolatedEnv(tempDir(label));
  const file = claudeConfig(env);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, EXISTING);
  return { env, file };
}

function peerBin() {
  try {
    const require = createRequire(import.meta.url);
    const pkg = require.resolve('add-mcp/package.json');
    const bin = JSON.parse(readFileSync(pkg, 'utf8')).bin;
    const rel = typeof bin === 'string' ? bin : bin['add-mcp'];
    const path = join(dirname(pkg), rel);
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

export async function peerAdd({ quick }) {
  const peer = peerBin();
  if (peer === null) return [skipped('7.0', 'add one server vs add-mcp', 'add-mcp is not installed')];
  const rounds = quick ? 3 : 9;
  const deadline = performance.now() + (quick ? 15_000 : 45_000);
  const ours = [];
  const theirs = [];
  for (let i = 0; i < rounds && (i < 2 || performance.now() < deadline); i++) {
    const a = freshHome('ours');
    run(process.execPath, [CLI, 'init'], a.env);
    const b = freshHome('peer');
    ours.push(
      timeSpawn(process.execPath, [CLI, 'add', 'memory', '--client', 'claude-desktop'], a.env, a.env.HOME),
    );
    theirs.push(
      timeSpawn(
        process.execPath,
        [peer, '@modelcontextprotocol/server-memory', '-a', 'claude-desktop', '-g', '-y', '-n', 'memory'],
        b.env,
        b.env.HOME,
      ),
    );
    for (const { file } of [a, b]) {
      const servers = JSON.parse(readFileSync(file, 'utf8')).mcpServers ?? {};
      if (!servers.memory || !servers.filesystem)
        throw new Error(`${file} lacks memory or filesystem after add`);
    }
  }
  const o = summarise(ours);
  const t = summarise(theirs);
  const x = ratio(o.median, t.median);
  return [
    figure({
      id: '7.0',
      name: 'add 1 server: mcp-orchestration add (signs, backs up, logs)',
      unit: 'ms',
      stats: o,
      check: { what: 'x add-mcp', value: x, op: '<=', target: 0.9 },
      notes: `${x}x add-mcp`,
    }),
    figure({ id: '7.1', name: '  add-mcp (peer; edits the file only)', unit: 'ms', stats: t }),
  ];
}
