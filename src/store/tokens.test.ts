import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempHome, type TempHome } from '../../test/helpers/temp-home.js';
import { HomeLayout } from './home.js';
import {
  createToken,
  hasActiveToken,
  listTokens,
  parseDuration,
  revokeToken,
  TOKEN_PREFIX,
  verifyToken,
} from './tokens.js';

let temp: TempHome;
let home: HomeLayout;

beforeEach(() => {
  temp = makeTempHome();
  home = new HomeLayout(temp.home);
});
afterEach(() => temp.cleanup());

describe('tokens', () => {
  it('creates a URL-safe prefixed token and stores only its hash', async () => {
    const created = await createToken(home, { name: 'ci' });
    expect(created.token).toMatch(/^mo_[A-Za-z0-9_-]{43}$/);
    expect(created.token.startsWith(TOKEN_PREFIX)).toBe(true);
    const stored = readFileSync(home.tokensFile, 'utf8');
    expect(stored).not.toContain(created.token);
    expect(stored).not.toContain(created.token.slice(TOKEN_PREFIX.length));
    expect(statSync(home.tokensFile).mode & 0o777).toBe(0o600);
    expect(listTokens(home)).toEqual([
      {
        id: created.id,
        name: 'ci',
        role: 'admin',
        profiles: null,
        created_at: created.created_at,
        expires_at: null,
        last_used_at: null,
      },
    ]);
  });

  it('verifies a valid token and records when it was last used, at most once a minute', async () => {
    const { token, id } = await createToken(home);
    const t0 = new Date('2030-01-01T00:00:00Z');
    expect((await verifyToken(home, token, t0)).id).toBe(id);
    expect(listTokens(home)[0]?.last_used_at).toBe(t0.toISOString());
    await verifyToken(home, token, new Date(t0.getTime() + 10_000));
    expect(listTokens(home)[0]?.last_used_at).toBe(t0.toISOString());
    const t2 = new Date(t0.getTime() + 61_000);
    await verifyToken(home, token, t2);
    expect(listTokens(home)[0]?.last_used_at).toBe(t2.toISOString());
  });

  it('rejects unknown, malformed, revoked and expired tokens with UNAUTHORIZED', async () => {
    const { token, id } = await createToken(home);
    await expect(verifyToken(home, `${token}x`)).rejects.toThrow(
      expect.objectContaining({ code: 'UNAUTHORIZED' }),
    );
    await expect(verifyToken(home, 'not-a-token')).rejects.toThrow(
      expect.objectContaining({ code: 'UNAUTHORIZED' }),
    );
    await expect(verifyToken(home, '')).rejects.toThrow(expect.objectContaining({ code: 'UNAUTHORIZED' }));
    expect((await revokeToken(home, id)).id).toBe(id);
    await expect(verifyToken(home, token)).rejects.toThrow(expect.objectContaining({ code: 'UNAUTHORIZED' }));

    const now = new Date('2030-01-01T00:00:00Z');
    const short = await createToken(home, { ttlMs: parseDuration('1h') ?? 0, now });
    expect((await verifyToken(home, short.token, new Date(now.getTime() + 59 * 60_000))).id).toBe(short.id);
    await expect(verifyToken(home, short.token, new Date(now.getTime() + 3_600_000))).rejects.toThrow(
      expect.objectContaining({ code: 'UNAUTHORIZED' }),
    );
    expect(hasActiveToken(home, new Date(now.getTime() + 3_600_000))).toBe(false);
    expect(hasActiveToken(home, now)).toBe(true);
  });

  it('revoking an unknown id is TOKEN_NOT_FOUND; a bad id is INVALID_ID', async () => {
    await expect(revokeToken(home, 'tok-000000000000')).rejects.toThrow(
      expect.objectContaining({ code: 'TOKEN_NOT_FOUND' }),
    );
    await expect(revokeToken(home, '../x')).rejects.toThrow(expect.objectContaining({ code: 'INVALID_ID' }));
  });

  it('has no tokens in a fresh home', () => {
    expect(listTokens(home)).toEqual([]);
    expect(hasActiveToken(home)).toBe(false);
  });

  it('reports a damaged token file instead of letting anyone in', async () => {
    home.ensureRoot();
    writeFileSync(home.tokensFile, '{not json');
    await expect(verifyToken(home, `${TOKEN_PREFIX}abc`)).rejects.toThrow(
      expect.objectContaining({ code: 'WRITE_FAILED' }),
    );
  });

  it('parses lifetimes', () => {
    expect(parseDuration('30d')).toBe(30 * 86_400_000);
    expect(parseDuration('12h')).toBe(12 * 3_600_000);
    expect(parseDuration('90m')).toBe(90 * 60_000);
    expect(parseDuration('2w')).toBe(14 * 86_400_000);
    expect(parseDuration('never')).toBeUndefined();
    for (const bad of ['30', 'd', '0d', '1y', '-1d']) {
      expect(() => parseDuration(bad)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    }
  });
});
