/**
 * @module clients/adapters/kilo-code
 * Kilo Code (VS Code extension `kilocode.kilo-code`, a Roo Code fork): `mcp_settings.json` in
 * globalStorage, project `.kilocode/mcp.json`; remote `type` is `streamable-http` | `sse`.
 * Docs: https://kilo.ai/docs/features/mcp/using-mcp-in-kilo-code
 */
import { defineAdapter, ENV_SYNTAX } from '../adapter.js';
import { standardShape } from '../entry-shapes.js';
import { inProject, vscodeExtensionSettings } from '../paths.js';

export const kiloCode = defineAdapter({
  id: 'kilo-code',
  name: 'Kilo Code',
  docs: ['https://kilo.ai/docs/features/mcp/using-mcp-in-kilo-code'],
  format: 'json',
  transports: ['stdio', 'http', 'sse'],
  serversKey: ['mcpServers'],
  paths: {
    user: (ctx) => vscodeExtensionSettings(ctx, 'kilocode.kilo-code', 'mcp_settings.json'),
    project: (ctx) => inProject(ctx, '.kilocode', 'mcp.json'),
  },
  envReference: ENV_SYNTAX.none,
  ...standardShape({ httpType: 'streamable-http', sseType: 'sse', shared: { disabledKey: 'disabled' } }),
});
