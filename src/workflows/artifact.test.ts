import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { errorCode } from '../../test/helpers/error-code.js';
import { makeTempHome, type TempHome } from '../../test/helpers/temp-home.js';
import { contentId } from '../core/canonical.js';
import type { Payload } from '../core/schemas/payload.js';
import { initKeys, keyIdOf, loadSigningKey, loadVerificationKeys } from '../crypto/keys.js';
import { HomeLayout } from '../store/home.js';
import { buildArtifact, verifyArtifact } from './artifact.js';

let temp: TempHome;
afterEach(() => temp?.cleanup());

async function setup() {
  temp = makeTempHome();
  const home = new HomeLayout(temp.home);
  await initKeys(home);
  return { home, key: loadSigningKey(home) };
}

const payload: Payload = {
  mcpServers: { memory: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'] } },
};
const input = (p: Payload = payload) => ({
  clientId: 'claude-desktop',
  profileId: 'default',
  payload: p,
  changelog: 'first',
  parentId: null,
  generator: 'mcp-orchestration/test',
});

describe('artifacts', () => {
  it('builds a signed artifact whose id is the payload content id', async () => {
    const { home, key } = await setup();
    const a = buildArtifact(input(), key);
    expect(a.artifact_id).toBe(contentId(payload));
    expect(a.metadata).toEqual({
      changelog: 'first',
      generator: 'mcp-orchestration/test',
      server_count: 1,
      parent_artifact_id: null,
    });
    expect(a.signature.algorithm).toBe('Ed25519');
    expect(a.signature.key_id).toBe(key.keyId);
    expect(verifyArtifact(a, await loadVerificationKeys(home)).valid).toBe(true);
  });

  it('detects a changed payload as TAMPERED and changed metadata as SIGNATURE_INVALID', async () => {
    const { home, key } = await setup();
    const keys = await loadVerificationKeys(home);
    const a = buildArtifact(input(), key);
    const payloadChanged = structuredClone(a);
    payloadChanged.payload.mcpServers.memory = { command: 'evil' };
    expect(await errorCode(() => verifyArtifact(payloadChanged, keys))).toBe('TAMPERED');
    const metaChanged = structuredClone(a);
    metaChanged.metadata.changelog = 'rewritten';
    expect(await errorCode(() => verifyArtifact(metaChanged, keys))).toBe('SIGNATURE_INVALID');
    const forged = structuredClone(a);
    forged.signature.value = Buffer.alloc(64).toString('base64');
    expect(await errorCode(() => verifyArtifact(forged, keys))).toBe('SIGNATURE_INVALID');
    expect(await errorCode(() => verifyArtifact({ hello: 1 }, keys))).toBe('TAMPERED');
  });

  it('rejects a signature by a key that is not trusted (UNTRUSTED_KEY)', async () => {
    const { home } = await setup();
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const other = buildArtifact(input(), {
      keyId: keyIdOf(publicKey),
      privateKey,
      publicKey,
      publicKeyPem: '',
    });
    expect(await errorCode(async () => verifyArtifact(other, await loadVerificationKeys(home)))).toBe(
      'UNTRUSTED_KEY',
    );
  });

  it('keeps old public keys on rotation so old artifacts still verify', async () => {
    const { home, key } = await setup();
    const old = buildArtifact(input(), key);
    const rotated = await initKeys(home, true);
    expect(rotated.rotated).toBe(true);
    expect(rotated.key_id).not.toBe(key.keyId);
    expect(rotated.retired_key_ids).toEqual([key.keyId]);
    expect(verifyArtifact(old, await loadVerificationKeys(home)).key_id).toBe(key.keyId);
    expect((await initKeys(home)).created).toBe(false);
  });

  it('round-trips sign and verify for arbitrary payloads (property)', async () => {
    const { home, key } = await setup();
    const keys = await loadVerificationKeys(home);
    const name = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/);
    const entry = fc.record(
      {
        command: fc.string({ minLength: 1 }),
        args: fc.array(fc.string()),
        // Valid payloads only: validation refuses a `__proto__` key (INVALID_ENV_TYPE).
        env: fc.dictionary(
          fc.string({ minLength: 1 }).filter((k) => k !== '__proto__'),
          fc.string(),
        ),
      },
      { requiredKeys: ['command'] },
    );
    fc.assert(
      fc.property(fc.dictionary(name, entry, { minKeys: 1, maxKeys: 5 }), (servers) => {
        const p = { mcpServers: servers } as Payload;
        const a = buildArtifact(input(p), key);
        const reread = JSON.parse(JSON.stringify(a));
        expect(verifyArtifact(reread, keys).artifact_id).toBe(contentId(p));
      }),
      { numRuns: 100 },
    );
  });
});
