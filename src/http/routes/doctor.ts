/**
 * @module http/routes/doctor
 * `GET /v1/doctor`: the checks of the CLI's `doctor`, run on the server machine.
 */
import type { Orchestrator } from '../../service/index.js';
import { type App, operation } from '../route.js';
import { DoctorReport } from '../schemas.js';

export function registerDoctorRoutes(app: App, svc: Orchestrator): void {
  operation(
    app,
    {
      method: 'get',
      path: '/v1/doctor',
      operationId: 'doctor',
      summary:
        'Checks of the server machine, each ok, warn or fail with what was found and what to do next: node, npx and uvx on the PATH, client config files, store integrity, keys, leftover temp and lock files',
      tag: 'Doctor',
      response: DoctorReport,
      role: 'admin',
    },
    () => svc.doctor(),
  );
}
