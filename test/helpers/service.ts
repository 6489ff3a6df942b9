/**
 * The service in process over a temp home, as most service tests start: Linux client paths, the
 * temp folder as the project folder, and (for `initializedService`) a signing key already made.
 */
import { Orchestrator } from '../../src/service/index.js';
import { makeTempHome, type TempHome } from './temp-home.js';

/** The Orchestrator of `temp`: its environment, Linux client paths, `temp.root` as the project. */
export function linuxService(temp: TempHome): Orchestrator {
  return new Orchestrator({ env: temp.env, platform: 'linux', cwd: temp.root });
}

/** A fresh temp home and its service, with `init` done. The caller cleans `temp` up. */
export async function initializedService(prefix?: string): Promise<{ temp: TempHome; svc: Orchestrator }> {
  const temp = makeTempHome(prefix);
  const svc = linuxService(temp);
  await svc.init();
  return { temp, svc };
}
