/**
 * @module mcp/logging
 * Logging for the MCP server: to stderr (stdout belongs to the protocol on stdio) and to the
 * connected client as MCP logging notifications, which honour the level the client sets.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { LoggingLevel } from '@modelcontextprotocol/sdk/types.js';

const LEVELS: readonly LoggingLevel[] = [
  'debug',
  'info',
  'notice',
  'warning',
  'error',
  'critical',
  'alert',
  'emergency',
];
const LOGGER_NAME = 'mcp-orchestration';

/** Where stderr lines go; `null` turns stderr logging off (tests). */
export interface LogSink {
  write(line: string): unknown;
}

export interface McpLoggerOptions {
  /** Default: `process.stderr`. */
  stderr?: LogSink | null;
  /** The lowest level written to stderr; default `info`. */
  stderrLevel?: LoggingLevel;
}

export class McpLogger {
  private server: McpServer | undefined;
  private readonly sink: LogSink | null;
  private readonly threshold: number;

  constructor(options: McpLoggerOptions = {}) {
    this.sink = options.stderr === undefined ? process.stderr : options.stderr;
    this.threshold = LEVELS.indexOf(options.stderrLevel ?? 'info');
  }

  /** Notifications go to this server's client once it is connected. */
  attach(server: McpServer): void {
    this.server = server;
  }

  /** Logs one line; `detail` (an Error's stack, say) goes to stderr only, never to the client. */
  log(level: LoggingLevel, message: string, detail?: unknown): void {
    if (this.sink && LEVELS.indexOf(level) >= this.threshold) {
      const extra = detail instanceof Error ? `\n${detail.stack ?? detail.message}` : '';
      this.sink.write(`[${LOGGER_NAME}] ${level}: ${message}${extra}\n`);
    }
    if (this.server?.isConnected()) {
      // A client that went away must not turn a log line into a failure.
      this.server.sendLoggingMessage({ level, logger: LOGGER_NAME, data: message }).catch(() => undefined);
    }
  }
}
