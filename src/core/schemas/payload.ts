/**
 * @module core/schemas/payload
 * The client-neutral config payload: `{ mcpServers: { name: entry } }`, where an entry is a stdio
 * server or a remote (http/sse) server. Client adapters translate it at deploy time.
 * Besides the transport, an entry may carry what clients share (issue #12): `disabled`, a tool
 * filter (`tools.include` / `tools.exclude`) and a `timeout`. The first two restrict a server, so
 * an adapter that cannot express them refuses the server (UNSUPPORTED_RESTRICTION) unless widening
 * is allowed; a timeout it cannot express is only a warning.
 */
import { z } from 'zod';

/** Tool names a server is limited to (`include`) or kept from (`exclude`). */
export const ToolFilterSchema = z
  .object({
    include: z.array(z.string().min(1)).optional(),
    exclude: z.array(z.string().min(1)).optional(),
  })
  .strict();
export type ToolFilter = z.infer<typeof ToolFilterSchema>;

/** The fields every entry may carry, whatever its transport. */
const sharedFields = {
  /** The server is configured but not started. Only `true` means anything. */
  disabled: z.boolean().optional(),
  tools: ToolFilterSchema.optional(),
  /** How long the client waits for the server, in milliseconds. */
  timeout: z.number().int().positive().optional(),
};

export const StdioServerSchema = z
  .object({
    type: z.literal('stdio').optional(),
    command: z.string().min(1),
    args: z.array(z.string()).optional(),
    env: z.record(z.string(), z.string()).optional(),
    cwd: z.string().optional(),
    ...sharedFields,
  })
  .strict();
export type StdioServer = z.infer<typeof StdioServerSchema>;

export const RemoteServerSchema = z
  .object({
    type: z.enum(['http', 'sse']),
    url: z.string().min(1),
    headers: z.record(z.string(), z.string()).optional(),
    ...sharedFields,
  })
  .strict();
export type RemoteServer = z.infer<typeof RemoteServerSchema>;

export const ServerEntrySchema = z.union([StdioServerSchema, RemoteServerSchema]);
export type ServerEntry = z.infer<typeof ServerEntrySchema>;

export const PayloadSchema = z.object({ mcpServers: z.record(z.string(), ServerEntrySchema) }).strict();
export type Payload = z.infer<typeof PayloadSchema>;

export function isRemote(entry: ServerEntry): entry is RemoteServer {
  return 'url' in entry;
}

/** The transport of an entry: `stdio`, `http` or `sse`. */
export function transportOf(entry: ServerEntry): 'stdio' | 'http' | 'sse' {
  return isRemote(entry) ? entry.type : 'stdio';
}

/** The names of the restrictions an entry carries: `disabled` and `tools`. */
export function restrictionsOf(entry: ServerEntry): Array<'disabled' | 'tools'> {
  const out: Array<'disabled' | 'tools'> = [];
  if (entry.disabled === true) out.push('disabled');
  if (entry.tools && (entry.tools.include !== undefined || (entry.tools.exclude?.length ?? 0) > 0)) {
    out.push('tools');
  }
  return out;
}

/** A reference to an environment variable, the way artifacts hold secrets: `${env:NAME}`. */
export const ENV_REF_PATTERN = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;
