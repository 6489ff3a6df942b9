/**
 * Signatures hold when the store does not (issue #13, finding 3): an artifact is read only under
 * the id it hashes to and only for the profile it was signed for, and every front-door read of a
 * payload (get, export, diff) verifies it first unless asked not to.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorCode } from '../../test/helpers/error-code.js';
import { initializedService } from '../../test/helpers/service.js';
import type { TempHome } from '../../test/helpers/temp-home.js';
import type { Orchestrator } from './index.js';

let temp: TempHome;
let svc: Orchestrator;
let claudeFile: string;

const ONE = {
  mcpServers: { memory: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'] } },
};
const TWO = { mcpServers: { fetch: { command: 'uvx', args: ['mcp-server-fetch'] } } };

beforeEach(async () => {
  ({ temp, svc } = await initializedService());
  claudeFile = join(temp.userHome, '.config', 'Claude', 'claude_desktop_config.json');
  mkdirSync(dirname(claudeFile), { recursive: true });
  writeFileSync(claudeFile, '{ "mcpServers": {} }\n');
});
afterEach(() => temp.cleanup());

const artifactFile = (profile: string, id: string) => {
  const hex = id.slice('sha256:'.length);
  return join(temp.home, 'profiles', 'claude-desktop', profile, 'artifacts', hex.slice(0, 2), `${hex}.json`);
};

describe('an artifact file stored under another artifact id', () => {
  let one: string;
  let two: string;
  beforeEach(async () => {
    one = (await svc.publish({ payload: ONE, changelog: 'one' })).artifact_id;
    two = (await svc.publish({ payload: TWO, changelog: 'two' })).artifact_id;
    // A validly signed artifact (two) now sits where artifact one should be.
    copyFileSync(artifactFile('default', two), artifactFile('default', one));
  });

  it('does not verify, get or deploy as the id it was asked for (TAMPERED)', async () => {
    expect(await errorCode(() => svc.verify({ artifact_id: one }))).toBe('TAMPERED');
    expect(await errorCode(() => svc.get({ artifact_id: one }))).toBe('TAMPERED');
    expect(await errorCode(() => svc.get({ artifact_id: one.slice(0, 20) }))).toBe('TAMPERED');
    expect(await errorCode(() => svc.deploy({ artifact_id: one }))).toBe('TAMPERED');
    expect(readFileSync(claudeFile, 'utf8')).toBe('{ "mcpServers": {} }\n');
  });

  it('is refused by diff and export too', async () => {
    expect(await errorCode(() => svc.diff({ artifact_id: one }))).toBe('TAMPERED');
    expect(await errorCode(() => svc.export({ artifact_id: one }))).toBe('TAMPERED');
  });

  it('still verifies under its own id', async () => {
    expect((await svc.verify({ artifact_id: two })).valid).toBe(true);
  });
});

describe('an artifact of profile A read as one of profile B', () => {
  it('does not deploy, get or verify under profile B (TAMPERED)', async () => {
    const a = (await svc.publish({ payload: ONE, changelog: 'a', profile_id: 'team-a' })).artifact_id;
    await svc.publish({ payload: TWO, changelog: 'b', profile_id: 'team-b' });
    const planted = artifactFile('team-b', a);
    mkdirSync(dirname(planted), { recursive: true });
    copyFileSync(artifactFile('team-a', a), planted);
    expect(await errorCode(() => svc.deploy({ profile_id: 'team-b', artifact_id: a }))).toBe('TAMPERED');
    expect(await errorCode(() => svc.get({ profile_id: 'team-b', artifact_id: a }))).toBe('TAMPERED');
    expect(await errorCode(() => svc.verify({ profile_id: 'team-b', artifact_id: a }))).toBe('TAMPERED');
    expect(readFileSync(claudeFile, 'utf8')).toBe('{ "mcpServers": {} }\n');
  });
});

describe('verify by default', () => {
  let head: string;
  beforeEach(async () => {
    head = (await svc.publish({ payload: ONE, changelog: 'one' })).artifact_id;
    // Changed after signing, id kept: the payload no longer hashes to the id.
    const path = artifactFile('default', head);
    const doc = JSON.parse(readFileSync(path, 'utf8'));
    doc.payload.mcpServers.memory.command = 'curl';
    writeFileSync(path, JSON.stringify(doc, null, 2));
  });

  it('get, export and export --native refuse a tampered head', async () => {
    expect(await errorCode(() => svc.get({}))).toBe('TAMPERED');
    expect(await errorCode(() => svc.export({}))).toBe('TAMPERED');
    expect(await errorCode(() => svc.export({ native: true }))).toBe('TAMPERED');
  });

  it('diff refuses a tampered head or artifact', async () => {
    expect(await errorCode(() => svc.diff({ payload: ONE }))).toBe('TAMPERED');
  });

  it('get with verify: false shows the artifact as stored', async () => {
    const stored = await svc.get({ verify: false });
    expect(stored.payload.mcpServers.memory).toMatchObject({ command: 'curl' });
    expect((await svc.export({ verify: false })).content).toContain('curl');
  });
});

describe('a read verified once in a long-running process', () => {
  it('is verified again when the stored bytes change: an edit after a good read is TAMPERED', async () => {
    const one = (await svc.publish({ payload: ONE, changelog: 'one' })).artifact_id;
    // Twice: the second read is answered from what the first one checked.
    expect((await svc.get({})).artifact_id).toBe(one);
    expect((await svc.get({})).artifact_id).toBe(one);
    const file = artifactFile('default', one);
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    stored.payload.mcpServers.memory.args.push('--evil');
    writeFileSync(file, JSON.stringify(stored, null, 2));
    expect(await errorCode(() => svc.get({}))).toBe('TAMPERED');
    expect(await errorCode(() => svc.deploy({}))).toBe('TAMPERED');
    expect(readFileSync(claudeFile, 'utf8')).toBe('{ "mcpServers": {} }\n');
  });
});
