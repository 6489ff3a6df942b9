import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempHome, type TempHome } from '../../test/helpers/temp-home.js';
import { Orchestrator } from '../service/index.js';
import { createApp } from './app.js';
import { hostName } from './hosts.js';

let temp: TempHome;
let svc: Orchestrator;

beforeAll(async () => {
  temp = makeTempHome('mo-hosts-');
  svc = new Orchestrator({ home: temp.home, env: temp.env });
  await svc.init();
});
afterAll(() => temp.cleanup());

const ROUTES = ['/v1/servers', '/mcp', '/ui', '/health', '/openapi.json', '/v0.1/servers'];

async function get(app: ReturnType<typeof createApp>, path: string, host: string) {
  const res = await app.request(path, {
    headers: { Host: host, Accept: 'application/json, text/event-stream' },
  });
  return { status: res.status, text: await res.text() };
}

describe('the Host allow-list (DNS rebinding)', () => {
  it('refuses a foreign Host on every route, auth or not, with HOST_NOT_ALLOWED naming --allowed-host', async () => {
    for (const auth of ['none', 'tokens'] as const) {
      const app = createApp({ orchestrator: svc, auth, log: () => {} });
      for (const path of ROUTES) {
        for (const host of ['evil.example', 'evil.example:8000', 'localhost.evil.example']) {
          const res = await get(app, path, host);
          expect(res.status, `${auth} ${path} ${host}`).toBe(403);
          const body = JSON.parse(res.text);
          expect(body.error.code).toBe('HOST_NOT_ALLOWED');
          expect(body.error.message).toContain('--allowed-host');
        }
      }
      await app.close();
    }
  });

  it('answers the loopback names and addresses, with or without a port', async () => {
    const app = createApp({ orchestrator: svc, auth: 'none', log: () => {} });
    for (const host of [
      'localhost',
      'localhost:8000',
      '127.0.0.1',
      '127.0.0.1:8000',
      '[::1]',
      '[::1]:8000',
      'LOCALHOST.',
    ]) {
      expect((await get(app, '/health', host)).status, host).toBe(200);
      expect((await get(app, '/v1/servers', host)).status, host).toBe(200);
    }
    // No Host header at all (app.request): the URL's host, localhost.
    expect((await app.request('/health')).status).toBe(200);
  });

  it('answers the bound address and the names given with --allowed-host', async () => {
    const app = createApp({
      orchestrator: svc,
      auth: 'none',
      log: () => {},
      hosts: { bound: '192.168.1.5', allowed: ['hub.example.com', 'Other.Example:443'] },
    });
    for (const host of [
      '192.168.1.5:8000',
      'hub.example.com',
      'hub.example.com:8443',
      'other.example',
      'localhost',
    ])
      expect((await get(app, '/health', host)).status, host).toBe(200);
    for (const host of ['192.168.1.6', 'evil.example'])
      expect((await get(app, '/health', host)).status, host).toBe(403);
  });

  it('on every interface (0.0.0.0, ::) answers any IP address but only the allowed names', async () => {
    for (const bound of ['0.0.0.0', '::']) {
      const app = createApp({
        orchestrator: svc,
        auth: 'none',
        log: () => {},
        hosts: { bound, allowed: ['hub.lan'] },
      });
      for (const host of ['10.0.0.7:8000', '[fe80::1]:8000', 'hub.lan', 'localhost'])
        expect((await get(app, '/health', host)).status, `${bound} ${host}`).toBe(200);
      expect((await get(app, '/health', 'evil.example')).status, bound).toBe(403);
    }
  });
});

describe('hostName', () => {
  it('drops the port and a trailing dot, lower-cases, and brackets IPv6', () => {
    expect(hostName('Example.COM.:8000')).toBe('example.com');
    expect(hostName('::1')).toBe('[::1]');
    expect(hostName('[::1]:80')).toBe('[::1]');
    expect(hostName('127.0.0.1:0')).toBe('127.0.0.1');
  });
});
