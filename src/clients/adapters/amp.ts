/**
 * @module clients/adapters/amp
 * Amp: the literal dotted key `"amp.mcpServers"` in `settings.json` (`~/.config/amp`,
 * `%APPDATA%\amp` on Windows), project `.amp/settings.json`; `${VAR}` is expanded in values.
 * Docs: https://ampcode.com/manual#mcp
 */
import { defineAdapter, ENV_SYNTAX } from '../adapter.js';
import { standardShape } from '../entry-shapes.js';
import { cliConfigDir, inProject, pathApi } from '../paths.js';

export const amp = defineAdapter({
  id: 'amp',
  name: 'Amp',
  docs: ['https://ampcode.com/manual#mcp'],
  format: 'json',
  transports: ['stdio', 'http'],
  serversKey: ['amp.mcpServers'],
  paths: {
    user: (ctx) => pathApi(ctx).join(cliConfigDir(ctx), 'amp', 'settings.json'),
    project: (ctx) => inProject(ctx, '.amp', 'settings.json'),
  },
  envReference: ENV_SYNTAX.shell,
  ...standardShape(),
});
