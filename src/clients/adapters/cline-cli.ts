/**
 * @module clients/adapters/cline-cli
 * Cline CLI (npm `cline`): `~/.cline/data/settings/cline_mcp_settings.json`, or under
 * `$CLINE_DIR/data/settings/` when `CLINE_DIR` is set (an absolute path), as the CLI itself does. `cline mcp add` writes each server as `{"transport": {type, ...}}` with
 * `type` `stdio` | `streamableHttp` | `sse`, beside `disabled`, `timeout` and OAuth state; that is
 * the shape written here. The extension's flat shape (client `cline`) is read too; a flat URL
 * entry without a type is SSE, as Cline reads it. `cwd` is supported.
 * Docs: https://docs.cline.bot/cline-cli/overview, https://docs.cline.bot/mcp/configuring-mcp-servers
 * (shape checked against the schema in `@cline/core` of cline 3.0.65).
 */
import type { ServerEntry } from '../../core/schemas/payload.js';
import { isRemote } from '../../core/schemas/payload.js';
import { defineAdapter, ENV_SYNTAX } from '../adapter.js';
import {
  entryObject,
  invalidField,
  optionalStringRecord,
  readSharedFields,
  readStdioEntry,
  remoteEntry,
  requiredString,
  type SharedFieldKeys,
  sharedFieldSupport,
  writeSharedFields,
} from '../entry-shapes.js';
import { envDir, inHome, pathApi } from '../paths.js';

/** `disabled` and `timeout` (seconds) sit beside `transport`. */
const CLINE_SHARED: SharedFieldKeys = { disabledKey: 'disabled', timeout: { key: 'timeout', unit: 's' } };
const HTTP_TYPES = new Set(['streamableHttp', 'http', 'streamable-http']);

function readTransport(name: string, obj: Record<string, unknown>, defaultType: string): ServerEntry {
  const type = typeof obj.type === 'string' ? obj.type : defaultType;
  if (type === 'stdio' || (obj.command !== undefined && obj.type === undefined)) {
    return readStdioEntry(name, obj, { cwd: 'cwd' });
  }
  if (type !== 'sse' && !HTTP_TYPES.has(type))
    throw invalidField(name, 'type', '"stdio", "streamableHttp" or "sse"');
  return remoteEntry(
    type === 'sse' ? 'sse' : 'http',
    requiredString(name, obj, 'url'),
    optionalStringRecord(name, obj, 'headers'),
  );
}

export const clineCli = defineAdapter({
  id: 'cline-cli',
  name: 'Cline CLI',
  docs: ['https://docs.cline.bot/cline-cli/overview', 'https://docs.cline.bot/mcp/configuring-mcp-servers'],
  format: 'json',
  transports: ['stdio', 'http', 'sse'],
  serversKey: ['mcpServers'],
  supportsCwd: true,
  paths: {
    user: (ctx) => {
      const dir = envDir(ctx, 'CLINE_DIR');
      const settings = ['data', 'settings', 'cline_mcp_settings.json'] as const;
      return dir ? pathApi(ctx).join(dir, ...settings) : inHome(ctx, '.cline', ...settings);
    },
  },
  envReference: ENV_SYNTAX.none,
  replacedKeys: ['type', 'transportType', 'command', 'args', 'env', 'cwd', 'url', 'headers'],
  ...sharedFieldSupport(CLINE_SHARED),
  toClient(_name: string, entry: ServerEntry): unknown {
    const shared = writeSharedFields(CLINE_SHARED, entry);
    if (isRemote(entry)) {
      return {
        transport: {
          type: entry.type === 'sse' ? 'sse' : 'streamableHttp',
          url: entry.url,
          ...(entry.headers ? { headers: entry.headers } : {}),
        },
        ...shared,
      };
    }
    return {
      transport: {
        type: 'stdio',
        command: entry.command,
        ...(entry.args ? { args: entry.args } : {}),
        ...(entry.cwd !== undefined ? { cwd: entry.cwd } : {}),
        ...(entry.env ? { env: entry.env } : {}),
      },
      ...shared,
    };
  },
  fromClient(name, raw) {
    const obj = entryObject(name, raw);
    const shared = readSharedFields(CLINE_SHARED, name, obj);
    if (obj.transport !== undefined) {
      return { ...readTransport(name, entryObject(name, obj.transport), 'stdio'), ...shared };
    }
    const legacyType = obj.transportType === 'http' ? 'streamableHttp' : obj.transportType;
    return { ...readTransport(name, { ...obj, type: obj.type ?? legacyType }, 'sse'), ...shared };
  },
});
