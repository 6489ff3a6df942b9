/**
 * @module clients/adapters/trae
 * Trae IDE (a VS Code fork): `mcp.json` in its user folder (`<app data>/Trae/User`).
 * Docs: https://docs.trae.ai/ide/model-context-protocol
 */
import { defineAdapter, ENV_SYNTAX } from '../adapter.js';
import { standardShape } from '../entry-shapes.js';
import { appConfigDir, pathApi } from '../paths.js';

export const trae = defineAdapter({
  id: 'trae',
  name: 'Trae',
  docs: ['https://docs.trae.ai/ide/model-context-protocol'],
  format: 'json',
  transports: ['stdio', 'http'],
  serversKey: ['mcpServers'],
  paths: { user: (ctx) => pathApi(ctx).join(appConfigDir(ctx), 'Trae', 'User', 'mcp.json') },
  envReference: ENV_SYNTAX.none,
  ...standardShape(),
});
