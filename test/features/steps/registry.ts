/**
 * @module test/features/steps/registry
 * Steps of the server registry capability.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { ServerDefinition } from '../../../src/core/schemas/registry.js';
import { attempt, Given, json, succeeded, Then, When, type World } from '../world.js';

const FIXTURES = new URL('../../fixtures/registry/', import.meta.url);

const acmeTools = (id: string) => ({
  id,
  name: 'Acme tools',
  description: 'Internal tools.',
  transport: 'stdio',
  package: { registry: 'npm', name: '@acme/tools' },
  command: 'npx',
  args: ['-y', '@acme/tools'],
});

When('I list registry servers matching {string}', (world, [search]) =>
  attempt(world, () => world.orch.listServers({ search })),
);

When('I list registry servers with transport {string}', (world, [transport]) =>
  attempt(world, () => world.orch.listServers({ transport: transport as 'http' })),
);

const listed = (world: World) => succeeded<ServerDefinition[]>(world);

Then('the list includes {string}', (world, [id]) => {
  expect(listed(world).map((d) => d.id)).toContain(id);
});

Then('every listed server mentions {string}', (world, [text]) => {
  const needle = (text as string).toLowerCase();
  for (const d of listed(world)) {
    expect([d.id, d.name, d.description, ...d.tags].join(' ').toLowerCase()).toContain(needle);
  }
});

Then('every listed server has transport {string}', (world, [transport]) => {
  expect(listed(world).length).toBeGreaterThan(0);
  for (const d of listed(world)) expect(d.transport).toBe(transport);
});

When('I describe the registry server {string}', (world, [id]) =>
  attempt(world, () => world.orch.describeServer(id as string)),
);

Then('the description has the required parameter {string}', (world, [name]) => {
  const def = succeeded<ServerDefinition>(world);
  expect(def.params).toContainEqual(expect.objectContaining({ name, required: true }));
});

Then('the usage example is {string}', (world, [cli]) => {
  expect(succeeded<{ usage: { cli: string } }>(world).usage.cli).toBe(cli);
});

When('I add this user server:', (world, _args, { docString }) =>
  attempt(world, () => world.orch.addUserServer(json(docString))),
);

Given('the user server {string} exists', async (world, [id]) => {
  await world.orch.addUserServer(acmeTools(id as string));
});

When('I add the user server {string} again', (world, [id]) =>
  attempt(world, () => world.orch.addUserServer(acmeTools(id as string))),
);

When('I remove the user server {string}', (world, [id]) =>
  attempt(world, () => world.orch.removeUserServer(id as string)),
);

Then('the registry server {string} has source {string}', async (world, [id, source]) => {
  succeeded(world);
  expect((await world.orch.describeServer(id as string)).source).toBe(source);
});

Then('the registry server {string} requires the env var {string}', async (world, [id, name]) => {
  expect((await world.orch.describeServer(id as string)).env).toContainEqual(
    expect.objectContaining({ name, required: true }),
  );
});

Then('the registry has no server {string}', async (world, [id]) => {
  succeeded(world);
  expect((await world.orch.listServers()).map((d) => d.id)).not.toContain(id);
});

Then('I can add {string} to the draft', async (world, [id]) => {
  expect((await world.orch.draftAdd({ server_id: id as string })).added).toBe(id);
});

When('I import the server.json fixture {string}', (world, [file]) =>
  attempt(
    world,
    async () =>
      await world.orch.importServerJson(JSON.parse(readFileSync(new URL(file as string, FIXTURES), 'utf8'))),
  ),
);
