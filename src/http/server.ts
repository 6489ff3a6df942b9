/**
 * @module http/server
 * Listening and shutting down: the app on `@hono/node-server`, and a close that stops taking new
 * connections, lets in-flight requests finish, then releases the app.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { OrchestrationApp } from './app.js';

/** How long in-flight requests get to finish on shutdown before their connections are cut. */
export const SHUTDOWN_GRACE_MS = 10_000;

/**
 * How long an idle keep-alive connection stays open. Longer than the idle timeout of the proxies
 * a hub runs behind (60 s for AWS ALB and nginx's upstream `keepalive_timeout`) and of clients
 * (undici: 4 s), so the side that reuses a connection is never the one racing its close: with
 * Node's 5 s default, a busy member machine's request could meet a socket just being closed.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export interface RunningServer {
  /** e.g. `http://127.0.0.1:8000` */
  url: string;
  /** The port actually bound (useful with port 0). */
  port: number;
  /** Graceful stop: no new connections, in-flight requests finish, then the app is closed. */
  close(graceMs?: number): Promise<void>;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** True for hosts only this machine can reach. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Starts listening; resolves once the port is bound, rejects if it cannot be (EADDRINUSE...).
 * @example const server = await startServer(app, { host: '127.0.0.1', port: 0 });
 */
export function startServer(
  app: OrchestrationApp,
  options: { host: string; port: number },
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, hostname: options.host, port: options.port },
      (info: AddressInfo) => {
        server.off('error', reject);
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${host}:${info.port}`,
          port: info.port,
          close: (graceMs) => stop(server, app, graceMs),
        });
      },
    ) as Server;
    server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
    // Must exceed keepAliveTimeout, or Node may cut a reused connection while reading headers.
    server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
    server.once('error', reject);
  });
}

function stop(server: Server, app: OrchestrationApp, graceMs = SHUTDOWN_GRACE_MS): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    // A keep-alive connection whose request has finished would hold `close` open until its idle
    // timeout: end such connections as soon as they go idle.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    force.unref();
    sweep.unref();
    server.close(() => {
      clearTimeout(force);
      clearInterval(sweep);
      app.close().then(resolve, resolve);
    });
    server.closeIdleConnections();
  });
}
