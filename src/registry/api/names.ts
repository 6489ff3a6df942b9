/**
 * @module registry/api/names
 * Stable reverse-DNS names for catalog servers in the MCP Registry API: built-in servers under a
 * fixed namespace, servers imported from a registry under the name they came with, every other user
 * server under the namespace the admin sets (`registry set --namespace com.acme`).
 */
import { OrchestrationError } from '../../core/errors.js';
import { REGISTRY_NAME_PATTERN, type ServerDefinition } from '../../core/schemas/registry.js';

/** Where the built-in catalog lives in the registry API: `io.mcp-orchestration.catalog/filesystem`. */
export const BUILTIN_NAMESPACE = 'io.mcp-orchestration.catalog';
/** The namespace of user servers until the admin sets one. */
export const DEFAULT_USER_NAMESPACE = 'io.mcp-orchestration.user';
/** Our own `_meta` key on each served server: the catalog id, source and tags. */
export const CATALOG_META_KEY = `${BUILTIN_NAMESPACE}/server`;

const NAMESPACE_PATTERN = /^[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)+$/;

/**
 * Checks an admin-set namespace: reverse-DNS labels separated by dots, such as `com.acme`.
 * @example assertNamespace('com.acme') // 'com.acme'
 */
export function assertNamespace(namespace: string): string {
  if (NAMESPACE_PATTERN.test(namespace) && namespace.length <= 100) return namespace;
  throw new OrchestrationError(
    'INVALID_INPUT',
    `"${namespace.slice(0, 100)}" is not a reverse-DNS namespace. Use your domain reversed, such as "com.acme" or "io.github.acme".`,
    { namespace },
  );
}

/**
 * The registry name of a catalog server.
 * @example registryNameOf(registry.get('memory'), 'com.acme') // 'io.mcp-orchestration.catalog/memory'
 */
export function registryNameOf(def: ServerDefinition, userNamespace: string): string {
  if (def.source === 'builtin') return `${BUILTIN_NAMESPACE}/${def.id}`;
  if (def.registry_name && REGISTRY_NAME_PATTERN.test(def.registry_name)) return def.registry_name;
  return `${userNamespace}/${def.id}`;
}
