/**
 * @module clients/adapters/boltai
 * BoltAI (macOS): `~/.boltai/mcp.json`, Claude Desktop's format; stdio servers.
 * Docs: https://docs.boltai.com/docs/plugins/mcp-servers
 */
import { defineAdapter, ENV_SYNTAX } from '../adapter.js';
import { standardShape } from '../entry-shapes.js';
import { inHome } from '../paths.js';

export const boltai = defineAdapter({
  id: 'boltai',
  name: 'BoltAI',
  docs: ['https://docs.boltai.com/docs/plugins/mcp-servers'],
  format: 'json',
  transports: ['stdio'],
  serversKey: ['mcpServers'],
  paths: { user: (ctx) => inHome(ctx, '.boltai', 'mcp.json') },
  envReference: ENV_SYNTAX.none,
  ...standardShape(),
});
