/**
 * A member's own checks of what a hub sends (issue #14): a real hub refuses to serve a changed
 * artifact, so these run against a stub hub that serves whatever the test hands it. Each refused
 * head leaves the member's client file byte for byte as it was, keeps nothing and reports no
 * machine in sync.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorCode } from '../../test/helpers/error-code.js';
import { linuxService } from '../../test/helpers/service.js';
import { type StubHub, startStubHub } from '../../test/helpers/stub-hub.js';
import { makeTempHome, type TempHome } from '../../test/helpers/temp-home.js';
import type { Artifact } from '../core/schemas/artifact.js';
import type { Orchestrator } from './index.js';

const server = (command: string) => ({ command, args: ['-y', `@acme/${command}`] });
const team = { client_id: 'claude-desktop', profile_id: 'team' };

let hubHome: TempHome;
let rogueHome: TempHome;
let stub: StubHub;
const heads: Record<'v1' | 'v2' | 'other' | 'cursor' | 'rogue', Artifact> = {} as never;
let hubPem: string;
let roguePem: string;

async function publisher(temp: TempHome): Promise<Orchestrator> {
  const svc = linuxService(temp);
  await svc.init();
  return svc;
}

beforeAll(async () => {
  hubHome = makeTempHome('mo-stubhub-');
  rogueHome = makeTempHome('mo-rogue-');
  const hub = await publisher(hubHome);
  const rogue = await publisher(rogueHome);
  hubPem = (await hub.keysShow()).public_key_pem;
  roguePem = (await rogue.keysShow()).public_key_pem;
  const publish = async (svc: Orchestrator, target: object, command: string) => {
    const { artifact_id } = await svc.publish({
      ...target,
      payload: { mcpServers: { [command]: server(command) } },
    });
    return svc.get({ ...target, artifact_id }) as Promise<Artifact>;
  };
  heads.v1 = await publish(hub, team, 'one');
  // created_at has millisecond resolution: make v2 strictly newer than v1.
  await new Promise((resolve) => setTimeout(resolve, 5));
  heads.v2 = await publish(hub, team, 'two');
  heads.other = await publish(hub, { ...team, profile_id: 'other' }, 'other');
  heads.cursor = await publish(hub, { ...team, client_id: 'cursor' }, 'cursor');
  heads.rogue = await publish(rogue, team, 'rogue');
  stub = await startStubHub();
});
afterAll(async () => {
  await stub.close();
  hubHome.cleanup();
  rogueHome.cleanup();
});

let temp: TempHome;
let member: Orchestrator;
let clientFile: string;
const ORIGINAL = '{\n  // hand-written\n  "mcpServers": { "mine": { "command": "mine" } }\n}\n';

beforeEach(async () => {
  temp = makeTempHome('mo-member-');
  member = await publisher(temp);
  clientFile = join(temp.userHome, '.config', 'Claude', 'claude_desktop_config.json');
  mkdirSync(dirname(clientFile), { recursive: true });
  writeFileSync(clientFile, ORIGINAL);
  await member.addRemote({ name: 'team', url: stub.url, token: 'mo_member', trust_pem: hubPem });
  stub.reports.length = 0;
});
afterEach(() => temp.cleanup());

const sync = () => member.sync({ remote: 'team', ...team });
/** The head kept here for the hub's profile, or the error code when there is none. */
const localHead = () =>
  member.head(team).then(
    (h) => h.artifact_id,
    (err: { code: string }) => err.code,
  );

/** The refused head left everything here as it was: client file, local history, reports. */
async function refused(code: string, before: string): Promise<void> {
  const head = await localHead();
  const reportsBefore = stub.reports.length;
  expect(await errorCode(sync)).toBe(code);
  expect(readFileSync(clientFile, 'utf8')).toBe(before);
  expect(stub.reports.slice(reportsBefore)).toEqual([]);
  expect(await localHead()).toBe(head);
}

describe('sync checks what the hub sends against the keys pinned for it', () => {
  it('refuses a payload changed after signing (TAMPERED)', async () => {
    stub.serve({ ...heads.v2, payload: { mcpServers: { two: server('evil-package') } } });
    await refused('TAMPERED', ORIGINAL);
  });

  it('refuses an artifact signed by a key not pinned for the hub (UNTRUSTED_KEY), even one trusted here', async () => {
    stub.serve(heads.rogue);
    await refused('UNTRUSTED_KEY', ORIGINAL);
    // Trusting the key on this machine does not pin it for the hub.
    await member.trustAdd(roguePem);
    await refused('UNTRUSTED_KEY', ORIGINAL);
    await expect(sync()).rejects.toThrow(/not pinned for it.*remote add team/);
  });

  it('refuses a head older than the one synced before (DOWNGRADE_DETECTED)', async () => {
    stub.serve(heads.v2);
    const first = await sync();
    expect(first).toMatchObject({ head: 'fetched', artifact_id: heads.v2.artifact_id, reported: 1 });
    expect(stub.reports.map((r) => r.state)).toEqual(['in-sync']);
    const synced = readFileSync(clientFile, 'utf8');
    expect(JSON.parse(synced.replace(/\/\/.*\n/, '')).mcpServers.two).toEqual(server('two'));
    stub.serve(heads.v1);
    await refused('DOWNGRADE_DETECTED', synced);
    expect(await localHead()).toBe(heads.v2.artifact_id);
  });

  it("refuses another profile's or another client's artifact (TAMPERED)", async () => {
    stub.serve(heads.other);
    await refused('TAMPERED', ORIGINAL);
    stub.serve(heads.cursor);
    await refused('TAMPERED', ORIGINAL);
  });
});

