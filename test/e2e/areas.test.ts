import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buyerEmail,
  e2eConfig,
  launchBrowser,
  newBuyerPage,
  pageErrorsOf,
  screenshot,
} from './support/browser.ts';
import { CONFERENCE, openStorefront, signUpInBrowser, STOREFRONT } from './support/storefront.ts';

const MANAGE = `/manage/${CONFERENCE}`;
const AREA_CHUNK = /\/assets\/(manage|desk)-area-[^/]+\.js$/;

/** Every JavaScript file the page asks for from now on. */
function recordScripts(page: Page): string[] {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  return scripts;
}

async function signInInBrowser(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('the web app areas: storefront, manage and desk are separate bundles', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it("a buyer's storefront never downloads the organiser's or the desk's code", async () => {
    const page = await newBuyerPage(browser);
    const scripts = recordScripts(page);
    await openStorefront(page);
    await signUpInBrowser(page, buyerEmail('chunks'), { first: 'Chunk', last: 'Free' });
    await page.getByRole('link', { name: 'My orders', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'My orders' }).waitFor();
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((path) => AREA_CHUNK.test(path))).toEqual([]);

    // The same recorder sees the manage chunk once the page needs it (the check above can fail).
    await page.goto(MANAGE);
    await page.getByRole('heading', { level: 1, name: /^Manage / }).waitFor();
    expect(scripts.some((path) => /\/assets\/manage-area-[^/]+\.js$/.test(path))).toBe(true);
    // A buyer is no organiser: the API refuses and the page says what to do.
    await page.getByText('Sign in as an organiser of this conference to manage it.').waitFor();
    expect(pageErrorsOf(page)).toEqual([]);
  });

  it('an organiser signs in from /manage/<slug> and sees the ticket types in a table, filtered by a form', async () => {
    const page = await newBuyerPage(browser);
    await page.goto(MANAGE);
    // The one sign-in wall sends them to sign in and back.
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe(MANAGE);
    const { staffEmail, staffPassword } = e2eConfig();
    await signInInBrowser(page, staffEmail, staffPassword);
    await page.waitForURL((url) => url.pathname === MANAGE);
    await page.getByRole('heading', { level: 1, name: 'Manage Lanyard E2E Conf' }).waitFor();

    const table = page.getByRole('table', { name: 'Ticket types' });
    await table.getByRole('row', { name: /Standard/ }).waitFor();
    const headers = await table.getByRole('columnheader').allInnerTexts();
    expect(headers).toEqual(['Name', 'Price', 'Sold', 'Remaining', 'Active']);
    const rowsBefore = await table.getByRole('row').count();
    expect(rowsBefore).toBeGreaterThan(2);
    await screenshot(page, 'manage-1-ticket-types');

    await page.getByLabel('Name contains').fill('standard');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    expect(await table.getByRole('row').nth(1).innerText()).toContain('Standard');

    // The form's zod schema refuses too long a filter, next to the field.
    await page.getByLabel('Name contains').fill('x'.repeat(101));
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('At most 100 characters.').waitFor();
    expect(pageErrorsOf(page)).toEqual([]);
  });

  it('the desk placeholder is behind the same sign-in wall', async () => {
    const page = await newBuyerPage(browser);
    await page.goto(`/desk/${CONFERENCE}`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/desk/${CONFERENCE}`);
    await page.goto(STOREFRONT);
    await page.getByRole('heading', { level: 1, name: 'Lanyard E2E Conf' }).waitFor();
  });
});
