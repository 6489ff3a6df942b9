/**
 * @module store/tokens
 * API tokens for the HTTP front door. A token is shown once, when created; the home folder keeps
 * only its SHA-256 hash, so a copy of the home folder does not hand out access. The file is read on
 * every check, so a token created or revoked by the CLI takes effect in a running server at once.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { OrchestrationError } from '../core/errors.js';
import { assertId } from '../core/ids.js';
import { writeJsonAtomic } from './atomic.js';
import { fileStamp } from './file-stamp.js';
import type { HomeLayout } from './home.js';
import { withLock } from './lock.js';

/** Every token starts with this, so a leaked one is easy to recognise (and to scan for). */
export const TOKEN_PREFIX = 'mo_';
const TOKEN_BYTES = 32;
/** `last_used_at` is rewritten at most this often, so checking a token rarely writes. */
export const LAST_USED_RESOLUTION_MS = 60_000;
const DURATION_UNITS_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** What a token may do on a hub: readers read and sync, publishers also change, admins everything. */
export const ROLES = ['reader', 'publisher', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const TokenRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Tokens made before roles existed keep working as admin. */
  role: RoleSchema.default('admin'),
  /** A glob on profile ids (`team-*`) the token is limited to; null: every profile. */
  profiles: z.string().nullable().default(null),
  /** hex SHA-256 of the whole token string */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  created_at: z.string(),
  expires_at: z.string().nullable(),
  last_used_at: z.string().nullable(),
});
export type TokenRecord = z.infer<typeof TokenRecordSchema>;

const TokenFileSchema = z.object({ version: z.literal(1), tokens: z.array(TokenRecordSchema) });
type TokenFile = z.infer<typeof TokenFileSchema>;

/** What `token list` shows: everything but the hash. */
export const TokenInfoSchema = TokenRecordSchema.omit({ hash: true });
export type TokenInfo = z.infer<typeof TokenInfoSchema>;

export interface CreateTokenOptions {
  name?: string;
  role?: Role;
  /** Limit the token to profiles matching this glob (`*` matches any run of characters). */
  profiles?: string;
  /** Lifetime in milliseconds; no expiry when absent. */
  ttlMs?: number;
  now?: Date;
}

export const hashToken = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();
/** A record as shown: everything but the hash. */
export const tokenInfo = ({ hash: _hash, ...rest }: TokenRecord): TokenInfo => rest;
const info = tokenInfo;
const lockPath = (home: HomeLayout) => `${home.tokensFile}.lock`;

function readTokenFile(home: HomeLayout): TokenFile {
  let text: string;
  try {
    text = readFileSync(home.tokensFile, 'utf8');
  } catch {
    return { version: 1, tokens: [] };
  }
  let parsed: ReturnType<typeof TokenFileSchema.safeParse>;
  try {
    parsed = TokenFileSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = TokenFileSchema.safeParse(null);
  }
  if (!parsed.success) {
    throw new OrchestrationError(
      'WRITE_FAILED',
      `${home.tokensFile} is damaged: delete it (this revokes every token) and create new tokens.`,
      {
        path: home.tokensFile,
      },
    );
  }
  return parsed.data;
}

/**
 * The token file as last read for `verifyToken`, keyed by the file's identity. Every change is an
 * atomic rename (a new inode), so an unchanged identity means unchanged contents; this saves a
 * read, a JSON parse and a schema check on every API request. The stat comes first, so the cached
 * contents are never older than their key.
 */
let verifyCache: { path: string; stamp: string; file: TokenFile } | undefined;

function readTokenFileForVerify(home: HomeLayout): TokenFile {
  const stamp = fileStamp(home.tokensFile);
  if (stamp === null) return { version: 1, tokens: [] };
  if (verifyCache?.path === home.tokensFile && verifyCache.stamp === stamp) return verifyCache.file;
  const file = readTokenFile(home);
  verifyCache = { path: home.tokensFile, stamp, file };
  return file;
}

function updateTokenFile<T>(home: HomeLayout, change: (file: TokenFile) => T): Promise<T> {
  home.ensureRoot();
  return withLock(lockPath(home), () => {
    const file = readTokenFile(home);
    const result = change(file);
    writeJsonAtomic(home.tokensFile, file, { mode: 0o600 });
    return result;
  });
}

/**
 * Parses a lifetime such as `30d`, `12h`, `90m` or `2w`; `never` (or empty) means no expiry.
 * @example parseDuration('30d') // 2592000000
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '' || trimmed === 'never') return undefined;
  const match = /^(\d{1,6})([mhdw])$/.exec(trimmed);
  const unit = match?.[2] === undefined ? undefined : DURATION_UNITS_MS[match[2]];
  if (!match || unit === undefined || Number(match[1]) === 0) {
    throw new OrchestrationError(
      'INVALID_INPUT',
      `"${text}" is not a lifetime; use e.g. 90m, 12h, 30d, 2w or never.`,
    );
  }
  return Number(match[1]) * unit;
}

/**
 * Creates a token and returns it in clear text; this is the only time the secret exists outside
 * the caller's hands.
 * @example const { token } = createToken(home, { name: 'ci', ttlMs: parseDuration('30d') });
 */
