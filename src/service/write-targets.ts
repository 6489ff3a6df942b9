/**
 * @module service/write-targets
 * Where a rollback or a restore may write: only a path the client's adapter resolves on this
 * machine, or one the user typed (`--path`). A path read from the store (a deployment record, a
 * backup's metadata) is never enough on its own: whoever can write the store could point it at
 * `~/.bashrc` or another program's settings file.
 */
import { resolve } from 'node:path';
import type { ClientAdapter, PathContext } from '../clients/index.js';
import { OrchestrationError } from '../core/errors.js';
import { resolveWriteTarget } from '../store/atomic.js';
import type { DeploymentRecord } from '../store/deployments.js';

/** Every file the adapter knows for this machine (each scope's path and the user file's candidates). */
export function adapterPaths(adapter: ClientAdapter, ctx: PathContext): string[] {
  const out = new Set<string>();
  for (const scope of adapter.scopes) {
    try {
      out.add(adapter.configPath(ctx, scope));
    } catch {
      /* a scope without a file here */
    }
  }
  for (const p of adapter.candidatePaths(ctx)) out.add(p);
  return [...out];
}

const sameFile = (a: string, b: string) => resolveWriteTarget(a) === resolveWriteTarget(b);

export function isAdapterPath(adapter: ClientAdapter, ctx: PathContext, path: string): boolean {
  return adapterPaths(adapter, ctx).some((p) => sameFile(p, path));
}

function notAllowed(adapter: ClientAdapter, ctx: PathContext, path: string, why: string): OrchestrationError {
  return new OrchestrationError(
    'PATH_NOT_ALLOWED',
    `Refusing to write ${path}: ${why} It is not a ${adapter.name} config file this tool knows. Nothing was written. If that really is the file, pass it explicitly with --path.`,
    { client_id: adapter.id, path, known_paths: adapterPaths(adapter, ctx) },
  );
}

/**
 * The file a rollback writes: `--path` when given, else the recorded path only when the adapter
 * resolves to it. The record is bytes in the store: a file it names that the adapter does not is
 * `PATH_NOT_ALLOWED`, even one holding the managed server names (anyone can write those).
 */
export function rollbackTarget(
  adapter: ClientAdapter,
  ctx: PathContext,
  record: DeploymentRecord,
  explicit?: string,
): string {
  if (explicit) return resolve(ctx.cwd, explicit);
  const recorded = record.config_path;
  if (isAdapterPath(adapter, ctx, recorded)) return recorded;
  throw notAllowed(
    adapter,
    ctx,
    recorded,
    'the deployment record names it (a deploy with --path, or an edited record).',
  );
}

/**
 * The file a backup is restored to: `--path` when given, else the backup's recorded path, which
 * must be the deployment's own target (itself checked by {@link rollbackTarget}).
 */
export function restoreTarget(
  adapter: ClientAdapter,
  ctx: PathContext,
  record: DeploymentRecord,
  backupPath: string,
  explicit?: string,
): string {
  if (explicit) return resolve(ctx.cwd, explicit);
  if (isAdapterPath(adapter, ctx, backupPath)) return backupPath;
  if (sameFile(backupPath, record.config_path)) return rollbackTarget(adapter, ctx, record);
  throw notAllowed(adapter, ctx, backupPath, 'the backup names it, and the deployment was to another file.');
}
