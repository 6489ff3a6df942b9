/**
 * @module bench/cases/publish
 * 2. Publish throughput in process: Orchestrator.publish of a 10-server payload with every write
 * fsynced, then the three parts of a publish timed on their own: hashing (JCS + SHA-256),
 * building and signing the artifact (Ed25519), and the store writes. A bare fsync of a small file
 * is measured too: it is the floor under every durable write.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { dist, figure, ratio, sample, summarise, tempDir } from '../support.mjs';

/** A realistic client-neutral payload of `count` stdio servers; `variant` makes each one unique. */
export function payloadOf(count, variant = 0) {
  const mcpServers = {};
  for (let i = 0; i < count; i++) {
    mcpServers[`server-${i}`] = {
      command: 'npx',
      args: [
        '-y',
        `@example/mcp-server-${i}`,
        '--root',
        `/srv/projects/team-${i % 7}/workspace`,
        `--v=${variant}`,
      ],
      env: {
        LOG_LEVEL: 'info',
        API_URL: `https://api.example.com/v1/tenants/${i}`,
        TOKEN: '${env:EXAMPLE_TOKEN}',
      },
    };
  }
  return { mcpServers };
}

export async function publish({ quick }) {
  const [{ Orchestrator }, { contentId }, { buildArtifact }, { loadSigningKey }, { putArtifact }, profiles] =
    await Promise.all([
      import(dist('service/index.js')),
      import(dist('core/canonical.js')),
      import(dist('workflows/artifact.js')),
      import(dist('crypto/keys.js')),
      import(dist('store/artifacts.js')),
      import(dist('store/profiles.js')),
    ]);
  const root = tempDir('publish');
  const svc = new Orchestrator({ home: join(root, 'home'), env: { HOME: root } });
  await svc.init();
  const budgetMs = quick ? 2_000 : 6_000;
  const count = quick ? 200 : 2_000;
  const payloads = Array.from({ length: count + 50 }, (_, i) => payloadOf(10, i));

  // Whole publishes, back to back: throughput is publishes over the total wall time.
  let n = 0;
  const start = performance.now();
  const publishTimes = await sample(
    () =>
      svc.publish({
        client_id: 'claude-desktop',
        profile_id: 'bench',
        payload: payloads[n++],
        changelog: 'bench',
      }),
    { count, budgetMs },
  );
  const perSecond = Math.round(publishTimes.length / ((performance.now() - start) / 1000));

  const key = loadSigningKey(svc.home);
  const p = payloads[0];
  const hash = await sample(() => contentId(p), { count: 2_000, budgetMs: 1_000 });
  const sign = await sample(
    () =>
      buildArtifact(
        {
          clientId: 'claude-desktop',
          profileId: 'parts',
          payload: p,
          changelog: 'x',
          parentId: null,
          generator: 'bench',
        },
        key,
      ),
    { count: 2_000, budgetMs: 1_000 },
  );
  let w = 0;
  const write = await sample(
    async () => {
      const artifact = buildArtifact(
        {
          clientId: 'claude-desktop',
          profileId: 'parts',
          payload: payloads[w++],
          changelog: 'x',
          parentId: null,
          generator: 'bench',
        },
        key,
      );
      const t0 = performance.now();
      await profiles.withProfileLock(svc.home, 'claude-desktop', 'parts', () => {
        putArtifact(svc.home, artifact);
        profiles.appendHistory(svc.home, 'claude-desktop', 'parts', {
          artifact_id: artifact.artifact_id,
          created_at: artifact.created_at,
          changelog: 'x',
          server_count: 10,
          parent_artifact_id: null,
        });
      });
      return performance.now() - t0;
    },
    { count: Math.min(count, 500), budgetMs: budgetMs / 2, selfTimed: true },
  );
  const fsyncFile = join(root, 'fsync-probe');
  const fsyncs = await sample(
    () => {
      const fd = openSync(fsyncFile, 'w');
      writeSync(fd, 'x'.repeat(512));
      fsyncSync(fd);
      closeSync(fd);
    },
    { count: 500, budgetMs: 1_000 },
  );

  const pub = summarise(publishTimes);
  const writeStats = summarise(write);
  const fsyncStats = summarise(fsyncs);
  return [
    figure({
      id: '2.0',
      name: 'publish 10 servers (fsync on)',
      unit: 'ms',
      stats: pub,
      check: { what: 'publishes/s', value: perSecond, op: '>=', target: 1000 },
      notes: `${perSecond}/s`,
    }),
    figure({ id: '2.1', name: '  hash (JCS + SHA-256)', unit: 'ms', stats: summarise(hash) }),
    figure({ id: '2.2', name: '  build + sign (Ed25519)', unit: 'ms', stats: summarise(sign) }),
    figure({
      id: '2.3',
      name: '  store writes (lock, artifact, history)',
      unit: 'ms',
      stats: writeStats,
      notes: `${ratio(writeStats.median, fsyncStats.median)}x one fsync`,
    }),
    figure({ id: '2.4', name: '  one bare 512 B write + fsync (floor)', unit: 'ms', stats: fsyncStats }),
  ];
}
