/**
 * @module test/clients/test-server
 * A small MCP server for the conformance suite, with one tool (`ping`). Run as a program it speaks
 * stdio and, with `--record FILE`, writes the arguments and the `CONF_*` environment it was
 * started with, so the suite can check what a client really passed. `startRemoteServer()` serves
 * Streamable HTTP at `/mcp` and SSE at `/sse` on loopback and records the headers it was sent.
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function mcpServer() {
  const server = new McpServer({ name: 'conformance-test-server', version: '1.0.0' });
  server.registerTool('ping', { description: 'Answers pong.' }, async () => ({
    content: [{ type: 'text', text: 'pong' }],
  }));
  return server;
}

/**
 * Serves `/mcp` (Streamable HTTP, stateless) and `/sse` + `/messages` (SSE) on 127.0.0.1.
 * `requests` collects `{ path, headers }` of every request, for header checks.
 */
export async function startRemoteServer() {
  const requests = [];
  const sse = new Map();
  const http = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ path: url.pathname, method: req.method, headers: { ...req.headers } });
    try {
      if (url.pathname === '/mcp') {
        const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
        const server = mcpServer();
        res.on('close', () => {
          transport.close();
          server.close();
        });
        await server.connect(transport);
        await transport.handleRequest(req, res);
      } else if (url.pathname === '/sse' && req.method === 'GET') {
        const transport = new SSEServerTransport('/messages', res);
        sse.set(transport.sessionId, transport);
        res.on('close', () => sse.delete(transport.sessionId));
        await mcpServer().connect(transport);
      } else if (url.pathname === '/messages' && req.method === 'POST') {
        const transport = sse.get(url.searchParams.get('sessionId') ?? '');
        if (!transport) {
          res.writeHead(404).end('unknown session');
          return;
        }
        await transport.handlePostMessage(req, res);
      } else {
        res.writeHead(404).end('not found');
      }
    } catch (error) {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    }
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    httpUrl: `${base}/mcp`,
    sseUrl: `${base}/sse`,
    requests,
    close: () =>
      new Promise((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--record');
  if (at >= 0 && args[at + 1]) {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('CONF_')));
    writeFileSync(args[at + 1], `${JSON.stringify({ args, env })}\n`);
  }
  await mcpServer().connect(new StdioServerTransport());
}
