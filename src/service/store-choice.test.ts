/**
 * Choosing a Store: the same service over the home folder or PostgreSQL, by option, by
 * `--store` or by `$MCP_ORCHESTRATION_STORE`; two services (two `serve` replicas) on one database.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../../test/helpers/cli.js';
import { createTestDatabase, sharedServerUrl } from '../../test/helpers/postgres.js';
import { makeTempHome, type TempHome } from '../../test/helpers/temp-home.js';
import { parseStoreUrl, STORE_ENV } from '../store/open.js';
import { Orchestrator } from './index.js';

const serverUrl = sharedServerUrl(inject('postgres'));
const memory = {
  mcpServers: { memory: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'] } },
};

describe('store URLs', () => {
  it('selects a folder, a file: URL or PostgreSQL, and refuses anything else', () => {
    expect(parseStoreUrl('/srv/mo')).toEqual({ kind: 'file', root: '/srv/mo' });
    expect(parseStoreUrl('file:///srv/mo')).toEqual({ kind: 'file', root: '/srv/mo' });
    expect(parseStoreUrl('postgresql://u:p@db/orch').kind).toBe('postgres');
    expect(parseStoreUrl('postgres://db/orch').kind).toBe('postgres');
    expect(() => parseStoreUrl('mysql://u:secret@db/x')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: expect.not.stringContaining('secret') }),
    );
  });
});

describe('the service over PostgreSQL', () => {
  let temp: TempHome;
  let db: { url: string; drop(): Promise<void> };
  const opened: Orchestrator[] = [];
  const service = (over: Record<string, unknown> = {}) => {
    const svc = new Orchestrator({ home: temp.home, env: temp.env, store: db.url, ...over });
    opened.push(svc);
    return svc;
  };

  beforeAll(async () => {
    temp = makeTempHome();
    db = await createTestDatabase(serverUrl);
  });
  afterAll(async () => {
    for (const svc of opened) await svc.close();
    await db.drop();
    temp.cleanup();
  });

  it('two Orchestrators on one database publish at once; both land, in some order, and each sees the other', async () => {
    const a = service();
    const b = service();
    await a.init();
    expect(a.store.kind).toBe('postgres');
    expect(a.store.location).not.toContain('@');
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 ? a : b).publish({
          profile_id: 'team',
          changelog: `v${i}`,
          payload: { mcpServers: { [`s${i}`]: { command: 'npx', args: [`pkg-${i}`] } } },
        }),
      ),
    );
    const history = await b.history({ profile_id: 'team', limit: 50 });
    expect(history.total).toBe(6);
    expect(new Set(history.entries.map((e) => e.artifact_id))).toEqual(
      new Set(results.map((r) => r.artifact_id)),
    );
    // Every artifact but the first names the one before it as parent: one chain, nothing lost.
    const parents = history.entries.map((e) => e.parent_artifact_id);
    expect(parents.filter((p) => p === null)).toHaveLength(1);
    expect((await a.verify({ profile_id: 'team' })).valid).toBe(true);
  });

  it('keeps drafts, user servers, tokens and the audit trail in the database, not in the home folder', async () => {
    const svc = service();
    await svc.draftAdd({ profile_id: 'db-draft', server_id: 'memory' });
    await svc.addUserServer({
      id: 'team-tool',
      name: 'Team tool',
      description: 'A server only this team has',
      transport: 'stdio',
      command: 'npx',
      args: ['-y', 'team-tool'],
      package: { registry: 'npm', name: 'team-tool' },
    });
    const other = service();
    expect((await other.draftShow({ profile_id: 'db-draft' })).server_count).toBe(1);
    expect((await other.describeServer('team-tool')).source).toBe('user');
    const folderOnly = new Orchestrator({ home: temp.home, env: temp.env });
    expect((await folderOnly.draftShow({ profile_id: 'db-draft' })).server_count).toBe(0);
    const actions = (await other.listAudit({ limit: 20 })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['draft.add', 'server.add', 'publish']));
    expect((await other.listAudit({ limit: 1 }))[0]?.actor).toMatch(/^local:/);
  });

  it('says STORE_UNAVAILABLE, without the password, when the database cannot be reached', async () => {
    const svc = service({ store: 'postgresql://mo:hunter2@127.0.0.1:1/none' });
    const err = await svc.listProfiles().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(String((err as Error).message)).not.toContain('hunter2');
  });

  it('the CLI takes --store and $MCP_ORCHESTRATION_STORE', () => {
    const env = { ...temp.env };
    const file = join(temp.root, 'memory.json');
    writeFileSync(file, JSON.stringify(memory));
    const published = runCli(
      ['publish', '--store', db.url, '--profile', 'cli', '--file', file, '--changelog', 'cli', '--json'],
      env,
    );
    expect(published.status, published.stderr).toBe(0);
    const viaEnv = runCli(['history', '--profile', 'cli', '--json'], { ...env, [STORE_ENV]: db.url });
    expect(viaEnv.status, viaEnv.stderr).toBe(0);
    expect(viaEnv.json().total).toBe(1);
    // The home folder has no such profile: the publish went to the database.
    const folder = runCli(['history', '--profile', 'cli', '--json'], env);
    expect(folder.status).toBe(1);
    expect(folder.json().error.code).toBe('PROFILE_NOT_FOUND');
  });
});

describe('the service over a home folder chosen by URL', () => {
  it('uses the folder named by --store as the store, keys staying in the home folder', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mo-store-'));
    try {
      const temp = makeTempHome();
      const svc = new Orchestrator({ home: temp.home, env: temp.env, store: `file://${join(root, 'data')}` });
      await svc.init();
      await svc.publish({ payload: memory, changelog: 'x' });
      expect(svc.store.location).toBe(join(root, 'data'));
      expect((await new Orchestrator({ home: join(root, 'data'), env: temp.env }).history()).total).toBe(1);
      temp.cleanup();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
