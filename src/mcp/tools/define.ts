/**
 * @module mcp/tools/define
 * How every MCP tool of this server is registered: the operation's own zod input schema, an output
 * schema, truthful annotations, and one result shape for success (`structuredContent` plus a short
 * text) and failure (`isError` with the error code and message, never a stack trace).
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { ErrorCodeSchema, OrchestrationError, toOrchestrationError } from '../../core/errors.js';
import { forMcp } from '../../core/front-door.js';
import { assertNesting } from '../../core/nesting.js';
import { assertAllowed, assertProjectScope } from '../../service/access.js';
import type { Orchestrator } from '../../service/index.js';
import type { Role } from '../../store/tokens.js';
import type { McpLogger } from '../logging.js';

/** What a tool module needs to register its tools. */
export interface ToolContext {
  server: McpServer;
  orchestrator: Orchestrator;
  logger: McpLogger;
  /** Names of the registered tools, for the `capabilities://server` resource. */
  tools: string[];
  /** Whether a `path` argument (any file on the machine) is accepted; false over HTTP. */
  allowPaths: boolean;
  projectScope: boolean;
}

/** The `error` member of a failed tool's structured content (the same body as the CLI's `--json`). */
export const ToolErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

/** Annotation presets; `openWorldHint` is false for every tool that works on local files only (all but `sync`). */
export const READ_ONLY: ToolAnnotations = { readOnlyHint: true, idempotentHint: true, openWorldHint: false };

export interface ToolSpec<I extends z.ZodObject, O extends z.ZodObject> {
  name: string;
  title: string;
  /** Written for a model choosing tools: when to use it, what it needs, what comes back. */
  description: string;
  input: I;
  output: O;
  annotations: ToolAnnotations;
  /** The least role a token needs over HTTP (default: reader for read-only tools, else publisher). */
  role?: Role;
  run: (input: z.output<I>, orchestrator: Orchestrator) => z.input<O> | Promise<z.input<O>>;
  /** One line for humans (and models that only read text). */
  summary: (result: z.output<O>) => string;
}

/**
 * Registers one tool.
 * @example
 * defineTool(ctx, { name: 'view_draft_config', input: TargetInput, output: DraftViewSchema, ... });
 */
export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(
  ctx: ToolContext,
  spec: ToolSpec<I, O>,
): void {
  ctx.tools.push(spec.name);
  ctx.server.registerTool(
    spec.name,
    {
      title: spec.title,
      description: spec.description,
      inputSchema: lenient(spec.input),
      outputSchema: orError(spec.output),
      annotations: { title: spec.title, ...spec.annotations },
    },
    async (args: unknown): Promise<CallToolResult> => {
      try {
        // Over HTTP the caller is a token: reading tools need a reader, the others a publisher.
        assertAllowed(spec.role ?? (spec.annotations.readOnlyHint ? 'reader' : 'publisher'));
        assertNesting(args, 'The tool arguments');
        const input = spec.input.parse(args);
        if (!ctx.allowPaths && (input as { path?: unknown }).path !== undefined) {
          throw new OrchestrationError(
            'INVALID_INPUT',
            'A "path" is not accepted over HTTP: the server writes only the clients\' own config files.',
          );
        }
        // Worded without the flag: over MCP every --flag reads as a tool parameter (core/front-door).
        assertProjectScope(
          input,
          ctx.projectScope,
          "have the server's operator restart it with serve's project-dir option, naming the project folder",
        );
        const produced = spec.output.safeParse(await spec.run(input, ctx.orchestrator));
        // A result that breaks its own schema is our bug, not the caller's input: report it as unexpected.
        if (!produced.success)
          throw new Error(
            `${spec.name} produced a result outside its output schema: ${produced.error.message}`,
          );
        const result = inMcpWords(produced.data);
        ctx.logger.log('debug', `${spec.name}: ok`);
        return {
          content: [
            { type: 'text', text: spec.summary(result) },
            { type: 'text', text: JSON.stringify(result, null, 2) },
          ],
          structuredContent: result as Record<string, unknown>,
        };
      } catch (err) {
        return failure(ctx.logger, spec.name, err);
      }
    },
  );
}

/** A failed call: the code and message in text and in structured content; the stack only on stderr. */
export function failure(logger: McpLogger, tool: string, err: unknown): CallToolResult {
  const error = toOrchestrationError(err);
  const unexpected = !(err instanceof OrchestrationError) && !(err instanceof z.ZodError);
  logger.log(
    unexpected ? 'error' : 'warning',
    `${tool}: ${error.code} ${error.message}`,
    unexpected ? err : undefined,
  );
  const body = inMcpWords(error.toJSON());
  return {
    isError: true,
    content: [{ type: 'text', text: `${body.error.code}: ${body.error.message}` }],
    structuredContent: body,
  };
}

/** Fields that carry advice for the caller: written for a model calling tools, not for a shell. */
const ADVICE = new Set(['message', 'recommendation', 'todo', 'hint']);

/** The value with every advice text in tool words (core/front-door): parameters, not CLI flags. */
export function inMcpWords<T>(value: T, key = ''): T {
  if (typeof value === 'string') return (ADVICE.has(key) ? forMcp(value) : value) as T;
  if (Array.isArray(value)) return value.map((v) => inMcpWords(v, key)) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inMcpWords(v, k)])) as T;
}

/**
 * The advertised input schema: the operation's schema, field by field, but where a value does not
 * fit, the raw value is passed through instead of failing. Why: the SDK turns its own validation
 * failures into a bare text error; letting the tool re-parse with the real schema gives a model
 * the same `INVALID_INPUT` code and field path as every other front door. The JSON Schema a client
 * sees (types, required fields, defaults, limits) is unchanged.
 */
export function lenient<I extends z.ZodObject>(schema: I): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const absent = field.safeParse(undefined);
    const fallback = absent.success ? absent.data : undefined;
    // zod calls the catch value without a context when it writes the JSON Schema `default`.
    shape[key] = field.catch(
      (caught?: { input: unknown }) => (caught === undefined ? fallback : caught.input) as never,
    );
  }
  // Unknown fields pass through to the tool's own strict parse (INVALID_INPUT, "did you mean"),
  // while the advertised JSON Schema still says they are refused.
  return z.looseObject(shape).meta({ additionalProperties: false });
}

/**
 * The advertised output schema: the success shape, or `{ error }` when the call failed. Clients
 * (the SDK's among them) validate even failed results against the output schema, so the error
 * branch must be part of it; the JSON Schema says "the success fields, or an error" with `anyOf`.
 */
export function orError<O extends z.ZodObject>(success: O): z.ZodObject {
  const json = z.toJSONSchema(success, { io: 'output', unrepresentable: 'any' }) as { required?: string[] };
  return success
    .partial()
    .extend({ error: ToolErrorSchema.optional().describe('Present only when the call failed (isError)') })
    .meta({ anyOf: [{ required: json.required ?? [] }, { required: ['error'] }] });
}
