/**
 * @module clients/adapters/cursor
 * Cursor: `~/.cursor/mcp.json` and `.cursor/mcp.json`; remote entries are `url` + `headers` (the
 * transport is detected, so SSE servers are bridged); `${env:NAME}` is interpolated.
 * Docs: https://cursor.com/docs/context/mcp
 */
import { defineAdapter, ENV_SYNTAX } from '../adapter.js';
import { standardShape } from '../entry-shapes.js';
import { inHome, inProject } from '../paths.js';

export const cursor = defineAdapter({
  id: 'cursor',
  name: 'Cursor',
  docs: ['https://cursor.com/docs/context/mcp'],
  format: 'json',
  transports: ['stdio', 'http'],
  serversKey: ['mcpServers'],
  paths: {
    user: (ctx) => inHome(ctx, '.cursor', 'mcp.json'),
    project: (ctx) => inProject(ctx, '.cursor', 'mcp.json'),
  },
  envReference: ENV_SYNTAX.vscode,
  ...standardShape(),
});
