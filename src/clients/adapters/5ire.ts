/**
 * @module clients/adapters/5ire
 * 5ire: `mcp.json` in its app-data folder; stdio servers, each with `isActive`.
 * Docs: https://github.com/nanbingxyz/5ire (paths cross-checked with MCPM's client manager).
 */
import { defineAdapter, ENV_SYNTAX } from '../adapter.js';
import { standardShape } from '../entry-shapes.js';
import { appConfigDir, pathApi } from '../paths.js';

export const fiveIre = defineAdapter({
  id: '5ire',
  name: '5ire',
  docs: ['https://github.com/nanbingxyz/5ire'],
  format: 'json',
  transports: ['stdio'],
  serversKey: ['mcpServers'],
  paths: { user: (ctx) => pathApi(ctx).join(appConfigDir(ctx), '5ire', 'mcp.json') },
  envReference: ENV_SYNTAX.none,
  ...standardShape({ extra: { isActive: true } }),
});
