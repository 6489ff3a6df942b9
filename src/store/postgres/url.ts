/**
 * @module store/postgres/url
 * PostgreSQL store URLs: `postgresql://user:password@host:port/db` (or `postgres://`). What may be
 * printed about one is `postgresql://host:port/db`: never the user's password.
 */
import { OrchestrationError } from '../../core/errors.js';

export const DEFAULT_PORT = 5432;

export interface PostgresTarget {
  host: string;
  port: number;
  database: string;
  /** `postgresql://host:port/db`, safe to print. */
  location: string;
}

/** True for a `postgresql://` or `postgres://` URL. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(url.trim());
}

/**
 * Where a PostgreSQL URL points, without its credentials. A socket folder given as `?host=/dir`
 * is the host. `INVALID_INPUT` for anything else, without echoing the text (it may hold a password).
 * @example parsePostgresUrl('postgresql://mo:secret@db.local/orch').location // 'postgresql://db.local:5432/orch'
 */
export function parsePostgresUrl(url: string): PostgresTarget {
  let parsed: URL | undefined;
  try {
    parsed = isPostgresUrl(url) ? new URL(url.trim()) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!parsed) {
    throw new OrchestrationError(
      'INVALID_INPUT',
      'The store URL is not a PostgreSQL URL: use postgresql://USER:PASSWORD@HOST:PORT/DATABASE.',
    );
  }
  const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
  const port = parsed.port ? Number(parsed.port) : Number(parsed.searchParams.get('port') ?? DEFAULT_PORT);
  const database =
    decodeURIComponent(parsed.pathname.replace(/^\//, '')) ||
    decodeURIComponent(parsed.username) ||
    'postgres';
  // A socket folder is written percent-encoded in the host part, as libpq reads it.
  const shown = host.startsWith('/') ? encodeURIComponent(host) : host;
  return { host, port, database, location: `postgresql://${shown}:${port}/${database}` };
}

/** `text` with the URL's password (raw and percent-decoded) cut out, for error messages. */
export function redactPassword(text: string, url: string): string {
  let password = '';
  try {
    password = new URL(url.trim()).password;
  } catch {
    return text;
  }
  if (!password) return text;
  let out = text.split(password).join('***');
  try {
    const decoded = decodeURIComponent(password);
    if (decoded) out = out.split(decoded).join('***');
  } catch {
    /* not percent-encoded */
  }
  return out;
}
