/**
 * @module test/features/steps/deployment
 * Steps of the deployment capability: deploy, status and drift, rollback, import and the one-shot
 * add, against real (temporary) client files under a fake Linux user home.
 */
import {
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { getAdapter, readClientServers } from '../../../src/clients/index.js';
import type { DeployManyResult, DeployResult, StatusEntry } from '../../../src/core/schemas/deploy.js';
import type { DiffResult } from '../../../src/core/schemas/diff.js';
import type { Listing } from '../../../src/core/schemas/listing.js';
import { Orchestrator } from '../../../src/service/index.js';
import { readBackup, readDeploymentLog } from '../../../src/store/deployments.js';
import { attempt, Given, json, succeeded, Then, When, type World } from '../world.js';

// ---- the world's client files ------------------------------------------------------------------

/** The Orchestrator of the scenario, on Linux paths under the fake user home, with extra env. */
function useLinux(world: World, extraEnv: Record<string, string> = {}): void {
  world.orch = new Orchestrator({
    home: world.temp.home,
    env: { ...world.temp.env, ...extraEnv },
    platform: 'linux',
    cwd: join(world.temp.root, 'project'),
  });
}

Given('client config files live under a fake user home on Linux', (world) => {
  useLinux(world);
});

Given('the environment has {word} set to {string}', (world, [name, value]) => {
  useLinux(world, { [name as string]: value as string });
});

/** Where a client's user config file is on this (fake) machine. */
async function configPath(world: World, clientId: string): Promise<string> {
  const client = (await world.orch.listClients()).clients.find((c) => c.client_id === clientId);
  if (!client) throw new Error(`No client "${clientId}"`);
  return client.config_path;
}

/** Files end with a newline; doc strings do not. */
const fileText = (docString: string | undefined) => `${docString ?? ''}\n`;

/** Remembers a file's bytes, so a later step can check they did not change. */
async function remember(world: World, clientId: string): Promise<void> {
  world.saved[`file:${clientId}`] = readFileSync(await configPath(world, clientId), 'utf8');
}

Given('the {word} config file holds:', async (world, [clientId], { docString }) => {
  const path = await configPath(world, clientId as string);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, fileText(docString));
  await remember(world, clientId as string);
});

Given('the {word} config file does not exist', async (world, [clientId]) => {
  expect(existsSync(await configPath(world, clientId as string))).toBe(false);
});

Given(
  'the {word} config file is a symlink to {string} holding:',
  async (world, [clientId, target], { docString }) => {
    const real = join(world.temp.root, target as string);
    mkdirSync(dirname(real), { recursive: true });
    writeFileSync(real, fileText(docString));
    const link = await configPath(world, clientId as string);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(real, link);
  },
);

async function editServers(
  world: World,
  clientId: string,
  change: (servers: Record<string, any>) => void,
): Promise<void> {
  const path = await configPath(world, clientId);
  const config = JSON.parse(readFileSync(path, 'utf8'));
  change(config.mcpServers);
  writeFileSync(path, JSON.stringify(config, null, 2));
}

Given(
  'the {word} config file was edited by hand to add the arg {string} to {string}',
  async (world, [clientId, arg, server]) => {
    await editServers(world, clientId as string, (servers) => {
      servers[server as string].args.push(arg);
    });
  },
);

Given(
  'the {word} config file was edited by hand to add a server {string} running {string}',
  async (world, [clientId, server, command]) => {
    await editServers(world, clientId as string, (servers) => {
      servers[server as string] = { command };
    });
  },
);

/** The servers in a client's file, read the way the client's adapter reads them. */
async function serversIn(world: World, clientId: string): Promise<Record<string, any>> {
  const text = readFileSync(await configPath(world, clientId), 'utf8');
  return readClientServers(text, getAdapter(clientId));
}

/** The in-process editors started by the step below, awaited by the steps that check their result. */
const editorsDone = new WeakMap<World, Promise<void>>();

