/**
 * @module http/schemas
 * Request and response schemas of the HTTP API, built from the core schemas: request bodies are the
 * service input schemas minus what the URL already says; responses reuse the core output schemas
 * and name them as OpenAPI components.
 */
import { z } from '@hono/zod-openapi';
import { ErrorBodySchema } from '../core/errors.js';
import { ArtifactSchema } from '../core/schemas/artifact.js';
import {
  ClientListSchema,
  DeployManyResultSchema,
  DeployResultSchema,
  ImportResultSchema,
  OneshotResultSchema,
  StatusResultSchema,
} from '../core/schemas/deploy.js';
import { DiffResultSchema } from '../core/schemas/diff.js';
import { DoctorReportSchema } from '../core/schemas/doctor.js';
import { ListingSchema } from '../core/schemas/listing.js';
import { ServerDefinitionSchema } from '../core/schemas/registry.js';
import {
  DraftAddedSchema,
  DraftClearedSchema,
  DraftRemovedSchema,
  DraftViewSchema,
  ExportResultSchema,
  HistoryPageSchema,
  KeyInfoSchema,
  KeyInitResultSchema,
  ProfileListSchema,
  PublishResultSchema,
  ServerRemovedSchema,
  VerifyResultSchema,
} from '../core/schemas/results.js';
import { ValidationResultSchema } from '../core/schemas/validation.js';

/**
 * Names a core schema as an OpenAPI component. Zod 4 copies methods onto a schema when it is
 * created, so a core schema made before `@hono/zod-openapi` extended zod has no `.openapi` of its
 * own: the extension is called from the prototype instead (it returns a named copy).
 */
export function named<T extends z.ZodType>(name: string, schema: T): T {
  const { openapi } = z.ZodType.prototype as unknown as { openapi(this: T, refId: string): T };
  return openapi.call(schema, name);
}

export const ErrorResponse = named('Error', ErrorBodySchema);
export const Artifact = named('Artifact', ArtifactSchema);
export const DiffResult = named('DiffResult', DiffResultSchema);
export const ServerDefinition = named('ServerDefinition', ServerDefinitionSchema);
export const ValidationResult = named('ValidationResult', ValidationResultSchema);

export const ClientList = named('ClientList', ClientListSchema);
export const DeployResult = named('DeployResult', DeployResultSchema);
export const DeployManyResult = named('DeployManyResult', DeployManyResultSchema);
export const OneshotResult = named('OneshotResult', OneshotResultSchema);
export const StatusResult = named('StatusResult', StatusResultSchema);
export const ImportResult = named('ImportResult', ImportResultSchema);
export const Listing = named('Listing', ListingSchema);
export const DoctorReport = named('DoctorReport', DoctorReportSchema);

export const KeyInfo = named('KeyInfo', KeyInfoSchema);
export const KeyInitResult = named('KeyInitResult', KeyInitResultSchema);
export const DraftView = named('DraftView', DraftViewSchema);
export const DraftAdded = named('DraftAdded', DraftAddedSchema);
export const DraftRemoved = named('DraftRemoved', DraftRemovedSchema);
export const DraftCleared = named('DraftCleared', DraftClearedSchema);
export const PublishResult = named('PublishResult', PublishResultSchema);
export const ProfileList = named('ProfileList', ProfileListSchema);
export const HistoryPage = named('HistoryPage', HistoryPageSchema);
export const VerifyResult = named('VerifyResult', VerifyResultSchema);
export const ExportResult = named('ExportResult', ExportResultSchema);

export const ServerList = z.array(ServerDefinition).openapi('ServerList');
export const ServerRemoved = named('ServerRemoved', ServerRemovedSchema);

export const Health = z.object({ status: z.literal('ok'), version: z.string() }).openapi('Health');

/** Path parameters shared by every `/v1/config/{client_id}/{profile}/...` route. */
export const ConfigParams = z.object({
  client_id: z.string().openapi({ param: { name: 'client_id', in: 'path' }, example: 'claude-desktop' }),
  profile: z.string().openapi({ param: { name: 'profile', in: 'path' }, example: 'default' }),
});
