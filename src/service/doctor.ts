/**
 * @module service/doctor
 * `doctor`: checks this machine and this home folder, each with ok / warn / fail, what was found
 * and what to do next. It reads only: the client files through the readers `list` uses, the store
 * through `verify`, the keys through their loaders. Nothing here repairs anything.
 */
import { accessSync, constants, type Dirent, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, delimiter as posixDelimiter, win32 } from 'node:path';
import { listAdapters, type Platform } from '../clients/index.js';
import { OrchestrationError, toOrchestrationError } from '../core/errors.js';
import type { DoctorCheck, DoctorReport } from '../core/schemas/doctor.js';
import { loadSigningKey, loadTrustedKeys } from '../crypto/keys.js';
import { TEMP_FILE_PATTERN } from '../store/atomic.js';
import { isLeftoverTemp } from '../store/client-file.js';
import { fsExchange } from '../store/fs-exchange.js';
import { isStaleLock, LOCK_FILE_PATTERN, LOCK_TEMP_PATTERN } from '../store/lock.js';
import { registryOf, type ServiceContext } from './context.js';
import { listInstalled } from './listing.js';
import { verify } from './verification.js';

/** A temp file younger than this may belong to a write in progress in a process we cannot see. */

const describeError = (err: unknown) => {
  const e = err instanceof OrchestrationError ? err : toOrchestrationError(err);
  return `${e.code}: ${e.message}`;
};

/**
 * Runs every check.
 * @example const report = await doctor(ctx); if (!report.ok) process.exitCode = 1;
 */
export async function doctor(ctx: ServiceContext): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [
    ...(await commandChecks(ctx)),
    ...(await clientFileChecks(ctx)),
    await storeCheck(ctx),
    await keysCheck(ctx),
    editGuardCheck(),
    tempFilesCheck(ctx),
    lockFilesCheck(ctx),
  ];
  const count = (status: DoctorCheck['status']) => checks.filter((c) => c.status === status).length;
  const summary = { ok: count('ok'), warn: count('warn'), fail: count('fail') };
  return { ok: summary.fail === 0, summary, checks };
}

/**
 * Which write protocol deploys use here: the exchange protocol (native addon) keeps every edit a
 * user or client saves during a deploy; the portable one can lose a rename-save that lands in the
 * microseconds between its last check and its rename.
 */
function editGuardCheck(): DoctorCheck {
  if (fsExchange()) {
    return {
      check: 'edit-guard',
      status: 'ok',
      found:
        'Deploys swap client files in with renameat2(RENAME_EXCHANGE) and check what they displaced: an edit saved during a deploy is kept.',
    };
  }
  const linux = process.platform === 'linux';
  return {
    check: 'edit-guard',
    status: 'warn',
    found: linux
      ? "The native edit guard (dist/native/fs-exchange.node) is not loaded here, so deploys use the portable protocol: a config file saved by an editor in the microseconds between a deploy's last check and its rename can be lost."
      : `On ${process.platform} deploys use the portable protocol: a config file saved by an editor in the microseconds between a deploy's last check and its rename can be lost.`,
    next: linux
      ? process.env.MCP_ORCHESTRATION_NO_NATIVE === '1'
        ? 'Unset MCP_ORCHESTRATION_NO_NATIVE to use the native guard.'
        : 'Build it with a C compiler present ("npm run build" in a clone), or avoid saving a client\'s config by hand while a deploy of that client runs.'
      : "Avoid saving a client's config by hand while a deploy of that client runs.",
  };
}

/** Where `name` is on the PATH of `env` (with PATHEXT on Windows), or null. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv, platform: Platform): string | null {
  const windows = platform === 'win32';
  const path = (windows ? (env.Path ?? env.PATH) : env.PATH) ?? '';
  const exts = windows ? (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean) : [''];
  for (const dir of path.split(windows ? win32.delimiter : posixDelimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = join(dir, `${name}${ext}`);
      try {
        if (!statSync(candidate).isFile()) continue;
        if (!windows) accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        /* not here */
      }
    }
  }
  return null;
}

