/**
 * @module mcp/prompts
 * Prompts that walk a model through the workflow with this server's tools: `setup-client`
 * (browse, add, validate, publish, deploy) and `review-drift` (compare what is deployed with what
 * was published, and decide what to do).
 */
import { completable } from '@modelcontextprotocol/sdk/server/completable.js';
import type { GetPromptResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { DEFAULT_CLIENT, DEFAULT_PROFILE } from '../core/schemas/operations.js';
import type { Orchestrator } from '../service/index.js';
import type { ToolContext } from './tools/define.js';

async function clientIds(svc: Orchestrator, prefix: string): Promise<string[]> {
  try {
    return (await svc.listClients()).clients.map((c) => c.client_id).filter((id) => id.startsWith(prefix));
  } catch {
    return [];
  }
}

const userMessage = (text: string): GetPromptResult['messages'][number] => ({
  role: 'user',
  content: { type: 'text', text },
});

/** The setup walkthrough for one client profile. */
export function setupClientText(clientId: string, profileId: string, goal: string | undefined): string {
  const t = `client_id "${clientId}", profile_id "${profileId}"`;
  return [
    `Help me set up the MCP servers of ${clientId} (profile ${profileId}) with the mcp-orchestration tools.`,
    goal
      ? `What I want: ${goal}`
      : 'First ask me what I want the client to be able to do, unless I already said.',
    '',
    'Work in these steps and tell me briefly what you did after each:',
    '1. Call initialize_keys (safe to repeat) so configs can be signed.',
    `2. Import what the client has first, so nothing I set up by hand is lost: call list_client_servers with client_id "${clientId}" to see the servers in its config file, then import_client_config with ${t} (when the file does not exist yet, FILE_NOT_FOUND is fine: there is nothing to keep). Then call view_draft_config with ${t} to see the draft.`,
    '3. Find servers with list_available_servers (use `search`), then describe_server for each candidate to learn its params and env vars.',
    `4. Add each chosen server with add_server_to_config (${t}). Ask me for required params such as folder paths. For secrets, never ask me to paste a token: use a reference like "\${env:GITHUB_TOKEN}" and tell me which variable to set.`,
    '5. Call validate_config. Fix every error (remove_server_from_config, then add again with the right values) and mention warnings to me.',
    '6. Show me the final draft and ask me to confirm. Then call publish_config with a one-line changelog.',
    '7. Call deploy_config with dry_run true and show me what would change in the config file; after I confirm, call deploy_config.',
    `8. Check with deployment_status, and tell me to restart ${clientId} so it loads the new config. If something is wrong, rollback_config restores the previous config.`,
  ].join('\n');
}

/** The drift review for one client profile. */
export function reviewDriftText(clientId: string, profileId: string): string {
  const t = `client_id "${clientId}", profile_id "${profileId}"`;
  return [
    `Check whether the MCP config deployed to ${clientId} (profile ${profileId}) still matches what was published, and help me decide what to do.`,
    '',
    `1. Call deployment_status with ${t}. If the state is "not-deployed", tell me and stop.`,
    `2. Call diff_config with ${t} and deployed true. List each changed server and field in plain words; secret values are redacted, only say that they changed.`,
    '3. Explain the likely cause (a hand edit, another tool, an app update) and give me the choices:',
    '   a. keep the published config: call deploy_config again to overwrite the edits (a backup is kept);',
    '   b. keep the edits: call import_client_config to load the file into the draft, then validate_config and publish_config;',
    '   c. go back further: get_history, then rollback_config with `to`.',
    '4. Do not deploy, import or roll back until I pick one.',
  ].join('\n');
}

export function registerPrompts(ctx: ToolContext): void {
  const svc = ctx.orchestrator;
  const clientArg = completable(
    z.string().max(64).optional().describe(`Client id (default "${DEFAULT_CLIENT}")`),
    (value) => clientIds(svc, value ?? ''),
  );
  const profileArg = z.string().max(64).optional().describe(`Profile id (default "${DEFAULT_PROFILE}")`);

  ctx.server.registerPrompt(
    'setup-client',
    {
      title: 'Set up a client',
      description:
        'Guide the model through browse, add, validate, publish and deploy of MCP servers for one client',
      argsSchema: {
        client_id: clientArg,
        profile_id: profileArg,
        goal: z
          .string()
          .max(2000)
          .optional()
          .describe('What the client should be able to do, e.g. "read my notes folder and GitHub issues"'),
      },
    },
    ({ client_id, profile_id, goal }) => ({
      description: `Set up ${client_id ?? DEFAULT_CLIENT}`,
      messages: [
        userMessage(setupClientText(client_id ?? DEFAULT_CLIENT, profile_id ?? DEFAULT_PROFILE, goal)),
      ],
    }),
  );

  ctx.server.registerPrompt(
    'review-drift',
    {
      title: 'Review drift',
      description:
        "Compare a client's deployed config file with the published config and decide what to do about differences",
      argsSchema: { client_id: clientArg, profile_id: profileArg },
    },
    ({ client_id, profile_id }) => ({
      description: `Review drift of ${client_id ?? DEFAULT_CLIENT}`,
      messages: [userMessage(reviewDriftText(client_id ?? DEFAULT_CLIENT, profile_id ?? DEFAULT_PROFILE))],
    }),
  );
}
