/**
 * @module core/schemas/listing
 * `list`: every server of every client config file found on this machine, with its state.
 */
import { z } from 'zod';
import { inputObject } from './operations.js';

export const ServerStateSchema = z
  .enum(['managed', 'drifted', 'unmanaged', 'disabled', 'unreadable'])
  .describe(
    'managed: what this tool wrote, in sync with its profile; drifted: written by this tool, changed since; ' +
      'unmanaged: added by hand or by the client; disabled: switched off in the client; unreadable: not an entry this tool can read',
  );

export const ListedServerSchema = z.object({
  name: z.string(),
  state: ServerStateSchema,
  transport: z.enum(['stdio', 'http', 'sse']).optional().describe('Absent when the entry is unreadable'),
  profile_id: z.string().optional().describe('The profile that manages the server (managed, drifted)'),
  managed: z.boolean().describe('Whether this tool wrote the server into this file'),
  reason: z.string().optional().describe('Why the server is drifted, unreadable or disabled'),
  policy_violations: z
    .array(z.object({ rule: z.string(), path: z.string(), message: z.string() }))
    .optional()
    .describe(
      'The rules of the policy in force this server breaks (absent when it complies or no policy is set)',
    ),
});

export const ListedFileSchema = z.object({
  client_id: z.string(),
  name: z.string().describe("The client's display name"),
  path: z.string(),
  scope: z.enum(['user', 'project']),
  format: z.string(),
  servers: z.array(ListedServerSchema),
  error: z
    .object({ code: z.string(), message: z.string() })
    .optional()
    .describe('Set when the file itself cannot be read (it does not parse); servers is then empty'),
});

export const ListingSchema = z.object({ clients: z.array(ListedFileSchema) });

export const ListInput = inputObject({
  client_id: z
    .string()
    .max(64)
    .optional()
    .describe('Only this client (default: every client whose config file exists)'),
});

export type ListedServer = z.infer<typeof ListedServerSchema>;
export type ListedFile = z.infer<typeof ListedFileSchema>;
export type Listing = z.infer<typeof ListingSchema>;
