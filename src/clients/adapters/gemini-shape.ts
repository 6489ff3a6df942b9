/**
 * @module clients/adapters/gemini-shape
 * The entry shape of Gemini CLI and its forks (Qwen Code). Remote entries carry `url` plus
 * `type` (`http` | `sse`); the older `httpUrl` (streamable HTTP, deprecated by Gemini) is still
 * read, and a bare `url` without `type` is SSE, as Gemini itself treats it. `cwd` is supported;
 * `$VAR` / `${VAR}` are expanded in settings values.
 * Docs: https://github.com/google-gemini/gemini-cli/blob/main/docs/tools/mcp-server.md
 */
import type { ServerEntry } from '../../core/schemas/payload.js';
import { isRemote } from '../../core/schemas/payload.js';
import type { EntryCodec } from '../entry-shapes.js';
import {
  entryObject,
  invalidField,
  optionalStringRecord,
  readSharedFields,
  remoteEntry,
  requiredString,
  type SharedFieldKeys,
  sharedFieldSupport,
  standardShape,
  writeSharedFields,
} from '../entry-shapes.js';

/** Gemini's per-server tool filters and timeout (milliseconds). */
const GEMINI_SHARED: SharedFieldKeys = {
  includeToolsKey: 'includeTools',
  excludeToolsKey: 'excludeTools',
  timeout: { key: 'timeout', unit: 'ms' },
};
const stdio = standardShape({ shared: GEMINI_SHARED });

/** Reads `type` / `url` / `httpUrl` the way Gemini does. */
function readRemote(name: string, obj: Record<string, unknown>): ServerEntry {
  const headers = optionalStringRecord(name, obj, 'headers');
  if (obj.type !== undefined && obj.type !== 'http' && obj.type !== 'sse') {
    throw invalidField(name, 'type', '"http" or "sse"');
  }
  if (obj.url === undefined && obj.httpUrl !== undefined) {
    return remoteEntry('http', requiredString(name, obj, 'httpUrl'), headers);
  }
  return remoteEntry(obj.type === 'http' ? 'http' : 'sse', requiredString(name, obj, 'url'), headers);
}

/** Gemini CLI: `{url, type}` for both remote transports. */
export const geminiShape: EntryCodec = {
  ...sharedFieldSupport(GEMINI_SHARED),
  toClient(name: string, entry: ServerEntry): unknown {
    if (!isRemote(entry)) return stdio.toClient(name, entry);
    return {
      url: entry.url,
      type: entry.type,
      ...(entry.headers ? { headers: entry.headers } : {}),
      ...writeSharedFields(GEMINI_SHARED, entry),
    };
  },
  fromClient(name: string, raw: unknown): ServerEntry {
    const obj = entryObject(name, raw);
    if (obj.command !== undefined) return stdio.fromClient(name, raw);
    return { ...readRemote(name, obj), ...readSharedFields(GEMINI_SHARED, name, obj) };
  },
};

/**
 * Qwen Code: reads like Gemini, but writes the older `httpUrl` / `url` pair, which every Qwen
 * release understands.
 */
export const qwenShape: EntryCodec = {
  ...sharedFieldSupport(GEMINI_SHARED),
  toClient(name: string, entry: ServerEntry): unknown {
    if (!isRemote(entry)) return stdio.toClient(name, entry);
    return {
      [entry.type === 'sse' ? 'url' : 'httpUrl']: entry.url,
      ...(entry.headers ? { headers: entry.headers } : {}),
      ...writeSharedFields(GEMINI_SHARED, entry),
    };
  },
  fromClient: geminiShape.fromClient,
};
