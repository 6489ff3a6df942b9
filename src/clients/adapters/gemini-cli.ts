/**
 * @module clients/adapters/gemini-cli
 * Gemini CLI: `mcpServers` in `~/.gemini/settings.json`, project `.gemini/settings.json`.
 * Docs: https://github.com/google-gemini/gemini-cli/blob/main/docs/tools/mcp-server.md,
 * https://github.com/google-gemini/gemini-cli/blob/main/docs/get-started/configuration.md
 */
import { defineAdapter, ENV_SYNTAX } from '../adapter.js';
import { inHome, inProject } from '../paths.js';
import { geminiShape } from './gemini-shape.js';

export const geminiCli = defineAdapter({
  id: 'gemini-cli',
  name: 'Gemini CLI',
  docs: [
    'https://github.com/google-gemini/gemini-cli/blob/main/docs/tools/mcp-server.md',
    'https://github.com/google-gemini/gemini-cli/blob/main/docs/get-started/configuration.md',
  ],
  format: 'json',
  transports: ['stdio', 'http', 'sse'],
  serversKey: ['mcpServers'],
  supportsCwd: true,
  paths: {
    user: (ctx) => inHome(ctx, '.gemini', 'settings.json'),
    project: (ctx) => inProject(ctx, '.gemini', 'settings.json'),
  },
  envReference: ENV_SYNTAX.shell,
  ...geminiShape,
});
