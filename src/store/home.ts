/**
 * @module store/home
 * The home folder: where it is and the paths inside it. Every path is built from validated ids.
 */
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { assertId } from '../core/ids.js';

export const HOME_ENV = 'MCP_ORCHESTRATION_HOME';

/** `--home` if given, else `$MCP_ORCHESTRATION_HOME`, else `~/.mcp-orchestration`. */
export function resolveHomeDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return resolve(explicit);
  const fromEnv = env[HOME_ENV];
  if (fromEnv) return resolve(fromEnv);
  return join(homedir(), '.mcp-orchestration');
}

/** Paths inside one home folder. */
export class HomeLayout {
  constructor(readonly root: string) {}

  get keysDir(): string {
    return join(this.root, 'keys');
  }
  get privateKey(): string {
    return join(this.keysDir, 'signing.key');
  }
  get publicKey(): string {
    return join(this.keysDir, 'signing.pub');
  }
  get retiredKeysDir(): string {
    return join(this.keysDir, 'retired');
  }
  artifactFile(hex: string): string {
    return join(this.root, 'artifacts', hex.slice(0, 2), `${hex}.json`);
  }
  get artifactsDir(): string {
    return join(this.root, 'artifacts');
  }
  get profilesDir(): string {
    return join(this.root, 'profiles');
  }
  clientDir(clientId: string): string {
    return join(this.profilesDir, assertId('client', clientId));
  }
  profileDir(clientId: string, profileId: string): string {
    return join(this.clientDir(clientId), assertId('profile', profileId));
  }
  draftFile(clientId: string, profileId: string): string {
    return join(this.root, 'drafts', assertId('client', clientId), `${assertId('profile', profileId)}.json`);
  }
  get userServersDir(): string {
    return join(this.root, 'registry');
  }
  get deploymentsDir(): string {
    return join(this.root, 'deployments');
  }
  get backupsDir(): string {
    return join(this.root, 'backups');
  }
  get tokensFile(): string {
    return join(this.root, 'tokens.json');
  }
  /** The random salt of the drift hashes in deployment records (store/hash-salt). */
  get hashSaltFile(): string {
    return join(this.root, 'hash-salt');
  }

  /** Creates the root with 0700 (and tightens it if it exists). */
  ensureRoot(): void {
    if (!existsSync(this.root)) mkdirSync(this.root, { recursive: true, mode: 0o700 });
    try {
      chmodSync(this.root, 0o700);
    } catch {
      /* not ours to change */
    }
  }
}
