/**
 * The hashes a deployment record keeps are keyed with a per-home random salt (an entry can hold a
 * secret deploy resolved), and records from before the salt are still compared the old way.
 */
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, sharedServerUrl } from '../../test/helpers/postgres.js';
import { makeTempHome, type TempHome } from '../../test/helpers/temp-home.js';
import { getAdapter, readClientServers } from '../clients/index.js';
import { sha256Hex } from '../core/canonical.js';
import { DeploymentRecordSchema } from '../store/deployments.js';

import { entryHash } from '../workflows/drift.js';
import { Orchestrator } from './index.js';

const SECRET = 'sk-live-4f9a8b7c6d5e';
const PAYLOAD = {
  mcpServers: { api: { command: 'node', args: ['api.js'], env: { API_KEY: '${env:API_KEY}' } } },
};

let temps: TempHome[] = [];
afterEach(() => {
  for (const t of temps) t.cleanup();
  temps = [];
});

async function deployedHome(): Promise<{ temp: TempHome; svc: Orchestrator; configPath: string }> {
  const temp = makeTempHome();
  temps.push(temp);
  const svc = new Orchestrator({
    env: { ...temp.env, API_KEY: SECRET },
    platform: 'linux',
    cwd: temp.root,
  });
  await svc.init();
  await svc.publish({ changelog: 'api', payload: PAYLOAD });
  const deployed = await svc.deploy({});
  return { temp, svc, configPath: deployed.config_path };
}

const recordPath = (temp: TempHome) => join(temp.home, 'deployments', 'claude-desktop', 'default.json');
const readRecord = (temp: TempHome) =>
  DeploymentRecordSchema.parse(JSON.parse(readFileSync(recordPath(temp), 'utf8')));
const saltOf = (temp: TempHome) => readFileSync(join(temp.home, 'hash-salt'), 'utf8').trim();

/** The file with the api server's key changed by hand. */
function editByHand(configPath: string): void {
  const text = readFileSync(configPath, 'utf8');
  expect(text).toContain(SECRET);
  writeFileSync(configPath, text.replace(SECRET, 'sk-live-edited'));
}

async function states(svc: Orchestrator) {
  const st = await svc.status({});
  const listed = await svc.listInstalled({ client_id: 'claude-desktop' });
  const diff = await svc.diff({ deployed: true });
  return {
    status: st.entries.map((e) => e.state),
    list: listed.clients.flatMap((c) => c.servers.map((s) => `${s.name}:${s.state}`)),
    diff: diff.status,
  };
}

beforeEach(() => {
  temps = [];
});

describe('salted deployment hashes', () => {
  it('are not the plain SHA-256 of the entry or the file, and differ between two homes', async () => {
    const one = await deployedHome();
    const two = await deployedHome();
    const record = readRecord(one.temp);
    expect(record.hash_salt).toBe('store');
    const adapter = getAdapter('claude-desktop');
    const bytes = readFileSync(one.configPath);
    const entry = readClientServers(bytes.toString('utf8'), adapter).api;
    const plain = entryHash(adapter, entry, null);
    expect(record.server_hashes.api).toMatch(/^[0-9a-f]{64}$/);
    expect(record.server_hashes.api).not.toBe(plain);
    expect(record.server_hashes.api).toBe(entryHash(adapter, entry, saltOf(one.temp)));
    expect(record.file_sha256).not.toBe(sha256Hex(bytes));
    expect(record.file_sha256).toBe(createHmac('sha256', saltOf(one.temp)).update(bytes).digest('hex'));
    // The same artifact, the same secret, the same bytes: different hashes in another home.
    expect(readFileSync(two.configPath)).toEqual(bytes);
    expect(saltOf(two.temp)).not.toBe(saltOf(one.temp));
    expect(readRecord(two.temp).server_hashes.api).not.toBe(record.server_hashes.api);
    expect(readRecord(two.temp).file_sha256).not.toBe(record.file_sha256);
  });

  it('come from a 0600 salt file of 32 random bytes in hex', async () => {
    const { temp } = await deployedHome();
    const path = join(temp.home, 'hash-salt');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(saltOf(temp)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keep status, list and diff --deployed in sync after a deploy, and drifted after a hand edit', async () => {
    const { svc, configPath } = await deployedHome();
    expect(await states(svc)).toEqual({ status: ['in-sync'], list: ['api:managed'], diff: 'up-to-date' });
    // A deploy of the same artifact again is a no-op, not a change.
    expect((await svc.deploy({})).status).toBe('unchanged');
    editByHand(configPath);
    expect(await states(svc)).toEqual({ status: ['drifted'], list: ['api:drifted'], diff: 'outdated' });
  });

  it('leave a record written before salting (no hash_salt, plain SHA-256) in sync', async () => {
    const { temp, svc, configPath } = await deployedHome();
    const adapter = getAdapter('claude-desktop');
    const bytes = readFileSync(configPath);
    const entry = readClientServers(bytes.toString('utf8'), adapter).api;
    const { hash_salt: _, ...rest } = readRecord(temp);
    const old = {
      ...rest,
      server_hashes: { api: entryHash(adapter, entry, null) },
      file_sha256: sha256Hex(bytes),
    };
    writeFileSync(recordPath(temp), `${JSON.stringify(old, null, 2)}\n`);
    expect(readRecord(temp).hash_salt).toBeUndefined();
    expect(await states(svc)).toEqual({ status: ['in-sync'], list: ['api:managed'], diff: 'up-to-date' });
    editByHand(configPath);
    expect(await states(svc)).toEqual({ status: ['drifted'], list: ['api:drifted'], diff: 'outdated' });
  });
});

describe('salted deployment hashes over PostgreSQL', () => {
  it('use the salt of the database, so a second machine on it reads the record as in sync', async () => {
    const db = await createTestDatabase(sharedServerUrl(inject('postgres')));
    const [one, two] = [makeTempHome(), makeTempHome()];
    temps.push(one, two);
    const svc = (temp: TempHome) =>
      new Orchestrator({
        home: temp.home,
        store: db.url,
        env: { ...temp.env, API_KEY: SECRET },
        platform: 'linux',
        cwd: temp.root,
      });
    const [a, b] = [svc(one), svc(two)];
    try {
      await a.init();
      await a.publish({ changelog: 'api', payload: PAYLOAD });
      const deployed = await a.deploy({});
      const record = await a.store.readDeployment('claude-desktop', 'default');
      expect(record?.hash_salt).toBe('store');
      expect(record?.file_sha256).not.toBe(sha256Hex(readFileSync(deployed.config_path)));
      expect(await b.store.hashSalt()).toBe(await a.store.hashSalt());
      expect((await b.status({})).entries.map((e) => e.state)).toEqual(['in-sync']);
      editByHand(deployed.config_path);
      expect((await b.status({})).entries.map((e) => e.state)).toEqual(['drifted']);
      // Nothing of it is in either home folder.
      expect(existsSync(join(one.home, 'hash-salt'))).toBe(false);
      expect(existsSync(join(two.home, 'hash-salt'))).toBe(false);
    } finally {
      await a.close();
      await b.close();
      await db.drop();
    }
  });
});
