/**
 * @module clients/adapters/claude-code
 * Claude Code: user scope is the top-level `mcpServers` of `~/.claude.json` (`$CLAUDE_CONFIG_DIR`),
 * project scope is `.mcp.json`; `type` is `stdio` | `http` | `sse`; `${VAR}` is expanded in
 * command, args, env, url and headers.
 * Docs: https://code.claude.com/docs/en/mcp
 */
import { defineAdapter, ENV_SYNTAX } from '../adapter.js';
import { standardShape } from '../entry-shapes.js';
import { envDir, inHome, inProject, pathApi } from '../paths.js';

export const claudeCode = defineAdapter({
  id: 'claude-code',
  name: 'Claude Code',
  docs: ['https://code.claude.com/docs/en/mcp', 'https://code.claude.com/docs/en/settings'],
  format: 'json',
  transports: ['stdio', 'http', 'sse'],
  serversKey: ['mcpServers'],
  paths: {
    user: (ctx) => {
      const dir = envDir(ctx, 'CLAUDE_CONFIG_DIR');
      return dir ? pathApi(ctx).join(dir, '.claude.json') : inHome(ctx, '.claude.json');
    },
    project: (ctx) => inProject(ctx, '.mcp.json'),
  },
  envReference: ENV_SYNTAX.shell,
  ...standardShape({ stdioType: 'stdio', httpType: 'http', sseType: 'sse' }),
});
