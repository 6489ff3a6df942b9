/**
 * @module http/routes/keys
 * The signing key pair: the public key anyone can verify artifacts with, and initialisation.
 */
import { InitInput } from '../../core/schemas/operations.js';
import type { Orchestrator } from '../../service/index.js';
import { type App, operation } from '../route.js';
import { KeyInfo, KeyInitResult } from '../schemas.js';

const TAG = 'Keys';

export function registerKeyRoutes(app: App, svc: Orchestrator): void {
  operation(
    app,
    {
      method: 'get',
      path: '/v1/keys',
      operationId: 'showKeys',
      summary: 'Key id and public key PEM',
      tag: TAG,
      response: KeyInfo,
      errors: [409],
    },
    () => svc.keysShow(),
  );

  operation(
    app,
    {
      method: 'post',
      path: '/v1/keys/initialize',
      operationId: 'initializeKeys',
      summary: 'Create the home folder and key pair (idempotent); regenerate rotates the keys',
      tag: TAG,
      body: InitInput,
      response: KeyInitResult,
      role: 'admin',
    },
    ({ body }) => svc.init({ regenerate: body.regenerate === true }),
  );
}
