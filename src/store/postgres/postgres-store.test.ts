import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { createTestDatabase, sharedServerUrl } from '../../../test/helpers/postgres.js';
import { storeContract } from '../../../test/helpers/store-contract.js';
import { OrchestrationError } from '../../core/errors.js';
import { PACKAGE_ROOT } from '../../version.js';
import { loadMigrations } from './migrations.js';
import { PostgresStore } from './postgres-store.js';

// Never skipped: with no server this throws here and the file fails with the reason.
const serverUrl = sharedServerUrl(inject('postgres'));

storeContract('PostgresStore', async () => {
  const db = await createTestDatabase(serverUrl);
  const opened: PostgresStore[] = [];
  const open = async () => {
    const store = new PostgresStore(db.url);
    opened.push(store);
    await store.open();
    return store;
  };
  return {
    store: await open(),
    twin: open,
    cleanup: async () => {
      for (const s of opened) await s.close();
      await db.drop();
    },
  };
});

async function failure(pending: Promise<unknown>): Promise<OrchestrationError> {
  const err = await pending.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof OrchestrationError))
    throw new Error(`expected an OrchestrationError, got ${String(err)}`);
  return err;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

describe('PostgresStore: reaching the database', () => {
  it('says STORE_UNAVAILABLE naming host:port/db, never the password, when nothing listens', async () => {
    const port = await closedPort();
    const store = new PostgresStore(`postgresql://mo:Sup3r-s3cret@127.0.0.1:${port}/orch`, {
      connectTimeoutMs: 2_000,
    });
    expect(store.location).toBe(`postgresql://127.0.0.1:${port}/orch`);
    const err = await failure(store.open());
    expect(err.code).toBe('STORE_UNAVAILABLE');
    expect(err.message).toContain(`127.0.0.1:${port}/orch`);
    expect(JSON.stringify(err.toJSON())).not.toContain('Sup3r-s3cret');
    // Every call fails the same way, and a later open tries again.
    expect((await failure(store.readHead('claude-desktop', 'default'))).code).toBe('STORE_UNAVAILABLE');
    await store.close();
  });

  it('says STORE_UNAVAILABLE for a wrong password or a missing database, without the password', async () => {
    const url = new URL(serverUrl);
    url.password = 'wrong%2Fpass word';
    const wrong = new PostgresStore(url.toString());
    const err = await failure(wrong.open());
    expect(err.code).toBe('STORE_UNAVAILABLE');
    expect(err.message).toContain(`${url.hostname}:${url.port}/postgres`);
    expect(err.message).toMatch(/password authentication failed/);
    expect(JSON.stringify(err.toJSON())).not.toMatch(/wrong/);
    await wrong.close();

    const missing = new URL(serverUrl);
    missing.pathname = '/no_such_db';
    const none = new PostgresStore(missing.toString());
    const err2 = await failure(none.open());
    expect(err2.code).toBe('STORE_UNAVAILABLE');
    expect(err2.message).toContain('/no_such_db');
    expect(JSON.stringify(err2.toJSON())).not.toContain(new URL(serverUrl).password);
    await none.close();
  });

  it('parses store URLs without keeping credentials in what it prints', () => {
    expect(PostgresStore.parseUrl('postgres://u:p@db.example:6543/orch?sslmode=disable')).toEqual({
      host: 'db.example',
      port: 6543,
      database: 'orch',
      location: 'postgresql://db.example:6543/orch',
    });
    expect(PostgresStore.parseUrl('postgresql://u@localhost').location).toBe('postgresql://localhost:5432/u');
    expect(PostgresStore.parseUrl('postgresql:///orch?host=/var/run/postgresql').location).toBe(
      'postgresql://%2Fvar%2Frun%2Fpostgresql:5432/orch',
    );
    for (const bad of ['http://u:secret@x/db', '/some/folder', 'postgresql://[bad']) {
      const err = (() => {
        try {
          PostgresStore.parseUrl(bad);
        } catch (e) {
          return e as OrchestrationError;
        }
        return undefined;
      })();
      expect(err?.code).toBe('INVALID_INPUT');
      expect(err?.message).not.toContain('secret');
    }
  });
});

describe('PostgresStore: migrations', () => {
  it('two processes opening a new database at once apply each migration once', async () => {
    const db = await createTestDatabase(serverUrl);
    const stores = Array.from({ length: 4 }, () => new PostgresStore(db.url));
    try {
      await Promise.all(stores.map((s) => s.open()));
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query('SELECT version, name FROM schema_migrations ORDER BY version');
      expect(rows).toEqual(loadMigrations().map((m) => ({ version: m.version, name: m.name })));
      // A database already at a newer schema than this code knows is refused, not written to.
      await client.query("INSERT INTO schema_migrations (version, name) VALUES (999, 'future')");
      await client.end();
      const newer = new PostgresStore(db.url);
      const err = await failure(newer.open());
      expect(err.code).toBe('STORE_UNAVAILABLE');
      expect(err.message).toMatch(/schema version 999/);
      await newer.close();
    } finally {
      for (const s of stores) await s.close();
      await db.drop();
    }
  });

  it('ships the .sql files in dist/ for the built and bundled code', () => {
    const sources = loadMigrations(join(PACKAGE_ROOT, 'src', 'store', 'postgres', 'migrations'));
    expect(sources.length).toBeGreaterThan(0);
    expect(loadMigrations(join(PACKAGE_ROOT, 'dist', 'store', 'postgres', 'migrations'))).toEqual(sources);
  });

  it('refuses a migration folder with a gap in its numbers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mo-mig-'));
    try {
      writeFileSync(join(dir, '001_init.sql'), 'SELECT 1;');
      writeFileSync(join(dir, '003_later.sql'), 'SELECT 1;');
      expect(() => loadMigrations(dir)).toThrow(/003_later\.sql is misnamed or out of sequence/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
