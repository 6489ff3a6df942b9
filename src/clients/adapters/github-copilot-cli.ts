/**
 * @module clients/adapters/github-copilot-cli
 * GitHub Copilot CLI: `~/.copilot/mcp-config.json` (`$COPILOT_HOME`); `type` is required (`local`
 * for stdio, `http` | `sse` for remote) and `tools: ["*"]` enables every tool of a server.
 * Docs: https://docs.github.com/en/copilot/how-tos/use-copilot-agents/use-copilot-cli
 */
import { defineAdapter, ENV_SYNTAX } from '../adapter.js';
import { entryObject, standardShape, toolList } from '../entry-shapes.js';
import { envDir, inHome, pathApi } from '../paths.js';

const ALL_TOOLS = '*';
const shape = standardShape({ stdioType: 'local', httpType: 'http', sseType: 'sse' });

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
  carries: { toolsInclude: true },
  toClient(name, entry) {
    // Copilot CLI requires `tools`; `["*"]` is every tool, a list of names limits the server to them.
    const { tools, ...rest } = entry;
    return { ...(shape.toClient(name, rest) as object), tools: tools?.include ?? [ALL_TOOLS] };
  },
  fromClient(name, raw) {
    const entry = shape.fromClient(name, raw);
    const tools = toolList(name, entryObject(name, raw), 'tools');
    if (tools === undefined || (tools.length === 1 && tools[0] === ALL_TOOLS)) return entry;
    return { ...entry, tools: { include: tools } };
  },
});
