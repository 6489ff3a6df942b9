/**
 * A secret that deploy resolved from `${env:NAME}` (for a client that cannot expand variables)
 * never comes back as a literal: import and the first-use adoption of a one-shot read it back as
 * the reference, matched by a salted hash; the value itself is stored nowhere in the home folder.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempHome, type TempHome } from '../../test/helpers/temp-home.js';
import { Orchestrator } from './index.js';

const SECRET = 'sk-live-4f9a8b7c6d5e';
const TOKEN = 'tok_1234567890abcdef';

let temp: TempHome;
let svc: Orchestrator;
beforeEach(async () => {
  temp = makeTempHome();
  svc = new Orchestrator({
    env: { ...temp.env, API_KEY: SECRET, LINEAR_TOKEN: TOKEN },
    platform: 'linux',
    cwd: temp.root,
  });
  await svc.init();
});
afterEach(() => temp.cleanup());

/** Every file under a folder, as text. */
function everything(dir: string): string {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .map((path) => (statSync(path).isDirectory() ? everything(path) : readFileSync(path, 'latin1')))
    .join('\n');
}

describe('resolved references', () => {
  it('are read back as ${env:NAME} by import, and only their salted hashes are kept', async () => {
    await svc.publish({
      changelog: 'refs',
      payload: {
        mcpServers: {
          api: {
            command: 'node',
            args: ['api.js'],
            env: { API_KEY: '${env:API_KEY}', MODE: 'plain-value-1' },
          },
          linear: {
            type: 'http',
            url: 'https://mcp.linear.app/mcp',
            headers: { Authorization: 'Bearer ${env:LINEAR_TOKEN}' },
          },
        },
      },
    });
    const deployed = await svc.deploy({});
    // Claude Desktop cannot expand variables: the values are in its file, as they must be.
    const file = readFileSync(deployed.config_path, 'utf8');
    expect(file).toContain(SECRET);
    expect(file).toContain(TOKEN);
    expect(everything(temp.home)).not.toContain(SECRET);
    expect(everything(temp.home)).not.toContain(TOKEN);

    const imported = await svc.importConfig({ profile_id: 'copy' });
    expect(JSON.stringify(imported.payload)).not.toContain(SECRET);
    expect(JSON.stringify(imported.payload)).not.toContain(TOKEN);
    expect(imported.payload.mcpServers.api).toMatchObject({
      env: { API_KEY: '${env:API_KEY}', MODE: 'plain-value-1' },
    });
    // The bridged remote server keeps its header reference inside the mcp-remote arguments.
    expect(JSON.stringify(imported.payload.mcpServers.linear)).toContain('${env:LINEAR_TOKEN}');
  });

  it('are read back as references by the first one-shot on another profile of the file', async () => {
    await svc.publish({
      profile_id: 'old',
      changelog: 'refs',
      payload: { mcpServers: { api: { command: 'node', env: { API_KEY: '${env:API_KEY}' } } } },
    });
    await svc.deploy({ profile_id: 'old' });
    const added = await svc.addServer({ server_id: 'memory', profile_id: 'new' });
    expect(added.clients[0]?.adopted).toEqual(['api']);
    const draft = await svc.draftShow({ profile_id: 'new' });
    expect(draft.payload.mcpServers.api).toEqual({ command: 'node', env: { API_KEY: '${env:API_KEY}' } });
  });
});