Given(
  'an editor is saving the {word} config file in place, half written, for {int} ms, with:',
  async (world, [clientId, ms], { docString }) => {
    // Opened for writing, truncated and half written now; the rest and the close come later, as
    // from an editor that writes a large file in pieces. A deploy that reads it now sees half a file.
    const path = await configPath(world, clientId as string);
    const text = Buffer.from(fileText(docString));
    const half = Math.floor(text.length / 2);
    const fd = openSync(path, 'w');
    writeSync(fd, text, 0, half, 0);
    const done = new Promise<void>((resolve) =>
      setTimeout(() => {
        writeSync(fd, text, half, text.length - half, half);
        closeSync(fd);
        resolve();
      }, Number(ms)),
    );
    editorsDone.set(world, done);
  },
);

Then('the {word} config file has {string} set to {string}', async (world, [clientId, key, value]) => {
  await editorsDone.get(world);
  const doc = JSON.parse(readFileSync(await configPath(world, clientId as string), 'utf8'));
  expect(doc[key as string]).toBe(value);
});

Then('the {word} config file is:', async (world, [clientId], { docString }) => {
  expect(readFileSync(await configPath(world, clientId as string), 'utf8')).toBe(fileText(docString));
});

Then('the {word} config file is unchanged', async (world, [clientId]) => {
  const before = world.saved[`file:${clientId}`];
  expect(before, 'no earlier content of this file was remembered').toBeDefined();
  expect(readFileSync(await configPath(world, clientId as string), 'utf8')).toBe(before);
});

Then('the {word} config file has the servers {string}', async (world, [clientId, names]) => {
  const expected = (names as string).split(',').map((n) => n.trim());
  expect(Object.keys(await serversIn(world, clientId as string)).sort()).toEqual(expected.sort());
});

Then(
  'the server {string} in the {word} config file is:',
  async (world, [server, clientId], { docString }) => {
    expect(world.error, world.error?.message).toBeUndefined();
    expect((await serversIn(world, clientId as string))[server as string]).toEqual(json(docString));
  },
);

Then(
  'the server {string} in the {word} config file has env {string} set to {string}',
  async (world, [server, clientId, name, value]) => {
    expect(world.error, world.error?.message).toBeUndefined();
    expect((await serversIn(world, clientId as string))[server as string]?.env?.[name as string]).toBe(value);
  },
);

Then('the {word} config file is still a symlink to {string}', async (world, [clientId, target]) => {
  const link = await configPath(world, clientId as string);
  expect(lstatSync(link).isSymbolicLink()).toBe(true);
  expect(readlinkSync(link)).toBe(join(world.temp.root, target as string));
});

// ---- drafts ------------------------------------------------------------------------------------

Given('the draft is cleared', async (world) => {
  await world.orch.draftClear();
});

Given(
  'the draft has the custom server {string} with env {string} set to {string}',
  async (world, [name, key, value]) => {
    await world.orch.draftAddCustom({
      name: name as string,
      command: 'node',
      args: ['api.js'],
      env: { [key as string]: value as string },
    });
  },
);

Given('the draft has the custom remote server {string} at {string}', async (world, [name, url]) => {
  await world.orch.draftAddCustom({ name: name as string, url: url as string });
});

// ---- deploy ------------------------------------------------------------------------------------

const deployed = (world: World) => succeeded<DeployResult>(world);

Given('the profile head was deployed', async (world) => {
  await world.orch.deploy({});
});

When('I deploy', (world) => attempt(world, () => world.orch.deploy({})));

When('I deploy again', async (world) => {
  await remember(world, 'claude-desktop');
  return attempt(world, () => world.orch.deploy({}));
});

When('I deploy with a dry run', (world) => attempt(world, () => world.orch.deploy({ dry_run: true })));

When('I deploy to {word}', (world, [clientId]) =>
  attempt(world, () => world.orch.deploy({ client_id: clientId as string })),
);

