/**
 * Real Chromium for the dashboard tests: Debian's `chromium` package driven by playwright-core
 * (which downloads no browser). Where a browser is required (`.ci/run` sets
 * MCP_ORCHESTRATION_REQUIRE_BROWSER=1), a missing one fails the tests with how to install it. On
 * another machine without Chromium only the browser tests are skipped, and the run says so and why.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, expect } from 'vitest';
import type { TempHome } from './temp-home.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether a missing browser must fail the run (CI) rather than skip the browser tests. */
export const BROWSER_REQUIRED = process.env.MCP_ORCHESTRATION_REQUIRE_BROWSER === '1';

const INSTALL_HINT = `install Debian's package ("apt-get install -y chromium") or set CHROMIUM_PATH`;

/**
 * Why the browser tests are skipped on this machine, or null when they run (Chromium is there, or
 * it is required and its absence fails them). Printed once by test/global-setup.ts.
 */
export const SKIP_BROWSER_REASON =
  existsSync(CHROMIUM_PATH) || BROWSER_REQUIRED
    ? null
    : `Chromium is not at ${CHROMIUM_PATH}; ${INSTALL_HINT} to run them (CI requires it).`;

/** Flags that keep the browser from reaching the network on its own or touching a real profile. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  /**
   * Script errors and console errors (CSP violations among them) of every page so far; a test
   * takes them with `splice(0)` and expects none. A failed HTTP answer the page handles (a 409
   * shown as an error box) is not one.
   */
  errors: string[];
  close(): Promise<void>;
}

/** Chromium's console line for any non-2xx answer: the page shows those itself. */
const HTTP_STATUS_LINE = /^Failed to load resource: the server responded with a status of \d+/;

/**
 * Where the dashboard's JavaScript coverage goes (set by test/global-setup.ts): each page's V8
 * coverage of the dashboard's `app.js`, one JSON file a page, which `scripts/ui-coverage.mjs` maps back to the
 * lines of src/ui/ for `npm run check`. Vitest's own coverage sees only code run in Node.
 */
const UI_COVERAGE_DIR = process.env.MCP_ORCHESTRATION_UI_COVERAGE_DIR;

/** Starts recording which code of the dashboard the page runs; returns what writes it out. */
async function recordCoverage(page: Page): Promise<() => Promise<void>> {
  if (!UI_COVERAGE_DIR) return async () => {};
  await page.coverage.startJSCoverage({ resetOnNavigation: false });
  let written = false;
  return async () => {
    if (written || page.isClosed()) return;
    written = true;
    const entries = (await page.coverage.stopJSCoverage()).filter((e) =>
      /\/ui\/(assets\/)?app\.js(\?|$)/.test(e.url),
    );
    if (entries.length === 0) return;
    const functions = entries.flatMap((e) => e.functions);
    writeFileSync(
      join(UI_COVERAGE_DIR, `${randomBytes(8).toString('hex')}.json`),
      JSON.stringify({ functions }),
    );
  };
}

/** Starts Chromium with a temporary profile folder (its `--user-data-dir`). */
export async function launchChromium(viewport = { width: 1280, height: 900 }): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `The dashboard tests need Chromium at ${CHROMIUM_PATH} and it is missing: ${INSTALL_HINT}. .ci/run installs it.`,
    );
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'mo-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport,
    colorScheme: 'light',
  });
  // Fail a step in seconds, well inside the test's own timeout, so the error names the step.
  context.setDefaultTimeout(10_000);
  const errors: string[] = [];
  const flushes: Array<() => Promise<void>> = [];
  context.on('page', (page) => {
    // Coverage is taken before a page closes: a test's own page.close() included.
    const recording = recordCoverage(page);
    flushes.push(async () => (await recording)());
    const close = page.close.bind(page);
    page.close = async (options) => {
      await (await recording)();
      return close(options);
    };
    page.on('pageerror', (err) => errors.push(`${page.url()}: ${err.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !HTTP_STATUS_LINE.test(message.text()))
        errors.push(`${page.url()}: console: ${message.text()}`);
    });
  });
  return {
    context,
    errors,
    close: async () => {
      for (const flush of flushes) await flush().catch(() => undefined);
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The hooks every dashboard test file shares: after each test, no script or console error on any
 * of its pages; after all, the browser closed, the server stopped, the temp home removed. `get`
 * reads the file's own variables when the hooks run.
 */
export function dashboardHooks(
  get: () => {
    browser: Browser | undefined;
    stop: (() => Promise<void>) | undefined;
    temp: TempHome | undefined;
  },
): void {
  afterEach(() => {
    const { browser } = get();
    if (browser) expect(browser.errors.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    const { browser, stop, temp } = get();
    await browser?.close();
    await stop?.();
    temp?.cleanup();
  });
}
