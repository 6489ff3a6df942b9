/**
 * @module service/tokens
 * API tokens of the REST API, the HTTP MCP endpoint and the dashboard (stored hashed).
 */
import type { CreateTokenOptions, TokenInfo } from '../store/tokens.js';
import { audit, type ServiceContext } from './context.js';

export async function createToken(
  ctx: ServiceContext,
  options: CreateTokenOptions = {},
): Promise<TokenInfo & { token: string }> {
  const created = await ctx.store.createToken(options);
  await audit(ctx, 'token.create', created.id, { name: created.name, expires_at: created.expires_at });
  return created;
}

export function listTokens(ctx: ServiceContext): Promise<TokenInfo[]> {
  return ctx.store.listTokens();
}

export async function revokeToken(ctx: ServiceContext, id: string): Promise<TokenInfo> {
  const revoked = await ctx.store.revokeToken(id);
  await audit(ctx, 'token.revoke', revoked.id, { name: revoked.name });
  return revoked;
}

/** The token's record, or `UNAUTHORIZED`. */
export function verifyToken(ctx: ServiceContext, presented: string, now?: Date): Promise<TokenInfo> {
  return ctx.store.verifyToken(presented, now);
}

export function hasActiveToken(ctx: ServiceContext, now?: Date): Promise<boolean> {
  return ctx.store.hasActiveToken(now);
}
