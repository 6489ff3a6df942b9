import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storeContract } from '../../test/helpers/store-contract.js';
import { type Backup, backupsToPrune } from './deployments.js';
import { FileStore } from './file-store.js';
import { HomeLayout } from './home.js';

// The same contract as the PostgreSQL backend; a twin is another process's view of one folder.
storeContract('FileStore', async () => {
  const root = mkdtempSync(join(tmpdir(), 'mo-filestore-'));
  return {
    store: new FileStore(new HomeLayout(root)),
    twin: async () => new FileStore(new HomeLayout(root)),
    cleanup: async () => rmSync(root, { recursive: true, force: true }),
  };
});

describe('FileStore backups', () => {
  it('are 0600, bytes and metadata, in a 0700 folder', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mo-filestore-'));
    try {
      const home = new HomeLayout(root);
      const backup = await new FileStore(home).saveBackup(
        'cursor',
        '/x/mcp.json',
        Buffer.from('{"k":"secret"}'),
      );
      const dir = join(home.backupsDir, 'cursor');
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      for (const ext of ['bak', 'json'])
        expect(statSync(join(dir, `${backup.backup_id}.${ext}`)).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('backupsToPrune', () => {
  const at = (iso: string, file = '/x/a.json', client = 'cursor'): Backup => ({
    backup_id: `${iso.replace(/[-:.]/g, '')}-abcdef`,
    client_id: client,
    config_path: file,
    created_at: iso,
    existed: true,
    sha256: null,
    size: 0,
  });
  const day = 24 * 60 * 60 * 1000;
  const now = Date.parse('2026-06-30T00:00:00.000Z');
  const all = [
    at('2026-05-01T00:00:00.000Z'),
    at('2026-06-29T00:00:00.000Z'),
    at('2026-06-01T00:00:00.000Z'),
    at('2026-04-01T00:00:00.000Z', '/x/b.json'),
    at('2026-04-02T00:00:00.000Z', '/x/a.json', 'vscode'),
  ];
  const dates = (list: Backup[]) =>
    list.map((b) => `${b.client_id} ${b.config_path} ${b.created_at.slice(0, 10)}`);

  it('removes beyond the newest N of each client file, oldest first', () => {
    expect(dates(backupsToPrune(all, { keep: 1 }, now))).toEqual([
      'cursor /x/a.json 2026-05-01',
      'cursor /x/a.json 2026-06-01',
    ]);
    expect(backupsToPrune(all, { keep: 3 }, now)).toEqual([]);
  });

  it('removes what is older than the age, and with both rules what either selects', () => {
    expect(dates(backupsToPrune(all, { older_than_ms: 30 * day }, now))).toEqual([
      'cursor /x/b.json 2026-04-01',
      'vscode /x/a.json 2026-04-02',
      'cursor /x/a.json 2026-05-01',
    ]);
    expect(
      dates(backupsToPrune(all, { keep: 2, older_than_ms: 60 * day, client_id: 'cursor' }, now)),
    ).toEqual(['cursor /x/b.json 2026-04-01', 'cursor /x/a.json 2026-05-01']);
  });
});
