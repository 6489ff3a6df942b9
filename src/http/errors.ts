/**
 * @module http/errors
 * The one table from error code to HTTP status, and the JSON error response. Every failure of the
 * HTTP front door goes through `errorResponse`, so no stack trace ever reaches a client.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type ErrorCode, OrchestrationError, toOrchestrationError } from '../core/errors.js';

/** HTTP status per error code. A `Record` over every code: a new code must pick its status here. */
export const STATUS_BY_CODE: Record<ErrorCode, ContentfulStatusCode> = {
  INVALID_INPUT: 400,
  INVALID_ID: 400,
  AMBIGUOUS_ARTIFACT_ID: 400,
  UNAUTHORIZED: 401,
  UNKNOWN_SERVER: 404,
  UNKNOWN_CLIENT: 404,
  PROFILE_NOT_FOUND: 404,
  ARTIFACT_NOT_FOUND: 404,
  SERVER_NOT_IN_DRAFT: 404,
  NOT_DEPLOYED: 404,
  TOKEN_NOT_FOUND: 404,
  FILE_NOT_FOUND: 404,
  BACKUP_NOT_FOUND: 404,
  NO_CHANGES: 409,
  DUPLICATE_SERVER: 409,
  KEYS_NOT_INITIALIZED: 409,
  PAYLOAD_TOO_LARGE: 413,
  // The request was well-formed but the config it names fails validation or verification.
  VALIDATION_ERROR: 422,
  EMPTY_CONFIG: 422,
  MISSING_REQUIRED_FIELD: 422,
  MISSING_COMMAND: 422,
  INVALID_ARGS_TYPE: 422,
  INVALID_ENV_TYPE: 422,
  MISSING_REQUIRED_PARAM: 422,
  MISSING_REQUIRED_ENV: 422,
  INVALID_URL: 422,
  TAMPERED: 422,
  SIGNATURE_INVALID: 422,
  CLIENT_CONFIG_INVALID: 422,
  MISSING_SECRET: 422,
  WRITE_FAILED: 500,
  INTERNAL_ERROR: 500,
  ROUTE_NOT_FOUND: 404,
  LOCK_TIMEOUT: 503,
  UNMANAGED_CONFLICT: 409,
  UNSUPPORTED_RESTRICTION: 422,
  UNTRUSTED_KEY: 422,
  DOWNGRADE_DETECTED: 422,
  STORE_UNAVAILABLE: 503,
  REMOTE_UNAVAILABLE: 502,
  FORBIDDEN: 403,
  POLICY_VIOLATION: 422,
  DISK_FULL: 507,
  PERMISSION_DENIED: 500,
  // An MCP registry this tool read from failed: our answer is a bad gateway, whatever it said.
  REGISTRY_UNREACHABLE: 502,
  REGISTRY_UNAUTHORIZED: 502,
  REGISTRY_INVALID_RESPONSE: 502,
  BACKUP_TAMPERED: 422,
  PATH_NOT_ALLOWED: 403,
  HOST_NOT_ALLOWED: 403,
};

/** The status for an error code; unknown codes (e.g. a failing check's own code) are 422. */
export function statusOf(code: string): ContentfulStatusCode {
  return (STATUS_BY_CODE as Record<string, ContentfulStatusCode>)[code] ?? 422;
}

/** A JSON error response `{error:{code,message,details?}}` with the status from the table. */
export function errorResponse(c: Context, err: unknown): Response {
  const error = err instanceof OrchestrationError ? err : toOrchestrationError(err);
  if (error.code === 'UNAUTHORIZED') c.header('WWW-Authenticate', 'Bearer');
  return c.json(error.toJSON(), statusOf(error.code));
}
