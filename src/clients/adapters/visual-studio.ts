/**
 * @module clients/adapters/visual-studio
 * Visual Studio 2022/2026: `%USERPROFILE%\.mcp.json`, solution `.mcp.json`; VS Code's format
 * (`servers`, required `type`).
 * Docs: https://learn.microsoft.com/en-us/visualstudio/ide/mcp-servers
 */
import { defineAdapter, ENV_SYNTAX } from '../adapter.js';
import { standardShape } from '../entry-shapes.js';
import { inHome, inProject } from '../paths.js';

export const visualStudio = defineAdapter({
  id: 'visual-studio',
  name: 'Visual Studio',
  docs: ['https://learn.microsoft.com/en-us/visualstudio/ide/mcp-servers'],
  format: 'json',
  transports: ['stdio', 'http', 'sse'],
  serversKey: ['servers'],
  paths: {
    user: (ctx) => inHome(ctx, '.mcp.json'),
    project: (ctx) => inProject(ctx, '.mcp.json'),
  },
  envReference: ENV_SYNTAX.none,
  ...standardShape({ stdioType: 'stdio', httpType: 'http', sseType: 'sse' }),
});
