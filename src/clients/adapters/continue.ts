/**
 * @module clients/adapters/continue
 * Continue: `~/.continue/config.yaml`, `mcpServers` is a YAML list of `{name, ...}`; remote
 * servers are `type: streamable-http | sse` + `url`, headers under `requestOptions.headers`.
 * Secrets use Continue's own `${{ secrets.X }}`, so env references are resolved at deploy time.
 * Docs: https://docs.continue.dev/customize/deep-dives/mcp, https://docs.continue.dev/reference
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
import { inHome } from '../paths.js';

export const continueDev = defineAdapter({
  id: 'continue',
  name: 'Continue',
  docs: ['https://docs.continue.dev/customize/deep-dives/mcp', 'https://docs.continue.dev/reference'],
  format: 'yaml',
  transports: ['stdio', 'http', 'sse'],
  serversKey: ['mcpServers'],
  container: 'list',
  supportsCwd: true,
  paths: { user: (ctx) => inHome(ctx, '.continue', 'config.yaml') },
  envReference: ENV_SYNTAX.none,
  toClient(name: string, entry: ServerEntry): unknown {
    if (isRemote(entry)) {
      return {
        name,
        type: entry.type === 'sse' ? 'sse' : 'streamable-http',
        url: entry.url,
        ...(entry.headers ? { requestOptions: { headers: entry.headers } } : {}),
      };
    }
    return {
      name,
      command: entry.command,
      ...(entry.args ? { args: entry.args } : {}),
      ...(entry.env ? { env: entry.env } : {}),
      ...(entry.cwd !== undefined ? { cwd: entry.cwd } : {}),
    };
  },
  fromClient(name, raw) {
    const obj = entryObject(name, raw);
    if (obj.command !== undefined) {
      return readStdioEntry(name, obj, { cwd: 'cwd' });
    }
    const options = obj.requestOptions === undefined ? {} : entryObject(name, obj.requestOptions);
    return remoteEntry(
      obj.type === 'sse' ? 'sse' : 'http',
      requiredString(name, obj, 'url'),
      optionalStringRecord(name, options, 'headers'),
    );
  },
});
