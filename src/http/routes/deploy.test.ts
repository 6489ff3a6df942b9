import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempHome, type TempHome } from '../../../test/helpers/temp-home.js';
import { Orchestrator } from '../../service/index.js';
import { createApp } from '../app.js';

let temp: TempHome;
let folder: string;
let svc: Orchestrator;

beforeEach(async () => {
  temp = makeTempHome('mo-deploy-route-');
  // The folder project-scoped files resolve in: the server's working folder, or --project-dir.
  folder = join(temp.root, 'folder');
  mkdirSync(folder);
  svc = new Orchestrator({ home: temp.home, env: temp.env, cwd: folder });
  await svc.init();
  await svc.publish({
    client_id: 'cursor',
    profile_id: 'default',
    changelog: 'one',
    payload: { mcpServers: { a: { command: 'node', args: ['a.js'] } } },
  });
});
afterEach(() => temp.cleanup());

const post = async (app: ReturnType<typeof createApp>, path: string, body: unknown) => {
  const res = await app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
};

describe('scope: project over HTTP', () => {
  it('is refused (INVALID_INPUT naming scope and --project-dir) without serve --project-dir, writing nothing', async () => {
    const app = createApp({ orchestrator: svc, auth: 'none', log: () => {} });
    const calls = [
      ['/v1/config/cursor/default/deploy', { scope: 'project' }],
      [
        '/v1/deploy',
        { source_client_id: 'cursor', profile_id: 'default', clients: ['cursor'], scope: 'project' },
      ],
      ['/v1/config/cursor/default/import', { scope: 'project' }],
    ] as const;
    for (const [path, body] of calls) {
      const res = await post(app, path, body);
      expect(res.status, path).toBe(400);
      expect(res.body.error.code).toBe('INVALID_INPUT');
      expect(res.body.error.message).toContain('scope');
      expect(res.body.error.message).toContain('--project-dir');
    }
    expect(existsSync(join(folder, '.cursor'))).toBe(false);
    // The user scope is unaffected.
    expect((await post(app, '/v1/config/cursor/default/deploy', {})).status).toBe(200);
  });

  it('writes into the project folder when serve was started with --project-dir', async () => {
    const app = createApp({ orchestrator: svc, auth: 'none', log: () => {}, projectScope: true });
    const res = await post(app, '/v1/config/cursor/default/deploy', { scope: 'project' });
    expect(res.status).toBe(200);
    expect(res.body.config_path).toBe(join(folder, '.cursor', 'mcp.json'));
    expect(existsSync(join(folder, '.cursor', 'mcp.json'))).toBe(true);
  });
});
