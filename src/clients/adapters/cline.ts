/**
 * @module clients/adapters/cline
 * Cline (VS Code extension `saoudrizwan.claude-dev`): `cline_mcp_settings.json` in the extension's
 * globalStorage; remote `type` is `streamableHttp` | `sse`.
 * Docs: https://docs.cline.bot/mcp/configuring-mcp-servers
 */
import { defineAdapter, ENV_SYNTAX } from '../adapter.js';
import { standardShape } from '../entry-shapes.js';
import { vscodeExtensionSettings } from '../paths.js';

export const cline = defineAdapter({
  id: 'cline',
  name: 'Cline',
  docs: ['https://docs.cline.bot/mcp/configuring-mcp-servers'],
  format: 'json',
  transports: ['stdio', 'http', 'sse'],
  serversKey: ['mcpServers'],
  paths: { user: (ctx) => vscodeExtensionSettings(ctx, 'saoudrizwan.claude-dev', 'cline_mcp_settings.json') },
  envReference: ENV_SYNTAX.none,
  ...standardShape({
    httpType: 'streamableHttp',
    sseType: 'sse',
    shared: { disabledKey: 'disabled', timeout: { key: 'timeout', unit: 's' } },
  }),
});
