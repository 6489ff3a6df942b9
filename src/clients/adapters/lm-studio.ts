/**
 * @module clients/adapters/lm-studio
 * LM Studio: `~/.lmstudio/mcp.json`, "following Cursor's mcp.json notation" (`url` + `headers`).
 * Docs: https://lmstudio.ai/docs/app/mcp
 */
import { defineAdapter, ENV_SYNTAX } from '../adapter.js';
import { standardShape } from '../entry-shapes.js';
import { inHome } from '../paths.js';

export const lmStudio = defineAdapter({
  id: 'lm-studio',
  name: 'LM Studio',
  docs: ['https://lmstudio.ai/docs/app/mcp'],
  format: 'json',
  transports: ['stdio', 'http'],
  serversKey: ['mcpServers'],
  paths: { user: (ctx) => inHome(ctx, '.lmstudio', 'mcp.json') },
  candidatePaths: (ctx) => [
    inHome(ctx, '.lmstudio', 'mcp.json'),
    inHome(ctx, '.cache', 'lm-studio', 'mcp.json'),
  ],
  envReference: ENV_SYNTAX.none,
  ...standardShape(),
});
