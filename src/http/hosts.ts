/**
 * @module http/hosts
 * The `Host` allow-list. A web page can make its own name resolve to 127.0.0.1 (DNS rebinding) and
 * then read this server as if it were same-origin: its requests carry no `Origin` to refuse, but
 * they do carry its name in `Host`. So every route, with or without auth, answers only requests
 * addressed to a name this server knows: the loopback names, the address it listens on, or a name
 * given with `serve --allowed-host`. An IP address cannot be rebound, so when `serve` listens on
 * every interface (`0.0.0.0`, `::`) any IP address is accepted and names must be allowed.
 */
import { isIP } from 'node:net';
import type { MiddlewareHandler } from 'hono';
import { OrchestrationError } from '../core/errors.js';
import { errorResponse } from './errors.js';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARD_ADDRESSES = new Set(['0.0.0.0', '[::]']);

export interface HostOptions {
  /** The interface `serve` listens on (`--host`); 127.0.0.1 when not given. */
  bound?: string;
  /** More names clients reach this server by (`--allowed-host`), such as a proxy's public name. */
  allowed?: readonly string[];
}

/**
 * The host part of a `Host` header or a `--host`/`--allowed-host` value, lower case, without the
 * port or a trailing dot, IPv6 in brackets: `Example.COM.:8000` is `example.com`, `::1` is `[::1]`.
 */
export function hostName(value: string): string {
  let host = value.trim().toLowerCase();
  if (isIP(host) === 6) return `[${host}]`;
  if (host.startsWith('[')) host = host.slice(0, host.indexOf(']') + 1);
  else host = host.replace(/:\d*$/, '');
  return host.replace(/\.$/, '');
}

const isIpLiteral = (host: string) => isIP(host.replace(/^\[(.*)\]$/, '$1')) !== 0;

/**
 * Refuses with 403 HOST_NOT_ALLOWED a request whose `Host` is not one of this server's names.
 * @example app.use('*', allowOnlyKnownHosts({ bound: '127.0.0.1', allowed: ['hub.example.com'] }))
 */
export function allowOnlyKnownHosts(options: HostOptions = {}): MiddlewareHandler {
  const bound = hostName(options.bound ?? '127.0.0.1');
  const anyAddress = WILDCARD_ADDRESSES.has(bound);
  const known = new Set([...LOOPBACK_NAMES, bound, ...(options.allowed ?? []).map(hostName)]);
  return async (c, next) => {
    const host = hostName(c.req.header('Host') ?? new URL(c.req.url).host);
    if (known.has(host) || (anyAddress && isIpLiteral(host))) return next();
    return errorResponse(
      c,
      new OrchestrationError(
        'HOST_NOT_ALLOWED',
        `Requests addressed to "${host}" are refused (a web page could be reaching this server through its own name). If this server is meant to be reached as ${host}, start it with "serve --allowed-host ${host}".`,
        { host },
      ),
    );
  };
}
