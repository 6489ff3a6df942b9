/**
 * @module bench/cases/large-payload
 * 4. A 1,000-server payload: validate + publish + deploy (into a temp Claude Desktop file via
 * `path`) end to end, in a child process of its own so its peak memory is its own.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dist, figure, isolatedEnv, summarise, tempDir } from '../support.mjs';
import { payloadOf } from './publish.mjs';

const SERVERS = 1_000;

async function child(root, rounds) {
  const { Orchestrator } = await import(dist('service/index.js'));
  // The payload's `${env:EXAMPLE_TOKEN}` references are resolved at deploy (Claude Desktop does
  // not expand variables), so the deploy does that work too.
  const svc = new Orchestrator({
    home: join(root, 'home'),
    env: { HOME: root, EXAMPLE_TOKEN: 'bench-secret' },
  });
  await svc.init();
  const path = join(root, 'claude_desktop_config.json');
  writeFileSync(path, '{\n  "globalShortcut": "Ctrl+Space",\n  "mcpServers": {}\n}\n');
  const target = { client_id: 'claude-desktop', profile_id: 'large' };
  const payloads = Array.from({ length: rounds + 1 }, (_, i) => payloadOf(SERVERS, i));
  const bytes = JSON.stringify(payloads[0]).length;
  const parts = { validate: [], publish: [], deploy: [], total: [], jsonc: [] };
  const rssBefore = process.memoryUsage().rss;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const validation = await svc.validate({ ...target, payload: payloads[i] });
    if (!validation.valid) throw new Error(JSON.stringify(validation.errors[0]));
    const t1 = performance.now();
    await svc.publish({ ...target, payload: payloads[i], changelog: `large ${i}` });
    const t2 = performance.now();
    await svc.deploy({ ...target, path });
    const t3 = performance.now();
    parts.validate.push(t1 - t0);
    parts.publish.push(t2 - t1);
    parts.deploy.push(t3 - t2);
    parts.total.push(t3 - t0);
  }
  // Deploy alone into a JSONC file (VS Code's mcp.json, comments kept): each round publishes the
  // next variant untimed, then times the deploy that rewrites all 1,000 entries.
  const jsonc = join(root, 'mcp.json');
  writeFileSync(jsonc, '// team servers\n{\n  /* keep me */\n  "inputs": [],\n  "servers": {}\n}\n');
  const vscode = { client_id: 'vscode', profile_id: 'large' };
  for (let i = 0; i < rounds; i++) {
    await svc.publish({ ...vscode, payload: payloads[i + 1], changelog: `jsonc ${i}` });
    const t = performance.now();
    await svc.deploy({ ...vscode, path: jsonc });
    parts.jsonc.push(performance.now() - t);
  }
  const usage = process.memoryUsage();
  process.stdout.write(
    JSON.stringify({
      parts,
      bytes,
      rss_before_mb: rssBefore / 2 ** 20,
      rss_after_mb: usage.rss / 2 ** 20,
      heap_used_mb: usage.heapUsed / 2 ** 20,
      max_rss_mb: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

export async function largePayload({ quick }) {
  const root = tempDir('large');
  const rounds = quick ? 3 : 10;
  const out = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', root, String(rounds)], {
    env: isolatedEnv(root),
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (out.status !== 0) throw new Error(`large-payload child failed: ${out.stderr}`);
  const r = JSON.parse(out.stdout);
  const total = summarise(r.parts.total);
  const mem = `peak RSS ${Math.round(r.max_rss_mb)} MB (process start ${Math.round(r.rss_before_mb)} MB)`;
  return [
    figure({
      id: '4.0',
      name: `${SERVERS.toLocaleString('en')} servers (${Math.round(r.bytes / 1024)} KB): validate+publish+deploy`,
      unit: 'ms',
      stats: total,
      check: { what: 'ms', value: Math.round(total.median), op: '<=', target: 300 },
      notes: mem,
    }),
    figure({ id: '4.1', name: '  validate', unit: 'ms', stats: summarise(r.parts.validate) }),
    figure({ id: '4.2', name: '  publish', unit: 'ms', stats: summarise(r.parts.publish) }),
    figure({ id: '4.3', name: '  deploy', unit: 'ms', stats: summarise(r.parts.deploy) }),
    figure({
      id: '4.4',
      name: `deploy ${SERVERS.toLocaleString('en')} servers into a JSONC file (VS Code, comments kept)`,
      unit: 'ms',
      stats: summarise(r.parts.jsonc),
      check: { what: 'ms', value: Math.round(summarise(r.parts.jsonc).median), op: '<=', target: 100 },
    }),
  ].map((row, i) =>
    i === 0
      ? {
          ...row,
          memory: {
            max_rss_mb: Math.round(r.max_rss_mb),
            rss_before_mb: Math.round(r.rss_before_mb),
            heap_used_mb: Math.round(r.heap_used_mb),
          },
        }
      : row,
  );
}

if (process.argv[2] === '--child') await child(process.argv[3], Number(process.argv[4]));
