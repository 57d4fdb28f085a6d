import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Connection } from 'mongoose';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { useTestDatabase } from './database.ts';

/**
 * Debian's Chromium, headless, driven by playwright-core (never a downloaded browser). Playwright
 * gives each launch a fresh temporary profile, and each context its own cookies.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** The app served on 127.0.0.1 (a free port) over the test database, with the real clock (cookies expire in real time). */
export async function startWebServer(connection: Connection): Promise<TestApp & { baseUrl: string; close(): Promise<void> }> {
  const t = buildTestApp(connection, { env: { TAILOR_SECRET: 'a-browser-test-secret-0123456789abcdef' }, overrides: { now: () => new Date() } });
  const server: Server = t.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    ...t,
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type WebServer = Awaited<ReturnType<typeof startWebServer>>;

/**
 * For a describe block: a test database, the app served over it and a Chromium, started before its
 * tests and stopped after them (as `useTestDatabase` does for the database alone). `prepare` runs
 * once the server is up, before the browser starts.
 */
export function useBrowserAndServer(databasePrefix: string, prepare?: (server: WebServer, connection: Connection) => Promise<void>): {
  readonly db: { readonly connection: Connection };
  readonly server: WebServer;
  readonly browser: Browser;
} {
  const db = useTestDatabase(databasePrefix);
  const holder: { server?: WebServer; browser?: Browser } = {};
  before(async () => {
    holder.server = await startWebServer(db.connection);
    await prepare?.(holder.server, db.connection);
    holder.browser = await launchChromium();
  });
  after(async () => {
    await holder.browser?.close();
    await holder.server?.close();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (!value) throw new Error(`useBrowserAndServer: the ${what} is used outside a test`);
    return value;
  };
  return {
    db,
    get server() {
      return started(holder.server, 'server');
    },
    get browser() {
      return started(holder.browser, 'browser');
    },
  };
}

const RESULTS_DIR = path.resolve('test-results', 'browser');

/** Saves a full-page screenshot under test-results/browser/ so a person can look at each step. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS_DIR, `${name}.png`), fullPage: true });
}

/** The id of the element that has focus (evaluated in the page; the test code has no DOM types). */
export function focusedId(page: Page): Promise<string> {
  return page.evaluate('document.activeElement ? document.activeElement.id : ""') as Promise<string>;
}
