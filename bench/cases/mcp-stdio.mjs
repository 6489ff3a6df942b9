/**
 * @module bench/cases/mcp-stdio
 * 6. MCP over stdio: round trip of `view_draft_config` from the SDK Client over
 * StdioClientTransport spawning `mcp-orchestration mcp`. An MCP `ping` over the same pipe is the
 * baseline: what the transport and JSON-RPC cost before any tool runs.
 */
import { CLI, figure, isolatedEnv, ratio, run, sample, skipped, summarise, tempDir } from '../support.mjs';

export async function mcpStdio({ quick }) {
  const help = run(process.execPath, [CLI, '--help'], process.env);
  if (!/\bmcp\b/.test(help)) {
    return [
      skipped('6.0', 'MCP view_draft_config', 'the CLI has no mcp command yet', {
        what: 'p50 ms',
        op: '<=',
        target: 2,
      }),
    ];
  }
  const [{ Client }, { StdioClientTransport }] = await Promise.all([
    import('@modelcontextprotocol/sdk/client/index.js'),
    import('@modelcontextprotocol/sdk/client/stdio.js'),
  ]);
  const env = isolatedEnv(tempDir('mcp'));
  run(process.execPath, [CLI, 'init'], env);
  run(process.execPath, [CLI, 'draft', 'add', 'memory'], env);
  const client = new Client({ name: 'mo-bench', version: '0.0.0' });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp'],
    env,
    stderr: 'ignore',
  });
  await client.connect(transport);
  try {
    const call = async () => {
      const result = await client.callTool({ name: 'view_draft_config', arguments: {} });
      if (result.isError) throw new Error(`view_draft_config failed: ${JSON.stringify(result.content)}`);
    };
    const count = quick ? 200 : 1_000;
    const budgetMs = quick ? 3_000 : 10_000;
    await sample(call, { count: 50, budgetMs: 2_000 }); // warm-up
    await sample(() => client.ping(), { count: 50, budgetMs: 1_000 });
    const view = summarise(await sample(call, { count, budgetMs }));
    const ping = summarise(await sample(() => client.ping(), { count, budgetMs: budgetMs / 2 }));
    return [
      figure({
        id: '6.0',
        name: 'MCP stdio view_draft_config round trip',
        unit: 'ms',
        stats: view,
        check: { what: 'p50 ms', value: Math.round(view.median * 100) / 100, op: '<=', target: 2 },
        notes: `p99 ${view.p99.toFixed(2)} ms; ${ratio(view.median, ping.median)}x ping`,
      }),
      figure({
        id: '6.1',
        name: '  MCP ping round trip (baseline)',
        unit: 'ms',
        stats: ping,
        notes: `p99 ${ping.p99.toFixed(2)} ms`,
      }),
    ];
  } finally {
    await client.close();
  }
}
