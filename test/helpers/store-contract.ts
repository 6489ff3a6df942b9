/**
 * The one contract of `Store` (src/store/store.ts), run against every backend:
 * `storeContract('PostgresStore', makeFixture)`. The same cases, the same expectations, the same
 * error codes; a backend passes all of them or it is not a Store.
 *
 * Each group of cases gets a fresh, empty store from the factory. `twin()` opens a second,
 * independent Store over the same data: another process (another `serve` replica) on one database
 * or one home folder.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Artifact, HistoryEntry } from '../../src/core/schemas/artifact.js';
import type { Payload } from '../../src/core/schemas/payload.js';
import type { ServerDefinition } from '../../src/core/schemas/registry.js';
import { keyIdOf, type SigningKey } from '../../src/crypto/keys.js';
import { BACKUPS_KEPT } from '../../src/store/deployments.js';
import type { DeploymentInput, Store } from '../../src/store/store.js';
import { buildArtifact, verifyArtifact } from '../../src/workflows/artifact.js';

export interface StoreFixture {
  /** An opened, empty store. */
  store: Store;
  /** A second store over the same data, as another process would open it. */
  twin(): Promise<Store>;
  /** Closes every store made and removes the data. */
  cleanup(): Promise<void>;
}

/** The code a call fails with, or `'ok'` when it resolves. */
async function codeOf(pending: Promise<unknown>): Promise<string> {
  try {
    await pending;
    return 'ok';
  } catch (err) {
    return String((err as { code?: unknown }).code);
  }
}

function makeKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    keyId: keyIdOf(publicKey),
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

const KEY = makeKey();
const KEYS = new Map([[KEY.keyId, KEY.publicKey]]);

const payload = (tag: string, servers = 1): Payload => ({
  mcpServers: Object.fromEntries(
    Array.from({ length: servers }, (_, i) => [
      `srv-${i}`,
      { command: 'npx', args: ['-y', `pkg-${tag}-${i}`] },
    ]),
  ),
});

/** A real signed artifact on top of `head`, as the publish workflow makes it. */
function artifactOn(
  client: string,
  profile: string,
  head: HistoryEntry | null,
  tag: string,
  servers = 1,
): Artifact {
  return buildArtifact(
    {
      clientId: client,
      profileId: profile,
      payload: payload(tag, servers),
      changelog: `change ${tag}`,
      parentId: head?.artifact_id ?? null,
      generator: 'store-contract',
    },
    KEY,
  );
}

const publishTag = (store: Store, client: string, profile: string, tag: string) =>
  store.publish(client, profile, (head) => artifactOn(client, profile, head, tag));

/** Every entry's parent is the entry before it; seq runs n..1 with no gap. */
function expectChain(history: HistoryEntry[], n: number): void {
  expect(history).toHaveLength(n);
  expect(history.map((e) => e.seq)).toEqual(Array.from({ length: n }, (_, i) => n - i));
  for (let i = 0; i < n; i++) {
    const older = history[i + 1];
    expect(history[i]?.parent_artifact_id).toBe(older ? older.artifact_id : null);
  }
  expect(new Set(history.map((e) => e.artifact_id)).size).toBe(n);
}

const deployment = (client: string, profile: string, artifactId: string | null): DeploymentInput => ({
  action: 'deploy',
  client_id: client,
  profile_id: profile,
  source_client_id: client,
  artifact_id: artifactId,
  previous_artifact_id: null,
  config_path: `/tmp/nowhere/${client}.json`,
  scope: 'user',
  backup_id: null,
  server_hashes: { 'srv-0': 'a'.repeat(64) },
  file_sha256: 'b'.repeat(64),
});

const serverDef = (id: string, description = 'A test server.'): ServerDefinition => ({
  id,
  name: `Server ${id}`,
  description,
  tags: ['test'],
  transport: 'stdio',
  package: { registry: 'npm', name: `${id}-mcp` },
  command: 'npx',
  args: ['-y', `${id}-mcp`],
  params: [],
  env: [],
  source: 'user',
});

