/**
 * @module store/postgres/migrations
 * The schema of the PostgreSQL store, as numbered SQL files (`migrations/NNN_name.sql`) applied in
 * order on `open()`. One transaction applies every pending file while holding an advisory lock,
 * so two processes starting at once do not race: the second waits, then finds nothing to do.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { OrchestrationError } from '../../core/errors.js';
import { PACKAGE_ROOT } from '../../version.js';

/** The advisory lock key of migrations (any constant unique to this program). */
export const MIGRATION_LOCK_KEY = 0x6d6f_6d69; // "momi"
const FILE_PATTERN = /^(\d{3})_([a-z0-9_]+)\.sql$/;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Beside this module (src/ under vitest, and the tsc build in dist/), else in
 * dist/store/postgres/migrations/ (the bundled CLI, whose chunks live in dist/cli/chunks/).
 * scripts/copy-assets.mjs copies the files there.
 */
export function migrationsDir(): string {
  const beside = fileURLToPath(new URL('./migrations/', import.meta.url));
  return existsSync(beside) ? beside : join(PACKAGE_ROOT, 'dist', 'store', 'postgres', 'migrations');
}

/** Every migration, in order; numbers must run 1, 2, 3... with no gap or repeat. */
export function loadMigrations(dir = migrationsDir()): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  return files.map((file, i) => {
    const match = FILE_PATTERN.exec(file);
    if (!match || Number(match[1]) !== i + 1) {
      throw new Error(
        `Migration ${join(dir, file)} is misnamed or out of sequence: expected ${String(i + 1).padStart(3, '0')}_name.sql.`,
      );
    }
    return { version: i + 1, name: match[2] as string, sql: readFileSync(join(dir, file), 'utf8') };
  });
}

/** Applies the pending migrations; returns the versions applied (empty when up to date). */
export async function migrate(
  client: pg.PoolClient,
  location: string,
  migrations = loadMigrations(),
): Promise<number[]> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    const newest = Math.max(0, ...applied);
    if (newest > migrations.length) {
      throw new OrchestrationError(
        'STORE_UNAVAILABLE',
        `The database at ${location} has schema version ${newest}, newer than this mcp-orchestration knows (${migrations.length}): upgrade mcp-orchestration.`,
        { location, schema_version: newest, known_version: migrations.length },
      );
    }
    const done: number[] = [];
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        m.version,
        m.name,
      ]);
      done.push(m.version);
    }
    await client.query('COMMIT');
    return done;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
