/**
 * A one-shot whose write fails midway: the clients already written are put back from their
 * backups, and drafts, profiles, deployment records and `status` are exactly as before.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempHome, type TempHome } from '../../test/helpers/temp-home.js';
import { OrchestrationError } from '../core/errors.js';
import { HomeLayout } from '../store/home.js';
import { createStore } from '../store/open.js';
import { Orchestrator } from './index.js';

let temp: TempHome;
let svc: Orchestrator;
let claude: string;
let codex: string;
beforeEach(() => {
  temp = makeTempHome();
  svc = new Orchestrator({ env: temp.env, platform: 'linux', cwd: temp.root });
  claude = join(temp.userHome, '.config', 'Claude', 'claude_desktop_config.json');
  codex = join(temp.userHome, '.codex', 'config.toml');
  write(claude, '{\n  // mine\n  "mcpServers": { "hand": { "command": "node" } }\n}\n');
  write(codex, 'model = "o3"\n');
  write(join(temp.userHome, '.config', 'goose', 'config.yaml'), 'GOOSE_MODEL: gpt-4o\n');
});
afterEach(() => temp.cleanup());

const THREE = ['claude-desktop', 'codex', 'goose'];

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** Every file under the temp root with its hash, but the backups (kept on purpose: they are the way back). */
function snapshot(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (path === join(temp.home, 'backups')) continue;
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(temp.root, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(temp.root);
  return out;
}

describe('a one-shot that fails while writing', () => {
  it('puts back the clients already written, and leaves drafts, profiles and status as before', async () => {
    await svc.addServer({ server_id: 'memory', clients: THREE });
    // The third client's backup cannot be saved (a regular file where its folder goes): a real
    // error, after claude-desktop and codex were written.
    rmSync(join(temp.home, 'backups', 'goose'), { recursive: true });
    writeFileSync(join(temp.home, 'backups', 'goose'), 'not a folder');
    const before = snapshot();
    const statusBefore = await svc.status({});
    const err = await svc.addServer({ server_id: 'time', clients: THREE }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OrchestrationError);
    expect(snapshot()).toEqual(before);
    expect(await svc.status({})).toEqual(statusBefore);
    expect(readFileSync(claude, 'utf8')).not.toContain('server-time');
  });

  it('says which file could not be put back, and where its backup is', async () => {
    // The home folder store, whose backups cannot be read back (a disk gone bad).
    const store = createStore(new HomeLayout(temp.home), undefined, {});
    store.readBackup = async () => {
      throw new Error('EIO: i/o error');
    };
    const flaky = new Orchestrator({
      home: temp.home,
      store,
      env: temp.env,
      platform: 'linux',
      cwd: temp.root,
    });
    await flaky.addServer({ server_id: 'memory', clients: THREE });
    rmSync(join(temp.home, 'backups', 'goose'), { recursive: true });
    writeFileSync(join(temp.home, 'backups', 'goose'), 'not a folder');
    const err = await flaky.addServer({ server_id: 'time', clients: THREE }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OrchestrationError);
    const { message, details } = err as OrchestrationError;
    expect(message).toContain(`${codex} (codex) could not be put back (EIO: i/o error)`);
    expect(message).toContain(`${claude} (claude-desktop) could not be put back`);
    const unrestored = details.unrestored as { client_id: string; backup_id: string }[];
    expect(unrestored.map((u) => u.client_id)).toEqual(['codex', 'claude-desktop']);
    for (const u of unrestored) {
      const bak = join(temp.home, 'backups', u.client_id, `${u.backup_id}.bak`);
      expect(message).toContain(`backup ${u.backup_id} (${bak})`);
      // The backup holds the bytes from before this one-shot: copying it back is the way out.
      expect(readFileSync(bak, 'utf8')).not.toContain('server-time');
      expect(readFileSync(bak, 'utf8')).toContain('server-memory');
    }
  });
});
