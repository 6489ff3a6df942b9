/**
 * @module clients/adapters/github-copilot-cli
 * GitHub Copilot CLI: `~/.copilot/mcp-config.json` (`$COPILOT_HOME`); `type` is required (`local`
 * for stdio, `http` | `sse` for remote) and `tools: ["*"]` enables every tool of a server.
 * Docs: https://docs.github.com/en/copilot/how-tos/use-copilot-agents/use-copilot-cli
 */
import { defineAdapter, ENV_SYNTAX } from '../adapter.js';
import { standardShape } from '../entry-shapes.js';
import { envDir, inHome, pathApi } from '../paths.js';

export const githubCopilotCli = defineAdapter({
  id: 'github-copilot-cli',
  name: 'GitHub Copilot CLI',
  docs: ['https://docs.github.com/en/copilot/how-tos/use-copilot-agents/use-copilot-cli'],
  format: 'json',
  transports: ['stdio', 'http', 'sse'],
  serversKey: ['mcpServers'],
  paths: {
    user: (ctx) => {
      const dir = envDir(ctx, 'COPILOT_HOME');
      return dir ? pathApi(ctx).join(dir, 'mcp-config.json') : inHome(ctx, '.copilot', 'mcp-config.json');
    },
  },
  envReference: ENV_SYNTAX.none,
  preservedKeys: ['tools'],
  unsupportedOnImport: (raw) =>
    raw.tools !== undefined && !(Array.isArray(raw.tools) && raw.tools.length === 1 && raw.tools[0] === '*')
      ? ['tools']
      : [],
  ...standardShape({ stdioType: 'local', httpType: 'http', sseType: 'sse', extra: { tools: ['*'] } }),
});
