import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { errorCode } from '../../test/helpers/error-code.js';
import { makeTempHome, type TempHome } from '../../test/helpers/temp-home.js';
import type { Payload } from '../core/schemas/payload.js';
import { HomeLayout } from '../store/home.js';
import { buildArtifact, verifyArtifact } from '../workflows/artifact.js';
import {
  initKeys,
  keyIdOf,
  loadSigningKey,
  loadTrustedKeys,
  loadVerificationKeys,
  type SigningKey,
  trustKey,
  untrustKey,
} from './keys.js';
import { rotationsDir, setNoticeSink, trustFile } from './trust.js';

let temp: TempHome;
afterEach(() => temp?.cleanup());

async function setup() {
  temp = makeTempHome();
  const home = new HomeLayout(temp.home);
  await initKeys(home);
  return { home, key: loadSigningKey(home) };
}

function foreignKey(): SigningKey & { pem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
  return { keyId: keyIdOf(publicKey), privateKey, publicKey, publicKeyPem: pem, pem };
}

const payload: Payload = { mcpServers: { memory: { command: 'npx', args: ['-y', 'server-memory'] } } };
const sample = (key: SigningKey) =>
  buildArtifact(
    {
      clientId: 'claude-desktop',
      profileId: 'default',
      payload,
      changelog: 'x',
      parentId: null,
      generator: 't',
    },
    key,
  );

