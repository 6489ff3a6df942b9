/**
 * Adding a registry server over MCP when a required parameter is missing: a form (MCP elicitation)
 * where the client declares the capability, a failure naming `params` where it does not, never a
 * placeholder in the draft; secrets are never asked for. And error hints in tool words.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import {
  type CallToolResult,
  ElicitRequestSchema,
  type ElicitResult,
} from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempHome, type TempHome } from '../../test/helpers/temp-home.js';
import { Orchestrator } from '../service/index.js';
import { createMcpServer } from './server.js';

let temp: TempHome;
let orchestrator: Orchestrator;
const clients: Client[] = [];

beforeEach(() => {
  temp = makeTempHome('mo-elicit-');
  orchestrator = new Orchestrator({ home: temp.home, env: temp.env });
});
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  temp.cleanup();
});

/** A connected client; with `answer`, it declares elicitation and answers every form with it. */
async function connect(answer?: (message: string, schema: unknown) => ElicitResult): Promise<{
  call: (name: string, args: Record<string, unknown>) => Promise<CallToolResult>;
  forms: Array<{ message: string; schema: unknown }>;
}> {
  const server = createMcpServer(orchestrator, { logging: { stderr: null } });
  const client = new Client(
    { name: 'test', version: '0.0.0' },
    answer ? { capabilities: { elicitation: { form: {} } } } : {},
  );
  const forms: Array<{ message: string; schema: unknown }> = [];
  if (answer) {
    client.setRequestHandler(ElicitRequestSchema, (req) => {
      const params = req.params as { message: string; requestedSchema: unknown };
      forms.push({ message: params.message, schema: params.requestedSchema });
      return answer(params.message, params.requestedSchema);
    });
  }
  const [a, b] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(b), client.connect(a)]);
  await client.listTools();
  clients.push(client);
  return {
    call: async (name, args) => (await client.callTool({ name, arguments: args })) as CallToolResult,
    forms,
  };
}

const errorOf = (r: CallToolResult) =>
  (r.structuredContent as { error: { code: string; message: string } }).error;

describe('a missing required parameter over MCP', () => {
  it('without elicitation: MISSING_REQUIRED_PARAM naming params, and the draft stays empty', async () => {
    const { call } = await connect();
    const r = await call('add_server_to_config', { server_id: 'filesystem' });
    expect(r.isError).toBe(true);
    expect(errorOf(r).code).toBe('MISSING_REQUIRED_PARAM');
    expect(errorOf(r).message).toContain('Pass params, e.g. {"path":');
    expect(errorOf(r).message).not.toContain('--param');
    expect((await orchestrator.draftShow()).server_count).toBe(0);
  });

  it('with elicitation: asks with a form and adds the server with the answer', async () => {
    const { call, forms } = await connect(() => ({ action: 'accept', content: { path: temp.root } }));
    const r = await call('add_server_to_config', { server_id: 'filesystem' });
    expect(r.isError, JSON.stringify(r.content)).toBeFalsy();
    expect(forms).toHaveLength(1);
    expect(forms[0]?.schema).toMatchObject({
      type: 'object',
      required: ['path'],
      properties: { path: { type: 'string' } },
    });
    const draft = await orchestrator.draftShow();
    expect(JSON.stringify(draft.payload)).toContain(temp.root);
    expect(JSON.stringify(draft.payload)).not.toContain('{path}');
  });

  it('a declined form changes nothing', async () => {
    const { call } = await connect(() => ({ action: 'decline' }));
    const r = await call('add_server_to_clients', { server_id: 'filesystem', clients: ['cursor'] });
    expect(errorOf(r).code).toBe('MISSING_REQUIRED_PARAM');
    expect(errorOf(r).message).toContain('declined');
    expect((await orchestrator.draftShow({ client_id: 'cursor' })).server_count).toBe(0);
  });

  it('never asks for a secret in a form: the reply explains ${env:NAME}', async () => {
    const { call, forms } = await connect(() => ({ action: 'accept', content: {} }));
    const r = await call('add_server_to_config', { server_id: 'github' });
    expect(errorOf(r).code).toBe('MISSING_REQUIRED_ENV');
    expect(errorOf(r).message).toContain('${env:');
    expect(forms).toHaveLength(0);
  });
});

describe('error hints over MCP', () => {
  it('name tool parameters and tools, not CLI flags and commands', async () => {
    const { call } = await connect();
    const empty = await call('publish_config', { changelog: 'x' });
    expect(errorOf(empty).code).toBe('EMPTY_CONFIG');
    expect(errorOf(empty).message).toContain('add_server_to_config tool');
    expect(errorOf(empty).message).not.toContain('mcp-orchestration');
    const dup = await call('add_server_to_config', { server_id: 'memory' });
    expect(dup.isError).toBeFalsy();
    const again = await call('add_server_to_config', { server_id: 'memory' });
    expect(errorOf(again).message).toContain('`name`');
    expect(errorOf(again).message).not.toContain('--name');
    // No keys yet: the first publish makes them instead of failing.
    const first = await call('publish_config', { changelog: 'x' });
    expect(first.isError).toBeFalsy();
    expect(first.structuredContent).toMatchObject({ keys_created: expect.stringMatching(/^[0-9a-f]{16}$/) });
  });
});
