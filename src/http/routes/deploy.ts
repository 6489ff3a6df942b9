/**
 * @module http/routes/deploy
 * Writing published configs into client config files, and reading them back: deploy, status,
 * rollback, import. Over HTTP the target is always the client's usual config file: the `path`
 * override of the CLI is left out so an API token cannot write or read arbitrary files, and
 * `scope: "project"` needs the project folder of `serve --project-dir`.
 */
import type { z } from '@hono/zod-openapi';
import {
  DeployInput,
  DeployManyInput,
  ImportInput,
  OneshotAddInput,
  OneshotRemoveInput,
  OneshotToggleInput,
  RollbackInput,
  StatusInput,
} from '../../core/schemas/operations.js';
import { assertProjectScope } from '../../service/access.js';
import type { Orchestrator } from '../../service/index.js';
import { type App, operation, targetOf } from '../route.js';
import {
  ConfigParams,
  DeployManyResult,
  DeployResult,
  ImportResult,
  OneshotResult,
  StatusResult,
} from '../schemas.js';

const TAG = 'Deployments';
const BASE = '/v1/config/{client_id}/{profile}';
const targetAndPath = { client_id: true, profile_id: true, path: true } as const;

export function registerDeployRoutes(app: App, svc: Orchestrator, opts: { projectScope: boolean }): void {
  const inScope = <T>(body: T): T => {
    assertProjectScope(body, opts.projectScope, 'start the server with "serve --project-dir DIR"');
    return body;
  };
  operation(
    app,
    {
      method: 'post',
      path: `${BASE}/deploy`,
      operationId: 'deployConfig',
      summary: "Write the head (or an artifact) into the client's config file; keeps a backup and logs it",
      tag: TAG,
      params: ConfigParams,
      body: DeployInput.omit(targetAndPath),
      response: DeployResult,
      errors: [404, 422],
    },
    (input) => svc.deploy({ ...inScope(input.body), ...targetOf(input) }),
  );

  operation(
    app,
    {
      method: 'post',
      path: '/v1/deploy',
      operationId: 'deployMany',
      summary: 'Deploy one profile to several clients',
      tag: TAG,
      body: DeployManyInput,
      bodyRequired: true,
      response: DeployManyResult,
      errors: [404, 422],
    },
    ({ body }) => svc.deployMany(inScope(body) as z.input<typeof DeployManyInput>),
  );

  operation(
    app,
    {
      method: 'get',
      path: '/v1/status',
      operationId: 'deploymentStatus',
      summary:
        'Per client and profile: deployed artifact and in-sync / drifted / not-deployed, with the drift',
      tag: TAG,
      query: StatusInput,
      response: StatusResult,
      errors: [404],
    },
    ({ query }) => svc.status(query),
  );

  operation(
    app,
    {
      method: 'post',
      path: `${BASE}/rollback`,
      operationId: 'rollbackConfig',
      summary: 'Deploy the previous (or a given) artifact again, logged as a rollback',
      tag: TAG,
      params: ConfigParams,
      body: RollbackInput.omit(targetAndPath),
      response: DeployResult,
      errors: [404, 422],
    },
    (input) => svc.rollback({ ...input.body, ...targetOf(input) }),
  );

  operation(
    app,
    {
      method: 'post',
      path: `${BASE}/import`,
      operationId: 'importConfig',
      summary: "Read the client's existing config file into the draft",
      tag: TAG,
      params: ConfigParams,
      body: ImportInput.omit(targetAndPath),
      response: ImportResult,
      errors: [404, 422],
    },
    (input) => svc.importConfig({ ...inScope(input.body), ...targetOf(input) }),
  );

  const oneshots = [
    [
      'add',
      'oneshotAdd',
      'Add a registry server to several clients in one step, all or none',
      OneshotAddInput,
      svc.addServer,
    ],
    [
      'remove',
      'oneshotRemove',
      'Remove a server from several clients in one step, all or none',
      OneshotRemoveInput,
      svc.removeServer,
    ],
    [
      'enable',
      'oneshotEnable',
      "Switch a server back on in several clients (the client's flag or the remembered entry)",
      OneshotToggleInput,
      svc.enableServer,
    ],
    [
      'disable',
      'oneshotDisable',
      "Switch a server off in several clients, with the client's own flag where it has one",
      OneshotToggleInput,
      svc.disableServer,
    ],
  ] as const;
  for (const [verb, operationId, summary, body, call] of oneshots) {
    operation(
      app,
      {
        method: 'post',
        path: `/v1/oneshot/${verb}`,
        operationId,
        summary,
        tag: TAG,
        body,
        bodyRequired: true,
        response: OneshotResult,
        errors: [404, 409, 422],
      },
      ({ body: input }) => call(input as never),
    );
  }
}
