/**
 * @module clients/adapters/mistral-vibe
 * Mistral Vibe: `[[mcp_servers]]` array of tables in `~/.vibe/config.toml` (`$VIBE_HOME`), each
 * with `name` and a required `transport` (`stdio` | `http` | `streamable-http`); stdio entries
 * have `command`, `args`, `env`; remote ones `url`, `headers`. No SSE, so SSE servers are bridged.
 * Docs: https://docs.mistral.ai/mistral-vibe/introduction/configuration#mcp-server-configuration
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
import { envDir, inHome, pathApi } from '../paths.js';

export const mistralVibe = defineAdapter({
  id: 'mistral-vibe',
  name: 'Mistral Vibe',
  docs: ['https://docs.mistral.ai/mistral-vibe/introduction/configuration#mcp-server-configuration'],
  format: 'toml',
  transports: ['stdio', 'http'],
  serversKey: ['mcp_servers'],
  container: 'list',
  paths: {
    user: (ctx) => {
      const dir = envDir(ctx, 'VIBE_HOME');
      return dir ? pathApi(ctx).join(dir, 'config.toml') : inHome(ctx, '.vibe', 'config.toml');
    },
  },
  envReference: ENV_SYNTAX.none,
  toClient(name: string, entry: ServerEntry): unknown {
    if (isRemote(entry)) {
      return {
        name,
        transport: 'streamable-http',
        url: entry.url,
        ...(entry.headers ? { headers: entry.headers } : {}),
      };
    }
    return {
      name,
      transport: 'stdio',
      command: entry.command,
      ...(entry.args ? { args: entry.args } : {}),
      ...(entry.env ? { env: entry.env } : {}),
    };
  },
  fromClient(name, raw) {
    const obj = entryObject(name, raw);
    if (obj.transport === 'stdio' || obj.command !== undefined) {
      return readStdioEntry(name, obj);
    }
    return remoteEntry('http', requiredString(name, obj, 'url'), optionalStringRecord(name, obj, 'headers'));
  },
});
