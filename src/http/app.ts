/**
 * @module http/app
 * The HTTP front door: REST operations under `/v1` (OpenAPI 3.1 at `/openapi.json`, a reference
 * page at `/docs`), MCP Streamable HTTP at `/mcp`, and `/health`. Every route calls one service
 * function; the dashboard at `/ui` is a static page over `/v1`. This file only wires logging, CORS,
 * the body limit, auth and error mapping around them.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { OrchestrationError, toOrchestrationError } from '../core/errors.js';
import { serviceRegistryApi } from '../registry/api/service-routes.js';
import type { Orchestrator } from '../service/index.js';
import { VERSION } from '../version.js';
import { refuseForeignOrigins, requireToken } from './auth.js';
import { type OpenApiDocument, renderDocsPage } from './docs.js';
import { errorResponse } from './errors.js';
import { allowOnlyKnownHosts, type HostOptions } from './hosts.js';
import { writeLogLine } from './log.js';
import { mountMcp } from './mcp-mount.js';
import type { App } from './route.js';
import { registerClientRoutes } from './routes/clients.js';
import { registerConfigRoutes } from './routes/config.js';
import { registerDeployRoutes } from './routes/deploy.js';
import { registerDoctorRoutes } from './routes/doctor.js';
import { registerDraftRoutes } from './routes/drafts.js';
import { registerHubRoutes } from './routes/hub.js';
import { registerKeyRoutes } from './routes/keys.js';
import { registerPolicyRoutes } from './routes/policy.js';
import { registerServerRoutes } from './routes/servers.js';
import { registerTokenRoutes } from './routes/tokens.js';
import type { Health } from './schemas.js';
import { mountUi, type UiOptions } from './ui.js';

/** Default request body limit: 1 MiB, comfortably above the largest config the validator accepts. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export interface AppOptions {
  orchestrator: Orchestrator;
  /** `tokens`: every `/v1` and `/mcp` request needs a token; `none`: no auth (explicit opt-in). */
  auth: 'tokens' | 'none';
  bodyLimit?: number;
  /** Origins allowed to call the API from a browser; none by default. */
  corsOrigins?: string[];
  /** Receives one object per request; defaults to a JSON line on stderr. */
  log?: (line: object) => void;
  /** The dashboard at `/ui`: where its assets are, and the login link of `mcp-orchestration ui`. */
  ui?: UiOptions;
  /** The MCP Registry API v0.1 at `/v0.1`: readable by anyone (`public`) or with any valid token. */
  registry?: { public: boolean };
  /** The names requests may be addressed to (`Host`); the loopback names by default. */
  hosts?: HostOptions;
  /** MCP sessions at `/mcp` are closed after this long without a request (`--mcp-idle-timeout`). */
  mcpIdleTimeoutMs?: number;
  /**
   * Whether `scope: "project"` is accepted: only when `serve --project-dir` gave the orchestrator a
   * project folder, never the server's working folder by accident.
   */
  projectScope?: boolean;
}

export type OrchestrationApp = App & {
  /** Releases what the app holds (MCP sessions); call after the HTTP server has closed. */
  close(): Promise<void>;
};

const OPENAPI_CONFIG = {
  openapi: '3.1.0',
  info: {
    title: 'mcp-orchestration',
    version: VERSION,
    description:
      'One signed source of truth for the MCP server configs of your AI clients: registry, drafts, validate, signed publish, diff, deploy.',
  },
  security: [{ bearerAuth: [] }, { apiKey: [] }],
};

/**
 * Builds the app; serve it with `@hono/node-server` (see cli/commands/serve.ts) or call `app.request`.
 * @example const app = createApp({ orchestrator: new Orchestrator(), auth: 'tokens' });
 */
