import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempHome, type TempHome } from '../../test/helpers/temp-home.js';
import { browserOpener } from '../cli/commands/ui.js';
import { Orchestrator } from '../service/index.js';
import { createApp } from './app.js';
import { LOGIN_LINK_TTL_MS, UI_CSP, UiLogin } from './ui.js';

let temp: TempHome;
let svc: Orchestrator;

beforeEach(() => {
  temp = makeTempHome('mo-ui-unit-');
  svc = new Orchestrator({ home: temp.home });
});
afterEach(() => temp.cleanup());

const post = (app: ReturnType<typeof createApp>, body: unknown, headers: Record<string, string> = {}) =>
  app.request('/ui/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('/ui', () => {
  it('serves the page and its assets with the strict CSP, and nothing else from the folder', async () => {
    const app = createApp({ orchestrator: svc, auth: 'tokens', log: () => {} });
    const page = await app.request('/ui/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(UI_CSP);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('/ui/assets/app.js');
    expect((await app.request('/ui')).status).toBe(301);
    const js = await app.request('/ui/assets/app.js');
    expect(js.headers.get('content-type')).toContain('text/javascript');
    expect((await app.request('/ui/assets/index.html')).status).toBe(404);
    expect((await app.request('/ui/assets/..%2F..%2Fpackage.json')).status).toBe(404);
  });

  it('says how to build when the assets are missing', async () => {
    const app = createApp({ orchestrator: svc, auth: 'tokens', ui: { assetsDir: temp.root }, log: () => {} });
    const res = await app.request('/ui/');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
  });

  it('trades a login code for a token once, then refuses it; the tokens are revoked at the end', async () => {
    const login = new UiLogin(svc);
    const app = createApp({ orchestrator: svc, auth: 'tokens', ui: { login }, log: () => {} });
    expect(login.link('http://127.0.0.1:9')).toBe(`http://127.0.0.1:9/ui/#login=${login.code}`);
    const first = await post(app, { code: login.code });
    expect(first.status).toBe(200);
    const { token } = (await first.json()) as { token: string };
    expect(token).toMatch(/^mo_/);
    const keys = await app.request('/v1/clients', { headers: { Authorization: `Bearer ${token}` } });
    expect(keys.status).toBe(200);
    const again = await post(app, { code: login.code });
    expect(again.status).toBe(401);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
    expect(await svc.listTokens()).toHaveLength(1);
    await login.revokeAll();
    expect(await svc.listTokens()).toHaveLength(0);
  });

  it('refuses a wrong or expired code, a foreign origin, and a server without a login link', async () => {
    const login = new UiLogin(svc);
    const app = createApp({ orchestrator: svc, auth: 'tokens', ui: { login }, log: () => {} });
    expect((await post(app, { code: 'nope' })).status).toBe(401);
    expect((await post(app, { code: login.code }, { Origin: 'https://evil.example' })).status).toBe(401);
    expect((await post(app, {})).status).toBe(400);
    await expect(login.exchange(login.code, Date.now() + LOGIN_LINK_TTL_MS + 1)).rejects.toThrow(/expired/);
    expect(await svc.listTokens()).toHaveLength(0);

    const plain = createApp({ orchestrator: svc, auth: 'tokens', log: () => {} });
    const res = await post(plain, { code: login.code });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('mcp-orchestration ui');
  });
});

describe('browserOpener', () => {
  it('uses start on Windows, open on macOS, xdg-open elsewhere, and nothing when it is missing', () => {
    expect(browserOpener('win32', '')?.command).toBe('cmd');
    expect(browserOpener('linux', '')).toBeUndefined();
    expect(browserOpener('darwin', '/nonexistent')).toBeUndefined();
  });
});

describe('GET /v1/config/{client}/{profile}/compare', () => {
  it('gives the field-level changes from one artifact to another, either way round', async () => {
    await svc.init();
    const app = createApp({ orchestrator: svc, auth: 'none', log: () => {} });
    const target = { client_id: 'claude-desktop', profile_id: 'default' };
    const first = await svc.publish({
      ...target,
      changelog: 'one',
      payload: { mcpServers: { a: { command: 'node', args: ['a.js'] } } },
    });
    const second = await svc.publish({
      ...target,
      changelog: 'two',
      payload: { mcpServers: { a: { command: 'node', args: ['b.js'] }, b: { command: 'uvx' } } },
    });
    const compare = async (from: string, to: string) => {
      const res = await app.request(`/v1/config/claude-desktop/default/compare?from=${from}&to=${to}`);
      expect(res.status).toBe(200);
      return (await res.json()) as { changes: { server: string; change: string; fields: unknown[] }[] };
    };
    const forward = await compare(first.artifact_id, second.artifact_id);
    expect(forward.changes).toEqual([
      {
        server: 'a',
        change: 'modified',
        fields: [expect.objectContaining({ field: 'args', before: ['a.js'], after: ['b.js'] })],
      },
      { server: 'b', change: 'added', fields: [] },
    ]);
    const back = await compare(second.artifact_id.slice(7, 19), first.artifact_id.slice(7, 19));
    expect(back.changes.map((c) => c.change)).toEqual(['modified', 'removed']);
    const missing = await app.request(
      `/v1/config/claude-desktop/default/compare?from=${'0'.repeat(12)}&to=${first.artifact_id}`,
    );
    expect(missing.status).toBe(404);
  });
});