export async function createToken(
  home: HomeLayout,
  options: CreateTokenOptions = {},
): Promise<TokenInfo & { token: string }> {
  const { record, token } = newTokenRecord(options);
  await updateTokenFile(home, (file) => file.tokens.push(record));
  return { ...info(record), token };
}

/** A new token and the record to store for it (every store makes tokens the same way). */
export function newTokenRecord(options: CreateTokenOptions = {}): { record: TokenRecord; token: string } {
  const now = options.now ?? new Date();
  const token = `${TOKEN_PREFIX}${randomBytes(TOKEN_BYTES).toString('base64url')}`;
  const record: TokenRecord = {
    id: `tok-${randomBytes(6).toString('hex')}`,
    name: options.name ?? 'default',
    role: options.role ?? 'admin',
    profiles: options.profiles ?? null,
    hash: hashToken(token).toString('hex'),
    created_at: now.toISOString(),
    expires_at: options.ttlMs === undefined ? null : new Date(now.getTime() + options.ttlMs).toISOString(),
    last_used_at: null,
  };
  return { record, token };
}

/** How many stored records have no `role` (made before roles): a cheap look, no schema check. */
function legacyCount(home: HomeLayout): number {
  try {
    const raw = JSON.parse(readFileSync(home.tokensFile, 'utf8')) as { tokens?: unknown };
    if (!Array.isArray(raw.tokens)) return 0;
    return raw.tokens.filter((t) => typeof t === 'object' && t !== null && !('role' in t)).length;
  } catch {
    return 0;
  }
}

/** Rewrites tokens made before roles with the admin role they had; returns how many. */
export async function adoptLegacyTokens(home: HomeLayout): Promise<number> {
  if (legacyCount(home) === 0) return 0;
  // Under the lock, count again: another process may have done it meanwhile. Parsing fills in
  // the role (admin) and the profiles (none); writing the file back makes that explicit.
  return updateTokenFile(home, () => legacyCount(home));
}

/** Every token, oldest first, without secrets or hashes. */
export function listTokens(home: HomeLayout): TokenInfo[] {
  return readTokenFile(home).tokens.map(info);
}

/** True when at least one token exists that has not expired. */
export function hasActiveToken(home: HomeLayout, now = new Date()): boolean {
  return readTokenFile(home).tokens.some((t) => !isExpired(t, now));
}

/** Deletes a token: requests carrying it fail from now on. */
export async function revokeToken(home: HomeLayout, id: string): Promise<TokenInfo> {
  const tokenId = assertId('token', id);
  return updateTokenFile(home, (file) => {
    const at = file.tokens.findIndex((t) => t.id === tokenId);
    const found = file.tokens[at];
    if (!found) throw tokenNotFound(tokenId);
    file.tokens.splice(at, 1);
    return info(found);
  });
}

export function tokenNotFound(tokenId: string): OrchestrationError {
  return new OrchestrationError(
    'TOKEN_NOT_FOUND',
    `No token "${tokenId}". See "mcp-orchestration token list".`,
    {
      id: tokenId,
    },
  );
}

/** `UNAUTHORIZED`, built only on failure: capturing a stack on every request costs more than the check. */
export function tokenUnauthorized(): OrchestrationError {
  return new OrchestrationError('UNAUTHORIZED', 'The API token is unknown, revoked or expired.');
}

export function isTokenExpired(record: Pick<TokenRecord, 'expires_at'>, now: Date): boolean {
  return record.expires_at !== null && Date.parse(record.expires_at) <= now.getTime();
}

const isExpired = isTokenExpired;

/**
 * Checks a presented token; returns its record or throws UNAUTHORIZED. Hashes are compared in
 * constant time, and every record is compared so timing does not tell which one matched.
 */
export async function verifyToken(home: HomeLayout, presented: string, now = new Date()): Promise<TokenInfo> {
  const unauthorized = tokenUnauthorized;
  if (!presented.startsWith(TOKEN_PREFIX)) throw unauthorized();
  const hash = hashToken(presented);
  let match: TokenRecord | undefined;
  for (const record of readTokenFileForVerify(home).tokens) {
    if (timingSafeEqual(hash, Buffer.from(record.hash, 'hex'))) match = record;
  }
  if (!match || isExpired(match, now)) throw unauthorized();
  const lastUsed = match.last_used_at === null ? 0 : Date.parse(match.last_used_at);
  if (now.getTime() - lastUsed >= LAST_USED_RESOLUTION_MS) await touch(home, match.id, now);
  return info(match);
}

async function touch(home: HomeLayout, id: string, now: Date): Promise<void> {
  try {
    await updateTokenFile(home, (file) => {
      const record = file.tokens.find((t) => t.id === id);
      if (record) record.last_used_at = now.toISOString();
    });
  } catch {
    // Bookkeeping only: a busy lock or a read-only home must not turn a valid request away.
  }
}
