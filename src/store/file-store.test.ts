import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeContract } from '../../test/helpers/store-contract.js';
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