describe('sync reports each client to the hub', () => {
  it('drifted when hand edits to the managed servers were found (and repaired by the deploy)', async () => {
    stub.serve(heads.v2);
    await sync();
    const synced = readFileSync(clientFile, 'utf8');
    writeFileSync(clientFile, synced.replace('"@acme/two"', '"@acme/hand-edited"'));
    const again = await sync();
    expect(again).toMatchObject({ head: 'unchanged', reported: 1 });
    expect(readFileSync(clientFile, 'utf8')).toBe(synced);
    expect(stub.reports.map((r) => [r.state, r.artifact_id])).toEqual([
      ['in-sync', heads.v2.artifact_id],
      ['drifted', heads.v2.artifact_id],
    ]);
    await sync();
    expect(stub.reports.at(-1)?.state).toBe('in-sync');
  });

  it('drifted when a same-named server written by hand kept the client file as it was (UNMANAGED_CONFLICT)', async () => {
    const handWritten = '{ "mcpServers": { "two": { "command": "my-own-two" } } }\n';
    writeFileSync(clientFile, handWritten);
    stub.serve(heads.v2);
    const r = await sync();
    expect(r.failed.map((f) => f.error.code)).toEqual(['UNMANAGED_CONFLICT']);
    expect(readFileSync(clientFile, 'utf8')).toBe(handWritten);
    expect(stub.reports).toMatchObject([
      {
        client_id: 'claude-desktop',
        state: 'drifted',
        artifact_id: null,
        error: { code: 'UNMANAGED_CONFLICT' },
      },
    ]);
    // The message names what sync can do: its own adopt, not a deploy flag.
    expect(r.failed[0]?.error.message).toContain('--adopt');
    const adopted = await member.sync({ remote: 'team', ...team, adopt: true });
    expect(adopted.failed).toEqual([]);
    expect(JSON.parse(readFileSync(clientFile, 'utf8')).mcpServers.two.command).not.toBe('my-own-two');
    expect(stub.reports.at(-1)).toMatchObject({ state: 'in-sync', artifact_id: heads.v2.artifact_id });
  });
});

describe('sync --dry-run', () => {
  it('fetches and verifies, but keeps, deploys and reports nothing', async () => {
    stub.serve(heads.v2);
    const fresh = await member.sync({ remote: 'team', ...team, dry_run: true });
    expect(fresh).toMatchObject({
      head: 'fetched',
      artifact_id: heads.v2.artifact_id,
      dry_run: true,
      reported: 0,
    });
    expect(fresh.note).toContain('Nothing was written');
    expect(await localHead()).toBe('PROFILE_NOT_FOUND');
    expect(readFileSync(clientFile, 'utf8')).toBe(ORIGINAL);
    expect(stub.reports).toEqual([]);
    // Nothing was remembered as synced either: the next sync is not conditional.
    expect(stub.requests.at(-1)?.if_none_match).toBeUndefined();

    stub.serve(heads.v1);
    await sync();
    const synced = readFileSync(clientFile, 'utf8');
    const reports = stub.reports.length;
    stub.serve(heads.v2);
    const newer = await member.sync({ remote: 'team', ...team, dry_run: true });
    expect(newer).toMatchObject({ head: 'fetched', artifact_id: heads.v2.artifact_id, deployed: [] });
    expect(await localHead()).toBe(heads.v1.artifact_id);
    stub.serve(heads.v1);
    const same = await member.sync({ remote: 'team', ...team, dry_run: true });
    expect(same).toMatchObject({ head: 'unchanged', reported: 0 });
    expect(same.deployed.map((d) => d.status)).toEqual(['dry-run']);
    expect(same.deployed[0]?.changes.summary).toMatchObject({ added: 0, removed: 0, modified: 0 });
    expect(readFileSync(clientFile, 'utf8')).toBe(synced);
    expect(stub.reports.length).toBe(reports);
  });
});

describe('remotes', () => {
  const remoteFile = () => join(temp.home, 'remotes', 'team.json');

  it('keeps the token in a file only its owner reads, and never lists it', async () => {
    expect(statSync(remoteFile()).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(remoteFile(), 'utf8')).token).toBe('mo_member');
    expect(JSON.stringify(await member.listRemotes())).not.toContain('mo_member');
  });

  it('remove forgets the hub: sync then says how to add it again', async () => {
    expect(await member.removeRemote('team')).toEqual({ removed: 'team' });
    expect(existsSync(remoteFile())).toBe(false);
    expect((await member.listRemotes()).remotes).toEqual([]);
    await expect(sync()).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: /No remote "team".*remote add team/,
    });
    expect(await errorCode(() => member.removeRemote('team'))).toBe('INVALID_INPUT');
  });

  it('refuses a trust file without a PEM public key, and saves nothing', async () => {
    const added = member.addRemote({
      name: 'other',
      url: stub.url,
      token: 'mo_member',
      trust_pem: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHub hub@example\n',
      trust_source: 'hub.pub',
    });
    await expect(added).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: /hub\.pub holds no PEM public key.*keys export/,
    });
    expect((await member.listRemotes()).remotes.map((r) => r.name)).toEqual(['team']);
  });
});
