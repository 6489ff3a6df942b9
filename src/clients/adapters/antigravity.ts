/**
 * @module clients/adapters/antigravity
 * Google Antigravity: `mcp_config.json`, `~/.gemini/config/` since 2.0 (shared by IDE and CLI),
 * `~/.gemini/antigravity/` before; remote servers use `serverUrl`.
 * Docs: https://antigravity.google/docs/mcp (paths cross-checked with add-mcp's README, 1.8 vs 2.4).
 */
import { defineAdapter, ENV_SYNTAX } from '../adapter.js';
import { standardShape } from '../entry-shapes.js';
import { inHome } from '../paths.js';

export const antigravity = defineAdapter({
  id: 'antigravity',
  name: 'Google Antigravity',
  docs: ['https://antigravity.google/docs/mcp'],
  format: 'json',
  transports: ['stdio', 'http'],
  serversKey: ['mcpServers'],
  paths: { user: (ctx) => inHome(ctx, '.gemini', 'config', 'mcp_config.json') },
  candidatePaths: (ctx) => [
    inHome(ctx, '.gemini', 'config', 'mcp_config.json'),
    inHome(ctx, '.gemini', 'antigravity', 'mcp_config.json'),
  ],
  envReference: ENV_SYNTAX.none,
  ...standardShape({ urlKey: 'serverUrl' }),
});
