/**
 * @module core/schemas/registry
 * A server definition in the registry (built-in catalog or user-added).
 */
import { z } from 'zod';
import { ID_PATTERN } from '../ids.js';

/** An MCP registry server name: reverse-DNS namespace, one slash, a name (registry API 2025-12-01). */
export const REGISTRY_NAME_PATTERN = /^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/;

export const ServerParamSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
    description: z.string(),
    required: z.boolean().default(false),
    default: z.string().optional(),
    example: z.string().optional(),
  })
  .strict();
export type ServerParam = z.infer<typeof ServerParamSchema>;

export const ServerEnvVarSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
    description: z.string(),
    required: z.boolean().default(false),
    secret: z.boolean().default(false),
    default: z.string().optional(),
  })
  .strict();
export type ServerEnvVar = z.infer<typeof ServerEnvVarSchema>;

/** How the server is obtained and run. */
export const ServerPackageSchema = z
  .object({
    registry: z.enum(['npm', 'pypi', 'docker', 'remote', 'binary']),
    name: z.string().min(1),
  })
  .strict();

export const ServerDefinitionSchema = z
  .object({
    id: z.string().regex(ID_PATTERN),
    name: z.string().min(1),
    description: z.string().min(1),
    tags: z.array(z.string()).default([]),
    transport: z.enum(['stdio', 'http', 'sse']),
    package: ServerPackageSchema,
    /** stdio: the command and args; args may hold `{param}` placeholders. */
    command: z.string().min(1).optional(),
    args: z.array(z.string()).optional(),
    /** http/sse: the URL, which may hold `{param}` placeholders. */
    url: z.string().min(1).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    params: z.array(ServerParamSchema).default([]),
    env: z.array(ServerEnvVarSchema).default([]),
    homepage: z.string().optional(),
    /** The server's own version, e.g. from an imported `server.json`; served by the Registry API. */
    version: z.string().min(1).max(255).optional(),
    /** The reverse-DNS name in the MCP registry it was imported from (`io.github.acme/weather`). */
    registry_name: z
      .string()
      .regex(REGISTRY_NAME_PATTERN, 'expected a reverse-DNS name like "io.github.owner/server"')
      .optional(),
    source: z.enum(['builtin', 'user']).default('builtin'),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.transport === 'stdio' && !s.command) {
      ctx.addIssue({ code: 'custom', path: ['command'], message: 'a stdio server needs a command' });
    }
    if (s.transport !== 'stdio' && !s.url) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'a remote server needs a url' });
    }
  });
export type ServerDefinition = z.infer<typeof ServerDefinitionSchema>;
export type ServerDefinitionInput = z.input<typeof ServerDefinitionSchema>;
