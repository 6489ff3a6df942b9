/**
 * @module clients/adapters/opencode
 * OpenCode: `opencode.json` / `opencode.jsonc` in `~/.config/opencode` (project: `opencode.json`).
 * V1 keeps servers directly under `mcp`, V2 under `mcp.servers`; an existing V2 file is written
 * as V2, anything else as V1. Local servers are `type: local` with `command` as one array
 * (command + args) and `environment`; remote ones `type: remote`, `url`, `headers` (the transport
 * is detected, so SSE servers are bridged). `{env:NAME}` is substituted in the whole file.
 * Docs: https://opencode.ai/docs/mcp-servers/, https://opencode.ai/docs/config/#variables
 */
import type { ServerEntry } from '../../core/schemas/payload.js';
import { isRemote } from '../../core/schemas/payload.js';
import { type ClientAdapter, defineAdapter } from '../adapter.js';
import {
  entryObject,
  invalidField,
  optionalStringArray,
  optionalStringRecord,
  readSharedFields,
  remoteEntry,
  requiredString,
  stdioEntry,
} from '../entry-shapes.js';
import { inProject, pathApi, xdgConfigDir } from '../paths.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const V1_KEY = ['mcp'] as const;
const V2_KEY = ['mcp', 'servers'] as const;

/** OpenCode's container detection and entry shape, shared with its fork Kilo CLI. */
export const opencodeShape: Pick<
  ClientAdapter,
  'detectServersKey' | 'envReference' | 'toClient' | 'fromClient' | 'carries' | 'neutralDefaults'
> = {
  // V1 entries say `enabled: false`; V2 entries `disabled: true` (read, never written).
  carries: { disabled: true },
  neutralDefaults: { enabled: true, disabled: false },
  detectServersKey(root) {
    // In V1 a server named "servers" would carry a string `type`; V2's container does not.
    const mcp = isObject(root) ? root.mcp : undefined;
    const servers = isObject(mcp) ? mcp.servers : undefined;
    return isObject(servers) && typeof servers.type !== 'string' ? V2_KEY : V1_KEY;
  },
  envReference: (name) => `{env:${name}}`,
  toClient(_name: string, entry: ServerEntry): unknown {
    const disabled = entry.disabled === true ? { enabled: false } : {};
    if (isRemote(entry)) {
      return {
        type: 'remote',
        url: entry.url,
        ...(entry.headers ? { headers: entry.headers } : {}),
        ...disabled,
      };
    }
    return {
      type: 'local',
      command: [entry.command, ...(entry.args ?? [])],
      ...(entry.env ? { environment: entry.env } : {}),
      ...disabled,
    };
  },
  fromClient(name, raw) {
    const obj = entryObject(name, raw);
    const shared = readSharedFields({ enabledKey: 'enabled', disabledKey: 'disabled' }, name, obj);
    if (obj.type === 'remote' || obj.url !== undefined) {
      return {
        ...remoteEntry('http', requiredString(name, obj, 'url'), optionalStringRecord(name, obj, 'headers')),
        ...shared,
      };
    }
    const [command, ...args] = optionalStringArray(name, obj, 'command') ?? [];
    if (command === undefined)
      throw invalidField(name, 'command', 'a non-empty list: the command, then its arguments');
    return { ...stdioEntry(command, args, optionalStringRecord(name, obj, 'environment')), ...shared };
  },
};

export const opencode = defineAdapter({
  id: 'opencode',
  name: 'OpenCode',
  docs: ['https://opencode.ai/docs/mcp-servers/', 'https://opencode.ai/docs/config/#variables'],
  format: 'jsonc',
  transports: ['stdio', 'http'],
  serversKey: V1_KEY,
  paths: {
    // OpenCode uses XDG folders on every platform, Windows included.
    user: (ctx) => pathApi(ctx).join(xdgConfigDir(ctx), 'opencode', 'opencode.json'),
    project: (ctx) => inProject(ctx, 'opencode.json'),
  },
  candidatePaths: (ctx) => {
    const dir = pathApi(ctx).join(xdgConfigDir(ctx), 'opencode');
    return [pathApi(ctx).join(dir, 'opencode.jsonc'), pathApi(ctx).join(dir, 'opencode.json')];
  },
  ...opencodeShape,
});
