/**
 * @module core/ids
 * Id rules. Every id is checked here before a path is built from it, so no id can reach outside
 * the home folder.
 */
import { OrchestrationError } from './errors.js';

/** Client, profile and registry server ids. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
/** Server names inside a config may also hold capitals. */
export const SERVER_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** A full artifact id. */
export const ARTIFACT_ID_PATTERN = /^sha256:[0-9a-f]{64}$/;
const ARTIFACT_REF_PATTERN = /^(?:sha256:)?([0-9a-f]{8,64})$/;

function assertMatches(kind: string, value: unknown, pattern: RegExp): string {
  if (typeof value !== 'string' || !pattern.test(value) || value.includes('..')) {
    throw new OrchestrationError(
      'INVALID_ID',
      `Invalid ${kind} "${String(value).slice(0, 80)}": use 1-64 characters of a-z, 0-9, ".", "_" or "-", starting with a letter or digit.`,
      { kind, value: String(value).slice(0, 80) },
    );
  }
  return value;
}

/** @example assertId('client', 'claude-desktop') */
export function assertId(kind: 'client' | 'profile' | 'server' | 'token' | 'remote', value: unknown): string {
  return assertMatches(`${kind} id`, value, ID_PATTERN);
}

export function assertServerName(value: unknown): string {
  return assertMatches('server name', value, SERVER_NAME_PATTERN);
}

/** Normalises an artifact reference (with or without `sha256:`, full or a prefix of >= 8 hex) to its hex part. */
export function parseArtifactRef(ref: unknown): { hex: string; full: boolean } {
  const match = typeof ref === 'string' ? ARTIFACT_REF_PATTERN.exec(ref.trim().toLowerCase()) : null;
  if (!match?.[1]) {
    throw new OrchestrationError(
      'INVALID_ID',
      `Invalid artifact id "${String(ref).slice(0, 80)}": give "sha256:<64 hex>" or a unique prefix of at least 8 hex characters.`,
    );
  }
  return { hex: match[1], full: match[1].length === 64 };
}
