/**
 * @module clients/adapters/zed
 * Zed: `context_servers` in `settings.json` (JSONC; comments are common), `~/.config/zed` on macOS
 * and Linux (`$XDG_CONFIG_HOME`), `%APPDATA%\Zed` on Windows, project `.zed/settings.json`.
 * Remote servers are `url` + `headers`. Older settings nest `command: {path, args, env}`; that
 * form is still read.
 * Docs: https://zed.dev/docs/ai/mcp, https://zed.dev/docs/configuring-zed
 */
import { defineAdapter, ENV_SYNTAX } from '../adapter.js';
import { entryObject, readStdioEntry, standardShape } from '../entry-shapes.js';
import { appDataDir, inProject, pathApi, xdgConfigDir } from '../paths.js';

const shape = standardShape();

export const zed = defineAdapter({
  id: 'zed',
  name: 'Zed',
  docs: ['https://zed.dev/docs/ai/mcp', 'https://zed.dev/docs/configuring-zed'],
  format: 'jsonc',
  transports: ['stdio', 'http'],
  serversKey: ['context_servers'],
  paths: {
    user: (ctx) =>
      ctx.platform === 'win32'
        ? pathApi(ctx).join(appDataDir(ctx), 'Zed', 'settings.json')
        : pathApi(ctx).join(xdgConfigDir(ctx), 'zed', 'settings.json'),
    project: (ctx) => inProject(ctx, '.zed', 'settings.json'),
  },
  envReference: ENV_SYNTAX.none,
  toClient: shape.toClient,
  fromClient(name, raw) {
    const obj = entryObject(name, raw);
    const command = obj.command;
    if (typeof command === 'object' && command !== null && !Array.isArray(command)) {
      const legacy = command as Record<string, unknown>;
      return readStdioEntry(name, legacy, { command: 'path' });
    }
    return shape.fromClient(name, raw);
  },
});