When('I deploy to the clients {string}', (world, [clients]) =>
  attempt(world, () => world.orch.deployMany({ clients: (clients as string).split(',') })),
);

Then('the deploy status is {string}', (world, [status]) => {
  expect(deployed(world).status).toBe(status);
});

Then('the deploy changes show {string} as {word}', (world, [server, change]) => {
  expect(deployed(world).changes.changes).toContainEqual(expect.objectContaining({ server, change }));
});

Then('the deploy lists {string} as {word}', (world, [server, action]) => {
  expect(deployed(world).servers).toContainEqual(expect.objectContaining({ name: server, action }));
});

Then('the drift does not mention {string}', (world, [server]) => {
  expect(drift(world).changes.map((c) => c.server)).not.toContain(server);
});

Then('no backup was kept for this deploy', (world) => {
  expect(deployed(world).backup_id).toBeNull();
});

Then('a backup of the old file was kept', (world) => {
  const result = deployed(world);
  expect(result.backup_id).toEqual(expect.any(String));
  const { backup, bytes } = readBackup(world.orch.home, result.client_id, result.backup_id as string);
  expect(backup.config_path).toBe(result.config_path);
  expect(bytes?.toString('utf8')).toBe(world.saved[`file:${result.client_id}`]);
});

Then(
  'the deployment of {word} is logged with the artifact published with changelog {string}',
  (world, [clientId, changelog]) => {
    const log = readDeploymentLog(world.orch.home, { client_id: clientId as string });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      action: 'deploy',
      artifact_id: world.saved[`changelog:${changelog}`],
      deployment_id: deployed(world).deployment_id,
      backup_id: deployed(world).backup_id,
    });
  },
);

Then('nothing was deployed to {word}', async (world, [clientId]) => {
  const { entries } = await world.orch.status({ client_id: clientId as string });
  expect(entries).toEqual([expect.objectContaining({ state: 'not-deployed', artifact_id: null })]);
});

Then('the deploy succeeded for {string}', (world, [clients]) => {
  const result = succeeded<DeployManyResult>(world);
  const expected = (clients as string).split(',').map((c) => c.trim());
  expect(result.deployed.map((d) => d.client_id)).toEqual(expected);
  for (const d of result.deployed) expect(d.status).toBe('deployed');
});

Then('the deploy to {word} failed with {word}', (world, [clientId, code]) => {
  expect(succeeded<DeployManyResult>(world).failed).toContainEqual({
    client_id: clientId,
    error: expect.objectContaining({ code }),
  });
});

Then('the error gives line {int} and column {int}', (world, [line, column]) => {
  expect(world.error?.details).toMatchObject({ line: Number(line), column: Number(column) });
  expect(world.error?.message).toContain(`line ${line}, column ${column}`);
});

Then('the result does not show {string}', (world, [text]) => {
  expect(world.error, world.error?.message).toBeUndefined();
  expect(JSON.stringify(world.result)).not.toContain(text);
});

// ---- status and drift --------------------------------------------------------------------------

When('I ask for the deployment status', (world) => attempt(world, () => world.orch.status()));

When('I ask for the deployment status of {word}', (world, [clientId]) =>
  attempt(world, () => world.orch.status({ client_id: clientId as string })),
);

function entryOf(world: World, clientId: string): StatusEntry {
  const entry = succeeded<{ entries: StatusEntry[] }>(world).entries.find((e) => e.client_id === clientId);
  if (!entry) throw new Error(`No status entry for ${clientId}`);
  return entry;
}

const drift = (world: World): DiffResult => {
  const entry = entryOf(world, 'claude-desktop');
  expect(entry.drift).not.toBeNull();
  return entry.drift as DiffResult;
};

Then('{word} is {string}', (world, [clientId, state]) => {
  expect(entryOf(world, clientId as string).state).toBe(state);
});

