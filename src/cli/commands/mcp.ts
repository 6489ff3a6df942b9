/**
 * @module cli/commands/mcp
 * `mcp`: run the MCP server on stdio, for clients that start it as a subprocess
 * (`{"command": "npx", "args": ["-y", "mcp-orchestration", "mcp"]}`). Stdout carries the protocol
 * only; logs go to stderr.
 */
import type { Command } from 'commander';
import { type CommonFlags, HOME_HELP, orchestrator, STORE_HELP } from '../context.js';
import { printError } from '../output.js';

export function registerMcp(program: Command): void {
  program
    .command('mcp')
    .description('run the MCP server on stdio (for Claude Desktop, Cursor, VS Code and other MCP clients)')
    .option('--home <dir>', HOME_HELP)
    .option('--store <url>', STORE_HELP)
    .addHelpText(
      'after',
      '\nClient config entry:\n  {"mcpServers": {"mcp-orchestration": {"command": "npx", "args": ["-y", "mcp-orchestration", "mcp"]}}}',
    )
    .action(async (flags: CommonFlags) => {
      try {
        const [{ StdioServerTransport }, { createMcpServer }] = await Promise.all([
          import('@modelcontextprotocol/sdk/server/stdio.js'),
          import('../../mcp/server.js'),
        ]);
        const svc = await orchestrator(flags);
        const server = createMcpServer(svc);
        const transport = new StdioServerTransport();
        // The client ends the session by closing stdin; close the server so nothing keeps the process alive.
        process.stdin.once('end', () => void server.close().finally(() => svc.close()));
        await server.connect(transport);
      } catch (err) {
        // Stdout belongs to the protocol: report on stderr only.
        process.exitCode = printError(err, {});
      }
    });
}
