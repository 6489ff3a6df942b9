/**
 * @module clients/adapters/roo-code
 * Roo Code (VS Code extension `rooveterinaryinc.roo-cline`): `mcp_settings.json` in globalStorage,
 * project `.roo/mcp.json` (wins on a name clash); remote `type` is `streamable-http` | `sse`.
 * Docs: https://docs.roocode.com/features/mcp/using-mcp-in-roo
 */
import { defineAdapter, ENV_SYNTAX } from '../adapter.js';
import { standardShape } from '../entry-shapes.js';
import { inProject, vscodeExtensionSettings } from '../paths.js';

export const rooCode = defineAdapter({
  id: 'roo-code',
  name: 'Roo Code',
  docs: ['https://docs.roocode.com/features/mcp/using-mcp-in-roo'],
  format: 'json',
  transports: ['stdio', 'http', 'sse'],
  serversKey: ['mcpServers'],
  supportsCwd: true,
  paths: {
    user: (ctx) => vscodeExtensionSettings(ctx, 'rooveterinaryinc.roo-cline', 'mcp_settings.json'),
    project: (ctx) => inProject(ctx, '.roo', 'mcp.json'),
  },
  envReference: ENV_SYNTAX.none,
  ...standardShape({ httpType: 'streamable-http', sseType: 'sse', shared: { disabledKey: 'disabled' } }),
});
