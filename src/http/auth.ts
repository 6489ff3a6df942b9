/**
 * @module http/auth
 * Token auth for the HTTP API: `Authorization: Bearer <token>` or `X-API-Key: <token>`, checked
 * against the hashed tokens of the Store. The token never reaches a log. What the request writes is
 * recorded in the audit trail as the token's.
 */
import type { MiddlewareHandler } from 'hono';
import { OrchestrationError } from '../core/errors.js';
import { type Actor, type Orchestrator, runAs } from '../service/index.js';
import { errorResponse } from './errors.js';
import { isLoopback } from './server.js';

const BEARER_PREFIX = /^Bearer\s+/i;
const API_KEY_HEADER = 'X-API-Key';

/** The token a request carries, if any. */
export function presentedToken(headers: Headers): string | undefined {
  const authorization = headers.get('Authorization');
  if (authorization && BEARER_PREFIX.test(authorization))
    return authorization.replace(BEARER_PREFIX, '').trim();
  return headers.get(API_KEY_HEADER)?.trim() || undefined;
}

/**
 * Rejects requests without a valid token with 401 UNAUTHORIZED.
 * @example app.use('/v1/*', requireToken(orchestrator))
 */
export function requireToken(svc: Orchestrator): MiddlewareHandler {
  return async (c, next) => {
    const token = presentedToken(c.req.raw.headers);
    let actor: Actor;
    try {
      if (!token) {
        throw new OrchestrationError(
          'UNAUTHORIZED',
          'This API needs a token: send "Authorization: Bearer <token>" or "X-API-Key: <token>". Create one with "mcp-orchestration token create".',
        );
      }
      const info = await svc.verifyToken(token);
      actor = { id: info.id, name: info.name, role: info.role, profiles: info.profiles };
    } catch (err) {
      return errorResponse(c, err);
    }
    await runAs(actor, next);
  };
}

/**
 * Without tokens (`--insecure-no-auth`), any web page the user opens could send "simple" cross-site
 * requests (a POST without a body publishes or deploys) to a server on localhost. Browsers always
 * mark such requests with `Origin`, so one from an origin not on the CORS allow-list is refused.
 * The dashboard this server serves is let through: its origin is the request's own, on a loopback
 * host (a name that is not loopback could be another site's, rebound to this machine's address).
 */
export function refuseForeignOrigins(allowed: readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('Origin');
    if (origin !== undefined && !allowed.includes(origin) && !isOwnLoopbackOrigin(origin, c.req.url)) {
      return errorResponse(
        c,
        new OrchestrationError(
          'UNAUTHORIZED',
          `Requests from the web page at ${origin} are refused; allow it with --cors-origin.`,
        ),
      );
    }
    await next();
  };
}

/** Whether `origin` is the request's own scheme, host and port, and that host is loopback. */
function isOwnLoopbackOrigin(origin: string, requestUrl: string): boolean {
  const own = new URL(requestUrl);
  return origin === own.origin && isLoopback(own.hostname);
}