describe('trust roots', () => {
  it('init trusts its own key, and only trusted keys verify', async () => {
    const { home, key } = await setup();
    const list = await loadTrustedKeys(home);
    expect([...list.keys()]).toEqual([key.keyId]);
    expect(list.get(key.keyId)?.source).toBe('init');
    expect(verifyArtifact(sample(key), await loadVerificationKeys(home)).valid).toBe(true);
    const other = foreignKey();
    expect(await errorCode(async () => verifyArtifact(sample(other), await loadVerificationKeys(home)))).toBe(
      'UNTRUSTED_KEY',
    );
  });

  it('a .pub dropped into keys/retired/ is not trusted (finding 3)', async () => {
    const { home } = await setup();
    const other = foreignKey();
    mkdirSync(home.retiredKeysDir, { recursive: true });
    writeFileSync(join(home.retiredKeysDir, `${other.keyId}.pub`), other.pem);
    expect(await errorCode(async () => verifyArtifact(sample(other), await loadVerificationKeys(home)))).toBe(
      'UNTRUSTED_KEY',
    );
  });

  it('keys trust add / remove: an added key verifies, a removed one does not', async () => {
    const { home, key } = await setup();
    const other = foreignKey();
    expect(await trustKey(home, other.pem)).toEqual({ key_id: other.keyId, added: true });
    expect((await trustKey(home, other.pem)).added).toBe(false);
    expect(verifyArtifact(sample(other), await loadVerificationKeys(home)).key_id).toBe(other.keyId);
    expect(await untrustKey(home, other.keyId)).toEqual({ key_id: other.keyId, removed: true });
    expect(await errorCode(async () => verifyArtifact(sample(other), await loadVerificationKeys(home)))).toBe(
      'UNTRUSTED_KEY',
    );
    expect(await errorCode(() => untrustKey(home, other.keyId))).toBe('INVALID_INPUT');
    expect(await errorCode(() => untrustKey(home, key.keyId))).toBe('INVALID_INPUT');
    expect(await errorCode(() => untrustKey(home, '../etc'))).toBe('INVALID_INPUT');
  });

  it('refuses what is not an Ed25519 SPKI public key', async () => {
    const { home, key } = await setup();
    expect(await errorCode(() => trustKey(home, 'hello'))).toBe('INVALID_INPUT');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(
      await errorCode(() => trustKey(home, rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string)),
    ).toBe('INVALID_INPUT');
    const priv = key.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(await errorCode(() => trustKey(home, priv))).toBe('INVALID_INPUT');
  });

  it('rotation writes a statement signed by the old key; old artifacts still verify', async () => {
    const { home, key } = await setup();
    const old = sample(key);
    const rotated = await initKeys(home, true);
    expect(rotated.rotated).toBe(true);
    const statements = readdirSync(rotationsDir(home));
    expect(statements).toEqual([`${key.keyId}-${rotated.key_id}.json`]);
    const statement = JSON.parse(readFileSync(join(rotationsDir(home), statements[0] as string), 'utf8'));
    expect(statement.signature.key_id).toBe(key.keyId);
    expect(verifyArtifact(old, await loadVerificationKeys(home)).key_id).toBe(key.keyId);
    expect(verifyArtifact(sample(loadSigningKey(home)), await loadVerificationKeys(home)).key_id).toBe(
      rotated.key_id,
    );
  });

  it('a machine that trusts only the old key follows a valid rotation, never a forged one', async () => {
    const { home, key } = await setup();
    await initKeys(home, true);
    const next = loadSigningKey(home);
    // Another machine: trusts the old key only, and has the rotation statement.
    const other = new HomeLayout(join(temp.root, 'other'));
    await trustKey(other, key.publicKeyPem);
    expect(await errorCode(async () => verifyArtifact(sample(next), await loadVerificationKeys(other)))).toBe(
      'UNTRUSTED_KEY',
    );
    mkdirSync(rotationsDir(other), { recursive: true });
    const [name] = readdirSync(rotationsDir(home));
    const text = readFileSync(join(rotationsDir(home), name as string), 'utf8');
    writeFileSync(join(rotationsDir(other), name as string), text);
    expect((await loadTrustedKeys(other)).get(next.keyId)?.vouched_by).toBe(key.keyId);
    expect(verifyArtifact(sample(next), await loadVerificationKeys(other)).valid).toBe(true);
    // A statement naming a planted key, not signed by a trusted key, vouches for nothing.
    const planted = foreignKey();
    const forged = JSON.parse(text);
    forged.new_key_id = planted.keyId;
    forged.new_public_key_pem = planted.pem;
    writeFileSync(join(rotationsDir(other), 'forged.json'), JSON.stringify(forged));
    expect(
      await errorCode(async () => verifyArtifact(sample(planted), await loadVerificationKeys(other))),
    ).toBe('UNTRUSTED_KEY');
    // A removed key is not brought back by its rotation statement.
    await untrustKey(other, next.keyId);
    expect((await loadTrustedKeys(other)).has(next.keyId)).toBe(false);
  });

  it('a swapped signing.pub cannot make publish sign with one key and announce another (finding 3)', async () => {
    const { home, key } = await setup();
    writeFileSync(home.publicKey, foreignKey().pem);
    const again = loadSigningKey(home);
    expect(again.keyId).toBe(key.keyId);
    expect(verifyArtifact(sample(again), await loadVerificationKeys(home)).valid).toBe(true);
  });

  it('migrates a home from before trust roots once: its key and the retired keys already there', async () => {
    const { home, key } = await setup();
    const retired = foreignKey();
    unlinkSync(trustFile(home));
    mkdirSync(home.retiredKeysDir, { recursive: true });
    writeFileSync(join(home.retiredKeysDir, `${retired.keyId}.pub`), retired.pem);
    const notices: string[] = [];
    setNoticeSink((m) => notices.push(m));
    try {
      const trusted = await loadTrustedKeys(home);
      expect([...trusted.keys()].sort()).toEqual([key.keyId, retired.keyId].sort());
      expect(trusted.get(retired.keyId)?.source).toBe('migrated');
      await loadTrustedKeys(home);
      await initKeys(home);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toContain(retired.keyId);
    } finally {
      setNoticeSink((m) => process.stderr.write(`${m}\n`));
    }
    // Planted after the migration: not trusted.
    const late = foreignKey();
    writeFileSync(join(home.retiredKeysDir, `${late.keyId}.pub`), late.pem);
    expect((await loadTrustedKeys(home)).has(late.keyId)).toBe(false);
  });

  it('a damaged trust list is TAMPERED, not an empty trust', async () => {
    const { home } = await setup();
    writeFileSync(trustFile(home), '{ nope');
    expect(await errorCode(() => loadVerificationKeys(home))).toBe('TAMPERED');
    rmSync(trustFile(home));
    expect(existsSync(trustFile(home))).toBe(false);
  });
});
