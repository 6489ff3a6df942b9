/**
 * @module bench/cases/scale
 * 3. Scale: the head `get`, `verify` and the first history page of a profile with 10,000
 * artifacts against one with 10, in the same home. The big profile is written straight into the
 * store layout (real signed artifacts, at the store's own paths, without an fsync per file) so it
 * takes seconds, not the minutes that 10,000 durable publishes would.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dist, figure, ratio, summarise, tempDir } from '../support.mjs';
import { payloadOf } from './publish.mjs';

const CLIENT = 'claude-desktop';

async function fillProfile(svc, profile, count, modules) {
  const { buildArtifact, loadSigningKey, artifactPath, GENERATOR } = modules;
  const key = loadSigningKey(svc.home);
  const lines = [];
  let parent = null;
  for (let i = 0; i < count; i++) {
    const artifact = buildArtifact(
      {
        clientId: CLIENT,
        profileId: profile,
        payload: payloadOf(10, i),
        changelog: `change ${i}`,
        parentId: parent,
        generator: GENERATOR,
      },
      key,
    );
    const path = artifactPath(svc.home, CLIENT, profile, artifact.artifact_id.slice('sha256:'.length));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify(artifact, null, 2)}\n`, { mode: 0o600 });
    lines.push(
      JSON.stringify({
        seq: lines.length + 1,
        artifact_id: artifact.artifact_id,
        created_at: artifact.created_at,
        changelog: artifact.metadata.changelog,
        server_count: artifact.metadata.server_count,
        parent_artifact_id: parent,
      }),
    );
    parent = artifact.artifact_id;
  }
  const dir = svc.home.profileDir(CLIENT, profile);
  writeFileSync(join(dir, 'history.jsonl'), `${lines.join('\n')}\n`);
}

export async function scale({ quick }) {
  const [{ Orchestrator }, { buildArtifact }, { loadSigningKey }, { artifactPath }, { GENERATOR }] =
    await Promise.all([
      import(dist('service/index.js')),
      import(dist('workflows/artifact.js')),
      import(dist('crypto/keys.js')),
      import(dist('store/artifacts.js')),
      import(dist('version.js')),
    ]);
  const root = tempDir('scale');
  const svc = new Orchestrator({ home: join(root, 'home'), env: { HOME: root } });
  await svc.init();
  const modules = { buildArtifact, loadSigningKey, artifactPath, GENERATOR };
  const big = quick ? 2_000 : 10_000;
  const buildStart = performance.now();
  await fillProfile(svc, 'small', 10, modules);
  await fillProfile(svc, 'big', big, modules);
  const buildSeconds = Math.round((performance.now() - buildStart) / 100) / 10;

  const ops = [
    { key: 'get head', call: (profile) => svc.get({ client_id: CLIENT, profile_id: profile }) },
    { key: 'verify head', call: (profile) => svc.verify({ client_id: CLIENT, profile_id: profile }) },
    {
      key: 'history page 1',
      call: (profile) => svc.history({ client_id: CLIENT, profile_id: profile, limit: 20 }),
    },
  ];
  const rows = [];
  for (const [i, op] of ops.entries()) {
    // Interleave small and big so drift in machine load hits both alike.
    const small = [];
    const large = [];
    const deadline = performance.now() + (quick ? 1_000 : 3_000);
    for (let k = 0; k < 2_000 && (k < 20 || performance.now() < deadline); k++) {
      let t = performance.now();
      await op.call('small');
      small.push(performance.now() - t);
      t = performance.now();
      await op.call('big');
      large.push(performance.now() - t);
    }
    const s = summarise(small);
    const l = summarise(large);
    const x = ratio(l.median, s.median);
    rows.push(figure({ id: `3.${i * 2 + 1}`, name: `${op.key}, 10 artifacts`, unit: 'ms', stats: s }));
    rows.push(
      figure({
        id: `3.${i * 2 + 2}`,
        name: `${op.key}, ${big.toLocaleString('en')} artifacts`,
        unit: 'ms',
        stats: l,
        check: { what: 'x 10 artifacts', value: x, op: '<=', target: 2 },
        notes: `${x}x the 10-artifact profile (store built in ${buildSeconds} s)`,
      }),
    );
  }
  return rows;
}
