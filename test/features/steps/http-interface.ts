/**
 * @module test/features/steps/http-interface
 * Steps of the HTTP interface: the real Hono app (`createApp`) called in-process with
 * `app.request(...)`, against the scenario's temporary home and its token store.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { createApp, type OrchestrationApp } from '../../../src/http/app.js';
import { createToken } from '../../../src/store/tokens.js';
import { Given, Then, When, type World } from '../world.js';

interface Response {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

/** What one scenario holds besides the World: the app, a token and the last response. */
interface HttpState {
  app: OrchestrationApp;
  token?: string;
  response?: Response;
}

const states = new WeakMap<World, HttpState>();

function state(world: World): HttpState {
  const s = states.get(world);
  if (!s) throw new Error('No HTTP app: use "Given the HTTP API over that home folder ..." first.');
  return s;
}

Given(
  'the HTTP API over that home folder, with tokens required and a {int} KiB body limit',
  (world, [kib]) => {
    const app = createApp({
      orchestrator: world.orch,
      auth: 'tokens',
      bodyLimit: Number(kib) * 1024,
      log: () => {},
    });
    states.set(world, { app });
  },
);

Given('a token created with the token store', async (world) => {
  state(world).token = (await createToken(world.orch.home, { name: 'feature' })).token;
});

async function send(
  world: World,
  method: string,
  path: string,
  options: { token?: string; body?: string } = {},
): Promise<void> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await state(world).app.request(path, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: options.body }),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  state(world).response = { status: res.status, headers: res.headers, text, body };
}

function token(world: World): string {
  const t = state(world).token;
  if (!t) throw new Error('No token: use "Given a token created with the token store" first.');
  return t;
}

When('I send GET {string} without a token', (world, [path]) => send(world, 'GET', path as string));

When('I send GET {string} with the token', (world, [path]) =>
  send(world, 'GET', path as string, { token: token(world) }),
);

When('I send GET {string} with a made-up token', (world, [path]) =>
  send(world, 'GET', path as string, { token: `${token(world).slice(0, -4)}abcd` }),
);

When('I send POST {string} with the token and the body:', (world, [path], { docString }) =>
  send(world, 'POST', path as string, { token: token(world), body: docString ?? '' }),
);

When('I send POST {string} with the token and a body of {int} KiB', (world, [path, kib]) => {
  const filler = 'x'.repeat(Number(kib) * 1024);
  const body = JSON.stringify({ payload: { mcpServers: { big: { command: 'node', args: [filler] } } } });
  return send(world, 'POST', path as string, { token: token(world), body });
});

function response(world: World): Response {
  const r = state(world).response;
  if (!r) throw new Error('No request was sent yet.');
  return r;
}

Then('the response status is {int}', (world, [status]) => {
  const r = response(world);
  expect(r.status, r.text).toBe(Number(status));
});

Then('the response has {string} equal to {word}', (world, [key, value]) => {
  // The value is JSON: true, false, 3 or "text".
  expect(response(world).body?.[key as string]).toEqual(JSON.parse(value as string));
});

Then("the response's {string} is the id of the profile head", async (world, [key]) => {
  expect(response(world).body?.[key as string]).toBe((await world.orch.get()).artifact_id);
});

Then('the response error code is {word}', (world, [code]) => {
  const r = response(world);
  expect(r.body?.error, r.text).toMatchObject({ code, message: expect.any(String) });
});

Then('the response header {string} is {string}', (world, [name, value]) => {
  expect(response(world).headers.get(name as string)).toBe(value);
});

Then('the response shows no stack trace', (world) => {
  expect(response(world).text).not.toMatch(/\n\s+at /);
});

Then('the token store does not hold the token itself', (world) => {
  const stored = readFileSync(world.orch.home.tokensFile, 'utf8');
  const t = token(world);
  expect(stored).not.toContain(t);
  expect(stored).toContain(createHash('sha256').update(t, 'utf8').digest('hex'));
});

function openApiRoutes(world: World): string[] {
  const doc = response(world).body as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
  );
}

Then('the OpenAPI document lists these routes:', (world, _args, { table }) => {
  const expected = (table ?? []).map(([method, path]) => `${method} ${path}`);
  expect(openApiRoutes(world)).toEqual(expect.arrayContaining(expected));
});

Then('every route in the OpenAPI document is under /v1', (world) => {
  const routes = openApiRoutes(world);
  expect(routes.length).toBeGreaterThan(20);
  for (const route of routes) expect(route).toMatch(/^[A-Z]+ \/v1\//);
});