export function createApp(opts: AppOptions): OrchestrationApp {
  const svc = opts.orchestrator;
  const log = opts.log ?? writeLogLine;
  const app: App = new OpenAPIHono({
    // A request that breaks a route's schema is INVALID_INPUT (400), like on every other front door.
    defaultHook: (result) => {
      if (!result.success) throw toOrchestrationError(result.error);
    },
  });

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    // Path only: no query string, no headers, so a token can never end up in a log.
    log({
      time: new Date().toISOString(),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });
  // Before every route, auth or not: a DNS-rebinding page sends neither a token nor an Origin.
  app.use('*', allowOnlyKnownHosts(opts.hosts));
  const origins = opts.corsOrigins ?? [];
  if (origins.length > 0) {
    app.use(
      '*',
      cors({
        origin: (origin) => (origins.includes(origin) ? origin : null),
        allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
        allowHeaders: [
          'Authorization',
          'X-API-Key',
          'Content-Type',
          'Mcp-Session-Id',
          'Mcp-Protocol-Version',
          'Last-Event-ID',
        ],
        exposeHeaders: ['Mcp-Session-Id'],
        maxAge: 600,
      }),
    );
  }
  const maxSize = opts.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const limitBody = bodyLimit({
    maxSize,
    onError: (c) =>
      errorResponse(
        c,
        new OrchestrationError('PAYLOAD_TOO_LARGE', `The request body is larger than ${maxSize} bytes.`, {
          limit: maxSize,
        }),
      ),
  });
  // GET and HEAD carry no body; asking for one makes @hono/node-server build a full Request per
  // call (an eighth of the CPU time of GET /v1/config under load).
  app.use('*', (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next),
  );
  const guard = opts.auth === 'tokens' ? requireToken(svc) : refuseForeignOrigins(origins);
  app.use('/v1/*', guard);
  app.use('/mcp', guard);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'apiKey',
    in: 'header',
    name: 'X-API-Key',
  });
  registerClientRoutes(app, svc);
  registerDoctorRoutes(app, svc);
  registerConfigRoutes(app, svc);
  registerDraftRoutes(app, svc);
  const projectScope = opts.projectScope ?? false;
  registerDeployRoutes(app, svc, { projectScope });
  registerServerRoutes(app, svc);
  registerKeyRoutes(app, svc);
  registerHubRoutes(app, svc);
  registerTokenRoutes(app, svc);
  registerPolicyRoutes(app, svc);

  const health = { status: 'ok', version: VERSION } satisfies typeof Health._output;
  app.get('/health', (c) => c.json(health));
  app.doc31('/openapi.json', OPENAPI_CONFIG);
  app.get('/docs', (c) => {
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    return c.html(renderDocsPage(app.getOpenAPI31Document(OPENAPI_CONFIG) as unknown as OpenApiDocument));
  });
  const closeMcp = mountMcp(app, svc, {
    projectScope,
    ...(opts.mcpIdleTimeoutMs === undefined ? {} : { idleTimeoutMs: opts.mcpIdleTimeoutMs }),
  });
  mountUi(app, opts.ui);
  // IDEs (Copilot's registry URL, VS Code's gallery) read the team's catalog here.
  app.route('/', serviceRegistryApi(svc, { public: opts.registry?.public ?? opts.auth === 'none' }));

  app.notFound((c) =>
    c.json(
      {
        error: {
          code: 'ROUTE_NOT_FOUND',
          message: `No route ${c.req.method} ${c.req.path}. The routes are listed at /docs.`,
        },
      },
      404,
    ),
  );
  app.onError((err, c) => {
    if (err instanceof HTTPException) {
      // Raised by Hono itself: malformed JSON (400) and an unsupported Content-Type (415).
      const code =
        err.status === 413 ? 'PAYLOAD_TOO_LARGE' : err.status === 401 ? 'UNAUTHORIZED' : 'INVALID_INPUT';
      const message = err.message.startsWith('Malformed JSON')
        ? 'The request body is not valid JSON.'
        : err.status === 415
          ? 'Send the request body as JSON with "Content-Type: application/json".'
          : err.message || 'Bad request.';
      return c.json({ error: { code, message } }, err.status as ContentfulStatusCode);
    }
    if (!(err instanceof OrchestrationError) && !(err instanceof Error && err.name === 'ZodError')) {
      log({
        time: new Date().toISOString(),
        level: 'error',
        method: c.req.method,
        path: c.req.path,
        error: String(err),
      });
    }
    return errorResponse(c, err);
  });

  return Object.assign(app, { close: closeMcp });
}
