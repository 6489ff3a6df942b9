import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempHome, type TempHome } from '../../test/helpers/temp-home.js';
import { Orchestrator } from '../service/index.js';
import { createApp } from './app.js';

let temp: TempHome;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  temp = makeTempHome('mo-auth-origin-');
  const svc = new Orchestrator({ home: temp.home, env: temp.env });
  await svc.init();
  app = createApp({ orchestrator: svc, auth: 'none', corsOrigins: ['https://ok.example'], log: () => {} });
});
afterAll(() => temp.cleanup());

const validate = (url: string, origin: string) =>
  app.request(`${url}/v1/config/claude-desktop/default/validate`, {
    method: 'POST',
    headers: { Origin: origin },
  });

describe('without tokens (serve --insecure-no-auth), the Origin a browser sends', () => {
  it("accepts the server's own origin on a loopback host: the dashboard it serves", async () => {
    for (const url of ['http://127.0.0.1:8000', 'http://localhost:8000', 'http://[::1]:8000']) {
      expect((await validate(url, url)).status, url).toBe(200);
    }
  });

  it('refuses another port, scheme or host, and its own origin on a name that is not loopback', async () => {
    const refused = [
      ['http://127.0.0.1:8000', 'http://127.0.0.1:9000'],
      ['http://127.0.0.1:8000', 'https://127.0.0.1:8000'],
      ['http://127.0.0.1:8000', 'http://localhost:8000'],
      ['http://127.0.0.1:8000', 'null'],
    ];
    for (const [url, origin] of refused) {
      const res = await validate(url as string, origin as string);
      expect(res.status, `${origin} at ${url}`).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
    }
    // DNS rebinding: a page at a name that resolves to this machine is same-origin with itself;
    // the Host allow-list turns it away before the Origin is looked at.
    const rebound = await validate('http://evil.example:8000', 'http://evil.example:8000');
    expect(rebound.status).toBe(403);
    expect(((await rebound.json()) as { error: { code: string } }).error.code).toBe('HOST_NOT_ALLOWED');
  });

  it('still accepts the CORS allow-list and requests without an Origin', async () => {
    expect((await validate('http://127.0.0.1:8000', 'https://ok.example')).status).toBe(200);
    const bare = await app.request('http://127.0.0.1:8000/v1/config/claude-desktop/default/validate', {
      method: 'POST',
    });
    expect(bare.status).toBe(200);
  });
});
