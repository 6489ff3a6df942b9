/**
 * @module http/routes/drafts
 * The draft of a client profile: the servers being assembled before a publish.
 */
import { DraftAddCustomInput, DraftAddInput, DraftRemoveInput } from '../../core/schemas/operations.js';
import type { Orchestrator } from '../../service/index.js';
import { type App, operation, targetOf } from '../route.js';
import { ConfigParams, DraftAdded, DraftCleared, DraftRemoved, DraftView } from '../schemas.js';

const TAG = 'Drafts';
const BASE = '/v1/config/{client_id}/{profile}/draft';
const target = { client_id: true, profile_id: true } as const;

export function registerDraftRoutes(app: App, svc: Orchestrator): void {
  operation(
    app,
    {
      method: 'get',
      path: BASE,
      operationId: 'showDraft',
      summary: 'The draft payload and its server count',
      tag: TAG,
      params: ConfigParams,
      response: DraftView,
    },
    (input) => svc.draftShow(targetOf(input)),
  );

  operation(
    app,
    {
      method: 'post',
      path: `${BASE}/add`,
      operationId: 'addDraftServer',
      summary: 'Add a registry server to the draft',
      tag: TAG,
      params: ConfigParams,
      body: DraftAddInput.omit(target),
      bodyRequired: true,
      response: DraftAdded,
      errors: [404, 409, 422],
    },
    (input) => svc.draftAdd({ ...(input.body as { server_id: string }), ...targetOf(input) }),
  );

  operation(
    app,
    {
      method: 'post',
      path: `${BASE}/add-custom`,
      operationId: 'addDraftCustomServer',
      summary: 'Add a server that is not in the registry: a command (stdio) or a url (http/sse)',
      tag: TAG,
      params: ConfigParams,
      body: DraftAddCustomInput.omit(target),
      bodyRequired: true,
      response: DraftAdded,
      errors: [409, 422],
    },
    (input) => svc.draftAddCustom({ ...(input.body as { name: string }), ...targetOf(input) }),
  );

  operation(
    app,
    {
      method: 'post',
      path: `${BASE}/remove`,
      operationId: 'removeDraftServer',
      summary: 'Remove a server from the draft by its name',
      tag: TAG,
      params: ConfigParams,
      body: DraftRemoveInput.omit(target),
      bodyRequired: true,
      response: DraftRemoved,
      errors: [404],
    },
    (input) => svc.draftRemove({ ...(input.body as { name: string }), ...targetOf(input) }),
  );

  operation(
    app,
    {
      method: 'delete',
      path: BASE,
      operationId: 'clearDraft',
      summary: 'Empty the draft',
      tag: TAG,
      params: ConfigParams,
      response: DraftCleared,
    },
    (input) => svc.draftClear(targetOf(input)),
  );
}
