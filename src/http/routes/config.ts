/**
 * @module http/routes/config
 * Published configs of a client profile: head, artifacts, history, export, verify, diff, and the
 * validate/publish pair that turns a draft into a signed artifact.
 */
import { z } from '@hono/zod-openapi';
import { DiffInput, PublishInput, ValidateInput, VerifyInput } from '../../core/schemas/operations.js';
import type { Orchestrator } from '../../service/index.js';
import { diffPayloads } from '../../workflows/diff.js';
import { type App, operation, targetOf } from '../route.js';
import {
  Artifact,
  ConfigParams,
  DiffResult,
  ExportResult,
  HistoryPage,
  PublishResult,
  ValidationResult,
  VerifyResult,
} from '../schemas.js';

const TAG = 'Configs';
const BASE = '/v1/config/{client_id}/{profile}';
const target = { client_id: true, profile_id: true } as const;

export function registerConfigRoutes(app: App, svc: Orchestrator): void {
  // Registered before `${BASE}` routes: `/v1/config/diff` is the earlier system's path.
  operation(
    app,
    {
      method: 'post',
      path: '/v1/config/diff',
      operationId: 'diffConfigByBody',
      summary: 'Compare a profile head with a payload or another artifact (client and profile in the body)',
      tag: TAG,
      // Read-only: it computes an answer and writes nothing, so a reader may ask.
      role: 'reader',
      body: DiffInput.omit({ path: true }),
      response: DiffResult,
      errors: [404, 422],
    },
    ({ body }) => svc.diff(body),
  );

  operation(
    app,
    {
      method: 'get',
      path: BASE,
      operationId: 'getConfig',
      summary: 'The profile head: the latest signed artifact, as stored',
      tag: TAG,
      params: ConfigParams,
      response: Artifact,
      errors: [404],
      // The head's artifact id: content-addressed, so it changes exactly when the head does.
      etag: async (input) => (await svc.head(targetOf(input))).artifact_id,
    },
    (input) => svc.get(targetOf(input)),
  );

  operation(
    app,
    {
      method: 'get',
      path: `${BASE}/artifacts/{artifact_id}`,
      operationId: 'getArtifact',
      summary: 'One artifact of the profile, by full id or unique prefix (at least 8 hex)',
      tag: TAG,
      params: ConfigParams.extend({ artifact_id: z.string().max(80) }),
      response: Artifact,
      errors: [404],
    },
    (input) => svc.get({ ...targetOf(input), artifact_id: input.params.artifact_id ?? '' }),
  );

  operation(
    app,
    {
      method: 'get',
      path: `${BASE}/compare`,
      operationId: 'compareArtifacts',
      summary: 'Field-level changes from one artifact of the profile to another (any two, not only the head)',
      tag: TAG,
      params: ConfigParams,
      query: z.object({
        from: z.string().max(80).describe('The artifact the changes start from (full id or prefix)'),
        to: z.string().max(80).describe('The artifact the changes lead to (full id or prefix)'),
      }),
      response: DiffResult,
      errors: [404],
    },
    async (input) => {
      const at = (artifact_id: string) => svc.get({ ...targetOf(input), artifact_id });
      const from = await at(String(input.query.from));
      const to = await at(String(input.query.to));
      const labels = {
        base: `artifact ${from.artifact_id.slice(0, 19)}`,
        target: `artifact ${to.artifact_id.slice(0, 19)}`,
      };
      // diffPayloads reads "added" as "in its first payload": the newer side goes first.
      const diff = diffPayloads(to.payload, from.payload, labels);
      const { added, removed, modified } = diff.summary;
      return {
        ...diff,
        recommendation: `From ${labels.base} to ${labels.target}: ${added} added, ${removed} removed, ${modified} modified.`,
      };
    },
  );

  operation(
    app,
    {
      method: 'get',
      path: `${BASE}/history`,
      operationId: 'getHistory',
      summary: 'Publish history of the profile, newest first',
      tag: TAG,
      params: ConfigParams,
      query: z.object({
        limit: z.coerce.number().int().min(1).max(1000).optional(),
        offset: z.coerce.number().int().min(0).optional(),
      }),
      response: HistoryPage,
      errors: [404],
    },
    (input) => svc.history({ ...targetOf(input), ...input.query }),
  );

  operation(
    app,
    {
      method: 'get',
      path: `${BASE}/export`,
      operationId: 'exportConfig',
      summary: 'The head payload as JSON, YAML or TOML text',
      tag: TAG,
      params: ConfigParams,
      query: z.object({
        format: z.enum(['json', 'yaml', 'toml']).optional(),
        native: z
          .enum(['true', 'false'])
          .optional()
          .describe("The client's own shape instead of the neutral one"),
        artifact_id: z.string().max(80).optional(),
      }),
      response: ExportResult,
      errors: [404],
    },
    (input) => svc.export({ ...targetOf(input), ...input.query, native: input.query.native === 'true' }),
  );

  operation(
    app,
    {
      method: 'post',
      path: `${BASE}/verify`,
      operationId: 'verifyConfig',
      summary: "Check an artifact's id and signature (the head, a stored artifact, or one in the body)",
      tag: TAG,
      // Read-only: it computes an answer and writes nothing, so a reader may ask.
      role: 'reader',
      params: ConfigParams,
      body: VerifyInput.omit(target),
      response: VerifyResult,
      errors: [404, 422],
    },
    (input) => svc.verify({ ...input.body, ...targetOf(input) }),
  );

  operation(
    app,
    {
      method: 'post',
      path: `${BASE}/diff`,
      operationId: 'diffConfig',
      summary: 'Field-level changes between the head and a payload, another artifact or the deployed file',
      tag: TAG,
      // Read-only: it computes an answer and writes nothing, so a reader may ask.
      role: 'reader',
      params: ConfigParams,
      body: DiffInput.omit({ ...target, path: true }),
      response: DiffResult,
      errors: [404, 422],
    },
    (input) => svc.diff({ ...input.body, ...targetOf(input) }),
  );

  operation(
    app,
    {
      method: 'post',
      path: `${BASE}/validate`,
      operationId: 'validateConfig',
      summary: 'Validate the draft (or a payload in the body); problems are in the result, not an error',
      tag: TAG,
      // Read-only: it computes an answer and writes nothing, so a reader may ask.
      role: 'reader',
      params: ConfigParams,
      body: ValidateInput.omit(target),
      response: ValidationResult,
    },
    (input) => svc.validate({ ...input.body, ...targetOf(input) }),
  );

  operation(
    app,
    {
      method: 'post',
      path: `${BASE}/publish`,
      operationId: 'publishConfig',
      summary: 'Validate, sign and store the draft (or a payload in the body) as the new profile head',
      tag: TAG,
      params: ConfigParams,
      body: PublishInput.omit(target),
      response: PublishResult,
      status: 201,
      errors: [409, 422],
    },
    (input) => svc.publish({ ...input.body, ...targetOf(input) }),
  );
}
