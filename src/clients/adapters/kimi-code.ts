/**
 * @module clients/adapters/kimi-code
 * Kimi Code CLI (Moonshot AI): `mcp.json` in `~/.kimi` (`$KIMI_CODE_HOME`), project
 * `.kimi-code/mcp.json`; remote servers are `url` + `headers`.
 * Docs: https://moonshotai.github.io/kimi-cli/en/customization/mcp.html
 */
import { defineAdapter, ENV_SYNTAX } from '../adapter.js';
import { standardShape } from '../entry-shapes.js';
import { envDir, inHome, inProject, pathApi } from '../paths.js';

export const kimiCode = defineAdapter({
  id: 'kimi-code',
  name: 'Kimi Code',
  docs: ['https://moonshotai.github.io/kimi-cli/en/customization/mcp.html'],
  format: 'json',
  transports: ['stdio', 'http'],
  serversKey: ['mcpServers'],
  paths: {
    user: (ctx) => {
      const dir = envDir(ctx, 'KIMI_CODE_HOME');
      return dir ? pathApi(ctx).join(dir, 'mcp.json') : inHome(ctx, '.kimi', 'mcp.json');
    },
    project: (ctx) => inProject(ctx, '.kimi-code', 'mcp.json'),
  },
  envReference: ENV_SYNTAX.none,
  ...standardShape(),
});
