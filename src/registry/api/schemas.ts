/**
 * @module registry/api/schemas
 * The MCP Registry API v0.1 wire format (OpenAPI 2025-12-01, kept in
 * test/fixtures/registry/openapi/): what our routes serve and what the client reads. The client's
 * schemas are loose on purpose: other registries add fields, and an unknown field is never an error.
 */
import { z } from 'zod';

/** The `_meta` key the registry itself manages (status, dates, `isLatest`). */
export const OFFICIAL_META_KEY = 'io.modelcontextprotocol.registry/official';
/** The server.json schema the served documents follow (the one the OpenAPI document names). */
export const SERVER_JSON_SCHEMA_URL =
  'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json';

export const OfficialMetaSchema = z.looseObject({
  status: z.string().optional(),
  statusMessage: z.string().optional(),
  publishedAt: z.string().optional(),
  updatedAt: z.string().optional(),
  isLatest: z.boolean().optional(),
});
export type OfficialMeta = z.infer<typeof OfficialMetaSchema>;

/** One server version as `server.json`; only what every consumer needs is required. */
export const ServerDetailSchema = z.looseObject({
  name: z.string().min(1),
  version: z.string().min(1),
  description: z.string().optional(),
  title: z.string().optional(),
  websiteUrl: z.string().optional(),
  packages: z.array(z.unknown()).optional(),
  remotes: z.array(z.unknown()).optional(),
});
export type ServerDetail = z.infer<typeof ServerDetailSchema>;

export const ServerResponseSchema = z.looseObject({
  server: ServerDetailSchema,
  _meta: z.record(z.string(), z.unknown()).optional(),
});
export type ServerResponse = z.infer<typeof ServerResponseSchema>;

export const ServerListSchema = z.looseObject({
  servers: z.array(ServerResponseSchema),
  metadata: z.looseObject({ nextCursor: z.string().nullish(), count: z.number().optional() }).optional(),
});
export type ServerList = z.infer<typeof ServerListSchema>;

/** The registry API's own error body: `{ "error": "Server not found" }`. */
export interface RegistryErrorBody {
  error: string;
}

/** The official metadata of a response, if it carries a well-formed one. */
export function officialMeta(response: ServerResponse): OfficialMeta | undefined {
  const parsed = OfficialMetaSchema.safeParse(response._meta?.[OFFICIAL_META_KEY]);
  return parsed.success ? parsed.data : undefined;
}