Then('the head is what is deployed to {word}', async (world, [clientId]) => {
  expect(entryOf(world, clientId as string)).toMatchObject({
    artifact_id: (await world.orch.get()).artifact_id,
    head_is_deployed: true,
    drift: null,
  });
});

Then('the drift shows {string} as {word}', (world, [server, change]) => {
  expect(drift(world).changes).toContainEqual(expect.objectContaining({ server, change }));
});

Then('the drift shows field {string} of {string} as {word}', (world, [field, server, change]) => {
  const entry = drift(world).changes.find((c) => c.server === server);
  expect(entry?.change).toBe('modified');
  expect(entry?.fields).toContainEqual(expect.objectContaining({ field, change }));
});

// ---- rollback ----------------------------------------------------------------------------------

When('I roll back', (world) => attempt(world, () => world.orch.rollback({})));

When('I roll back {word}', (world, [clientId]) =>
  attempt(world, () => world.orch.rollback({ client_id: clientId as string })),
);

When(
  'I roll back to the first {int} hex digits of the artifact published with changelog {string}',
  (world, [n, changelog]) => {
    const id = world.saved[`changelog:${changelog}`] as string;
    return attempt(world, () => world.orch.rollback({ to: id.slice(7, 7 + Number(n)) }));
  },
);

When('I restore the backup', (world) => attempt(world, () => world.orch.rollback({ restore_backup: true })));

Then('the result is a rollback to the artifact published with changelog {string}', (world, [changelog]) => {
  const result = deployed(world);
  expect(result).toMatchObject({
    action: 'rollback',
    status: 'deployed',
    artifact_id: world.saved[`changelog:${changelog}`],
  });
  const log = readDeploymentLog(world.orch.home, { client_id: 'claude-desktop' });
  expect(log[0]).toMatchObject({ action: 'rollback', deployment_id: result.deployment_id });
});

Then("the result's action is {string}", (world, [action]) => {
  expect(deployed(world).action).toBe(action);
});

// ---- import and the one-shot add ---------------------------------------------------------------

When('I import the {word} config file', (world, [clientId]) =>
  attempt(world, () => world.orch.importConfig({ client_id: clientId as string })),
);

Then('the import took the servers {string}', (world, [names]) => {
  const result = succeeded<{ imported: string[]; skipped: unknown[] }>(world);
  expect(result.imported).toEqual((names as string).split(',').map((n) => n.trim()));
  expect(result.skipped).toEqual([]);
});

When('I add the registry server {string} in one shot to the {string} profile', (world, [id, profile]) =>
  attempt(world, () => world.orch.addServer({ server_id: id as string, profile_id: profile as string })),
);

Then('{string} was added and {string} adopted', (world, [added, adopted]) => {
  const result = succeeded<{ server: string; clients: Array<{ adopted: string[] }> }>(world);
  expect(result.server).toBe(added);
  expect(result.clients[0]?.adopted).toEqual((adopted as string).split(',').map((n) => n.trim()));
});

Then('the one-shot deployed to {string}', (world, [clientId]) => {
  const result = succeeded<{ clients: Array<{ client_id: string; status: string; published: boolean }> }>(
    world,
  );
  expect(result.clients).toMatchObject([{ client_id: clientId, status: 'deployed', published: true }]);
});

Then(
  'the newest publish of the {string} profile has changelog {string}',
  async (world, [profile, changelog]) => {
    expect((await world.orch.history({ profile_id: profile as string })).entries[0]?.changelog).toBe(
      changelog,
    );
  },
);

// ---- list --------------------------------------------------------------------------------------

When('I list the servers in the client files', (world) => attempt(world, () => world.orch.listInstalled()));

Then('in the {word} file {string} is {word}', (world, [clientId, server, state]) => {
  const listing = succeeded<Listing>(world);
  const file = listing.clients.find((c) => c.client_id === clientId);
  expect(file, `no ${clientId} file listed`).toBeDefined();
  expect(file?.servers.find((s) => s.name === server)?.state).toBe(state);
});
