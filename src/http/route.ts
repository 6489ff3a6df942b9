/**
 * @module http/route
 * One way to declare an API operation: its OpenAPI description (from zod schemas) and the service
 * call behind it. The request is validated by the declared schemas before `call` runs; the service
 * validates again with its own input schema, so the rules live in one place (core/schemas).
 */
import { createRoute, type OpenAPIHono, type RouteConfig, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { assertNesting } from '../core/nesting.js';
import { assertAllowed } from '../service/access.js';
import type { Role } from '../store/tokens.js';
import { ErrorResponse } from './schemas.js';

export type AppEnv = Record<string, never>;
export type App = OpenAPIHono<{ Bindings: AppEnv }>;

type Method = 'get' | 'post' | 'delete';

export interface OperationSpec {
  method: Method;
  /** OpenAPI path, e.g. `/v1/config/{client_id}/{profile}/draft`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** JSON request body; `bodyRequired` when the operation makes no sense without one. */
  body?: z.ZodType;
  bodyRequired?: boolean;
  response: z.ZodType;
  status?: 200 | 201;
  /** The error statuses this operation can answer with, besides 400, 401 and 413. */
  errors?: number[];
  /** The least role a token needs (default: reader for GET, publisher otherwise). */
  role?: Role;
  /**
   * A validator for conditional GETs, found before the work is done: a request whose
   * `If-None-Match` carries it gets an empty 304 (a member's sync of an unchanged head).
   */
  etag?: (input: OperationInput) => Promise<string>;
}

/** The role an operation needs. */
export const roleOf = (spec: Pick<OperationSpec, 'method' | 'role'>): Role =>
  spec.role ?? (spec.method === 'get' ? 'reader' : 'publisher');

export interface OperationInput {
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed JSON, or input that breaks the schema (INVALID_INPUT, INVALID_ID)',
  401: 'Missing, unknown, revoked or expired token (UNAUTHORIZED)',
  403: "The token's role is too low, or the profile is outside its profiles (FORBIDDEN)",
  404: 'Unknown client, profile, artifact, server or draft entry',
  409: 'Conflict: NO_CHANGES, DUPLICATE_SERVER or KEYS_NOT_INITIALIZED',
  413: 'Request body over the size limit (PAYLOAD_TOO_LARGE)',
  422: 'The config fails validation or verification (the first failing check is the code)',
};

const errorContent = { 'application/json': { schema: ErrorResponse } };

/** The OpenAPI route config of an operation. */
export function routeOf(spec: OperationSpec): RouteConfig {
  const status = spec.status ?? 200;
  const responses: RouteConfig['responses'] = {
    [status]: { description: 'Success', content: { 'application/json': { schema: spec.response } } },
  };
  for (const code of new Set([400, 401, 403, 413, ...(spec.errors ?? [])])) {
    responses[code] = { description: ERROR_DESCRIPTIONS[code] ?? 'Error', content: errorContent };
  }
  return createRoute({
    method: spec.method,
    path: spec.path,
    operationId: spec.operationId,
    summary: spec.summary,
    description: [`Needs a token with the **${roleOf(spec)}** role (or higher).`, spec.description]
      .filter(Boolean)
      .join(' '),
    'x-required-role': roleOf(spec),
    tags: [spec.tag],
    request: {
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.query ? { query: spec.query } : {}),
      ...(spec.body
        ? {
            body: {
              content: { 'application/json': { schema: spec.body } },
              required: spec.bodyRequired ?? false,
            },
          }
        : {}),
    },
    responses,
  });
}

/**
 * Registers an operation: OpenAPI entry, request validation, service call, JSON response.
 * @example operation(app, { method: 'get', path: '/v1/keys', ... }, () => svc.keysShow())
 */
export function operation(app: App, spec: OperationSpec, call: (input: OperationInput) => unknown): void {
  const handler = async (c: Context) => {
    const req = c.req as unknown as { valid(target: string): unknown };
    const input: OperationInput = {
      params: (spec.params ? req.valid('param') : {}) as Record<string, string>,
      query: (spec.query ? req.valid('query') : {}) as Record<string, unknown>,
      body: (spec.body ? req.valid('json') : {}) as Record<string, unknown>,
    };
    const profile = input.params.profile ?? input.body.profile_id ?? input.query.profile_id;
    assertAllowed(roleOf(spec), typeof profile === 'string' ? profile : undefined);
    assertNesting(input.body, 'The request body');
    if (spec.etag) {
      const tag = `"${await spec.etag(input)}"`;
      c.header('ETag', tag);
      const presented = c.req.header('If-None-Match');
      if (presented?.split(',').some((t) => t.trim() === tag)) return c.body(null, 304);
    }
    return c.json((await call(input)) as object, spec.status ?? 200);
  };
  // The typed handler of OpenAPIHono is specific to each literal route; this generic registrar
  // trades that for one place where every operation is declared alike.
  app.openapi(routeOf(spec), handler as never);
}

/** The `{client_id, profile_id}` target of a `/v1/config/{client_id}/{profile}` route. */
export function targetOf(input: OperationInput): { client_id: string; profile_id: string } {
  return { client_id: input.params.client_id ?? '', profile_id: input.params.profile ?? '' };
}
