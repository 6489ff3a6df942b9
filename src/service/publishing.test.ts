/**
 * `publish` checks its own output (issue #13): an artifact that the trusted keys do not verify is
 * never stored, so a signing key swapped behind the tool's back fails the publish instead of
 * writing an artifact that every later `get`, `verify` or `deploy` refuses.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorCode } from '../../test/helpers/error-code.js';
import { initializedService } from '../../test/helpers/service.js';
import type { TempHome } from '../../test/helpers/temp-home.js';
import type { Orchestrator } from './index.js';

const payload = (command: string) => ({ mcpServers: { memory: { command, args: ['-y', 'server-memory'] } } });

let temp: TempHome;
let svc: Orchestrator;

beforeEach(async () => {
  ({ temp, svc } = await initializedService('mo-publishing-'));
  await svc.publish({ payload: payload('one'), changelog: 'one' });
});
afterEach(() => temp.cleanup());

const profileDir = () => join(temp.home, 'profiles', 'claude-desktop', 'default');
const snapshot = () => ({
  history: readFileSync(join(profileDir(), 'history.jsonl'), 'utf8'),
  files: readdirSync(profileDir(), { recursive: true }).map(String).sort(),
});

describe('publish', () => {
  it('fails with UNTRUSTED_KEY and stores nothing when the signing key was swapped for an untrusted one', async () => {
    const before = snapshot();
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(
      join(temp.home, 'keys', 'signing.key'),
      privateKey.export({ type: 'pkcs8', format: 'pem' }),
      {
        mode: 0o600,
      },
    );
    expect(await errorCode(() => svc.publish({ payload: payload('two'), changelog: 'two' }))).toBe(
      'UNTRUSTED_KEY',
    );
    expect(snapshot()).toEqual(before);
    expect((await svc.history({})).entries).toHaveLength(1);
  });
});
