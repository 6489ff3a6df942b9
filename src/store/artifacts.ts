/**
 * @module store/artifacts
 * Immutable artifact files, content-addressed by the SHA-256 of their payload, one store per
 * client and profile: `profiles/<client>/<profile>/artifacts/<hh>/<hex>.json`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OrchestrationError } from '../core/errors.js';
import { parseArtifactRef } from '../core/ids.js';
import type { Artifact } from '../core/schemas/artifact.js';
import { writeFileAtomic } from './atomic.js';
import type { HomeLayout } from './home.js';

export function artifactPath(home: HomeLayout, clientId: string, profileId: string, hex: string): string {
  return join(home.profileDir(clientId, profileId), 'artifacts', hex.slice(0, 2), `${hex}.json`);
}

/** Refuses to store an artifact under a profile other than the one it names (signed). */
export function assertArtifactBelongs(artifact: Artifact, clientId: string, profileId: string): void {
  if (artifact.client_id === clientId && artifact.profile_id === profileId) return;
  throw new OrchestrationError(
    'INVALID_INPUT',
    `An artifact of ${artifact.client_id}/${artifact.profile_id} cannot be published as ${clientId}/${profileId}.`,
  );
}

/** Stores an artifact unless one with this id is already there (artifacts never change). */
export function putArtifact(home: HomeLayout, artifact: Artifact): boolean {
  const hex = artifact.artifact_id.slice('sha256:'.length);
  const path = artifactPath(home, artifact.client_id, artifact.profile_id, hex);
  if (existsSync(path)) return false;
  writeFileAtomic(path, `${JSON.stringify(artifact, null, 2)}\n`, { mode: 0o600 });
  return true;
}

/** Reads the artifact as stored (unchecked: `verify` is what checks it). */
export function readArtifactFile(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new OrchestrationError(
      'TAMPERED',
      `Artifact file ${path} is not valid JSON: ${(err as Error).message}`,
      {
        path,
      },
    );
  }
}

/** Resolves a full id or a unique prefix (>= 8 hex) to a full hex id within one profile. */
export function resolveArtifactHex(
  home: HomeLayout,
  clientId: string,
  profileId: string,
  ref: string,
): string {
  const { hex, full } = parseArtifactRef(ref);
  if (full) {
    if (!existsSync(artifactPath(home, clientId, profileId, hex)))
      throw artifactNotFound(clientId, profileId, ref);
    return hex;
  }
  const shard = join(home.profileDir(clientId, profileId), 'artifacts', hex.slice(0, 2));
  const matches = existsSync(shard)
    ? readdirSync(shard)
        .filter((f) => f.endsWith('.json') && f.startsWith(hex))
        .map((f) => f.slice(0, -5))
    : [];
  if (matches.length === 0) throw artifactNotFound(clientId, profileId, ref);
  if (matches.length > 1) throw ambiguousArtifact(ref, matches);
  return matches[0] as string;
}

/** `AMBIGUOUS_ARTIFACT_ID` for a prefix matching several artifacts (hex ids, without `sha256:`). */
export function ambiguousArtifact(ref: string, hexMatches: string[]): OrchestrationError {
  return new OrchestrationError(
    'AMBIGUOUS_ARTIFACT_ID',
    `Artifact prefix "${ref}" matches ${hexMatches.length} artifacts; give more characters.`,
    { matches: hexMatches.map((m) => `sha256:${m}`) },
  );
}

export function artifactNotFound(clientId: string, profileId: string, ref: string): OrchestrationError {
  return new OrchestrationError(
    'ARTIFACT_NOT_FOUND',
    `No artifact "${ref}" in ${clientId}/${profileId}. See "mcp-orchestration history --client ${clientId} --profile ${profileId}".`,
    { client_id: clientId, profile_id: profileId, artifact_id: ref },
  );
}

export function loadArtifact(home: HomeLayout, clientId: string, profileId: string, ref: string): unknown {
  const hex = resolveArtifactHex(home, clientId, profileId, ref);
  return readArtifactFile(artifactPath(home, clientId, profileId, hex));
}

export type { Artifact };
