/**
 * @module service/tokens
 * API tokens of the REST API, the HTTP MCP endpoint and the dashboard (stored hashed).
 */
import { OrchestrationError } from '../core/errors.js';
import type { AuditEntry } from '../store/store.js';
import type { CreateTokenOptions, Role, TokenInfo } from '../store/tokens.js';
import { assertAllowed } from './access.js';
import { actorOf, audit, type ServiceContext } from './context.js';

const PROFILE_GLOB = /^[a-z0-9*][a-z0-9._*-]{0,63}$/;

/** Creates a token (admin only over HTTP); its role and profile glob limit what it may do. */
export async function createToken(
  ctx: ServiceContext,
  options: CreateTokenOptions = {},
): Promise<TokenInfo & { token: string }> {
  assertAllowed('admin');
  if (options.profiles !== undefined && !PROFILE_GLOB.test(options.profiles)) {
    throw new OrchestrationError(
      'INVALID_INPUT',
      `"${options.profiles.slice(0, 80)}" is not a profile pattern: use profile id characters (a-z, 0-9, ".", "_", "-") and "*", e.g. "team-*".`,
    );
  }
  const created = await ctx.store.createToken(options);
  await audit(ctx, 'token.create', created.id, {
    name: created.name,
    role: created.role,
    profiles: created.profiles,
    expires_at: created.expires_at,
  });
  return created;
}

export function listTokens(ctx: ServiceContext): Promise<TokenInfo[]> {
  assertAllowed('admin');
  return ctx.store.listTokens();
}

export async function revokeToken(ctx: ServiceContext, id: string): Promise<TokenInfo> {
  assertAllowed('admin');
  const revoked = await ctx.store.revokeToken(id);
  await audit(ctx, 'token.revoke', revoked.id, { name: revoked.name });
  return revoked;
}

/** Who is calling: a token's name, role and profiles; `local` (every right) outside a token. */
export interface Caller {
  id: string;
  name: string;
  role: Role;
  profiles: string | null;
  local: boolean;
}

/**
 * The caller as the dashboard needs it to show only the pages its role may use.
 * @example (await whoami(ctx)).role // 'reader'
 */
export async function whoami(ctx: ServiceContext): Promise<Caller> {
  const actor = actorOf(ctx);
  return {
    id: actor.id,
    name: actor.name,
    role: actor.role ?? 'admin',
    profiles: actor.profiles ?? null,
    local: actor.role === undefined,
  };
}

/**
 * Gives tokens made before roles the admin role they always had, and says so once (naming how
 * many) and in the audit trail. Runs when the store is opened.
 */
export async function adoptLegacyTokens(ctx: ServiceContext): Promise<number> {
  const count = await ctx.store.adoptLegacyTokens();
  if (count === 0) return 0;
  ctx.notice(
    count === 1
      ? '1 API token made before roles is now an admin token, as it always acted. Give it a narrower role with "token create --role reader|publisher" and "token revoke".'
      : `${count} API tokens made before roles are now admin tokens, as they always acted. Give them narrower roles with "token create --role reader|publisher" and "token revoke".`,
  );
  await audit(ctx, 'token.migrate', 'tokens', { count, role: 'admin' });
  return count;
}

/** The token's record, or `UNAUTHORIZED`. */
export function verifyToken(ctx: ServiceContext, presented: string, now?: Date): Promise<TokenInfo> {
  return ctx.store.verifyToken(presented, now);
}

export function hasActiveToken(ctx: ServiceContext, now?: Date): Promise<boolean> {
  return ctx.store.hasActiveToken(now);
}

/** The audit trail, newest first (admin only over HTTP). */
export function listAudit(
  ctx: ServiceContext,
  options: { limit?: number; offset?: number } = {},
): Promise<AuditEntry[]> {
  assertAllowed('admin');
  return ctx.store.listAudit(options);
}