/** node, npx and uvx on the PATH the clients inherit: they start stdio servers with these. */
async function commandChecks(ctx: ServiceContext): Promise<DoctorCheck[]> {
  const servers = (await registryOf(ctx)).list();
  const needing = (command: string) =>
    servers
      .filter((s) => s.command === command)
      .map((s) => s.id)
      .sort();
  const checks: DoctorCheck[] = [];
  for (const [command, install, missingIs] of [
    ['node', 'Install Node.js 20 or later (https://nodejs.org) so that it is on the PATH', 'fail'],
    ['npx', 'npx comes with Node.js: install Node.js 20 or later, or put its bin folder on the PATH', 'fail'],
    ['uvx', 'Install uv (https://docs.astral.sh/uv/), which provides uvx', 'warn'],
  ] as const) {
    const where = findOnPath(command, ctx.env, ctx.paths.platform);
    const users = needing(command);
    const usedBy = users.length > 0 ? ` Catalog servers that run with ${command}: ${users.join(', ')}.` : '';
    checks.push(
      where
        ? { check: command, status: 'ok', found: `${command} is at ${where}` }
        : {
            check: command,
            status: missingIs,
            found: `${command} is not on the PATH of this process (the PATH a client started from here would see).${usedBy}`,
            next: `${install}, then restart the clients so they see the new PATH.`,
          },
    );
  }
  return checks;
}

/** Each client config file found parses, read the way `list` reads it. */
async function clientFileChecks(ctx: ServiceContext): Promise<DoctorCheck[]> {
  const { clients } = await listInstalled(ctx);
  return clients.map((file): DoctorCheck => {
    const base = { check: 'client-file', subject: file.path } as const;
    if (file.error) {
      return {
        ...base,
        status: 'fail',
        found: `The ${file.name} config file (${file.scope} scope) does not parse: ${file.error.code}: ${file.error.message}`,
        next: `Fix the file by hand (or restore it with "mcp-orchestration rollback --client ${file.client_id} --restore-backup" if this tool wrote it last).`,
      };
    }
    const unreadable = file.servers.filter((s) => s.state === 'unreadable').map((s) => s.name);
    const found = `The ${file.name} config file (${file.scope} scope) parses: ${file.servers.length} server(s).`;
    if (unreadable.length === 0) return { ...base, status: 'ok', found };
    return {
      ...base,
      status: 'warn',
      found: `${found} Entries this tool cannot read: ${unreadable.join(', ')}.`,
      next: 'Nothing breaks: those entries are kept as they are on every deploy. Run "mcp-orchestration list" for the reasons.',
    };
  });
}

/** Every artifact of every profile verifies against the trusted keys, and each history head exists. */
async function storeCheck(ctx: ServiceContext): Promise<DoctorCheck> {
  const problems: string[] = [];
  let profiles = 0;
  let artifacts = 0;
  for (const adapter of listAdapters()) {
    for (const profile of await ctx.store.listPublishedProfiles(adapter.id)) {
      profiles += 1;
      const where = `${adapter.id}/${profile}`;
      try {
        const head = await ctx.store.readHead(adapter.id, profile);
        if (!head) {
          problems.push(`${where}: its history has no readable head entry`);
          continue;
        }
        for (const entry of await ctx.store.readHistory(adapter.id, profile, head.seq, 0)) {
          artifacts += 1;
          try {
            await verify(ctx, { client_id: adapter.id, profile_id: profile, artifact_id: entry.artifact_id });
          } catch (err) {
            const role = entry.artifact_id === head.artifact_id ? ' (the head)' : '';
            problems.push(`${where} ${entry.artifact_id}${role}: ${describeError(err)}`);
          }
        }
      } catch (err) {
        problems.push(`${where}: ${describeError(err)}`);
      }
    }
  }
  const found = `${artifacts} artifact(s) in ${profiles} profile(s)`;
  if (problems.length === 0) {
    return { check: 'store', status: 'ok', found: `${found}; every one verifies against the trusted keys.` };
  }
  return {
    check: 'store',
    status: 'fail',
    found: `${found}; ${problems.length} problem(s): ${problems.join('; ')}.`,
    next: 'An artifact that does not verify was changed after it was signed, or was signed by a key this machine does not trust: trust the publisher\'s key with "mcp-orchestration keys trust add FILE" if it is theirs, otherwise publish again from a good draft. Do not deploy the profile meanwhile.',
  };
}

