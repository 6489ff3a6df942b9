/**
 * Validators for MCP Registry API bodies, compiled from the official OpenAPI document (version
 * 2025-12-01) kept in test/fixtures/registry/openapi/ (source and license in its README).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dereference, validate } from '@readme/openapi-parser';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { OpenAPIV3_1 } from 'openapi-types';
import { parse } from 'yaml';

export const REGISTRY_OPENAPI_PATH = fileURLToPath(
  new URL('../fixtures/registry/openapi/openapi-2025-12-01.yaml', import.meta.url),
);

export interface RegistryValidators {
  /** The document itself, as parsed. */
  document: Record<string, any>;
  /**
   * What @readme/openapi-parser says of the document as OpenAPI 3.1. The official file carries a
   * top-level `$id`, which the OpenAPI 3.1 root object does not allow: that is its only error.
   */
  documentErrors: string[];
  /** Whether the document, without that `$id`, is valid OpenAPI 3.1. */
  validWithoutId: boolean;
  serverList(body: unknown): string[];
  serverResponse(body: unknown): string[];
  /** The 404 body of the versions routes. */
  notFound(body: unknown): string[];
}

function check(fn: ValidateFunction): (body: unknown) => string[] {
  return (body) =>
    fn(body) ? [] : (fn.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
}

let cached: Promise<RegistryValidators> | undefined;

export function registryValidators(): Promise<RegistryValidators> {
  cached ??= (async () => {
    const document = parse(readFileSync(REGISTRY_OPENAPI_PATH, 'utf8')) as Record<string, any>;
    const result = await validate(structuredClone(document) as unknown as OpenAPIV3_1.Document);
    const { $id: _id, ...withoutId } = structuredClone(document);
    const second = await validate(withoutId as unknown as OpenAPIV3_1.Document);
    const deref = (await dereference(
      structuredClone(document) as unknown as OpenAPIV3_1.Document,
    )) as unknown as Record<string, any>;
    // OpenAPI 3.1 schemas are JSON Schema 2020-12; `example` and friends are annotations.
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    const schemas = deref.components.schemas;
    const versionPath = deref.paths['/v0.1/servers/{serverName}/versions'];
    return {
      document,
      documentErrors: result.valid ? [] : result.errors.map((e) => e.message),
      validWithoutId: second.valid,
      serverList: check(ajv.compile(schemas.ServerList)),
      serverResponse: check(ajv.compile(schemas.ServerResponse)),
      notFound: check(ajv.compile(versionPath.get.responses['404'].content['application/json'].schema)),
    };
  })();
  return cached;
}
