/**
 * @module test/features/steps/mcp-interface
 * Steps of the MCP interface: the real MCP server (`createMcpServer`) over the SDK's in-memory
 * transport, driven by the SDK's `Client`, against the scenario's temporary home.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { expect } from 'vitest';
import { getAdapter, readClientServers } from '../../../src/clients/index.js';
import { createMcpServer } from '../../../src/mcp/server.js';
import { Orchestrator } from '../../../src/service/index.js';
import { Given, json, Then, When, type World } from '../world.js';

/** What one scenario holds besides the World: the connected client and the last answers. */
interface McpState {
  client: Client;
  tools?: Tool[];
  result?: CallToolResult;
  resource?: unknown;
  prompt?: string;
}

const states = new WeakMap<World, McpState>();

function state(world: World): McpState {
  const s = states.get(world);
  if (!s) throw new Error('No MCP client: use "Given an MCP client connected in memory ..." first.');
  return s;
}

const workFolder = (world: World) => join(world.temp.root, 'work');

Given('an MCP client connected in memory to the server over a fresh home folder', async (world) => {
  mkdirSync(workFolder(world), { recursive: true });
  world.orch = new Orchestrator({
    home: world.temp.home,
    env: world.temp.env,
    platform: 'linux',
    cwd: workFolder(world),
  });
  const server = createMcpServer(world.orch, { logging: { stderr: null } });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'feature-test', version: '0.0.0' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  // The client checks results against the output schemas once it has listed the tools.
  await client.listTools();
  states.set(world, { client });
});

// ---- tools -------------------------------------------------------------------------------------

When('I list the MCP tools', async (world) => {
  state(world).tools = (await state(world).client.listTools()).tools;
});

function tools(world: World): Tool[] {
  const list = state(world).tools;
  if (!list) throw new Error('No tool list yet: use "When I list the MCP tools" first.');
  return list;
}

Then('the tool list has these tools:', (world, _args, { table }) => {
  const names = tools(world).map((t) => t.name);
  const expected = (table ?? []).map((row) => row[0] as string);
  expect(expected).toHaveLength(19);
  expect(names).toEqual(expect.arrayContaining(expected));
});

Then('every tool has an object input schema and an object output schema', (world) => {
  for (const tool of tools(world)) {
    expect(tool.inputSchema.type, tool.name).toBe('object');
    expect(tool.outputSchema?.type, tool.name).toBe('object');
    expect(tool.description?.length, tool.name).toBeGreaterThan(20);
  }
});

Then('the tool {string} requires {string}', (world, [name, field]) => {
  const tool = tools(world).find((t) => t.name === name);
  expect(tool?.inputSchema.required).toContain(field);
});

async function callTool(world: World, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  const result = (await state(world).client.callTool({ name, arguments: args })) as CallToolResult;
  state(world).result = result;
  return result;
}

When('I call the tool {string}', async (world, [name]) => {
  await callTool(world, name as string, {});
});

When('I call the tool {string} with:', async (world, [name], { docString }) => {
  await callTool(world, name as string, json(docString) as Record<string, unknown>);
});

When('I call the tool {string} with a path {string} in the work folder', async (world, [name, file]) => {
  await callTool(world, name as string, { path: join(workFolder(world), file as string) });
});

Given('the tools have published the registry server {string}', async (world, [id]) => {
  for (const [name, args] of [
    ['initialize_keys', {}],
    ['add_server_to_config', { server_id: id }],
    ['publish_config', { changelog: `add ${id}` }],
  ] as const) {
    const result = await callTool(world, name, args);
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  }
});

function toolResult(world: World): CallToolResult {
  const result = state(world).result;
  if (!result) throw new Error('No tool was called yet.');
  return result;
}

function succeededTool(world: World): Record<string, unknown> {
  const result = toolResult(world);
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  return result.structuredContent as Record<string, unknown>;
}

Then('the tool succeeds with {string} equal to {word}', (world, [key, value]) => {
  // The value is JSON: true, false, 3 or "text".
  expect(succeededTool(world)[key as string]).toEqual(JSON.parse(value as string));
});

Then('the tool result has a summary, and the same JSON as text and as structuredContent', (world) => {
  const structured = succeededTool(world);
  const [summary, data] = toolResult(world).content as Array<{ type: string; text: string }>;
  expect(summary?.type).toBe('text');
  expect(summary?.text.length).toBeGreaterThan(0);
  expect(data?.type).toBe('text');
  expect(JSON.parse(data?.text ?? 'null')).toEqual(structured);
});

Then("the tool result's {string} is the id of the profile head", async (world, [key]) => {
  expect(succeededTool(world)[key as string]).toBe((await world.orch.get()).artifact_id);
});

Then('the tool result lists one entry in state {string}', (world, [stateName]) => {
  expect(succeededTool(world).entries).toEqual([expect.objectContaining({ state: stateName })]);
});

Then('the work folder file {string} has the server {string}', (world, [file, server]) => {
  const text = readFileSync(join(workFolder(world), file as string), 'utf8');
  expect(Object.keys(readClientServers(text, getAdapter('claude-desktop')))).toContain(server);
});

Then('the tool fails with {word}', (world, [code]) => {
  const result = toolResult(world);
  expect(result.isError).toBe(true);
  expect(result.structuredContent).toMatchObject({ error: { code } });
  const text = (result.content[0] as { text: string }).text;
  expect(text.startsWith(`${code}: `), text).toBe(true);
  expect(text).not.toMatch(/\n\s+at /);
});

Then('the tool error text names {string}', (world, [name]) => {
  expect((toolResult(world).content[0] as { text: string }).text).toContain(name);
});

// ---- resources and prompts ---------------------------------------------------------------------

When('I read the resource {string}', async (world, [uri]) => {
  const { contents } = await state(world).client.readResource({ uri: uri as string });
  const first = contents[0] as { mimeType?: string; text: string };
  expect(first.mimeType).toBe('application/json');
  state(world).resource = JSON.parse(first.text);
});

function resource(world: World): Record<string, unknown> {
  const value = state(world).resource;
  if (value === undefined) throw new Error('No resource was read yet.');
  return value as Record<string, unknown>;
}

Then('the resource is JSON with {string} above {int}', (world, [key, n]) => {
  expect(resource(world)[key as string]).toBeGreaterThan(Number(n));
});

Then('the resource lists the server {string}', (world, [id]) => {
  const servers = resource(world).servers as Array<{ id: string }>;
  expect(servers.map((s) => s.id)).toContain(id);
});

Then("the resource's {string} is the id of the profile head", async (world, [key]) => {
  expect(resource(world)[key as string]).toBe((await world.orch.get()).artifact_id);
});

When('I get the prompt {string} with:', async (world, [name], { docString }) => {
  const prompt = await state(world).client.getPrompt({
    name: name as string,
    arguments: json(docString) as Record<string, string>,
  });
  state(world).prompt = prompt.messages
    .map((m) => (m.content.type === 'text' ? m.content.text : ''))
    .join('\n');
});

Then('the prompt text mentions {string}', (world, [text]) => {
  expect(state(world).prompt).toContain(text);
});
