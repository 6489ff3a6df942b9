#!/usr/bin/env node
/**
 * @module bench/run
 * `npm run bench [-- --quick] [-- --only cli,publish,fleet,...]`: measures the figures of issue 6 on the
 * built CLI (`npm run build` first), prints a table and writes bench/results.json. Every loop is
 * bounded in count and time; the full run takes about three minutes, `--quick` well under one.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { cliStart } from './cases/cli-start.mjs';
import { dashboard } from './cases/dashboard.mjs';
import { fleet } from './cases/fleet.mjs';
import { largePayload } from './cases/large-payload.mjs';
import { mcpStdio } from './cases/mcp-stdio.mjs';
import { peerAdd } from './cases/peer-add.mjs';
import { publish } from './cases/publish.mjs';
import { rest } from './cases/rest.mjs';
import { scale } from './cases/scale.mjs';
import { CLI, cleanupTemp, machineInfo, skipped } from './support.mjs';

const CASES = [
  { key: 'cli', title: '1. CLI cold start', run: cliStart },
  { key: 'publish', title: '2. Publish throughput', run: publish },
  { key: 'scale', title: '3. Scale', run: scale },
  { key: 'large', title: '4. 1,000-server payload', run: largePayload },
  { key: 'rest', title: '5. REST API', run: rest },
  { key: 'mcp', title: '6. MCP stdio', run: mcpStdio },
  { key: 'peer', title: '7. Against add-mcp', run: peerAdd },
  { key: 'dashboard', title: '8. Dashboard first load', run: dashboard },
  { key: 'fleet', title: '9. Team hub fleet (PostgreSQL)', run: fleet },
];

const fmt = (v) =>
  v === null || v === undefined || Number.isNaN(v) ? '-' : v >= 100 ? String(Math.round(v)) : v.toFixed(2);

function printTable(rows) {
  const head = ['#', 'measurement', 'unit', 'n', 'min', 'median', 'max', 'figure', 'target', 'result'];
  const body = rows.map((r) => [
    r.id,
    r.name,
    r.unit,
    String(r.n ?? '-'),
    fmt(r.min),
    fmt(r.median),
    fmt(r.max),
    r.check ? `${fmt(r.check.value)} ${r.check.what}` : '',
    r.check?.target != null ? `${r.check.op} ${r.check.target}` : '',
    r.pass === true ? 'PASS' : r.pass === false ? 'MISS' : r.notes?.startsWith('skipped') ? 'SKIP' : '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) =>
    cells.map((c, i) => (i === 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const [i, b] of body.entries()) {
    console.log(line(b));
    if (rows[i].notes) console.log(`${' '.repeat(widths[0] + 2)}  ${rows[i].notes}`);
  }
}

async function main() {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } },
  });
  if (!existsSync(CLI)) {
    console.error('dist/cli/main.js is missing: run "npm run build" first.');
    process.exitCode = 2;
    return;
  }
  const only = values.only ? new Set(values.only.split(',')) : null;
  const quick = values.quick;
  const machine = machineInfo();
  console.log(
    `mcp-orchestration bench${quick ? ' (quick)' : ''}: ${machine.cpus} x ${machine.cpu_model}, ${machine.memory_gb} GB, ${machine.os}, Node ${machine.node}, load ${machine.load_average_at_start.join(' ')}`,
  );
  const started = performance.now();
  const rows = [];
  try {
    for (const c of CASES) {
      if (only && !only.has(c.key)) continue;
      process.stderr.write(`running ${c.title} ...\n`);
      const t = performance.now();
      try {
        rows.push(...(await c.run({ quick })));
      } catch (err) {
        rows.push(skipped(`${CASES.indexOf(c) + 1}.x`, c.title, `failed: ${err.message.split('\n')[0]}`));
      }
      process.stderr.write(`  ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    }
  } finally {
    cleanupTemp();
  }
  console.log('');
  printTable(rows);
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  const missed = rows.filter((r) => r.pass === false).map((r) => r.id);
  console.log(
    `\n${rows.filter((r) => r.pass === true).length} met, ${missed.length} missed${missed.length ? ` (${missed.join(', ')})` : ''}; ${seconds} s`,
  );
  const out = new URL('./results.json', import.meta.url);
  writeFileSync(
    out,
    `${JSON.stringify({ generated_at: new Date().toISOString(), quick, seconds, machine, results: rows }, null, 2)}\n`,
  );
  console.log(`wrote ${out.pathname}`);
}

await main();
