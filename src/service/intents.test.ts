/**
 * Crash-consistent deploys: when the Store fails right after a client file was replaced (a full
 * disk, a lost database, a kill), the intent kept before the rename lets the next command record
 * the deploy, so `status` is right; an intent whose write never happened is dropped. Temp files a
 * killed write left beside a client file are swept by the next deploy.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempHome, type TempHome } from '../../test/helpers/temp-home.js';
import { OrchestrationError } from '../core/errors.js';
import { HomeLayout } from '../store/home.js';
import { createStore } from '../store/open.js';
import type { Store } from '../store/store.js';
import { Orchestrator } from './index.js';

let temp: TempHome;
beforeEach(() => {
  temp = makeTempHome();
});
afterEach(() => temp.cleanup());

/** The home folder store, whose deployment records fail while `failing` is set (ENOSPC). */
function flakyStore(home: string): { store: Store; failing: { on: boolean } } {
  const store = createStore(new HomeLayout(home), undefined, {});
  const failing = { on: false };
  const real = store.recordDeployment.bind(store);
  store.recordDeployment = async (record) => {
    if (failing.on) throw new OrchestrationError('DISK_FULL', 'No space left on the device of the store.');
    return real(record);
  };
  return { store, failing };
}

/** A home with a key and a published profile (one server), and the Claude Desktop file's folder. */
async function published(store?: Store) {
  const svc = new Orchestrator({
    home: temp.home,
    ...(store ? { store } : {}),
    env: temp.env,
    platform: 'linux',
    cwd: temp.root,
  });
  await svc.init();
  await svc.publish({
    changelog: 'one',
    payload: { mcpServers: { memory: { command: 'npx', args: ['m'] } } },
  });
  const file =
    (await svc.listClients()).clients.find((c) => c.client_id === 'claude-desktop')?.config_path ?? '';
  mkdirSync(dirname(file), { recursive: true });
  return { svc, file };
}

/** A deploy whose record failed, leaving its intent; returns the intent's path and the client file. */
async function leftIntent() {
  const { store, failing } = flakyStore(temp.home);
  const { svc, file } = await published(store);
  writeFileSync(file, '{ "mcpServers": { "mine": { "command": "x" } } }\n');
  failing.on = true;
  await expect(svc.deploy({})).rejects.toMatchObject({ code: 'DISK_FULL' });
  const pending = join(temp.home, 'deployments', 'pending');
  const [name] = readdirSync(pending);
  return {
    svc: new Orchestrator({ home: temp.home, env: temp.env, platform: 'linux', cwd: temp.root }),
    intent: join(pending, name ?? ''),
    file,
  };
}

const rewrite = (path: string, change: (intent: any) => void) => {
  const intent = JSON.parse(readFileSync(path, 'utf8'));
  change(intent);
  writeFileSync(path, JSON.stringify(intent));
};

describe('deploy intents', () => {
  it('a deploy whose record failed after the rename is recorded by the next command', async () => {
    const { svc, file } = await leftIntent();
    expect(readFileSync(file, 'utf8')).toContain('"memory"');
    expect(readdirSync(join(temp.home, 'deployments', 'pending'))).toHaveLength(1);
    const st = await svc.status({});
    expect(st.entries).toMatchObject([
      { client_id: 'claude-desktop', state: 'in-sync', head_is_deployed: true },
    ]);
    expect(readdirSync(join(temp.home, 'deployments', 'pending'))).toHaveLength(0);
    expect((await svc.listAudit({})).map((e) => e.action)).toContain('deploy.recovered');
  });

  it('an intent whose write never reached the file is dropped, and nothing is recorded', async () => {
    const svc = new Orchestrator({ home: temp.home, env: temp.env, platform: 'linux', cwd: temp.root });
    await svc.init();
    const pending = join(temp.home, 'deployments', 'pending');
    mkdirSync(pending, { recursive: true });
    writeFileSync(
      join(pending, 'x.json'),
      JSON.stringify({
        record: {
          action: 'deploy',
          client_id: 'cursor',
          profile_id: 'default',
          source_client_id: 'cursor',
          artifact_id: null,
          previous_artifact_id: null,
          config_path: join(temp.userHome, '.cursor', 'mcp.json'),
          scope: 'user',
          backup_id: null,
          server_hashes: {},
          file_sha256: 'f'.repeat(64),
          managed_servers: [],
        },
      }),
    );
    expect((await svc.status({})).entries).toEqual([]);
    expect(existsSync(join(pending, 'x.json'))).toBe(false);
  });

  it('the next deploy sweeps temp files a killed write left beside the client file', async () => {
    const { svc, file } = await published();
    // pid 2147483646 is not alive: the writer is gone.
    const leftover = join(dirname(file), '.claude_desktop_config.json.2147483646.0123456789ab.tmp');
    // What a kill right after a swap can leave: a version an editor saved meanwhile, read by
    // nobody yet. It is kept as a backup before it goes.
    const saved = '{ "mcpServers": {}, "user": "saved during a deploy" }\n';
    writeFileSync(leftover, saved);
    await svc.deploy({});
    expect(existsSync(leftover)).toBe(false);
    const backups = join(temp.home, 'backups', 'claude-desktop');
    const kept = readdirSync(backups)
      .filter((n) => n.endsWith('.bak'))
      .map((n) => readFileSync(join(backups, n), 'utf8'));
    expect(kept).toContain(saved);
  });

  it('an intent of a command killed before it published what it wrote is undone: the file is put back', async () => {
    const { svc, intent, file } = await leftIntent();
    expect(readFileSync(file, 'utf8')).toContain('"memory"');
    // As a one-shot killed between writing and publishing leaves it: an artifact never published,
    // kept by a process that is gone (pid 2147483646 is not alive).
    rewrite(intent, (i) => {
      i.record.artifact_id = `sha256:${'0'.repeat(64)}`;
      i.owner.pid = 2147483646;
    });
    const notices: string[] = [];
    const quiet = new Orchestrator({
      home: temp.home,
      env: temp.env,
      platform: 'linux',
      cwd: temp.root,
      notice: (line) => notices.push(line),
    });
    expect((await quiet.status({})).entries).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe('{ "mcpServers": { "mine": { "command": "x" } } }\n');
    expect(existsSync(intent)).toBe(false);
    expect(notices.join('\n')).toContain('was put back as it was before');
    expect((await svc.listAudit({})).map((e) => e.action)).toContain('deploy.undone');
  });

  it('an intent of a command still running in another process is left to it', async () => {
    const { svc, intent } = await leftIntent();
    // The parent of this test process is alive: its intent is not ours to settle.
    rewrite(intent, (i) => {
      i.owner = { pid: process.ppid, host: i.owner.host, started: null };
    });
    expect((await svc.status({})).entries).toEqual([]);
    expect(existsSync(intent)).toBe(true);
    rewrite(intent, (i) => {
      i.owner.pid = 2147483646;
    });
    expect((await svc.status({})).entries).toMatchObject([{ client_id: 'claude-desktop', state: 'in-sync' }]);
    expect(existsSync(intent)).toBe(false);
  });
});
