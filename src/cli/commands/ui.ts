/**
 * @module cli/commands/ui
 * `ui`: the web dashboard on this machine only. Listens on loopback, prints a fresh one-time login
 * link (always) and opens it in the browser where one is available; the token the link is traded
 * for is revoked when the command stops.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Command } from 'commander';
import { type CommonFlags, orchestrator, withCommon } from '../context.js';
import { wholeNumber } from '../flag-values.js';
import { printError } from '../output.js';

interface UiFlags extends CommonFlags {
  port: number;
  open: boolean;
}

/** The program that opens a URL in the user's browser here, if there is one. */
export function browserOpener(
  platform: NodeJS.Platform = process.platform,
  path = process.env.PATH ?? '',
): { command: string; args: (url: string) => string[] } | undefined {
  if (platform === 'win32') return { command: 'cmd', args: (url) => ['/c', 'start', '""', url] };
  const command = platform === 'darwin' ? 'open' : 'xdg-open';
  const found = path.split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, command)));
  return found ? { command, args: (url) => [url] } : undefined;
}

function openBrowser(url: string): void {
  const opener = browserOpener();
  if (!opener) return;
  try {
    const child = spawn(opener.command, opener.args(url), { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No browser after all: the link is printed anyway.
  }
}

async function uiCommand(flags: UiFlags): Promise<void> {
  const { port } = flags;
  const svc = await orchestrator(flags);
  const [{ createApp }, { startServer }, { UiLogin }] = await Promise.all([
    import('../../http/app.js'),
    import('../../http/server.js'),
    import('../../http/ui.js'),
  ]);
  const login = new UiLogin(svc);
  const app = createApp({ orchestrator: svc, auth: 'tokens', ui: { login }, log: () => {} });
  // Loopback only: the login link hands out a token, so nobody else may reach this port.
  const server = await startServer(app, { host: '127.0.0.1', port });
  const link = login.link(server.url);
  if (flags.json) process.stdout.write(`${JSON.stringify({ url: `${server.url}/ui/`, login_url: link })}\n`);
  else {
    process.stdout.write(`Dashboard: ${link}\n`);
    process.stderr.write(
      'The link works once, for 15 minutes, on this machine only. Press Ctrl+C to stop.\n',
    );
  }
  if (flags.open) openBrowser(link);

  await new Promise<void>((resolve) => {
    const shutdown = () => {
      process.off('SIGTERM', shutdown);
      process.off('SIGINT', shutdown);
      // The dashboard's tokens were only for this run: revoke them before the process ends.
      login
        .revokeAll()
        .then(() => server.close(2_000))
        .then(resolve, resolve);
    };
    process.on('SIGTERM', shutdown);
    process.on('SIGINT', shutdown);
  });
}

export function registerUi(program: Command): void {
  withCommon(program.command('ui'))
    .description('open the web dashboard: a loopback-only server and a one-time login link')
    .addOption(
      wholeNumber('--port <port>', 'port to listen on (0 picks a free one)', { max: 65_535 }).default(0),
    )
    .option('--no-open', 'print the login link without opening a browser')
    .addHelpText('after', '\nExamples:\n  mcp-orchestration ui\n  mcp-orchestration ui --port 8700 --no-open')
    .action(async (flags: UiFlags) => {
      try {
        await uiCommand(flags);
      } catch (err) {
        process.exitCode = printError(err, flags);
      }
    });
}
