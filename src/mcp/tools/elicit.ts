/**
 * @module mcp/tools/elicit
 * What an add tool still needs before it can add a registry server. A required parameter (never a
 * secret: parameters end up in the command line) is asked of the user with an MCP elicitation form
 * when the client declares that capability; otherwise the call fails with MISSING_REQUIRED_PARAM
 * naming `params`, and nothing is written (no "{path}" placeholder in any draft). Secrets are never
 * asked for in a form, as the MCP specification says: the reply explains the `${env:NAME}` reference.
 */
import { OrchestrationError } from '../../core/errors.js';
import type { Orchestrator } from '../../service/index.js';
import type { ToolContext } from './define.js';

interface AddArgs {
  server_id: string;
  params: Record<string, string>;
  env: Record<string, string>;
}

/** The input with every required parameter filled in (asking the user if the client can), or a clear failure. */
export async function completeAddInput<T extends AddArgs>(
  ctx: ToolContext,
  svc: Orchestrator,
  input: T,
): Promise<T> {
  const def = await svc.describeServer(input.server_id);
  const secretMissing = def.env.filter((e) => e.required && e.secret && input.env[e.name] === undefined);
  if (secretMissing.length > 0) {
    const example = Object.fromEntries(secretMissing.map((e) => [e.name, `\${env:${e.name}}`]));
    throw new OrchestrationError(
      'MISSING_REQUIRED_ENV',
      `"${def.id}" needs the secret ${secretMissing.map((e) => `${e.name} (${e.description})`).join(', ')}. Never ask the user to paste it: pass a reference in env, e.g. ${JSON.stringify(example)}, and tell the user to set that environment variable where the client runs.`,
      { server_id: def.id, env: secretMissing.map((e) => e.name) },
    );
  }
  const missing = def.params.filter(
    (p) => p.required && p.default === undefined && input.params[p.name] === undefined,
  );
  if (missing.length === 0) return input;
  const example = Object.fromEntries(missing.map((p) => [p.name, p.example ?? 'VALUE']));
  const refuse = (why: string) =>
    new OrchestrationError(
      'MISSING_REQUIRED_PARAM',
      `"${def.id}" needs ${missing.map((p) => `"${p.name}" (${p.description})`).join(', ')}${why}. Pass params, e.g. ${JSON.stringify(example)}. Nothing was changed.`,
      { server_id: def.id, params: missing.map((p) => p.name) },
    );
  if (!ctx.server.server.getClientCapabilities()?.elicitation) throw refuse('');
  const answer = await ctx.server.server.elicitInput({
    message: `"${def.name}" needs ${missing.length === 1 ? 'a value' : 'values'} before it can be added.`,
    requestedSchema: {
      type: 'object',
      properties: Object.fromEntries(
        missing.map((p) => [
          p.name,
          {
            type: 'string',
            title: p.name,
            description: p.description,
            ...(p.example ? { default: p.example } : {}),
          },
        ]),
      ),
      required: missing.map((p) => p.name),
    },
  });
  if (answer.action !== 'accept' || !answer.content)
    throw refuse(` and the user ${answer.action === 'decline' ? 'declined' : 'cancelled'} the form`);
  const given: Record<string, string> = {};
  for (const p of missing) {
    const value = answer.content[p.name];
    if (typeof value !== 'string' || value.trim() === '') throw refuse(' and the form came back without it');
    given[p.name] = value;
  }
  return { ...input, params: { ...input.params, ...given } };
}
