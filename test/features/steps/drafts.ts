/**
 * @module test/features/steps/drafts
 * Steps of the config-building capability: editing drafts.
 */
import { expect } from 'vitest';
import { buildServerEntry, builtinCatalog } from '../../../src/registry/registry.js';
import { FileStore } from '../../../src/store/file-store.js';
import { HomeLayout } from '../../../src/store/home.js';
import { attempt, Given, json, Then, When } from '../world.js';

Given('the draft is empty', async (world) => {
  expect((await world.orch.draftShow()).server_count).toBe(0);
});

Given('the draft has the registry server {string}', async (world, [id]) => {
  await world.orch.draftAdd({ server_id: id as string });
});

Given('the draft has the registry server {string} without params', async (world, [id]) => {
  // `draft add` refuses this now; a draft written before it did (or edited by hand) still can be,
  // and validate and publish must catch it. Written as such a draft, with its "{param}" placeholder.
  const def = builtinCatalog().find((d) => d.id === id);
  if (!def) throw new Error(`no built-in server ${id}`);
  const { entry } = buildServerEntry(def, {});
  await new FileStore(new HomeLayout(world.temp.home)).updateDraft('claude-desktop', 'default', (d) => {
    d.mcpServers[def.id] = entry;
    d.origins[def.id] = { server_id: def.id, params: {}, env: [] };
  });
});

Given('the draft has the registry server {string} without env', async (world, [id]) => {
  await world.orch.draftAdd({ server_id: id as string });
});

Given(
  'the draft has the registry server {string} with param {string} set to {string}',
  async (world, [id, k, v]) => {
    await world.orch.draftAdd({ server_id: id as string, params: { [k as string]: v as string } });
  },
);

Given('the {string} profile draft has the registry server {string}', async (world, [profile, id]) => {
  await world.orch.draftAdd({ profile_id: profile as string, server_id: id as string });
});

When('I add the registry server {string}', (world, [id]) =>
  attempt(world, () => world.orch.draftAdd({ server_id: id as string })),
);

When('I add the registry server {string} named {string}', (world, [id, name]) =>
  attempt(world, () => world.orch.draftAdd({ server_id: id as string, name: name as string })),
);

When('I add the registry server {string} with param {string} set to {string}', (world, [id, k, v]) =>
  attempt(
    world,
    async () =>
      await world.orch.draftAdd({ server_id: id as string, params: { [k as string]: v as string } }),
  ),
);

When('I add the registry server {string} to the {string} profile', (world, [id, profile]) =>
  attempt(world, () => world.orch.draftAdd({ server_id: id as string, profile_id: profile as string })),
);

When(
  'I add the custom stdio server {string} running {string} with args {string}',
  (world, [name, cmd, args]) =>
    attempt(
      world,
      async () =>
        await world.orch.draftAddCustom({
          name: name as string,
          command: cmd as string,
          args: (args as string).split(' '),
        }),
    ),
);

When('I add the custom remote server {string} at {string}', (world, [name, url]) =>
  attempt(world, () => world.orch.draftAddCustom({ name: name as string, url: url as string })),
);

When('I add a custom server {string} with command {string} and url {string}', (world, [name, cmd, url]) =>
  attempt(
    world,
    async () =>
      await world.orch.draftAddCustom({ name: name as string, command: cmd as string, url: url as string }),
  ),
);

When('I add a custom server {string} with neither command nor url', (world, [name]) =>
  attempt(world, () => world.orch.draftAddCustom({ name: name as string })),
);

When('I remove {string} from the draft', (world, [name]) =>
  attempt(world, () => world.orch.draftRemove({ name: name as string })),
);

When('I clear the draft', (world) => attempt(world, () => world.orch.draftClear()));

for (const noun of ['server', 'servers']) {
  Then(`the draft has {int} ${noun}`, async (world, [count]) => {
    expect((await world.orch.draftShow()).server_count).toBe(Number(count));
  });
  Then(`the {string} profile draft has {int} ${noun}`, async (world, [profile, count]) => {
    expect((await world.orch.draftShow({ profile_id: profile as string })).server_count).toBe(Number(count));
  });
}

Then('the draft entry {string} is:', async (world, [name], { docString }) => {
  expect(world.error, world.error?.message).toBeUndefined();
  expect((await world.orch.draftShow()).payload.mcpServers[name as string]).toEqual(json(docString));
});
