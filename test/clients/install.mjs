/**
 * @module test/clients/install
 * Installs the clients' own programs for the conformance suite, each at the version pinned in
 * `manifest.json` and with the exact dependency tree of `locks/<id>.json`, into a cache folder
 * outside the repository: `${XDG_CACHE_HOME:-~/.cache}/mcp-orchestration/clients/<id>@<version>`.
 * `npm ci` checks every package against the integrity hash in the lock file; the top-level
 * package's hash is also in the manifest and checked here, so a changed lock file is noticed.
 *
 *   node test/clients/install.mjs            install what is missing (cached installs are reused)
 *   node test/clients/install.mjs --pin ID   resolve ID's version in the manifest, write its lock
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
export const MANIFEST_PATH = join(HERE, 'manifest.json');
const LOCKS = join(HERE, 'locks');
const MARKER = '.mcp-orchestration-installed';

export function readManifest() {
  return JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'));
}

/** The cache root, from the real environment (the clients themselves later run under fake homes). */
export function cacheRoot(env = process.env) {
  const base = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  return join(base, 'mcp-orchestration', 'clients');
}

export function installDir(client, env = process.env) {
  return join(cacheRoot(env), `${client.id}@${client.version}`);
}

function npm(args, cwd) {
  const r = spawnSync('npm', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' },
    timeout: 600_000,
  });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

function packageJson(client) {
  return `${JSON.stringify({ name: `conformance-${client.id}`, private: true, dependencies: { [client.package]: client.version } }, null, 2)}\n`;
}

function lockPath(client) {
  return join(LOCKS, `${client.id}.json`);
}

function sha256(text) {
  return createHash('sha256').update(text).digest('hex');
}

/** The integrity the lock file records for the client's own package. */
function lockedIntegrity(lockText, pkg) {
  return JSON.parse(lockText).packages?.[`node_modules/${pkg}`]?.integrity;
}

/**
 * Installs one client (or finds it cached). Returns `{ ok: true, dir, bin }` or
 * `{ ok: false, reason }`; a client marked `notInstallable` in the manifest is never tried.
 */
export function installClient(client, env = process.env) {
  if (client.notInstallable) return { ok: false, reason: client.notInstallable };
  const lockFile = lockPath(client);
  if (!existsSync(lockFile))
    return { ok: false, reason: `no lock file ${lockFile}; run install.mjs --pin ${client.id}` };
  const lock = readFileSync(lockFile, 'utf8');
  const integrity = lockedIntegrity(lock, client.package);
  if (integrity !== client.integrity) {
    return {
      ok: false,
      reason: `lock file integrity ${integrity} differs from the manifest's ${client.integrity}`,
    };
  }
  const dir = installDir(client, env);
  const bin = join(dir, 'node_modules', '.bin', client.bin);
  const stamp = sha256(lock);
  if (existsSync(join(dir, MARKER)) && readFileSync(join(dir, MARKER), 'utf8') === stamp && existsSync(bin)) {
    return { ok: true, dir, bin, cached: true };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), packageJson(client));
  writeFileSync(join(dir, 'package-lock.json'), lock);
  // `npm install` rather than `npm ci`: a lock resolved on one platform may lack another platform's
  // optional binary packages, which `npm ci` refuses; every locked package is still checked.
  const r = npm(['install', '--no-audit', '--no-fund', '--loglevel=error'], dir);
  if (!r.ok)
    return { ok: false, reason: `npm install failed: ${r.out.trim().split('\n').slice(-3).join(' ')}` };
  if (!existsSync(bin)) return { ok: false, reason: `installed, but it has no ${client.bin} program` };
  writeFileSync(join(dir, MARKER), stamp);
  return { ok: true, dir, bin, cached: false };
}

/** Resolves a client's pinned version into a fresh lock file and records its integrity. */
function pin(id) {
  const manifest = readManifest();
  const client = manifest.clients.find((c) => c.id === id);
  if (!client) throw new Error(`no client ${id} in ${MANIFEST_PATH}`);
  const dir = join(cacheRoot(), `pin-${id}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), packageJson(client));
  const r = npm(['install', '--package-lock-only', '--no-audit', '--no-fund', '--loglevel=error'], dir);
  if (!r.ok) throw new Error(`npm install failed for ${id}: ${r.out}`);
  const lock = readFileSync(join(dir, 'package-lock.json'), 'utf8');
  mkdirSync(LOCKS, { recursive: true });
  writeFileSync(lockPath(client), lock);
  client.integrity = lockedIntegrity(lock, client.package);
  writeFileSync(MANIFEST_PATH, `${JSON.stringify(manifest, null, 2)}\n`);
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`pinned ${client.package}@${client.version} ${client.integrity}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  if (args[0] === '--pin') {
    for (const id of args.slice(1)) pin(id);
  } else {
    const wanted = new Set(args);
    for (const client of readManifest().clients) {
      if (wanted.size > 0 && !wanted.has(client.id)) continue;
      const r = installClient(client);
      process.stdout.write(
        `${client.id}@${client.version}: ${r.ok ? (r.cached ? 'cached' : 'installed') : `not installable here: ${r.reason}`}\n`,
      );
    }
  }
}
