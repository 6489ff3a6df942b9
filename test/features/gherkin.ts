/**
 * @module test/features/gherkin
 * A small Gherkin runner for vitest: each feature file becomes a `describe`, each scenario (pickle,
 * so outlines expand) an `it`, and each step runs the one step definition whose expression matches
 * its text. A step with no definition, or with more than one, FAILS the scenario: nothing is skipped.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { AstBuilder, compile, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import { IdGenerator, type Pickle, type PickleStep } from '@cucumber/messages';

/** What a step gets besides its captured values: a doc string or a data table, when it has one. */
export interface StepExtra {
  docString?: string;
  table?: string[][];
}

export type StepFn<W> = (world: W, args: string[], extra: StepExtra) => void | Promise<void>;

interface StepDefinition<W> {
  expression: string;
  pattern: RegExp;
  fn: StepFn<W>;
}

/** `{string}` a "quoted" value (`\\"` inside is a quote), `{int}` a whole number, `{word}` text without spaces. */
const PARAMETER_TYPES: Record<string, string> = {
  '{string}': '"((?:[^"\\\\]|\\\\.)*)"',
  '{int}': '(-?\\d+)',
  '{word}': '(\\S+)',
};

function expressionToRegExp(expression: string): RegExp {
  const parts = expression.split(/(\{string\}|\{int\}|\{word\})/);
  const source = parts
    .map((part) => PARAMETER_TYPES[part] ?? part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('');
  return new RegExp(`^${source}$`);
}

export class UndefinedStepError extends Error {
  override readonly name = 'UndefinedStepError';
}

export class AmbiguousStepError extends Error {
  override readonly name = 'AmbiguousStepError';
}

/** The step definitions of one suite. Given, When and Then share it, as in Cucumber. */
export class StepRegistry<W> {
  private readonly definitions: StepDefinition<W>[] = [];

  define(expression: string, fn: StepFn<W>): void {
    this.definitions.push({ expression, pattern: expressionToRegExp(expression), fn });
  }

  /** The definitions matching a step text, with their captured values. */
  match(text: string): Array<{ definition: StepDefinition<W>; args: string[] }> {
    const out: Array<{ definition: StepDefinition<W>; args: string[] }> = [];
    for (const definition of this.definitions) {
      const m = definition.pattern.exec(text);
      if (m) out.push({ definition, args: m.slice(1).map((v) => (v ?? '').replace(/\\(.)/g, '$1')) });
    }
    return out;
  }

  get size(): number {
    return this.definitions.length;
  }
}

export interface ParsedFeature {
  uri: string;
  name: string;
  pickles: readonly Pickle[];
  /** Line of each pickle step in the feature file, by step id. */
  stepLines: Map<string, number>;
  /** Line of each scenario, by pickle id. */
  scenarioLines: Map<string, number>;
}

/** Parses a feature file into pickles (one per scenario and per example row). */
export function parseFeature(path: string, root = process.cwd()): ParsedFeature {
  const uri = relative(root, path);
  const newId = IdGenerator.uuid();
  const parser = new Parser(new AstBuilder(newId), new GherkinClassicTokenMatcher());
  const document = parser.parse(readFileSync(path, 'utf8'));
  const pickles = compile(document, uri, newId);
  const lines = new Map<string, number>();
  const visit = (steps: readonly { id: string; location: { line: number } }[]) => {
    for (const s of steps) lines.set(s.id, s.location.line);
  };
  const scenarioLines = new Map<string, number>();
  const scenarios = new Map<string, number>();
  for (const child of document.feature?.children ?? []) {
    if (child.background) visit(child.background.steps);
    if (child.scenario) {
      visit(child.scenario.steps);
      scenarios.set(child.scenario.id, child.scenario.location.line);
      for (const ex of child.scenario.examples)
        for (const row of ex.tableBody) scenarios.set(row.id, row.location.line);
    }
    for (const ruleChild of child.rule?.children ?? []) {
      if (ruleChild.background) visit(ruleChild.background.steps);
      if (ruleChild.scenario) {
        visit(ruleChild.scenario.steps);
        scenarios.set(ruleChild.scenario.id, ruleChild.scenario.location.line);
      }
    }
  }
  const stepLines = new Map<string, number>();
  for (const pickle of pickles) {
    for (const step of pickle.steps) {
      // A pickle step's astNodeIds: the step, then (in an outline) the example row.
      const line = lines.get(step.astNodeIds[0] ?? '');
      if (line !== undefined) stepLines.set(step.id, line);
    }
    const rowLine = scenarios.get(pickle.astNodeIds[pickle.astNodeIds.length - 1] ?? '');
    if (rowLine !== undefined) scenarioLines.set(pickle.id, rowLine);
  }
  return { uri, name: document.feature?.name ?? uri, pickles, stepLines, scenarioLines };
}

function extraOf(step: PickleStep): StepExtra {
  const extra: StepExtra = {};
  if (step.argument?.docString) extra.docString = step.argument.docString.content;
  if (step.argument?.dataTable) {
    extra.table = step.argument.dataTable.rows.map((row) => row.cells.map((cell) => cell.value));
  }
  return extra;
}

/** Runs one scenario's steps in order against `world`; throws on the first failing, undefined or ambiguous step. */
export async function runPickle<W>(
  feature: ParsedFeature,
  pickle: Pickle,
  registry: StepRegistry<W>,
  world: W,
): Promise<void> {
  for (const step of pickle.steps) {
    const where = `${feature.uri}:${feature.stepLines.get(step.id) ?? '?'}`;
    const matches = registry.match(step.text);
    if (matches.length === 0) {
      throw new UndefinedStepError(
        `Undefined step at ${where}: "${step.text}". Add a step definition in test/features/steps/.`,
      );
    }
    if (matches.length > 1) {
      throw new AmbiguousStepError(
        `Ambiguous step at ${where}: "${step.text}" matches ${matches.map((m) => `"${m.definition.expression}"`).join(', ')}.`,
      );
    }
    const [{ definition, args }] = matches as [{ definition: StepDefinition<W>; args: string[] }];
    try {
      await definition.fn(world, args, extraOf(step));
    } catch (err) {
      if (err instanceof Error) err.message = `Step failed at ${where}: "${step.text}"\n${err.message}`;
      throw err;
    }
  }
}

export interface VitestApi {
  describe: (name: string, fn: () => void) => void;
  it: (name: string, fn: () => Promise<void>) => void;
}

/** A world is created per scenario and disposed after it, pass or fail. */
export interface WorldFactory<W> {
  create(): W;
  dispose(world: W): void;
}

/** Registers a feature file with vitest: one `it` per scenario, tagged names kept in the title. */
export function registerFeature<W>(
  path: string,
  registry: StepRegistry<W>,
  worlds: WorldFactory<W>,
  api: VitestApi,
): ParsedFeature {
  const feature = parseFeature(path);
  api.describe(`Feature: ${feature.name} (${feature.uri})`, () => {
    for (const pickle of feature.pickles) {
      const tags = pickle.tags.map((t) => t.name).filter((t) => t.startsWith('@behavior:'));
      const line = feature.scenarioLines.get(pickle.id);
      const title = `${pickle.name}${tags.length ? ` ${tags.join(' ')}` : ''}${line ? ` [line ${line}]` : ''}`;
      api.it(title, async () => {
        const world = worlds.create();
        try {
          await runPickle(feature, pickle, registry, world);
        } finally {
          worlds.dispose(world);
        }
      });
    }
  });
  return feature;
}
