/**
 * @module clients/adapters/crush
 * Crush (Charm): servers under `mcp` in `crush.json` (`~/.config/crush`, `%LOCALAPPDATA%\crush` on
 * Windows; project `.crush.json`); `type` is `stdio` | `http` | `sse`.
 * Docs: https://github.com/charmbracelet/crush#mcps
 */
import { defineAdapter, ENV_SYNTAX } from '../adapter.js';
import { standardShape } from '../entry-shapes.js';
import { inProject, localAppDataDir, pathApi, xdgConfigDir } from '../paths.js';

export const crush = defineAdapter({
  id: 'crush',
  name: 'Crush',
  docs: ['https://github.com/charmbracelet/crush#mcps'],
  format: 'json',
  transports: ['stdio', 'http', 'sse'],
  serversKey: ['mcp'],
  paths: {
    user: (ctx) =>
      pathApi(ctx).join(
        ctx.platform === 'win32' ? localAppDataDir(ctx) : xdgConfigDir(ctx),
        'crush',
        'crush.json',
      ),
    project: (ctx) => inProject(ctx, '.crush.json'),
  },
  envReference: ENV_SYNTAX.none,
  ...standardShape({ stdioType: 'stdio', httpType: 'http', sseType: 'sse' }),
});
