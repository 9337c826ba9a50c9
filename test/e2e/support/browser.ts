import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { SCREENSHOT_DIR } from './global-setup.ts';

/** Debian's Chromium (`.ci/run` installs it); CHROMIUM_PATH points elsewhere. */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

export function e2eConfig() {
  return inject('e2e');
}

/** Headless Chromium with no background traffic (the machine has no outside network). */
export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's chromium (see .ci/run).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh buyer: own cookies and local storage, on the e2e server. */
export async function newBuyerPage(
  browser: Browser,
  viewport: { width: number; height: number } = DESKTOP,
): Promise<Page> {
  const context = await browser.newContext({ baseURL: e2eConfig().baseUrl, viewport });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(error.message));
  return page;
}

const pageErrors = new WeakMap<Page, string[]>();

/** Uncaught errors the page's scripts threw so far (a test expects none). */
export function pageErrorsOf(page: Page): string[] {
  return pageErrors.get(page) ?? [];
}

/** Saves the page under test/e2e/screenshots/ (kept out of git) for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Presses Tab until `target` has focus: proof it is reachable by keyboard alone. */
export async function tabTo(page: Page, target: Locator, maxPresses = 60): Promise<void> {
  for (let i = 0; i < maxPresses; i += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === element.ownerDocument.activeElement)) return;
  }
  throw new Error(`Could not reach ${target.toString()} with ${maxPresses} presses of Tab`);
}

let counter = 0;
/** A unique buyer email for this run. */
export function buyerEmail(name: string): string {
  counter += 1;
  return `${name}.${Date.now().toString(36)}${counter}@e2e.example`;
}
