/**
 * @module http/mcp-mount
 * Mounts the MCP Streamable HTTP endpoint (src/mcp/http.ts) at `/mcp`. The MCP module is loaded on
 * the first `/mcp` request, so a REST-only client never pays for the MCP SDK.
 */
import type { McpHttpHandler, McpHttpHandlerOptions } from '../mcp/http.js';
import type { Orchestrator } from '../service/index.js';
import type { App } from './route.js';

/** Routes every method of `/mcp` to the MCP handler; returns a function that closes it. */
export function mountMcp(
  app: App,
  orchestrator: Orchestrator,
  options: McpHttpHandlerOptions = {},
): () => Promise<void> {
  let handler: Promise<McpHttpHandler> | undefined;
  const load = () => {
    handler ??= import('../mcp/http.js').then((mod) => mod.createMcpHttpHandler(() => orchestrator, options));
    return handler;
  };
  app.all('/mcp', async (c) => (await load()).handle(c.req.raw));
  return async () => {
    if (handler) await (await handler).close();
  };
}
