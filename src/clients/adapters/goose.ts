/**
 * @module clients/adapters/goose
 * Goose: `extensions` map in `config.yaml` (`~/.config/goose` on macOS and Linux,
 * `%APPDATA%\Block\goose\config` on Windows). Stdio entries use `cmd` and `envs`; remote ones
 * `type: streamable_http | sse` and `uri`. Built-in extensions (`builtin`, `platform`,
 * `frontend`, `inline_python`) share the map and are never touched.
 * Docs: https://block.github.io/goose/docs/guides/config-files,
 * https://block.github.io/goose/docs/getting-started/using-extensions
 */
import type { ServerEntry } from '../../core/schemas/payload.js';
import { isRemote } from '../../core/schemas/payload.js';
import { defineAdapter, ENV_SYNTAX } from '../adapter.js';
import {
  entryObject,
  optionalStringRecord,
  readStdioEntry,
  remoteEntry,
  requiredString,
} from '../entry-shapes.js';
import { appDataDir, pathApi, xdgConfigDir } from '../paths.js';

/** Goose's default extension timeout, in seconds. */
const DEFAULT_TIMEOUT = 300;
const SERVER_TYPES = new Set(['stdio', 'streamable_http', 'sse']);

export const goose = defineAdapter({
  id: 'goose',
  name: 'Goose',
  docs: [
    'https://block.github.io/goose/docs/guides/config-files',
    'https://block.github.io/goose/docs/getting-started/using-extensions',
  ],
  format: 'yaml',
  transports: ['stdio', 'http', 'sse'],
  serversKey: ['extensions'],
  paths: {
    user: (ctx) =>
      ctx.platform === 'win32'
        ? pathApi(ctx).join(appDataDir(ctx), 'Block', 'goose', 'config', 'config.yaml')
        : pathApi(ctx).join(xdgConfigDir(ctx), 'goose', 'config.yaml'),
  },
  envReference: ENV_SYNTAX.none,
  isForeign(raw) {
    const type = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).type : undefined;
    return typeof type === 'string' && !SERVER_TYPES.has(type);
  },
  toClient(name: string, entry: ServerEntry): unknown {
    if (isRemote(entry)) {
      return {
        name,
        type: entry.type === 'sse' ? 'sse' : 'streamable_http',
        uri: entry.url,
        ...(entry.headers ? { headers: entry.headers } : {}),
        enabled: true,
        timeout: DEFAULT_TIMEOUT,
      };
    }
    return {
      name,
      type: 'stdio',
      cmd: entry.command,
      args: entry.args ?? [],
      ...(entry.env ? { envs: entry.env } : {}),
      enabled: true,
      timeout: DEFAULT_TIMEOUT,
    };
  },
  fromClient(name, raw) {
    const obj = entryObject(name, raw);
    if (obj.cmd !== undefined) {
      return readStdioEntry(name, obj, { command: 'cmd', env: 'envs' });
    }
    return remoteEntry(
      obj.type === 'sse' ? 'sse' : 'http',
      requiredString(name, obj, 'uri'),
      optionalStringRecord(name, obj, 'headers'),
    );
  },
});
