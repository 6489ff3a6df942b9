/**
 * A member's machine through the CLI, against a stub hub that serves what the test hands it
 * (issue #14): the member's own checks refuse an artifact signed by a key not pinned for the hub
 * and a head older than the last one synced, exit 1 with the code, and leave the client file as
 * it was. `sync --watch` against a hub that is down logs each cycle and stops cleanly.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Artifact } from '../../src/core/schemas/artifact.js';
import { Orchestrator } from '../../src/service/index.js';
import { CLI, runCli, runCliAsync } from '../helpers/cli.js';
import { type StubHub, startStubHub } from '../helpers/stub-hub.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

const team = { client_id: 'claude-desktop', profile_id: 'team' };
const SYNC = ['sync', 'team', '--client', 'claude-desktop', '--profile', 'team', '--json'];
const ORIGINAL = '{ "mcpServers": { "mine": { "command": "mine" } } }\n';

async function publishAs(temp: TempHome, commands: string[]): Promise<{ pem: string; heads: Artifact[] }> {
  const svc = new Orchestrator({ env: temp.env, platform: 'linux', cwd: temp.root });
  await svc.init();
  const heads: Artifact[] = [];
  for (const command of commands) {
    // created_at has millisecond resolution: each head strictly newer than the one before.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const { artifact_id } = await svc.publish({
      ...team,
      payload: { mcpServers: { [command]: { command } } },
    });
    heads.push((await svc.get({ ...team, artifact_id })) as Artifact);
  }
  const pem = (await svc.keysShow()).public_key_pem;
  await svc.close();
  return { pem, heads };
}

describe('sync on a member machine (CLI) against a hub serving bad heads', () => {
  let stub: StubHub;
  let lead: TempHome;
  let rogue: TempHome;
  let member: TempHome;
  let clientFile: string;
  let v1: Artifact;
  let v2: Artifact;
  let rogueHead: Artifact;

  beforeAll(async () => {
    [lead, rogue, member] = [makeTempHome('mo-lead-'), makeTempHome('mo-rogue-'), makeTempHome('mo-member-')];
    const published = await publishAs(lead, ['one', 'two']);
    [v1, v2] = published.heads as [Artifact, Artifact];
    rogueHead = (await publishAs(rogue, ['rogue'])).heads[0] as Artifact;
    stub = await startStubHub();
    writeFileSync(join(lead.root, 'hub.pub'), published.pem);
    expect(runCli(['init'], member.env).status).toBe(0);
    const added = runCli(
      ['remote', 'add', 'team', stub.url, '--token', 'mo_member', '--trust', join(lead.root, 'hub.pub')],
      member.env,
    );
    expect(added.status, added.stderr).toBe(0);
    clientFile = join(member.userHome, '.config', 'Claude', 'claude_desktop_config.json');
    mkdirSync(dirname(clientFile), { recursive: true });
    writeFileSync(clientFile, ORIGINAL);
  }, 60_000);

  afterAll(async () => {
    await stub.close();
    for (const t of [lead, rogue, member]) t.cleanup();
  });

  it('an artifact signed by a key not pinned for the hub: UNTRUSTED_KEY, exit 1, nothing written', async () => {
    stub.serve(rogueHead);
    const r = await runCliAsync(SYNC, member.env);
    expect(r.status).toBe(1);
    expect(r.json().error.code).toBe('UNTRUSTED_KEY');
    expect(r.json().error.message).toContain('remote add team');
    expect(readFileSync(clientFile, 'utf8')).toBe(ORIGINAL);
    expect(stub.reports).toEqual([]);
  });

  it('a head older than the last one synced: DOWNGRADE_DETECTED, exit 1, the client file untouched', async () => {
    stub.serve(v2 as Artifact);
    const ok = await runCliAsync(SYNC, member.env);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.json()).toMatchObject({ head: 'fetched', artifact_id: v2.artifact_id, reported: 1 });
    const synced = readFileSync(clientFile, 'utf8');
    expect(JSON.parse(synced).mcpServers.two).toEqual({ command: 'two' });

    stub.serve(v1 as Artifact);
    const reports = stub.reports.length;
    const r = await runCliAsync(SYNC, member.env);
    expect(r.status).toBe(1);
    expect(r.json().error.code).toBe('DOWNGRADE_DETECTED');
    expect(readFileSync(clientFile, 'utf8')).toBe(synced);
    expect(stub.reports.slice(reports)).toEqual([]);
    // The refused sync asked conditionally for the head kept here, as it would a real hub.
    expect(stub.requests.at(-1)).toMatchObject({
      method: 'GET',
      url: '/v1/config/claude-desktop/team',
      if_none_match: `"${v2.artifact_id}"`,
    });
  });
});

describe('sync --watch', () => {
  it('logs one line a cycle while the hub is down, writes nothing, and exits 0 on SIGTERM', async () => {
    const temp = makeTempHome('mo-watch-');
    try {
      expect(runCli(['init'], temp.env).status).toBe(0);
      // Any key will do as the pinned one: the hub never answers.
      writeFileSync(join(temp.root, 'hub.pub'), runCli(['keys', 'export'], temp.env).stdout);
      const added = runCli(
        [
          'remote',
          'add',
          'down',
          'http://127.0.0.1:9',
          '--token',
          'mo_x',
          '--trust',
          join(temp.root, 'hub.pub'),
        ],
        temp.env,
      );
      expect(added.status, added.stderr).toBe(0);
      const child = spawn(
        process.execPath,
        [
          CLI,
          'sync',
          'down',
          '--client',
          'claude-desktop',
          '--profile',
          'team',
          '--watch',
          '--interval',
          '1s',
        ],
        { env: temp.env },
      );
      let stdout = '';
      const twoLines = new Promise<void>((resolve) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.split('\n').length > 2) resolve();
        });
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      await twoLines;
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const lines = stdout.trimEnd().split('\n');
      expect(lines.length).toBeGreaterThanOrEqual(2);
      for (const line of lines)
        expect(line).toMatch(/^\d{4}-\d\d-\d\dT\S+ REMOTE_UNAVAILABLE The hub http:\/\/127\.0\.0\.1:9 /);
      expect(existsSync(join(temp.userHome, '.config', 'Claude', 'claude_desktop_config.json'))).toBe(false);
    } finally {
      temp.cleanup();
    }
  }, 30_000);
});
