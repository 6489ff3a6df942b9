/**
 * @module service/managed
 * Which servers of a client file this tool manages, from the deployment records.
 */
import { type DeploymentRecord, managedServersOf } from '../store/deployments.js';
import type { ServiceContext } from './context.js';

/**
 * What this tool manages in one client file for one client and profile: from the latest logged
 * deployment of that file (a deploy elsewhere with `--path` leaves this file's record intact).
 */
export async function managedInFile(
  ctx: ServiceContext,
  clientId: string,
  profileId: string,
  configPath: string,
  current?: DeploymentRecord | null,
): Promise<Set<string>> {
  const record = current === undefined ? await ctx.store.readDeployment(clientId, profileId) : current;
  if (record?.config_path === configPath) return new Set(managedServersOf(record));
  const logged = (await ctx.store.readDeploymentLog({ client_id: clientId, profile_id: profileId })).find(
    (r) => r.config_path === configPath,
  );
  return new Set(logged ? managedServersOf(logged) : []);
}
