/**
 * @module test/features/steps/diff
 * Steps of the diff capability.
 */
import { expect } from 'vitest';
import type { DiffResult } from '../../../src/core/schemas/diff.js';
import { attempt, json, succeeded, Then, When, type World } from '../world.js';

const diff = (world: World) => succeeded<DiffResult>(world);

When('I compare the head with the published payload', (world) =>
  attempt(world, async () => world.orch.diff({ payload: (await world.orch.get()).payload })),
);

When('I compare the head of the {string} profile with the published payload', (world, [profile]) =>
  attempt(world, async () =>
    world.orch.diff({ profile_id: profile as string, payload: (await world.orch.get()).payload }),
  ),
);

When('I compare the head with the published payload plus a server {string}', (world, [name]) =>
  attempt(world, async () => {
    const payload = structuredClone((await world.orch.get()).payload);
    payload.mcpServers[name as string] = { command: 'node', args: ['extra.js'] };
    return await world.orch.diff({ payload });
  }),
);

When('I compare the head with this payload:', (world, _args, { docString }) =>
  attempt(world, () => world.orch.diff({ payload: json(docString) })),
);

When('I compare the head with the artifact published with changelog {string}', (world, [changelog]) =>
  attempt(world, () => world.orch.diff({ artifact_id: world.saved[`changelog:${changelog}`] as string })),
);

Then('the diff status is {string}', (world, [status]) => {
  expect(diff(world).status).toBe(status);
});

Then(
  'the diff summary is {int} added, {int} removed, {int} modified, {int} unchanged',
  (world, [added, removed, modified, unchanged]) => {
    expect(diff(world).summary).toEqual({
      added: Number(added),
      removed: Number(removed),
      modified: Number(modified),
      unchanged: Number(unchanged),
    });
  },
);

Then('the diff shows {string} as {word}', (world, [server, change]) => {
  expect(diff(world).changes).toContainEqual(expect.objectContaining({ server, change }));
});

Then('the diff shows field {string} of {string} as {word}', (world, [field, server, change]) => {
  const entry = diff(world).changes.find((c) => c.server === server);
  expect(entry?.fields).toContainEqual(expect.objectContaining({ field, change }));
});

Then('the diff shows field {string} of {string} as {word} and redacted', (world, [field, server, change]) => {
  const entry = diff(world).changes.find((c) => c.server === server);
  const found = entry?.fields.find((f) => f.field === field);
  expect(found).toMatchObject({ change, redacted: true });
  expect(found).not.toHaveProperty('before');
  expect(JSON.stringify(diff(world))).not.toContain('hunter2');
});
