/**
 * @module clients/adapters/kiro
 * Kiro: `~/.kiro/settings/mcp.json`, project `.kiro/settings/mcp.json` (wins); remote servers are
 * `url` + `headers`.
 * Docs: https://kiro.dev/docs/mcp/configuration/
 */
import { defineAdapter, ENV_SYNTAX } from '../adapter.js';
import { standardShape } from '../entry-shapes.js';
import { inHome, inProject } from '../paths.js';

export const kiro = defineAdapter({
  id: 'kiro',
  name: 'Kiro',
  docs: ['https://kiro.dev/docs/mcp/configuration/'],
  format: 'json',
  transports: ['stdio', 'http'],
  serversKey: ['mcpServers'],
  paths: {
    user: (ctx) => inHome(ctx, '.kiro', 'settings', 'mcp.json'),
    project: (ctx) => inProject(ctx, '.kiro', 'settings', 'mcp.json'),
  },
  envReference: ENV_SYNTAX.none,
  ...standardShape({ shared: { disabledKey: 'disabled', excludeToolsKey: 'disabledTools' } }),
});
