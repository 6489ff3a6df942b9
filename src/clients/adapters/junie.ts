/**
 * @module clients/adapters/junie
 * JetBrains Junie: `~/.junie/mcp/mcp.json`, project `.junie/mcp/mcp.json`; stdio servers only.
 * Docs: https://www.jetbrains.com/help/junie/model-context-protocol-mcp.html
 */
import { defineAdapter, ENV_SYNTAX } from '../adapter.js';
import { standardShape } from '../entry-shapes.js';
import { inHome, inProject } from '../paths.js';

export const junie = defineAdapter({
  id: 'junie',
  name: 'JetBrains Junie',
  docs: ['https://www.jetbrains.com/help/junie/model-context-protocol-mcp.html'],
  format: 'json',
  transports: ['stdio'],
  serversKey: ['mcpServers'],
  paths: {
    user: (ctx) => inHome(ctx, '.junie', 'mcp', 'mcp.json'),
    project: (ctx) => inProject(ctx, '.junie', 'mcp', 'mcp.json'),
  },
  envReference: ENV_SYNTAX.none,
  ...standardShape(),
});
