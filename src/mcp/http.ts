/**
 * @module mcp/http
 * MCP over Streamable HTTP, independent of any web framework: a `Request -> Response` handler with
 * sessions (`Mcp-Session-Id`), one McpServer per session. `serve` mounts it at `/mcp` behind auth.
 */
import { randomUUID } from 'node:crypto';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { Orchestrator } from '../service/index.js';
import { createMcpServer, type McpServerOptions } from './server.js';

const SESSION_HEADER = 'mcp-session-id';
/**
 * Sessions a client abandoned without a DELETE are closed after this long without a request. Short,
 * so abandoned sessions cannot fill the `maxSessions` slots for long; a client whose session was
 * closed gets 404 and, as the MCP spec asks, starts a new one (`serve --mcp-idle-timeout`).
 */
export const DEFAULT_IDLE_MS = 5 * 60 * 1000;
const DEFAULT_MAX_SESSIONS = 100;

export interface McpHttpHandlerOptions extends McpServerOptions {
  /** Milliseconds without a request after which a session is closed; DEFAULT_IDLE_MS by default. */
  idleTimeoutMs?: number;
  maxSessions?: number;
}

export interface McpHttpHandler {
  /** Handles one request to the MCP endpoint (POST, GET for the event stream, DELETE to end a session). */
  handle(req: Request): Promise<Response>;
  /** Closes every session. */
  close(): Promise<void>;
  /** Number of open sessions. */
  readonly sessionCount: number;
}

interface Session {
  transport: WebStandardStreamableHTTPServerTransport;
  server: McpServer;
  lastSeen: number;
}

function rpcError(status: number, code: number, message: string): Response {
  return new Response(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/**
 * The `/mcp` endpoint.
 * @example
 * const mcp = createMcpHttpHandler(() => new Orchestrator({ home }));
 * app.all('/mcp', (c) => mcp.handle(c.req.raw));
 */
export function createMcpHttpHandler(
  makeOrchestrator: () => Orchestrator,
  options: McpHttpHandlerOptions = {},
): McpHttpHandler {
  const sessions = new Map<string, Session>();
  const idleMs = options.idleTimeoutMs ?? DEFAULT_IDLE_MS;
  const maxSessions = options.maxSessions ?? DEFAULT_MAX_SESSIONS;

  async function closeSession(id: string): Promise<void> {
    const session = sessions.get(id);
    sessions.delete(id);
    await session?.server.close().catch(() => undefined);
  }

  async function sweep(now: number): Promise<void> {
    for (const [id, session] of sessions) if (now - session.lastSeen > idleMs) await closeSession(id);
  }

  async function startSession(req: Request): Promise<Response> {
    if (sessions.size >= maxSessions)
      return rpcError(503, -32000, 'Too many open MCP sessions; end one with DELETE or retry later.');
    let server: McpServer;
    try {
      server = createMcpServer(makeOrchestrator(), {
        ...options,
        allowPaths: options.allowPaths ?? false,
        projectScope: options.projectScope ?? false,
      });
    } catch {
      return rpcError(500, -32603, 'Could not start an MCP session.');
    }
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.set(id, { transport, server, lastSeen: Date.now() });
      },
      onsessionclosed: (id) => closeSession(id),
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    await server.connect(transport);
    const response = await transport.handleRequest(req);
    // Not an initialize request (the transport answered 400): no session was made, drop the server.
    if (!transport.sessionId) await server.close().catch(() => undefined);
    return response;
  }

  return {
    async handle(req) {
      await sweep(Date.now());
      const id = req.headers.get(SESSION_HEADER);
      if (!id) {
        if (req.method !== 'POST')
          return rpcError(
            400,
            -32000,
            'Bad Request: no Mcp-Session-Id; start a session with an initialize POST.',
          );
        return startSession(req);
      }
      const session = sessions.get(id);
      if (!session)
        return rpcError(
          404,
          -32001,
          'Session not found (ended, or closed after being idle); start a new session with an initialize POST.',
        );
      session.lastSeen = Date.now();
      return session.transport.handleRequest(req);
    },
    async close() {
      await Promise.all([...sessions.keys()].map(closeSession));
    },
    get sessionCount() {
      return sessions.size;
    },
  };
}
