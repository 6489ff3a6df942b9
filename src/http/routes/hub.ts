/**
 * @module http/routes/hub
 * The team hub: the audit trail and the fleet of members' machines.
 */
import { z } from '@hono/zod-openapi';
import { FleetReportSchema, FleetViewSchema } from '../../core/schemas/fleet.js';
import type { Orchestrator } from '../../service/index.js';
import { AuditEntrySchema } from '../../store/store.js';
import { type App, operation } from '../route.js';
import { named } from '../schemas.js';

const TAG = 'Hub';
const AuditPage = named('AuditPage', z.object({ entries: z.array(AuditEntrySchema) }));
const FleetView = named('FleetView', FleetViewSchema);
const FleetReport = named('FleetReport', FleetReportSchema.omit({ reported_at: true }));
const StoredReport = named('StoredFleetReport', FleetReportSchema.required({ reported_at: true }));

export function registerHubRoutes(app: App, svc: Orchestrator): void {
  operation(
    app,
    {
      method: 'get',
      path: '/v1/audit',
      operationId: 'listAudit',
      summary: 'The audit trail, newest first: who wrote what, when, and the record touched',
      tag: TAG,
      role: 'admin',
      query: z.object({
        limit: z.coerce.number().int().min(1).max(1000).optional(),
        offset: z.coerce.number().int().min(0).optional(),
      }),
      response: AuditPage,
    },
    async ({ query }) => ({
      entries: await svc.listAudit({ limit: (query.limit as number | undefined) ?? 100, ...query }),
    }),
  );

  operation(
    app,
    {
      method: 'post',
      path: '/v1/fleet/reports',
      operationId: 'reportSync',
      summary: "A member machine's report after a sync: what it deployed and whether it is in sync",
      tag: TAG,
      role: 'reader',
      body: FleetReport,
      bodyRequired: true,
      response: StoredReport,
      status: 201,
      errors: [404],
    },
    ({ body }) => svc.report(body as z.infer<typeof FleetReport>),
  );

  operation(
    app,
    {
      method: 'get',
      path: '/v1/fleet',
      operationId: 'getFleet',
      summary: "Every member machine's last report, whether it holds the current head, and stale ones",
      tag: TAG,
      role: 'admin',
      query: z.object({ stale_after_seconds: z.coerce.number().int().min(1).optional() }),
      response: FleetView,
    },
    ({ query }) =>
      svc.fleet(
        query.stale_after_seconds === undefined
          ? {}
          : { stale_after_seconds: query.stale_after_seconds as number },
      ),
  );
}
