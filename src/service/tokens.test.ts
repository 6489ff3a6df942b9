/**
 * Tokens made before roles existed become admin tokens when a store is first opened by this
 * version, and the migration says so once (naming how many), on both backends.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, sharedServerUrl } from '../../test/helpers/postgres.js';
import { makeTempHome, type TempHome } from '../../test/helpers/temp-home.js';
import { HomeLayout } from '../store/home.js';
import { Orchestrator } from './index.js';

const serverUrl = sharedServerUrl(inject('postgres'));

const legacy = (n: number) => {
  const token = `mo_legacy${n}`;
  return {
    token,
    record: {
      id: `tok-00000000000${n}`,
      name: `old-${n}`,
      hash: createHash('sha256').update(token).digest('hex'),
      created_at: '2026-01-01T00:00:00.000Z',
      expires_at: null,
      last_used_at: null,
    },
  };
};

let temp: TempHome;
beforeEach(() => {
  temp = makeTempHome();
});
afterEach(() => temp.cleanup());

describe('tokens made before roles', () => {
  it('become admin in the home folder, and the migration says so once, naming the count', async () => {
    const home = new HomeLayout(temp.home);
    mkdirSync(dirname(home.tokensFile), { recursive: true });
    writeFileSync(
      home.tokensFile,
      JSON.stringify({ version: 1, tokens: [legacy(1).record, legacy(2).record] }),
    );
    const notices: string[] = [];
    const svc = new Orchestrator({ env: temp.env, notice: (line) => notices.push(line) });
    expect((await svc.listTokens()).map((t) => t.role)).toEqual(['admin', 'admin']);
    expect(notices).toEqual([expect.stringMatching(/^2 API tokens made before roles are now admin tokens/)]);
    expect(JSON.parse(readFileSync(home.tokensFile, 'utf8')).tokens[0].role).toBe('admin');
    expect((await svc.listAudit()).map((e) => e.action)).toContain('token.migrate');
    const again: string[] = [];
    await new Orchestrator({ env: temp.env, notice: (line) => again.push(line) }).listTokens();
    expect(again).toEqual([]);
    expect((await svc.verifyToken(legacy(1).token)).role).toBe('admin');
  });

  it('become admin in PostgreSQL too, said once for every replica', async () => {
    const db = await createTestDatabase(serverUrl);
    const first = new Orchestrator({ env: temp.env, store: db.url });
    const notices: string[] = [];
    try {
      await first.listTokens();
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const { record } = legacy(3);
      await client.query('INSERT INTO tokens (id, hash, expires_at, record) VALUES ($1, $2, NULL, $3)', [
        record.id,
        record.hash,
        JSON.stringify(record),
      ]);
      await client.end();
      const replicas = [1, 2].map(
        () => new Orchestrator({ env: temp.env, store: db.url, notice: (line) => notices.push(line) }),
      );
      await Promise.all(replicas.map((r) => r.listTokens()));
      expect(notices).toEqual([
        expect.stringMatching(/^1 API token made before roles is now an admin token/),
      ]);
      expect((await first.verifyToken(legacy(3).token)).role).toBe('admin');
      await Promise.all(replicas.map((r) => r.close()));
    } finally {
      await first.close();
      await db.drop();
    }
  });
});
