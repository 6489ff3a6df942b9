/**
 * @module clients/adapters/gemini-shape
 * The entry shape of Gemini CLI and its forks (Qwen Code): streamable HTTP servers use `httpUrl`,
 * SSE servers `url`; `cwd` is supported; `$VAR` / `${VAR}` are expanded in settings values.
 * Docs: https://github.com/google-gemini/gemini-cli/blob/main/docs/tools/mcp-server.md
 */
import type { ServerEntry } from '../../core/schemas/payload.js';
import { isRemote } from '../../core/schemas/payload.js';
import type { EntryCodec } from '../entry-shapes.js';
import {
  entryObject,
  optionalStringRecord,
  remoteEntry,
  requiredString,
  standardShape,
} from '../entry-shapes.js';

const stdio = standardShape();

export const geminiShape: EntryCodec = {
  toClient(name: string, entry: ServerEntry): unknown {
    if (!isRemote(entry)) return stdio.toClient(name, entry);
    return {
      [entry.type === 'sse' ? 'url' : 'httpUrl']: entry.url,
      ...(entry.headers ? { headers: entry.headers } : {}),
    };
  },
  fromClient(name: string, raw: unknown): ServerEntry {
    const obj = entryObject(name, raw);
    if (obj.command !== undefined) return stdio.fromClient(name, raw);
    const headers = optionalStringRecord(name, obj, 'headers');
    if (obj.httpUrl !== undefined) return remoteEntry('http', requiredString(name, obj, 'httpUrl'), headers);
    return remoteEntry('sse', requiredString(name, obj, 'url'), headers);
  },
};