/** The signing key exists, is trusted here and only its owner can read it. */
async function keysCheck(ctx: ServiceContext): Promise<DoctorCheck> {
  let key: ReturnType<typeof loadSigningKey>;
  try {
    key = loadSigningKey(ctx.home);
  } catch (err) {
    if (err instanceof OrchestrationError && err.code === 'KEYS_NOT_INITIALIZED') {
      return {
        check: 'keys',
        status: 'warn',
        found: `No signing key in ${ctx.home.keysDir} yet.`,
        next: 'Run "mcp-orchestration init" (the first "add" or "publish" creates one too).',
      };
    }
    return {
      check: 'keys',
      status: 'fail',
      found: describeError(err),
      next: 'Restore the key from a backup, or make a new one with "mcp-orchestration init --regenerate".',
    };
  }
  const trusted = (await loadTrustedKeys(ctx.home)).has(key.keyId);
  if (!trusted) {
    return {
      check: 'keys',
      status: 'fail',
      found: `The signing key ${key.keyId} is not in the trust list, so what it signs does not verify here.`,
      next: `Trust it again with "mcp-orchestration keys trust add ${ctx.home.publicKey}".`,
    };
  }
  if (ctx.paths.platform !== 'win32') {
    const mode = statSync(ctx.home.privateKey).mode & 0o777;
    if (mode !== 0o600) {
      return {
        check: 'keys',
        status: 'fail',
        found: `The private key ${ctx.home.privateKey} has mode ${mode.toString(8).padStart(4, '0')}: others can read it.`,
        next: `Run "chmod 600 ${ctx.home.privateKey}".`,
      };
    }
  }
  return {
    check: 'keys',
    status: 'ok',
    found: `Signing key ${key.keyId} is present, trusted and readable by its owner only.`,
  };
}

/** Files under `dir` (all depths) whose name matches; unreadable folders are skipped. */
function filesUnder(dir: string, match: (name: string) => boolean, out: string[] = []): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) filesUnder(path, match, out);
    else if (entry.isFile() && match(entry.name)) out.push(path);
  }
  return out;
}

/** Temp files a write that died left beside the client files and in the home folder. */
function tempFilesCheck(ctx: ServiceContext): DoctorCheck {
  const found = new Set<string>(
    filesUnder(ctx.home.root, (name) => TEMP_FILE_PATTERN.test(name) || LOCK_TEMP_PATTERN.test(name)),
  );
  for (const adapter of listAdapters()) {
    const files = new Set(adapter.candidatePaths(ctx.paths));
    for (const scope of adapter.scopes) {
      try {
        files.add(adapter.configPath(ctx.paths, scope));
      } catch {
        /* no file for this scope here */
      }
    }
    for (const file of files) {
      const prefix = `.${basename(file)}.`;
      let names: string[];
      try {
        names = readdirSync(dirname(file));
      } catch {
        continue;
      }
      for (const name of names) {
        if (name.startsWith(prefix) && TEMP_FILE_PATTERN.test(name)) found.add(join(dirname(file), name));
      }
    }
  }
  const leftovers = [...found].filter(isLeftoverTemp).sort();
  if (leftovers.length === 0) {
    return { check: 'temp-files', status: 'ok', found: 'No leftover temp files.' };
  }
  return {
    check: 'temp-files',
    status: 'warn',
    found: `${leftovers.length} temp file(s) left by a write that did not finish: ${leftovers.join(', ')}.`,
    next: 'Remove them. The files they were meant to replace are intact: a write replaces a file only once its temp file is complete.',
    paths: leftovers,
  };
}

/** Lock files in the home folder whose owner is gone or that are too old to be held. */
function lockFilesCheck(ctx: ServiceContext): DoctorCheck {
  const stale = filesUnder(ctx.home.root, (name) => LOCK_FILE_PATTERN.test(name))
    .filter((path) => {
      try {
        return isStaleLock(path);
      } catch {
        return false;
      }
    })
    .sort();
  if (stale.length === 0) return { check: 'lock-files', status: 'ok', found: 'No stale lock files.' };
  return {
    check: 'lock-files',
    status: 'warn',
    found: `${stale.length} stale lock file(s), whose process is gone: ${stale.join(', ')}.`,
    next: 'Remove them if no mcp-orchestration command is running; the next write would take them over anyway.',
    paths: stale,
  };
}
