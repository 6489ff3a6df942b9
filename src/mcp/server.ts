/**
 * @module mcp/server
 * The MCP server: every operation of the Orchestrator as a tool, the registry and configs as
 * resources, and prompts that walk a model through the workflow. The same server runs on stdio
 * (`mcp-orchestration mcp`) and, one per session, behind Streamable HTTP (`serve`, at `/mcp`).
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Orchestrator } from '../service/index.js';
import { VERSION } from '../version.js';
import { McpLogger, type McpLoggerOptions } from './logging.js';
import { registerPrompts } from './prompts.js';
import { registerResources } from './resources.js';
import { registerConfigTools } from './tools/config.js';
import type { ToolContext } from './tools/define.js';
import { registerDeployTools } from './tools/deploy.js';
import { registerDoctorTools } from './tools/doctor.js';
import { registerDraftTools } from './tools/draft.js';
import { registerHubTools } from './tools/hub.js';
import { registerOneshotTools } from './tools/oneshot.js';
import { registerRegistryTools } from './tools/registry.js';

export const SERVER_NAME = 'mcp-orchestration';

export interface McpServerOptions {
  /** Logging to stderr; `{ stderr: null }` silences it (tests). */
  logging?: McpLoggerOptions;
  /**
   * Whether tools accept a `path` (a config file anywhere on the machine). True on stdio, where the
   * caller is the local user; the HTTP endpoint turns it off, as the REST API does.
   */
  allowPaths?: boolean;
  /**
   * Whether tools accept `scope: "project"` (files in the orchestrator's project folder). True on
   * stdio, started in the user's project; over HTTP only with `serve --project-dir`.
   */
  projectScope?: boolean;
}

const INSTRUCTIONS = `mcp-orchestration keeps one signed source of truth for the MCP server configs of AI clients (Claude Desktop, Cursor, VS Code, ...).
Workflow: list_available_servers -> describe_server -> add_server_to_config (edits a draft) -> validate_config -> publish_config (signs an immutable artifact) -> deploy_config (writes the client's config file, with a backup).
Check with deployment_status and diff_config (deployed: true); undo with rollback_config. Tools default to client_id "claude-desktop" and profile_id "default".
Secrets: pass env values as references like "\${env:GITHUB_TOKEN}", never the secret itself. Clients usually need a restart to load a deployed config.`;

/**
 * Builds the MCP server over one Orchestrator (one home folder).
 * @example
 * const server = createMcpServer(new Orchestrator());
 * await server.connect(new StdioServerTransport());
 */
export function createMcpServer(orchestrator: Orchestrator, options: McpServerOptions = {}): McpServer {
  const server = new McpServer(
    { name: SERVER_NAME, title: 'MCP Orchestration', version: VERSION },
    { capabilities: { logging: {} }, instructions: INSTRUCTIONS },
  );
  const logger = new McpLogger(options.logging);
  logger.attach(server);
  const ctx: ToolContext = {
    server,
    orchestrator,
    logger,
    tools: [],
    allowPaths: options.allowPaths ?? true,
    projectScope: options.projectScope ?? true,
  };
  registerRegistryTools(ctx);
  registerDraftTools(ctx);
  registerConfigTools(ctx);
  registerDeployTools(ctx);
  registerOneshotTools(ctx);
  registerDoctorTools(ctx);
  registerHubTools(ctx);
  registerResources(ctx);
  registerPrompts(ctx);
  return server;
}
