/**
 * @module test/clients/harness
 * One client's sandbox for the conformance suite: a fake HOME, temporary XDG folders and a project
 * folder, our built CLI with its own `MCP_ORCHESTRATION_HOME`, and the client's own program. Nothing
 * here reads or writes the real home.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const OUR_CLI = join(REPO, 'dist', 'cli', 'main.js');
export const TEST_SERVER = fileURLToPath(new URL('./test-server.mjs', import.meta.url));
/** The secret behind every `${env:CONF_SECRET}` reference the suite deploys. */
export const SECRET = 'conformance-secret-value';

/** Variables that keep the clients offline and quiet; none of them grants anything. */
const QUIET_ENV = {
  CI: '1',
  NO_COLOR: '1',
  TERM: 'dumb',
  DISABLE_AUTOUPDATER: '1',
  CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  DISABLE_TELEMETRY: '1',
  GEMINI_CLI_NO_RELAUNCH: 'true',
  OPENCODE_DISABLE_AUTOUPDATE: 'true',
  OPENCODE_DISABLE_MODELS_FETCH: 'true',
  KILO_DISABLE_AUTOUPDATE: 'true',
  DO_NOT_TRACK: '1',
};

/** Terminal colour and cursor codes, which some clients print even without a terminal. */
const ANSI_ESCAPE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, 'g');

/** Runs a program with a time limit; resolves `{ code, out }` (stdout and stderr together). */
export function run(command, args, { cwd, env, timeoutMs = 60_000 }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    const timer = setTimeout(() => {
      out += `\n[timed out after ${timeoutMs} ms]`;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      // The client may leave helpers (servers it started) in its process group.
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
      resolve({ code, out: out.replace(ANSI_ESCAPE, '') });
    });
  });
}

/** A fresh sandbox: `home`, `project`, XDG folders, our home, the record folder. */
export function createSandbox(id) {
  const root = mkdtempSync(join(tmpdir(), `mo-conf-${id}-`));
  const dirs = {
    root,
    home: join(root, 'home'),
    project: join(root, 'project'),
    orch: join(root, 'orchestration'),
    records: join(root, 'records'),
    config: join(root, 'xdg', 'config'),
    cache: join(root, 'xdg', 'cache'),
    data: join(root, 'xdg', 'data'),
    state: join(root, 'xdg', 'state'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dirs.home,
    USERPROFILE: dirs.home,
    XDG_CONFIG_HOME: dirs.config,
    XDG_CACHE_HOME: dirs.cache,
    XDG_DATA_HOME: dirs.data,
    XDG_STATE_HOME: dirs.state,
    TMPDIR: join(root, 'tmp'),
    MCP_ORCHESTRATION_HOME: dirs.orch,
    CONF_SECRET: SECRET,
    ...QUIET_ENV,
  };
  mkdirSync(env.TMPDIR, { recursive: true });
  return {
    ...dirs,
    env,
    /** Our CLI, in the project folder. */
    ours: (args, opts = {}) => run(process.execPath, [OUR_CLI, ...args], { cwd: dirs.project, env, ...opts }),
    /** The client's own program, in the project folder. */
    client: (bin, args, opts = {}) =>
      run(bin, args, {
        cwd: dirs.project,
        env: { ...env, ...(opts.env ?? {}) },
        timeoutMs: opts.timeoutMs ?? 60_000,
      }),
    /** What the stdio test server named `name` recorded when a client started it, or null. */
    record(name) {
      try {
        return JSON.parse(readFileSync(join(dirs.records, `${name}.json`), 'utf8'));
      } catch {
        return null;
      }
    },
    writeJson(path, value) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
    },
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

/**
 * The servers every client gets from our deploy: stdio with args and env, stdio with an
 * `${env:NAME}` reference, Streamable HTTP with a header, SSE.
 */
export function conformancePayload(sandbox, remote) {
  const stdio = (name, env) => ({
    command: process.execPath,
    args: [TEST_SERVER, '--record', join(sandbox.records, `${name}.json`), '--flag'],
    env,
  });
  return {
    mcpServers: {
      'conf-stdio': stdio('conf-stdio', { CONF_PLAIN: 'plain-value' }),
      'conf-ref': stdio('conf-ref', { CONF_TOKEN: '${env:CONF_SECRET}' }),
      'conf-http': { type: 'http', url: remote.httpUrl, headers: { 'X-Conf-Header': 'header-value' } },
      'conf-sse': { type: 'sse', url: remote.sseUrl },
    },
  };
}
