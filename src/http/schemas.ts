/**
 * @module http/schemas
 * Request and response schemas of the HTTP API, built from the core schemas: request bodies are the
 * service input schemas minus what the URL already says; responses reuse the core output schemas
 * and name them as OpenAPI components.
 */
import { z } from '@hono/zod-openapi';
import { ErrorBodySchema } from '../core/errors.js';
import { ArtifactSchema, HistoryEntrySchema } from '../core/schemas/artifact.js';
import {
  ClientListSchema,
  DeployManyResultSchema,
  DeployResultSchema,
  ImportResultSchema,
  StatusResultSchema,
} from '../core/schemas/deploy.js';
import { DiffResultSchema } from '../core/schemas/diff.js';
import { PayloadSchema } from '../core/schemas/payload.js';
import { ServerDefinitionSchema } from '../core/schemas/registry.js';
import { ValidationIssueSchema, ValidationResultSchema } from '../core/schemas/validation.js';

/**
 * Names a core schema as an OpenAPI component. Zod 4 copies methods onto a schema when it is
 * created, so a core schema made before `@hono/zod-openapi` extended zod has no `.openapi` of its
 * own: the extension is called from the prototype instead (it returns a named copy).
 */
function named<T extends z.ZodType>(name: string, schema: T): T {
  const { openapi } = z.ZodType.prototype as unknown as { openapi(this: T, refId: string): T };
  return openapi.call(schema, name);
}

export const ErrorResponse = named('Error', ErrorBodySchema);
export const Artifact = named('Artifact', ArtifactSchema);
export const HistoryEntry = named('HistoryEntry', HistoryEntrySchema);
export const DiffResult = named('DiffResult', DiffResultSchema);
export const Payload = named('Payload', PayloadSchema);
export const ServerDefinition = named('ServerDefinition', ServerDefinitionSchema);
export const ValidationResult = named('ValidationResult', ValidationResultSchema);

export const ClientList = named('ClientList', ClientListSchema);
export const DeployResult = named('DeployResult', DeployResultSchema);
export const DeployManyResult = named('DeployManyResult', DeployManyResultSchema);
export const StatusResult = named('StatusResult', StatusResultSchema);
export const ImportResult = named('ImportResult', ImportResultSchema);

export const DraftView = z
  .object({
    client_id: z.string(),
    profile_id: z.string(),
    payload: Payload,
    server_count: z.number().int(),
    updated_at: z.string().nullable(),
    added: z.string().optional(),
    removed: z.string().optional(),
  })
  .openapi('DraftView');

export const DraftCleared = z
  .object({ cleared: z.literal(true), client_id: z.string(), profile_id: z.string() })
  .openapi('DraftCleared');

export const PublishResult = z
  .object({
    status: z.literal('published'),
    artifact_id: z.string(),
    client_id: z.string(),
    profile_id: z.string(),
    server_count: z.number().int(),
    parent_artifact_id: z.string().nullable(),
    changelog: z.string(),
    warnings: z.array(ValidationIssueSchema),
  })
  .openapi('PublishResult');

export const ProfileList = z
  .object({
    client_id: z.string(),
    profiles: z.array(
      z.object({
        profile_id: z.string(),
        head: z.string().nullable(),
        count: z.number().int(),
        updated_at: z.string().nullable(),
        has_draft: z.boolean(),
      }),
    ),
  })
  .openapi('ProfileList');

export const HistoryPage = z
  .object({
    client_id: z.string(),
    profile_id: z.string(),
    total: z.number().int(),
    entries: z.array(HistoryEntry),
  })
  .openapi('HistoryPage');

export const VerifyResult = z
  .object({
    valid: z.literal(true),
    artifact_id: z.string(),
    key_id: z.string(),
    client_id: z.string(),
    profile_id: z.string(),
    created_at: z.string(),
    checks: z.object({ schema: z.literal(true), content_id: z.literal(true), signature: z.literal(true) }),
  })
  .openapi('VerifyResult');

export const ExportResult = z
  .object({ format: z.string(), content: z.string(), artifact_id: z.string() })
  .openapi('ExportResult');

export const KeyInfo = z
  .object({
    key_id: z.string(),
    public_key_pem: z.string(),
    public_key_path: z.string(),
    retired_key_ids: z.array(z.string()),
  })
  .openapi('KeyInfo');

export const KeyInitResult = z
  .object({
    home: z.string(),
    created: z.boolean(),
    rotated: z.boolean(),
    key_id: z.string(),
    private_key_path: z.string(),
    public_key_path: z.string(),
    retired_key_ids: z.array(z.string()),
  })
  .openapi('KeyInitResult');

export const ServerList = z.array(ServerDefinition).openapi('ServerList');
export const ServerRemoved = z.object({ removed: z.string() }).openapi('ServerRemoved');

export const Health = z.object({ status: z.literal('ok'), version: z.string() }).openapi('Health');

/** Path parameters shared by every `/v1/config/{client_id}/{profile}/...` route. */
export const ConfigParams = z.object({
  client_id: z.string().openapi({ param: { name: 'client_id', in: 'path' }, example: 'claude-desktop' }),
  profile: z.string().openapi({ param: { name: 'profile', in: 'path' }, example: 'default' }),
});
