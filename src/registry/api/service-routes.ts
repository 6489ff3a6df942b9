/**
 * @module registry/api/service-routes
 * The Registry API v0.1 over the service, ready for `serve` to mount: the catalog of the moment,
 * the admin's namespace, and who may read. IDEs fetch the registry anonymously, so it is public only
 * when the admin says so (`serve --public-registry`); otherwise any valid API token may read.
 * @example app.route('/', serviceRegistryApi(orchestrator, { public: false }))
 */
import type { Hono } from 'hono';
import type { ServerDefinition } from '../../core/schemas/registry.js';
import { registryApiRoutes } from './routes.js';

/** The part of the Orchestrator the registry API needs. */
export interface RegistryApiService {
  registryApiCatalog(): Promise<{ servers: ServerDefinition[]; namespace: string }>;
  verifyToken(token: string): Promise<unknown>;
}

const BEARER = /^Bearer\s+(\S+)$/i;

export function serviceRegistryApi(svc: RegistryApiService, options: { public: boolean }): Hono {
  let namespace = '';
  const getCatalog = async () => {
    const catalog = await svc.registryApiCatalog();
    namespace = catalog.namespace;
    return catalog.servers;
  };
  const authorize = async (request: Request): Promise<boolean> => {
    if (options.public) return true;
    const token = BEARER.exec(request.headers.get('authorization') ?? '')?.[1];
    if (!token) return false;
    return svc.verifyToken(token).then(
      () => true,
      () => false,
    );
  };
  // The namespace is read with the catalog on every request, so `registry set --namespace` applies at once.
  return registryApiRoutes(getCatalog, {
    get namespace() {
      return namespace;
    },
    authorize,
  });
}
