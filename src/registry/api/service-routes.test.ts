import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initializedService } from '../../../test/helpers/service.js';
import type { TempHome } from '../../../test/helpers/temp-home.js';
import type { Orchestrator } from '../../service/index.js';
import { serviceRegistryApi } from './service-routes.js';

let temp: TempHome;
let svc: Orchestrator;
beforeEach(async () => {
  ({ temp, svc } = await initializedService());
});
afterEach(() => temp.cleanup());

describe('serviceRegistryApi', () => {
  it('takes a valid API token unless the registry is public', async () => {
    const { token } = await svc.createToken({ name: 'ide' });
    const guarded = serviceRegistryApi(svc, { public: false });
    expect((await guarded.request('/v0.1/servers')).status).toBe(401);
    expect(
      (await guarded.request('/v0.1/servers', { headers: { Authorization: 'Bearer nope' } })).status,
    ).toBe(401);
    const ok = await guarded.request('/v0.1/servers?search=memory', {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(ok.status).toBe(200);
    const open = serviceRegistryApi(svc, { public: true });
    expect((await open.request('/v0.1/servers')).status).toBe(200);
  });

  it('serves user servers under the namespace the admin sets, from the next request on', async () => {
    await svc.addUserServer({
      id: 'acme-tools',
      name: 'Acme tools',
      description: 'Internal tools.',
      transport: 'stdio',
      package: { registry: 'npm', name: '@acme/tools' },
      command: 'npx',
      args: ['-y', '@acme/tools'],
    });
    const api = serviceRegistryApi(svc, { public: true });
    const names = async () =>
      (
        (await (await api.request('/v0.1/servers?search=acme')).json()) as {
          servers: { server: { name: string } }[];
        }
      ).servers.map((s) => s.server.name);
    expect(await names()).toEqual(['io.mcp-orchestration.user/acme-tools']);
    await svc.setRegistry({ namespace: 'com.acme' });
    expect(await names()).toEqual(['com.acme/acme-tools']);
    expect((await api.request('/v0.1/servers/com.acme%2Facme-tools/versions/latest')).status).toBe(200);
  });
});
