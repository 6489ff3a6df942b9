/**
 * @module core/schemas/payload
 * The client-neutral config payload: `{ mcpServers: { name: entry } }`, where an entry is a stdio
 * server or a remote (http/sse) server. Client adapters translate it at deploy time.
 */
import { z } from 'zod';

export const StdioServerSchema = z
  .object({
    type: z.literal('stdio').optional(),
    command: z.string().min(1),
    args: z.array(z.string()).optional(),
    env: z.record(z.string(), z.string()).optional(),
    cwd: z.string().optional(),
  })
  .strict();
export type StdioServer = z.infer<typeof StdioServerSchema>;

export const RemoteServerSchema = z
  .object({
    type: z.enum(['http', 'sse']),
    url: z.string().min(1),
    headers: z.record(z.string(), z.string()).optional(),
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

/** A reference to an environment variable, the way artifacts hold secrets: `${env:NAME}`. */
export const ENV_REF_PATTERN = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;
