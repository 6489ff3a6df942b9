/**
 * @module clients/adapters/cline-cli
 * Cline CLI (npm `cline`): `~/.cline/data/settings/cline_mcp_settings.json`, the same entry shape
 * as the VS Code extension (client `cline`); remote `type` is `streamableHttp` | `sse`.
 * Docs: https://docs.cline.bot/cline-cli/overview, https://docs.cline.bot/mcp/configuring-mcp-servers
 */
import { defineAdapter, ENV_SYNTAX } from '../adapter.js';
import { standardShape } from '../entry-shapes.js';
import { inHome } from '../paths.js';

export const clineCli = defineAdapter({
  id: 'cline-cli',
  name: 'Cline CLI',
  docs: ['https://docs.cline.bot/cline-cli/overview', 'https://docs.cline.bot/mcp/configuring-mcp-servers'],
  format: 'json',
  transports: ['stdio', 'http', 'sse'],
  serversKey: ['mcpServers'],
  paths: { user: (ctx) => inHome(ctx, '.cline', 'data', 'settings', 'cline_mcp_settings.json') },
  envReference: ENV_SYNTAX.none,
  ...standardShape({ httpType: 'streamableHttp', sseType: 'sse' }),
});
