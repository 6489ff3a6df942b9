import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorCode } from '../../test/helpers/error-code.js';
import { makeTempHome, type TempHome } from '../../test/helpers/temp-home.js';
import type { Listing } from '../core/schemas/listing.js';
import type { Payload } from '../core/schemas/payload.js';
import { Orchestrator } from './index.js';

let temp: TempHome;
let svc: Orchestrator;
let claudeFile: string;
beforeEach(async () => {
  temp = makeTempHome();
  temp.env.MY_TOKEN = 'secret-value';
  svc = new Orchestrator({ env: temp.env, platform: 'linux', cwd: temp.root });
  claudeFile = join(temp.userHome, '.config', 'Claude', 'claude_desktop_config.json');
  await svc.init();
});
afterEach(() => temp.cleanup());

const payload: Payload = {
  mcpServers: {
    memory: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'] },
    api: { command: 'node', args: ['api.js'], env: { TOKEN: '${env:MY_TOKEN}' } },
    remote: { type: 'http', url: 'https://mcp.example.com/mcp' },
  },
};

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

const states = (listing: Listing, clientId: string) =>
  Object.fromEntries(
    (listing.clients.find((c) => c.client_id === clientId)?.servers ?? []).map((s) => [s.name, s.state]),
  );

describe('listInstalled', () => {
  it('finds no files on an empty machine', async () => {
    expect((await svc.listInstalled()).clients).toEqual([]);
  });

  it('names every server of the file with its state, and agrees with status and diff --deployed', async () => {
    write(
      claudeFile,
      JSON.stringify({
        mcpServers: {
          mine: { command: 'node', args: ['mine.js'] },
          off: { command: 'node', disabled: true },
          odd: { transport: { kind: 'pigeon' } },
        },
      }),
    );
    await svc.publish({ payload, changelog: 'three' });
    await svc.deploy({});
    const listing = await svc.listInstalled();
    expect(listing.clients).toHaveLength(1);
    const file = listing.clients[0];
    expect(file).toMatchObject({ client_id: 'claude-desktop', path: claudeFile, scope: 'user' });
    expect(states(listing, 'claude-desktop')).toEqual({
      api: 'managed',
      memory: 'managed',
      mine: 'unmanaged',
      odd: 'unreadable',
      off: 'disabled',
      remote: 'managed',
    });
    const remote = file?.servers.find((s) => s.name === 'remote');
    // Claude Desktop runs stdio only: the remote is bridged through mcp-remote, still in sync.
    expect(remote).toMatchObject({ profile_id: 'default', managed: true, transport: 'stdio' });
    expect(file?.servers.find((s) => s.name === 'odd')?.reason).toBeTruthy();
    expect((await svc.status({})).entries[0]?.state).toBe('in-sync');
    expect((await svc.diff({ deployed: true })).status).toBe('up-to-date');

    // Without the secret set, the deployed entries are still what was written.
    const { MY_TOKEN: _unset, ...envWithout } = temp.env;
    const later = new Orchestrator({ env: envWithout, platform: 'linux', cwd: temp.root });
    expect(states(await later.listInstalled(), 'claude-desktop').api).toBe('managed');
    expect((await later.status({})).entries[0]?.state).toBe('in-sync');
    expect((await later.diff({ deployed: true })).status).toBe('up-to-date');
  });

  it('says drifted for a managed server edited or deleted by hand, as status does', async () => {
    await svc.publish({ payload, changelog: 'three' });
    await svc.deploy({});
    const doc = JSON.parse(readFileSync(claudeFile, 'utf8'));
    doc.mcpServers.memory.args = ['-y', 'something-else'];
    delete doc.mcpServers.remote;
    writeFileSync(claudeFile, JSON.stringify(doc, null, 2));
    const listing = await svc.listInstalled({ client_id: 'claude-desktop' });
    expect(states(listing, 'claude-desktop')).toEqual({
      api: 'managed',
      memory: 'drifted',
      remote: 'drifted',
    });
    expect(listing.clients[0]?.servers.find((s) => s.name === 'remote')?.reason).toContain('missing');
    expect((await svc.status({})).entries[0]?.state).toBe('drifted');
    expect((await svc.diff({ deployed: true })).status).not.toBe('up-to-date');
  });

  it('keeps ${env:NAME} in sync for a client that expands variables itself', async () => {
    await svc.publish({ payload, changelog: 'three' });
    await svc.deployMany({ source_client_id: 'claude-desktop', clients: ['cursor'] });
    const listing = await svc.listInstalled({ client_id: 'cursor' });
    expect(states(listing, 'cursor')).toEqual({ api: 'managed', memory: 'managed', remote: 'managed' });
    expect((await svc.status({ client_id: 'cursor' })).entries[0]?.state).toBe('in-sync');
  });

  it('lists project files of the current folder, and reports a file that does not parse', async () => {
    write(join(temp.root, '.cursor', 'mcp.json'), '{"mcpServers": {"local": {"command": "node"}}}');
    write(claudeFile, '{"mcpServers": {');
    const listing = await svc.listInstalled();
    const cursor = listing.clients.find((c) => c.client_id === 'cursor');
    expect(cursor).toMatchObject({ scope: 'project', servers: [{ name: 'local', state: 'unmanaged' }] });
    const claude = listing.clients.find((c) => c.client_id === 'claude-desktop');
    expect(claude?.servers).toEqual([]);
    expect(claude?.error?.code).toBe('CLIENT_CONFIG_INVALID');
  });

  it('refuses a mistyped client id with a suggestion', async () => {
    expect(await errorCode(() => svc.listInstalled({ client_id: 'cusor' }))).toBe('UNKNOWN_CLIENT');
    await expect(svc.listInstalled({ client_id: 'cusor' })).rejects.toThrow(/cursor/);
  });
});