export function storeContract(name: string, makeFixture: () => Promise<StoreFixture>): void {
  /** A fresh store for the enclosing describe block. */
  function useStore(): () => StoreFixture {
    let fixture: StoreFixture | undefined;
    beforeAll(async () => {
      fixture = await makeFixture();
    });
    afterAll(async () => {
      await fixture?.cleanup();
    });
    return () => {
      if (!fixture) throw new Error('the store fixture was not made');
      return fixture;
    };
  }

  describe(`Store contract: ${name}`, () => {
    describe('publish, head and history', () => {
      const f = useStore();

      it('has nothing before the first publish', async () => {
        const { store } = f();
        expect(await store.readHead('claude-desktop', 'default')).toBeNull();
        expect(await store.readHistory('claude-desktop', 'default', 20, 0)).toEqual([]);
        expect(await store.listPublishedProfiles('claude-desktop')).toEqual([]);
        expect(['file', 'postgres']).toContain(store.kind);
        expect(store.location).not.toMatch(/:[^/@:]*@/); // no user:password@
      });

      it('publishes on the head, numbers entries and keeps artifacts exactly', async () => {
        const { store } = f();
        const heads: (HistoryEntry | null)[] = [];
        const first = await store.publish('claude-desktop', 'default', (head) => {
          heads.push(head);
          return artifactOn('claude-desktop', 'default', head, 'one', 2);
        });
        expect(first.entry).toEqual({
          seq: 1,
          artifact_id: first.artifact.artifact_id,
          created_at: first.artifact.created_at,
          changelog: 'change one',
          server_count: 2,
          parent_artifact_id: null,
        });
        const second = await store.publish('claude-desktop', 'default', async (head) => {
          heads.push(head);
          return artifactOn('claude-desktop', 'default', head, 'two');
        });
        expect(heads).toEqual([null, first.entry]);
        expect(second.entry.seq).toBe(2);
        expect(second.entry.parent_artifact_id).toBe(first.artifact.artifact_id);
        expect(await store.readHead('claude-desktop', 'default')).toEqual(second.entry);
        expect(await store.readHistory('claude-desktop', 'default', 20, 0)).toEqual([
          second.entry,
          first.entry,
        ]);
        expect(await store.readHistory('claude-desktop', 'default', 1, 1)).toEqual([first.entry]);
        expect(await store.readHistory('claude-desktop', 'default', 5, 2)).toEqual([]);

        const loaded = await store.loadArtifact('claude-desktop', 'default', first.artifact.artifact_id);
        expect(loaded).toEqual(first.artifact);
        expect(JSON.stringify(loaded)).toBe(JSON.stringify(first.artifact)); // key order kept
        expect(verifyArtifact(loaded, KEYS).valid).toBe(true);
      });

      it('finds an artifact by a unique prefix, with or without sha256:', async () => {
        const { store } = f();
        const head = (await store.readHead('claude-desktop', 'default')) as HistoryEntry;
        const hex = head.artifact_id.slice('sha256:'.length);
        for (const ref of [
          hex.slice(0, 8),
          `sha256:${hex.slice(0, 12)}`,
          hex.toUpperCase().slice(0, 10),
          hex,
        ]) {
          expect(await store.loadArtifact('claude-desktop', 'default', ref)).toMatchObject({
            artifact_id: head.artifact_id,
          });
        }
      });

      it('refuses unknown, malformed and other-profile artifact references', async () => {
        const { store } = f();
        const head = (await store.readHead('claude-desktop', 'default')) as HistoryEntry;
        expect(await codeOf(store.loadArtifact('claude-desktop', 'default', '00000000'))).toBe(
          'ARTIFACT_NOT_FOUND',
        );
        expect(
          await codeOf(store.loadArtifact('claude-desktop', 'default', `sha256:${'0'.repeat(64)}`)),
        ).toBe('ARTIFACT_NOT_FOUND');
        // Artifacts belong to their profile.
        expect(await codeOf(store.loadArtifact('claude-desktop', 'other', head.artifact_id))).toBe(
          'ARTIFACT_NOT_FOUND',
        );
        expect(await codeOf(store.loadArtifact('claude-desktop', 'default', 'abc'))).toBe('INVALID_ID');
        expect(await codeOf(store.loadArtifact('claude-desktop', 'default', 'zzzzzzzz'))).toBe('INVALID_ID');
        expect(await codeOf(store.readHead('../etc', 'default'))).toBe('INVALID_ID');
        expect(await codeOf(store.readHistory('claude-desktop', 'A/B', 20, 0))).toBe('INVALID_ID');
      });

      it('says AMBIGUOUS_ARTIFACT_ID for a prefix that matches several artifacts', async () => {
        const { store } = f();
        // Two artifacts whose ids share 10 hex digits cannot be found by chance in a test; the
        // store keeps whatever id it is given, so these two are published under forged ids.
        const forged = ['deadbeef00'.padEnd(64, '1'), 'deadbeef00'.padEnd(64, '2')];
        for (const [i, hex] of forged.entries()) {
          await store.publish('cursor', 'forged', (head) => ({
            ...artifactOn('cursor', 'forged', head, `forged-${i}`),
            artifact_id: `sha256:${hex}`,
          }));
        }
        const err = await store.loadArtifact('cursor', 'forged', 'deadbeef00').catch((e: unknown) => e);
        expect(err).toMatchObject({
          code: 'AMBIGUOUS_ARTIFACT_ID',
          details: { matches: forged.map((h) => `sha256:${h}`) },
        });
        expect(await store.loadArtifact('cursor', 'forged', `${forged[1]?.slice(0, 63)}`)).toMatchObject({
          artifact_id: `sha256:${forged[1]}`,
        });
      });

      it('stores nothing when build throws, and lists published profiles sorted', async () => {
        const { store } = f();
        const refused = store.publish('vscode', 'never', () => {
          throw Object.assign(new Error('no changes'), { code: 'NO_CHANGES' });
        });
        expect(await codeOf(refused)).toBe('NO_CHANGES');
        expect(await store.readHead('vscode', 'never')).toBeNull();
        for (const p of ['zeta', 'alpha', 'a-b', 'a.b', 'a_b', 'beta2', 'beta10']) {
          await publishTag(store, 'vscode', p, p);
        }
        const head = await store.readHead('vscode', 'alpha');
        const again = store.publish('vscode', 'alpha', () => {
          throw Object.assign(new Error('no changes'), { code: 'NO_CHANGES' });
        });
        expect(await codeOf(again)).toBe('NO_CHANGES');
        expect(await store.readHead('vscode', 'alpha')).toEqual(head);
        expect(await store.listPublishedProfiles('vscode')).toEqual(
          ['zeta', 'alpha', 'a-b', 'a.b', 'a_b', 'beta2', 'beta10'].sort(),
        );
        expect(await store.listPublishedProfiles('nobody-here')).toEqual([]);
      });

      it('keeps the first copy of an artifact published again with the same content', async () => {
        const { store } = f();
        const a = await publishTag(store, 'zed', 'default', 'same');
        await publishTag(store, 'zed', 'default', 'other');
        const again = await store.publish('zed', 'default', (head) => ({
          ...artifactOn('zed', 'default', head, 'same'),
          created_at: '2099-01-01T00:00:00.000Z',
        }));
        expect(again.artifact.artifact_id).toBe(a.artifact.artifact_id);
        expect(again.entry.seq).toBe(3);
        const stored = (await store.loadArtifact('zed', 'default', a.artifact.artifact_id)) as Artifact;
        expect(stored.created_at).toBe(a.artifact.created_at);
        expect((await store.readHistory('zed', 'default', 10, 0)).map((e) => e.artifact_id)).toEqual([
          a.artifact.artifact_id,
          expect.any(String),
          a.artifact.artifact_id,
        ]);
      });
    });

    describe('drafts', () => {
      const f = useStore();

      it('reads an empty draft where there is none', async () => {
        const { store } = f();
        expect(await store.readDraft('claude-desktop', 'default')).toEqual({
          client_id: 'claude-desktop',
          profile_id: 'default',
          mcpServers: {},
          origins: {},
          parked: {},
          updated_at: null,
        });
        expect(await store.listDraftProfiles('claude-desktop')).toEqual([]);
      });

      it('changes a draft under its lock and keeps it', async () => {
        const { store } = f();
        const saved = await store.updateDraft('claude-desktop', 'default', (d) => {
          d.mcpServers.fs = {
            command: 'npx',
            args: ['-y', '@modelcontextprotocol/server-filesystem', '/srv'],
          };
          d.origins.fs = { server_id: 'filesystem', params: { path: '/srv' }, env: [] };
        });
        expect(saved.updated_at).toEqual(expect.any(String));
        expect(await store.readDraft('claude-desktop', 'default')).toEqual(saved);
        await store.updateDraft('claude-desktop', 'default', (d) => {
          delete d.mcpServers.fs;
        });
        expect((await store.readDraft('claude-desktop', 'default')).mcpServers).toEqual({});
      });

      it('leaves the draft as it was when the change throws', async () => {
        const { store } = f();
        const before = await store.readDraft('claude-desktop', 'default');
        const failing = store.updateDraft('claude-desktop', 'default', (d) => {
          d.mcpServers.half = { command: 'x' };
          throw Object.assign(new Error('refused'), { code: 'SERVER_NOT_IN_DRAFT' });
        });
        expect(await codeOf(failing)).toBe('SERVER_NOT_IN_DRAFT');
        expect(await store.readDraft('claude-desktop', 'default')).toEqual(before);
        const fresh = store.updateDraft('claude-desktop', 'never', () => {
          throw Object.assign(new Error('refused'), { code: 'INVALID_INPUT' });
        });
        expect(await codeOf(fresh)).toBe('INVALID_INPUT');
        expect(await store.listDraftProfiles('claude-desktop')).toEqual(['default']);
      });

      it('loses no change of 8 concurrent writers', async () => {
        const { store } = f();
        await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            store.updateDraft('cursor', 'busy', (d) => {
              d.mcpServers[`s${i}`] = { command: `cmd-${i}` };
            }),
          ),
        );
        expect(Object.keys((await store.readDraft('cursor', 'busy')).mcpServers).sort()).toEqual(
          Array.from({ length: 8 }, (_, i) => `s${i}`),
        );
      });

      it('lists draft profiles sorted and deletes drafts', async () => {
        const { store } = f();
        for (const p of ['b', 'a', 'c.1']) await store.updateDraft('vscode', p, () => undefined);
        expect(await store.listDraftProfiles('vscode')).toEqual(['a', 'b', 'c.1']);
        await store.deleteDraft('vscode', 'b');
        await store.deleteDraft('vscode', 'not-there');
        expect(await store.listDraftProfiles('vscode')).toEqual(['a', 'c.1']);
        expect((await store.readDraft('vscode', 'b')).updated_at).toBeNull();
        expect(await codeOf(store.readDraft('vscode', '..'))).toBe('INVALID_ID');
      });
    });

    describe('deployments and backups', () => {
      const f = useStore();

      it('records deployments as the current state and in the log, newest first', async () => {
        const { store } = f();
        expect(await store.readDeployment('claude-desktop', 'default')).toBeNull();
        expect(await store.listDeployments()).toEqual([]);
        expect(await store.readDeploymentLog()).toEqual([]);
        const one = await store.recordDeployment(
          deployment('claude-desktop', 'default', `sha256:${'1'.repeat(64)}`),
        );
        expect(one).toMatchObject({
          deployment_id: expect.stringMatching(/^dep_/),
          deployed_at: expect.any(String),
          deployed_by: expect.stringContaining('@'),
          server_hashes: { 'srv-0': 'a'.repeat(64) },
        });
        const two = await store.recordDeployment({
          ...deployment('claude-desktop', 'default', `sha256:${'2'.repeat(64)}`),
          action: 'rollback',
          previous_artifact_id: `sha256:${'1'.repeat(64)}`,
        });
        const other = await store.recordDeployment(deployment('cursor', 'work', null));
        const zed = await store.recordDeployment(deployment('cursor', 'alpha', null));
        expect(await store.readDeployment('claude-desktop', 'default')).toEqual(two);
        expect(await store.listDeployments()).toEqual([two, zed, other]);
        expect(await store.readDeploymentLog()).toEqual([zed, other, two, one]);
        expect(await store.readDeploymentLog({ client_id: 'claude-desktop' })).toEqual([two, one]);
        expect(await store.readDeploymentLog({ client_id: 'cursor', profile_id: 'work' })).toEqual([other]);
        expect(await store.readDeploymentLog({ profile_id: 'alpha' })).toEqual([zed]);
        expect(await codeOf(store.readDeployment('claude-desktop', '../x'))).toBe('INVALID_ID');
      });

      it('keeps backups byte for byte, and that a file did not exist', async () => {
        const { store } = f();
        const bytes = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
        const kept = await store.saveBackup('claude-desktop', '/home/u/.config/claude.json', bytes);
        expect(kept).toMatchObject({ client_id: 'claude-desktop', existed: true, size: 512 });
        const back = await store.readBackup('claude-desktop', kept.backup_id);
        expect(back.backup).toEqual(kept);
        expect(back.bytes?.equals(bytes)).toBe(true);
        const empty = await store.saveBackup('claude-desktop', '/x/empty.json', Buffer.alloc(0));
        expect((await store.readBackup('claude-desktop', empty.backup_id)).bytes?.length).toBe(0);
        const none = await store.saveBackup('claude-desktop', '/x/new.json', null);
        expect(none).toMatchObject({ existed: false, sha256: null, size: 0 });
        expect(await store.readBackup('claude-desktop', none.backup_id)).toEqual({
          backup: none,
          bytes: null,
        });
      });

      it('refuses unknown and malformed backup ids', async () => {
        const { store } = f();
        const kept = await store.saveBackup('cursor', '/x/mcp.json', Buffer.from('{}'));
        expect(await codeOf(store.readBackup('cursor', '20260101T000000000Z-abcdef'))).toBe(
          'BACKUP_NOT_FOUND',
        );
        expect(await codeOf(store.readBackup('vscode', kept.backup_id))).toBe('BACKUP_NOT_FOUND');
        expect(await codeOf(store.readBackup('cursor', '../../etc/passwd'))).toBe('INVALID_ID');
        expect(await codeOf(store.saveBackup('../x', '/x', null))).toBe('INVALID_ID');
      });

      it('prunes backups beyond the newest N of each client file; a dry run removes nothing', async () => {
        const { store } = f();
        const tick = () => new Promise((r) => setTimeout(r, 3));
        const saved = [];
        for (let i = 0; i < 3; i++) {
          saved.push(await store.saveBackup('zed', '/x/zed/settings.json', Buffer.from(`v${i}`)));
          await tick();
        }
        const other = await store.saveBackup('zed', '/x/zed/other.json', Buffer.from('o'));
        const ids = (list: Array<{ backup_id: string }>) => list.map((b) => b.backup_id);
        const older = ids(saved.slice(0, 2));
        expect(ids(await store.pruneBackups({ keep: 1, client_id: 'zed' }, true))).toEqual(older);
        expect((await store.readBackup('zed', older[0] as string)).bytes?.toString()).toBe('v0');
        expect(ids(await store.pruneBackups({ keep: 1, client_id: 'zed' }))).toEqual(older);
        for (const id of older) expect(await codeOf(store.readBackup('zed', id))).toBe('BACKUP_NOT_FOUND');
        expect((await store.readBackup('zed', saved[2]?.backup_id as string)).bytes?.toString()).toBe('v2');
        expect((await store.readBackup('zed', other.backup_id)).bytes?.toString()).toBe('o');
        // Nothing is a minute old yet.
        expect(await store.pruneBackups({ older_than_ms: 60_000 })).toEqual([]);
      });

      it(`keeps the newest ${BACKUPS_KEPT} backups of a client file after each new one`, async () => {
        const { store } = f();
        const saved = [];
        for (let i = 0; i < BACKUPS_KEPT + 2; i++) {
          saved.push(await store.saveBackup('goose', '/x/goose.yaml', Buffer.from(`v${i}`)));
          await new Promise((r) => setTimeout(r, 2));
        }
        const left = await store.pruneBackups({ keep: 0, client_id: 'goose' }, true);
        expect(left.map((b) => b.backup_id)).toEqual(saved.slice(2).map((b) => b.backup_id));
      });
    });

    describe('tokens', () => {
      const f = useStore();
      const t0 = new Date('2026-06-01T00:00:00.000Z');

      it('creates tokens shown once, stored hashed, listed oldest first', async () => {
        const { store } = f();
        expect(await store.hasActiveToken(t0)).toBe(false);
        expect(await store.listTokens()).toEqual([]);
        const a = await store.createToken({ name: 'ci', now: t0 });
        const b = await store.createToken({ now: t0 });
        expect(a.token).toMatch(/^mo_[A-Za-z0-9_-]{43}$/);
        expect(a).toMatchObject({
          name: 'ci',
          created_at: t0.toISOString(),
          expires_at: null,
          last_used_at: null,
        });
        expect(b.name).toBe('default');
        const listed = await store.listTokens();
        expect(listed.map((t) => t.id)).toEqual([a.id, b.id]);
        expect(JSON.stringify(listed)).not.toContain(a.token);
        expect(listed[0]).not.toHaveProperty('hash');
        expect(listed[0]).not.toHaveProperty('token');
        expect(await store.hasActiveToken(t0)).toBe(true);
      });

      it('verifies a token, refuses wrong ones and notes when it was used', async () => {
        const { store } = f();
        const made = await store.createToken({ name: 'verify', now: t0 });
        const { token, ...info } = made;
        const at = new Date(t0.getTime() + 5_000);
        expect(await store.verifyToken(token, at)).toEqual(info);
        expect((await store.listTokens()).find((t) => t.id === made.id)?.last_used_at).toBe(at.toISOString());
        expect(
          await codeOf(store.verifyToken(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, at)),
        ).toBe('UNAUTHORIZED');
        expect(await codeOf(store.verifyToken(token.slice(3), at))).toBe('UNAUTHORIZED');
        expect(await codeOf(store.verifyToken('', at))).toBe('UNAUTHORIZED');
      });

      it('refuses a token from the moment it expires', async () => {
        const { store } = f();
        const { token, id } = await store.createToken({ name: 'short', ttlMs: 60_000, now: t0 });
        expect((await store.listTokens()).find((t) => t.id === id)?.expires_at).toBe(
          new Date(t0.getTime() + 60_000).toISOString(),
        );
        expect((await store.verifyToken(token, new Date(t0.getTime() + 59_999))).id).toBe(id);
        expect(await codeOf(store.verifyToken(token, new Date(t0.getTime() + 60_000)))).toBe('UNAUTHORIZED');
      });

      it('revokes tokens; an unknown id is TOKEN_NOT_FOUND', async () => {
        const { store } = f();
        for (const t of await store.listTokens()) {
          if (t.expires_at === null) await store.revokeToken(t.id);
        }
        // Only the expired one is left: no active token once it has expired.
        expect(await store.hasActiveToken(t0)).toBe(true);
        expect(await store.hasActiveToken(new Date(t0.getTime() + 60_000))).toBe(false);
        const { token, id } = await store.createToken({ now: t0 });
        expect((await store.revokeToken(id)).id).toBe(id);
        expect(await codeOf(store.verifyToken(token, t0))).toBe('UNAUTHORIZED');
        expect((await store.listTokens()).map((t) => t.id)).not.toContain(id);
        expect(await codeOf(store.revokeToken(id))).toBe('TOKEN_NOT_FOUND');
        expect(await codeOf(store.revokeToken('tok-000000000000'))).toBe('TOKEN_NOT_FOUND');
        expect(await codeOf(store.revokeToken('../x'))).toBe('INVALID_ID');
      });

      it('sees a token made through another store at once', async () => {
        const { store, twin } = f();
        const other = await twin();
        const { token, id } = await other.createToken({ name: 'elsewhere', now: t0 });
        expect((await store.verifyToken(token, t0)).id).toBe(id);
        await store.revokeToken(id);
        expect(await codeOf(other.verifyToken(token, t0))).toBe('UNAUTHORIZED');
      });
    });

    describe('user registry servers', () => {
      const f = useStore();

      it('adds, refuses duplicates, replaces, lists sorted and removes', async () => {
        const { store } = f();
        expect(await store.listUserServers()).toEqual([]);
        expect(await store.putUserServer(serverDef('zeta'))).toEqual(serverDef('zeta'));
        await store.putUserServer(serverDef('alpha'));
        expect(await codeOf(store.putUserServer(serverDef('alpha', 'Another.')))).toBe('DUPLICATE_SERVER');
        expect((await store.listUserServers()).map((s) => s.id)).toEqual(['alpha', 'zeta']);
        await store.putUserServer(serverDef('alpha', 'Replaced.'), { replace: true });
        expect((await store.listUserServers())[0]).toEqual(serverDef('alpha', 'Replaced.'));
        expect(await store.removeUserServer('alpha')).toEqual(serverDef('alpha', 'Replaced.'));
        expect(await store.removeUserServer('alpha')).toBeNull();
        expect(await store.listUserServers()).toEqual([serverDef('zeta')]);
        expect(await codeOf(store.removeUserServer('../x'))).toBe('INVALID_ID');
      });
    });

    describe('settings (the policy, the registry settings)', () => {
      const f = useStore();

      it('keeps one value per name, shared with a twin, and forgets it with null', async () => {
        const { store, twin } = f();
        expect(await store.readSetting('policy')).toBeNull();
        const policy = { deny: [{ command: 'curl' }], max_servers: 3 };
        await store.writeSetting('policy', policy);
        await store.writeSetting('registry', { namespace: 'com.acme' });
        const other = await twin();
        expect(await other.readSetting('policy')).toEqual(policy);
        expect(await other.readSetting('registry')).toEqual({ namespace: 'com.acme' });
        await other.writeSetting('policy', { transports: ['stdio'] });
        expect(await store.readSetting('policy')).toEqual({ transports: ['stdio'] });
        await store.writeSetting('policy', null);
        expect(await other.readSetting('policy')).toBeNull();
        expect(await other.readSetting('registry')).toEqual({ namespace: 'com.acme' });
      });
    });

    describe('the drift hash salt', () => {
      const f = useStore();

      it('is 32 random bytes in hex, made once and the same for a twin, even when both ask at once', async () => {
        const { store, twin } = f();
        const other = await twin();
        const [mine, theirs] = await Promise.all([store.hashSalt(), other.hashSalt()]);
        expect(mine).toMatch(/^[0-9a-f]{64}$/);
        expect(theirs).toBe(mine);
        expect(await store.hashSalt()).toBe(mine);
        expect(await (await twin()).hashSalt()).toBe(mine);
      });
    });

    describe('audit trail', () => {
      const f = useStore();

      it('appends entries and lists them newest first, in pages', async () => {
        const { store } = f();
        expect(await store.listAudit()).toEqual([]);
        const entries = [];
        for (let i = 0; i < 5; i++) {
          entries.push(
            await store.appendAudit({
              actor: 'local:u@h',
              actor_name: 'u',
              action: i % 2 ? 'publish' : 'deploy',
              target: `claude-desktop/p${i}`,
              artifact_id: i % 2 ? `sha256:${String(i).repeat(64)}` : null,
              ...(i === 0 ? {} : { details: { n: i, nested: { list: [1, 'two'] } } }),
            }),
          );
        }
        expect(entries[0]).toMatchObject({ id: expect.any(String), at: expect.any(String), details: {} });
        expect(new Set(entries.map((e) => e.id)).size).toBe(5);
        const newestFirst = [...entries].reverse();
        expect(await store.listAudit()).toEqual(newestFirst);
        expect(await store.listAudit({ limit: 2 })).toEqual(newestFirst.slice(0, 2));
        expect(await store.listAudit({ limit: 2, offset: 3 })).toEqual(newestFirst.slice(3, 5));
        expect(await store.listAudit({ offset: 4 })).toEqual(newestFirst.slice(4));
      });
    });

    describe('fleet reports', () => {
      const f = useStore();

      it('keeps the last report per machine, client and profile, seen by a twin', async () => {
        const { store, twin } = f();
        expect(await store.listFleetReports()).toEqual([]);
        const report = (machine: string, state: 'in-sync' | 'drifted' | 'failed', at: string) => ({
          machine_id: `m_${machine.repeat(16)}`,
          hostname: `host-${machine}`,
          user: 'dev',
          client_id: 'cursor',
          profile_id: 'team',
          artifact_id: `sha256:${'a'.repeat(64)}`,
          state,
          error: null,
          reported_at: at,
        });
        await store.putFleetReport(report('1', 'drifted', '2026-01-01T00:00:00.000Z'));
        await store.putFleetReport(report('1', 'in-sync', '2026-01-01T00:05:00.000Z'));
        await store.putFleetReport(report('2', 'failed', '2026-01-01T00:06:00.000Z'));
        const other = await twin();
        const all = (await other.listFleetReports()).sort((x, y) => x.machine_id.localeCompare(y.machine_id));
        expect(all).toEqual([
          report('1', 'in-sync', '2026-01-01T00:05:00.000Z'),
          report('2', 'failed', '2026-01-01T00:06:00.000Z'),
        ]);
        expect(
          await codeOf(store.putFleetReport({ ...report('3', 'in-sync', 'x'), client_id: '../x' })),
        ).toBe('INVALID_ID');
      });
    });

    describe('concurrency', () => {
      const f = useStore();

      it('8 concurrent publishers on one profile all succeed, in some order, losing nothing', async () => {
        const { store } = f();
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, i) => publishTag(store, 'claude-desktop', 'race', `p${i}`)),
        );
        expect(new Set(results.map((r) => r.entry.seq))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8]));
        const history = await store.readHistory('claude-desktop', 'race', 20, 0);
        expectChain(history, 8);
        expect(await store.readHead('claude-desktop', 'race')).toEqual(history[0]);
        for (const r of results) {
          expect(await store.loadArtifact('claude-desktop', 'race', r.artifact.artifact_id)).toEqual(
            r.artifact,
          );
        }
      });

      it('two stores on the same data (two Orchestrators) publishing at once both succeed', async () => {
        const { store, twin } = f();
        const other = await twin();
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            publishTag(i % 2 ? other : store, 'cursor', 'shared', `two-${i}`),
          ),
        );
        expect(results.map((r) => r.entry.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
        const fromOne = await store.readHistory('cursor', 'shared', 20, 0);
        expectChain(fromOne, 8);
        expect(await other.readHistory('cursor', 'shared', 20, 0)).toEqual(fromOne);
        expect(await other.readHead('cursor', 'shared')).toEqual(await store.readHead('cursor', 'shared'));
      });
    });
  });
}
