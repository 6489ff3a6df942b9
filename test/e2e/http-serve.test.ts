/**
 * `mcp-orchestration serve` as users run it: the built binary on a free port, tokens made by the
 * `token` command in another process, the non-loopback guard and graceful shutdown.
 */
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { killServes, type Served, startServe } from '../helpers/serve.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

let temp: TempHome;

beforeEach(() => {
  temp = makeTempHome('mo-serve-');
});
afterEach(() => {
  killServes();
  temp.cleanup();
});

/** Starts `serve --port 0 ARGS` (in `cwd`) and resolves once it listens. */
const serve = (args: string[] = [], cwd?: string): Promise<Served> =>
  startServe(temp.env, args, cwd === undefined ? {} : { cwd });

describe('serve', () => {
  it('refuses a non-loopback host while no token exists, unless --insecure-no-auth', () => {
    const res = runCli(['serve', '--host', '0.0.0.0', '--port', '0'], temp.env);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('UNAUTHORIZED');
    expect(res.stderr).toContain('token create');
  });

  it('refuses a DNS-rebinding GET (a foreign Host, no Origin) even without auth; --allowed-host adds a name', async () => {
    expect(runCli(['init'], temp.env).status).toBe(0);
    const server = await serve(['--insecure-no-auth', '--allowed-host', 'hub.test']);
    // fetch() would not let us set Host: a raw request, as a browser sends it after rebinding.
    const get = (path: string, host: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(`${server.url}${path}`, { headers: { Host: host } }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => {
            body += chunk.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
    const port = new URL(server.url).port;
    for (const path of ['/v1/config/claude-desktop/default/draft', '/health', '/ui/', '/mcp']) {
      const refused = await get(path, `evil.example:${port}`);
      expect(refused.status, path).toBe(403);
      expect(JSON.parse(refused.body).error).toMatchObject({ code: 'HOST_NOT_ALLOWED' });
      expect(refused.body).toContain('--allowed-host');
    }
    expect((await get('/v1/config/claude-desktop/default/draft', `localhost:${port}`)).status).toBe(200);
    expect((await get('/health', `hub.test:${port}`)).status).toBe(200);
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
  });

  it('reads no project files from the folder it was started in; --project-dir names the project', async () => {
    // A project folder with a Cursor project file, and serve started inside it.
    const project = join(temp.root, 'project');
    mkdirSync(join(project, '.cursor'), { recursive: true });
    writeFileSync(join(project, '.cursor', 'mcp.json'), '{"mcpServers": {"private": {"command": "x"}}}');
    const seen = async (server: Served) => {
      const clients = (await (await fetch(`${server.url}/v1/clients`)).json()) as {
        clients: Array<{ client_id: string; project_path: string | null }>;
      };
      const listing = (await (await fetch(`${server.url}/v1/clients/servers`)).json()) as {
        clients: Array<{ scope: string; path: string }>;
      };
      server.child.kill('SIGINT');
      expect(await server.exited).toBe(0);
      return {
        projectPath: clients.clients.find((c) => c.client_id === 'cursor')?.project_path,
        projectFiles: listing.clients.filter((f) => f.scope === 'project').map((f) => f.path),
      };
    };
    expect(await seen(await serve(['--insecure-no-auth'], project))).toEqual({
      projectPath: null,
      projectFiles: [],
    });
    const file = realpathSync(join(project, '.cursor', 'mcp.json'));
    expect(await seen(await serve(['--insecure-no-auth', '--project-dir', project], temp.root))).toEqual({
      projectPath: file,
      projectFiles: [file],
    });
  });

  it('refuses a --project-dir that is not a folder', () => {
    const res = runCli(['serve', '--port', '0', '--project-dir', `${temp.root}/nowhere`], temp.env);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('FILE_NOT_FOUND');
  });

  it('rejects a bad port as a usage error', () => {
    expect(runCli(['serve', '--port', 'eighty'], temp.env).status).toBe(2);
    expect(runCli(['serve', '--mcp-idle-timeout', 'forever'], temp.env).status).toBe(2);
  });

  it('serves on the port it prints; tokens made and revoked by the CLI apply at once', async () => {
    expect(runCli(['init'], temp.env).status).toBe(0);
    const server = await serve();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.stderr()).toContain('No API token yet');

    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect((await fetch(`${server.url}/v1/keys`)).status).toBe(401);

    const created = runCli(
      ['token', 'create', '--name', 'e2e', '--expires', '1d', '--json'],
      temp.env,
    ).json();
    expect(created.token, JSON.stringify(created)).toMatch(/^mo_/);
    const auth = { Authorization: `Bearer ${created.token}` };
    const keys = await fetch(`${server.url}/v1/keys`, { headers: auth });
    expect(keys.status).toBe(200);

    const listed = runCli(['token', 'list', '--json'], temp.env);
    expect(listed.stdout).not.toContain(created.token);
    expect(listed.json().tokens[0]).toMatchObject({ id: created.id, name: 'e2e' });
    expect(listed.json().tokens[0].last_used_at).not.toBeNull();

    expect(runCli(['token', 'revoke', created.id], temp.env).status).toBe(0);
    expect((await fetch(`${server.url}/v1/keys`, { headers: auth })).status).toBe(401);
    expect(runCli(['token', 'revoke', created.id, '--json'], temp.env).json().error.code).toBe(
      'TOKEN_NOT_FOUND',
    );

    // One JSON line per request on stderr, without the token.
    const lines = server
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    expect(lines.map((l) => JSON.parse(l))).toContainEqual(
      expect.objectContaining({ method: 'GET', path: '/v1/keys', status: 401 }),
    );
    expect(server.stderr()).not.toContain(created.token);

    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
  });

  it('finishes an in-flight request on SIGTERM before it stops', async () => {
    const { token } = runCli(['token', 'create', '--json'], temp.env).json();
    const server = await serve();
    let push: (chunk: string) => void = () => {};
    let end: () => void = () => {};
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (chunk) => controller.enqueue(new TextEncoder().encode(chunk));
        end = () => controller.close();
      },
    });
    const pending = fetch(`${server.url}/v1/config/claude-desktop/default/validate`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    push('{"payload": ');
    await new Promise((r) => setTimeout(r, 300));
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    expect(server.child.exitCode).toBeNull();
    push('{"mcpServers": {"x": {"command": "node"}}}}');
    end();
    const res = await pending;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { valid: boolean }).valid).toBe(true);
    expect(await server.exited).toBe(0);
    expect(server.stderr()).toContain('SIGTERM');
  });
});
