/**
 * @module clients/adapters/windsurf
 * Windsurf (Cascade): `~/.codeium/windsurf/mcp_config.json`, user scope only; remote servers use
 * `serverUrl` (not `url`); `${env:NAME}` is interpolated.
 * Docs: https://docs.windsurf.com/windsurf/cascade/mcp
 */
import { defineAdapter, ENV_SYNTAX } from '../adapter.js';
import { standardShape } from '../entry-shapes.js';
import { inHome } from '../paths.js';

export const windsurf = defineAdapter({
  id: 'windsurf',
  name: 'Windsurf',
  docs: ['https://docs.windsurf.com/windsurf/cascade/mcp'],
  format: 'json',
  transports: ['stdio', 'http'],
  serversKey: ['mcpServers'],
  paths: { user: (ctx) => inHome(ctx, '.codeium', 'windsurf', 'mcp_config.json') },
  envReference: ENV_SYNTAX.vscode,
  ...standardShape({ urlKey: 'serverUrl', shared: { disabledKey: 'disabled' } }),
});
