/**
 * @module clients/adapters/mcporter
 * MCPorter: `$XDG_CONFIG_HOME/mcporter/mcporter.json` when `XDG_CONFIG_HOME` is set, else (and as
 * the legacy fallback) `~/.mcporter/mcporter.json` (or `.jsonc`); project `config/mcporter.json`.
 * Remote entries are `baseUrl` + `headers`, as `mcporter config add --url` writes them; `url`,
 * `base_url`, `serverUrl` and `server_url` are read too. MCPorter has no transport field: it tries
 * streamable HTTP and falls back to SSE, so both transports are native; on import a URL whose
 * path ends in `/sse` is taken as SSE. `${VAR}` is expanded in env and headers.
 * Docs: https://github.com/steipete/mcporter (src/paths.ts, src/config-schema.ts,
 * src/runtime/transport.ts; checked against mcporter 0.12.3)
 */
import type { ServerEntry } from '../../core/schemas/payload.js';
import { isRemote } from '../../core/schemas/payload.js';
import { defineAdapter, ENV_SYNTAX } from '../adapter.js';
import {
  entryObject,
  invalidField,
  optionalStringRecord,
  remoteEntry,
  standardShape,
} from '../entry-shapes.js';
import { envDir, inHome, inProject, type PathContext, pathApi } from '../paths.js';

const URL_KEYS = ['baseUrl', 'base_url', 'url', 'serverUrl', 'server_url'] as const;
const stdio = standardShape();

/** MCPorter's config folder: `$XDG_CONFIG_HOME/mcporter` when that is set, else `~/.mcporter`. */
function configDir(ctx: PathContext): string {
  const xdg = envDir(ctx, 'XDG_CONFIG_HOME');
  return xdg ? pathApi(ctx).join(xdg, 'mcporter') : inHome(ctx, '.mcporter');
}

/** SSE when the URL's path ends in `/sse` (MCPorter itself finds out by connecting). */
function transportOfUrl(url: string): 'http' | 'sse' {
  const path = url.split(/[?#]/)[0] ?? '';
  return /\/sse\/?$/.test(path) ? 'sse' : 'http';
}

export const mcporter = defineAdapter({
  id: 'mcporter',
  name: 'MCPorter',
  docs: ['https://github.com/steipete/mcporter'],
  format: 'jsonc',
  transports: ['stdio', 'http', 'sse'],
  serversKey: ['mcpServers'],
  paths: {
    user: (ctx) => pathApi(ctx).join(configDir(ctx), 'mcporter.json'),
    project: (ctx) => inProject(ctx, 'config', 'mcporter.json'),
  },
  // MCPorter's own search order (mcporterConfigCandidates).
  candidatePaths: (ctx) => {
    const dirs = [configDir(ctx), inHome(ctx, '.mcporter')];
    return [...new Set(dirs)].flatMap((dir) => [
      pathApi(ctx).join(dir, 'mcporter.json'),
      pathApi(ctx).join(dir, 'mcporter.jsonc'),
    ]);
  },
  envReference: ENV_SYNTAX.shell,
  toClient(name: string, entry: ServerEntry): unknown {
    if (!isRemote(entry)) return stdio.toClient(name, entry);
    return { baseUrl: entry.url, ...(entry.headers ? { headers: entry.headers } : {}) };
  },
  fromClient(name, raw) {
    const obj = entryObject(name, raw);
    if (obj.command !== undefined) return stdio.fromClient(name, raw);
    const key = URL_KEYS.find((k) => obj[k] !== undefined);
    const url = key === undefined ? undefined : obj[key];
    if (typeof url !== 'string' || url === '')
      throw invalidField(name, 'baseUrl', 'a URL (or the entry needs a "command")');
    return remoteEntry(transportOfUrl(url), url, optionalStringRecord(name, obj, 'headers'));
  },
});
