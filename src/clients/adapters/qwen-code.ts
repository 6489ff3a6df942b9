/**
 * @module clients/adapters/qwen-code
 * Qwen Code (a Gemini CLI fork): `mcpServers` in `~/.qwen/settings.json`, project
 * `.qwen/settings.json`, Gemini's entry shape.
 * Docs: https://github.com/QwenLM/qwen-code/blob/main/docs/users/features/mcp.md
 */
import { defineAdapter, ENV_SYNTAX } from '../adapter.js';
import { inHome, inProject } from '../paths.js';
import { qwenShape } from './gemini-shape.js';

export const qwenCode = defineAdapter({
  id: 'qwen-code',
  name: 'Qwen Code',
  docs: ['https://github.com/QwenLM/qwen-code/blob/main/docs/users/features/mcp.md'],
  format: 'json',
  transports: ['stdio', 'http', 'sse'],
  serversKey: ['mcpServers'],
  supportsCwd: true,
  paths: {
    user: (ctx) => inHome(ctx, '.qwen', 'settings.json'),
    project: (ctx) => inProject(ctx, '.qwen', 'settings.json'),
  },
  envReference: ENV_SYNTAX.shell,
  ...qwenShape,
});
