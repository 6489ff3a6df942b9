/**
 * @module http/routes/tokens
 * Who is calling (`/v1/whoami`, so the dashboard shows only the pages a role may use), and the
 * admin's API tokens: list, create (the secret is in that one answer only) and revoke.
 */
import { z } from '@hono/zod-openapi';
import { inputObject } from '../../core/schemas/operations.js';
import type { Orchestrator } from '../../service/index.js';
import { parseDuration, RoleSchema, TokenInfoSchema } from '../../store/tokens.js';
import { type App, operation } from '../route.js';
import { named } from '../schemas.js';

const TAG = 'Tokens';
const TokenInfo = named('TokenInfo', TokenInfoSchema);
const TokenList = named('TokenList', z.object({ tokens: z.array(TokenInfo) }));
const CreatedToken = named(
  'CreatedToken',
  TokenInfoSchema.extend({ token: z.string().describe('The secret: shown in this answer only') }),
);
const Caller = named(
  'Caller',
  z.object({
    id: z.string(),
    name: z.string(),
    role: RoleSchema,
    profiles: z.string().nullable(),
    local: z.boolean().describe('No token: a server started without auth, every right'),
  }),
);
const CreateTokenBody = inputObject({
  name: z.string().min(1).max(64).optional().describe('A label to tell tokens apart (default: "default")'),
  role: RoleSchema.optional().describe('reader, publisher or admin (default: admin)'),
  profiles: z
    .string()
    .max(64)
    .optional()
    .describe('Limit the token to profiles matching this glob, e.g. "team-*"'),
  expires: z.string().max(16).optional().describe('Lifetime such as 90m, 12h, 30d, 2w, or never (default)'),
});
const TokenParams = z.object({
  token_id: z
    .string()
    .max(64)
    .openapi({ param: { name: 'token_id', in: 'path' } }),
});

export function registerTokenRoutes(app: App, svc: Orchestrator): void {
  operation(
    app,
    {
      method: 'get',
      path: '/v1/whoami',
      operationId: 'whoami',
      summary: "The calling token's id, name, role and profile glob (never its secret)",
      tag: TAG,
      response: Caller,
    },
    () => svc.whoami(),
  );

  operation(
    app,
    {
      method: 'get',
      path: '/v1/tokens',
      operationId: 'listTokens',
      summary: 'Every API token: id, name, role, profiles, created, expires, last used (never a secret)',
      tag: TAG,
      role: 'admin',
      response: TokenList,
    },
    async () => ({ tokens: await svc.listTokens() }),
  );

  operation(
    app,
    {
      method: 'post',
      path: '/v1/tokens',
      operationId: 'createToken',
      summary: 'Creates a token with a role and an optional profile glob; the secret is in this answer only',
      tag: TAG,
      role: 'admin',
      body: CreateTokenBody,
      response: CreatedToken,
      status: 201,
    },
    ({ body }) => {
      const input = body as z.infer<typeof CreateTokenBody>;
      const ttlMs = input.expires === undefined ? undefined : parseDuration(input.expires);
      return svc.createToken({
        ...(input.name === undefined ? {} : { name: input.name }),
        ...(input.role === undefined ? {} : { role: input.role }),
        ...(input.profiles === undefined ? {} : { profiles: input.profiles }),
        ...(ttlMs === undefined ? {} : { ttlMs }),
      });
    },
  );

  operation(
    app,
    {
      method: 'delete',
      path: '/v1/tokens/{token_id}',
      operationId: 'revokeToken',
      summary: 'Revokes a token: requests carrying it fail from now on',
      tag: TAG,
      role: 'admin',
      params: TokenParams,
      response: named('RevokedToken', z.object({ revoked: TokenInfo })),
      errors: [404],
    },
    async ({ params }) => ({ revoked: await svc.revokeToken(params.token_id ?? '') }),
  );
}
