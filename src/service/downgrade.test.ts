/**
 * Downgrade protection for local heads (issue #13, finding 3): each history entry is signed with
 * its sequence number, and this machine remembers the highest one it has seen per profile, so
 * editing history.jsonl (or the PostgreSQL tables) cannot move the head back to an older signed
 * artifact. An explicit rollback or `--artifact` still deploys an older artifact on purpose.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { errorCode } from '../../test/helpers/error-code.js';
import { createTestDatabase, sharedServerUrl } from '../../test/helpers/postgres.js';
import { initializedService } from '../../test/helpers/service.js';
import { makeTempHome, type TempHome } from '../../test/helpers/temp-home.js';
import { Orchestrator } from './index.js';

const payload = (command: string) => ({ mcpServers: { memory: { command, args: ['-y', 'server-memory'] } } });

let temp: TempHome;
let svc: Orchestrator;
let claudeFile: string;
const ids: string[] = [];

beforeEach(async () => {
  ({ temp, svc } = await initializedService());
  claudeFile = join(temp.userHome, '.config', 'Claude', 'claude_desktop_config.json');
  mkdirSync(dirname(claudeFile), { recursive: true });
  writeFileSync(claudeFile, '{ "mcpServers": {} }\n');
  ids.length = 0;
  for (const c of ['one', 'two', 'three'])
    ids.push((await svc.publish({ payload: payload(c), changelog: c })).artifact_id);
});
afterEach(() => temp.cleanup());

const historyFile = () => join(temp.home, 'profiles', 'claude-desktop', 'default', 'history.jsonl');
const lines = () => readFileSync(historyFile(), 'utf8').trimEnd().split('\n');
const setLines = (ls: string[]) => writeFileSync(historyFile(), `${ls.join('\n')}\n`);

async function refusedEverywhere(code: string): Promise<void> {
  expect(await errorCode(() => svc.get({}))).toBe(code);
  expect(await errorCode(() => svc.deploy({}))).toBe(code);
  expect(await errorCode(() => svc.export({}))).toBe(code);
  expect(readFileSync(claudeFile, 'utf8')).toBe('{ "mcpServers": {} }\n');
}

describe('an edited history.jsonl', () => {
  it('signs every entry with its sequence number', () => {
    const entries = lines().map((l) => JSON.parse(l));
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    for (const e of entries) expect(e.signature).toMatchObject({ algorithm: 'Ed25519' });
  });

  it('cut back to an older entry is DOWNGRADE_DETECTED, and nothing can be published on top of it', async () => {
    setLines(lines().slice(0, 1));
    await refusedEverywhere('DOWNGRADE_DETECTED');
    expect(await errorCode(() => svc.publish({ payload: payload('four'), changelog: 'four' }))).toBe(
      'DOWNGRADE_DETECTED',
    );
    expect(lines()).toHaveLength(1);
  });

  it('an older signed entry appended again is DOWNGRADE_DETECTED', async () => {
    setLines([...lines(), lines()[0] as string]);
    await refusedEverywhere('DOWNGRADE_DETECTED');
  });

  it('an older entry renumbered as the newest does not verify (TAMPERED), unsigned it is DOWNGRADE_DETECTED', async () => {
    const first = JSON.parse(lines()[0] as string);
    setLines([...lines(), JSON.stringify({ ...first, seq: 4 })]);
    await refusedEverywhere('TAMPERED');
    const { signature: _drop, ...unsigned } = first;
    setLines([...lines().slice(0, 3), JSON.stringify({ ...unsigned, seq: 4 })]);
    await refusedEverywhere('DOWNGRADE_DETECTED');
  });

  it('a history removed altogether is DOWNGRADE_DETECTED, not "nothing published"', async () => {
    setLines([]);
    expect(await errorCode(() => svc.get({}))).toBe('DOWNGRADE_DETECTED');
  });

  it('an explicit older artifact still deploys, and a rollback publishes nothing', async () => {
    await svc.deploy({});
    expect((await svc.deploy({ artifact_id: ids[0] as string })).artifact_id).toBe(ids[0]);
    await svc.deploy({});
    const rolled = await svc.rollback({});
    expect(rolled.action).toBe('rollback');
    expect((await svc.get({})).artifact_id).toBe(ids[2]);
    expect(lines()).toHaveLength(3);
  });

  it('another process publishing moves the head forward, and this one follows', async () => {
    const other = new Orchestrator({ env: temp.env, platform: 'linux', cwd: temp.root });
    const four = await other.publish({ payload: payload('four'), changelog: 'four' });
    expect((await svc.get({})).artifact_id).toBe(four.artifact_id);
  });
});

describe('a home folder from before signed history', () => {
  it('takes its head as found, then guards it from the next publish on', async () => {
    const legacy = lines().map((l) => {
      const { signature: _drop, ...rest } = JSON.parse(l);
      return JSON.stringify(rest);
    });
    setLines(legacy);
    rmSync(join(temp.home, 'seen-heads'), { recursive: true, force: true });
    expect((await svc.get({})).artifact_id).toBe(ids[2]);
    await svc.publish({ payload: payload('four'), changelog: 'four' });
    setLines(lines().slice(0, 3));
    expect(await errorCode(() => svc.get({}))).toBe('DOWNGRADE_DETECTED');
  });

  it('reads write nothing: no memory is kept by a read', async () => {
    rmSync(join(temp.home, 'seen-heads'), { recursive: true, force: true });
    await svc.get({});
    await svc.deploy({ dry_run: true });
    expect(existsSync(join(temp.home, 'seen-heads'))).toBe(false);
  });
});

describe('over PostgreSQL', () => {
  const serverUrl = sharedServerUrl(inject('postgres'));
  let db: { url: string; drop(): Promise<void> };
  let home: TempHome;
  beforeAll(async () => {
    db = await createTestDatabase(serverUrl);
    home = makeTempHome();
  });
  afterAll(async () => {
    await db.drop();
    home.cleanup();
  });

  it('a head moved back in the tables is DOWNGRADE_DETECTED', async () => {
    const hub = new Orchestrator({ home: home.home, env: home.env, store: db.url });
    try {
      await hub.init();
      await hub.publish({ payload: payload('one'), changelog: 'one', profile_id: 'team' });
      await hub.publish({ payload: payload('two'), changelog: 'two', profile_id: 'team' });
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        await client.query("DELETE FROM history WHERE profile_id = 'team' AND seq = 2");
        await client.query(
          "UPDATE profiles SET head_seq = 1, head = (SELECT entry FROM history WHERE profile_id = 'team' AND seq = 1) WHERE profile_id = 'team'",
        );
      } finally {
        await client.end();
      }
      expect(await errorCode(() => hub.get({ profile_id: 'team' }))).toBe('DOWNGRADE_DETECTED');
    } finally {
      await hub.close();
    }
  });
});
