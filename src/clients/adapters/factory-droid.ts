/**
 * @module clients/adapters/factory-droid
 * Factory Droid: `~/.factory/mcp.json`, project `.factory/mcp.json`; `type` is `stdio` | `http` | `sse`;
 * `${VAR}` is expanded in values.
 * Docs: https://docs.factory.ai/cli/configuration/mcp
 */
import { defineAdapter, ENV_SYNTAX } from '../adapter.js';
import { standardShape } from '../entry-shapes.js';
import { inHome, inProject } from '../paths.js';

export const factoryDroid = defineAdapter({
  id: 'factory-droid',
  name: 'Factory Droid',
  docs: ['https://docs.factory.ai/cli/configuration/mcp'],
  format: 'json',
  transports: ['stdio', 'http', 'sse'],
  serversKey: ['mcpServers'],
  paths: {
    user: (ctx) => inHome(ctx, '.factory', 'mcp.json'),
    project: (ctx) => inProject(ctx, '.factory', 'mcp.json'),
  },
  envReference: ENV_SYNTAX.shell,
  ...standardShape({
    stdioType: 'stdio',
    httpType: 'http',
    sseType: 'sse',
    // `droid mcp add` writes `"disabled": false` itself.
    shared: { disabledKey: 'disabled' },
  }),
});
