/**
 * @module http/ui
 * The web dashboard's front door: the bundled page and assets under `/ui` (built from src/ui/ into
 * dist/ui/ by scripts/bundle.mjs), a strict Content-Security-Policy on every `/ui` response, and
 * the one-time login link of `mcp-orchestration ui`. The page itself talks to `/v1` only, with a
 * token it sends in a header: there is no cookie, so a foreign page cannot ride on a session.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from 'hono';
import { OrchestrationError } from '../core/errors.js';
import type { Orchestrator } from '../service/index.js';
import { errorResponse } from './errors.js';
import type { App } from './route.js';

/** No inline script or style, nothing from another origin, no framing, no form posts elsewhere. */
export const UI_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

/** The files of dist/ui/ the dashboard is made of; nothing else is served from there. */
const ASSETS: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};

/** How long a login link works, and how long the token it is exchanged for lives. */
export const LOGIN_LINK_TTL_MS = 15 * 60_000;
export const UI_SESSION_TTL_MS = 12 * 3_600_000;

/**
 * The one-time login of `mcp-orchestration ui`: a random code that the page exchanges, once and
 * within {@link LOGIN_LINK_TTL_MS}, for a fresh API token. Tokens it hands out are revoked by
 * `revokeAll` when the `ui` command stops.
 */
export class UiLogin {
  readonly code = randomBytes(24).toString('base64url');
  private readonly expiresAt: number;
  private used = false;
  private readonly issued: string[] = [];

  constructor(
    private readonly svc: Orchestrator,
    now = Date.now(),
  ) {
    this.expiresAt = now + LOGIN_LINK_TTL_MS;
  }

  /** The link to open: the code rides in the fragment, which browsers never send to a server. */
  link(baseUrl: string): string {
    return `${baseUrl}/ui/#login=${this.code}`;
  }

  /** Trades the code for a token, once. */
  async exchange(presented: string, now = Date.now()): Promise<{ token: string; expires_at: string | null }> {
    const a = Buffer.from(presented);
    const b = Buffer.from(this.code);
    const matches = a.length === b.length && timingSafeEqual(a, b);
    if (!matches || this.used || now > this.expiresAt) {
      throw new OrchestrationError(
        'UNAUTHORIZED',
        'This login link is unknown, used or expired. Run "mcp-orchestration ui" again for a fresh one, or sign in with an API token.',
      );
    }
    this.used = true;
    const created = await this.svc.createToken({ name: 'dashboard', ttlMs: UI_SESSION_TTL_MS });
    this.issued.push(created.id);
    return { token: created.token, expires_at: created.expires_at };
  }

  /** Revokes every token this login handed out (they were only for this run of `ui`). */
  async revokeAll(): Promise<void> {
    for (const id of this.issued.splice(0)) {
      try {
        await this.svc.revokeToken(id);
      } catch {
        // Already revoked by hand: nothing left to do.
      }
    }
  }
}

/** dist/ui/ of this package, found from this module whether it runs from src/, dist/ or a bundle. */
export function defaultAssetsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist', 'ui');
    dir = dirname(dir);
  }
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'ui');
}

function secure(c: Context): void {
  c.header('Content-Security-Policy', UI_CSP);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cross-Origin-Opener-Policy', 'same-origin');
  c.header('X-Frame-Options', 'DENY');
}

export interface UiOptions {
  login?: UiLogin | undefined;
  assetsDir?: string | undefined;
}

/**
 * Mounts `/ui`, `/ui/assets/*` and `POST /ui/login`.
 * @example mountUi(app, { login: new UiLogin(svc) })
 */
export function mountUi(app: App, options: UiOptions = {}): void {
  const dir = options.assetsDir ?? defaultAssetsDir();
  // Read once: the files are small and never change while the server runs.
  const files = new Map<string, string>();
  for (const name of ['index.html', ...Object.keys(ASSETS)]) {
    const path = join(dir, name);
    if (existsSync(path)) files.set(name, readFileSync(path, 'utf8'));
  }
  const notBuilt = (c: Context) => {
    secure(c);
    return c.text('The dashboard is not built: run "npm run build" in the package folder.', 503);
  };

  app.use('/ui/*', async (c, next) => {
    await next();
    secure(c);
  });
  app.get('/ui', (c) => c.redirect('/ui/', 301));
  app.get('/ui/', (c) => {
    const page = files.get('index.html');
    if (page === undefined) return notBuilt(c);
    c.header('Cache-Control', 'no-store');
    return c.html(page);
  });
  app.get('/ui/assets/:name', (c) => {
    const name = c.req.param('name');
    const type = ASSETS[name];
    const body = files.get(name);
    if (type === undefined) return c.text('Not found', 404);
    if (body === undefined) return notBuilt(c);
    c.header('Content-Type', type);
    c.header('Cache-Control', 'no-cache');
    return c.body(body);
  });
  app.post('/ui/login', async (c) => {
    try {
      const login = options.login;
      if (!login) {
        throw new OrchestrationError(
          'UNAUTHORIZED',
          'This server has no login link: sign in with an API token ("mcp-orchestration token create"), or start the dashboard with "mcp-orchestration ui".',
        );
      }
      // Only the dashboard's own page may trade a code: a browser always marks cross-site posts.
      const origin = c.req.header('Origin');
      if (origin !== undefined && origin !== new URL(c.req.url).origin) {
        throw new OrchestrationError('UNAUTHORIZED', `Login from the web page at ${origin} is refused.`);
      }
      const body = (await c.req.json().catch(() => ({}))) as { code?: unknown };
      if (typeof body.code !== 'string' || body.code.length > 200) {
        throw new OrchestrationError('INVALID_INPUT', 'Send {"code": "<the code from the login link>"}.');
      }
      return c.json(await login.exchange(body.code));
    } catch (err) {
      return errorResponse(c, err);
    }
  });
}
