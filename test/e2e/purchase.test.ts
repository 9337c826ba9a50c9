import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buyerEmail,
  launchBrowser,
  newBuyerPage,
  pageErrorsOf,
  PHONE,
  screenshot,
  tabTo,
} from './support/browser.ts';
import {
  addToCart,
  fillSignUp,
  fillTestCard,
  openCart,
  openCheckout,
  openStorefront,
  payWithTestCard,
  placeOrder,
  product,
  signUpInBrowser,
  STOREFRONT,
} from './support/storefront.ts';

const ACCESS_CODE = /^[A-HJ-KM-NP-Z2-9]{8}$/;

describe('buying tickets in the browser (TEST MODE)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('a full purchase: cart kept through sign-up, ticket and add-on, voucher, declined then paid, order with QR', async () => {
    const page = await newBuyerPage(browser);
    await openStorefront(page);
    await page.getByRole('note').filter({ hasText: 'TEST MODE' }).waitFor();
    const standard = product(page, 'Standard');
    expect(await standard.innerText()).toContain('All three days of talks, lunch and coffee.');
    expect(await standard.innerText()).toContain('200 left');

    // Not signed in yet: the cart lives in the browser and survives sign-up.
    await addToCart(page, 'Standard');
    await screenshot(page, 'purchase-1-storefront');
    await page.getByRole('link', { name: 'Create account' }).click();
    await fillSignUp(page, buyerEmail('ada'), { first: 'Ada', last: 'Lovelace' });
    await page.waitForURL((url) => url.pathname === STOREFRONT);
    await page.getByTestId('cart-link').filter({ hasText: '(1)' }).waitFor();

    await addToCart(page, 'Workshop: Testing in Production');
    await page.getByLabel('Voucher code').fill('community10');
    await page.getByRole('button', { name: 'Apply voucher' }).click();
    await page.getByText(/Voucher COMMUNITY10\. Applied/).waitFor();

    await openCart(page);
    const lines = page.getByTestId('cart-line');
    expect(await lines.count()).toBe(2);
    const standardLine = lines.filter({ hasText: 'Standard' });
    // Why each discount applied, per line: the automatic one, then the voucher's share.
    expect(await standardLine.innerText()).toMatch(/Launch week\s+−€30\.00/);
    expect(await standardLine.innerText()).toMatch(/Voucher COMMUNITY10\s+−€27\.00/);
    expect(await page.getByTestId('cart-total').innerText()).toBe('€324.00');
    expect(await page.getByTestId('expiry-note').innerText()).toMatch(/We keep your cart until/);
    await screenshot(page, 'purchase-2-cart');

    await openCheckout(page);
    expect(await page.getByLabel('Full name').inputValue()).toBe('Ada Lovelace');
    await page.getByLabel('Company').fill('Analytical Engines Ltd');
    // A required question left out is named next to the question.
    await page.getByRole('button', { name: 'Place order: €324.00' }).click();
    await page.getByText('T-shirt size: please answer this question').waitFor();
    await page.getByLabel('T-shirt size').selectOption('M');
    await page.getByLabel('Dietary needs or allergies').fill('Vegetarian');
    await screenshot(page, 'purchase-3-checkout');
    const reference = await placeOrder(page);

    await fillTestCard(page, '4000 0000 0000 0002');
    await page.getByRole('button', { name: 'Pay €324.00' }).click();
    await page.getByText('Your card was declined.').waitFor();
    await screenshot(page, 'purchase-4-payment-declined');
    await payWithTestCard(page, '4242 4242 4242 4242');

    const code = await page.getByTestId('access-code').innerText();
    expect(code).toMatch(ACCESS_CODE);
    const qr = page.getByRole('img', { name: `QR code for access code ${code}` });
    await qr.waitFor();
    const loaded = await qr.evaluate((element) => {
      const img = element as unknown as { complete: boolean; naturalWidth: number };
      return img.complete && img.naturalWidth > 0;
    });
    expect(loaded).toBe(true);
    const details = await page.locator('main').innerText();
    expect(details).toContain('Paid');
    expect(details).toContain('Workshop: Testing in Production');
    expect(details).toMatch(/Card · €324\.00 · Succeeded/);
    await screenshot(page, 'purchase-5-confirmation');

    await page.getByRole('link', { name: 'My orders', exact: true }).click();
    const row = page.getByRole('listitem').filter({ hasText: `Order ${reference}` });
    await row.waitFor();
    expect(await row.innerText()).toContain('Paid');
    await screenshot(page, 'purchase-6-orders');
    expect(pageErrorsOf(page)).toEqual([]);
  });

  it('a voucher unlocks a hidden ticket, which is then bought at the voucher price', async () => {
    const page = await newBuyerPage(browser);
    await signUpInBrowser(page, buyerEmail('grace'), { first: 'Grace', last: 'Hopper' });
    await product(page, 'Standard').waitFor();
    expect(await product(page, 'Student').count()).toBe(0);

    await page.getByLabel('Voucher code').fill('STUDENT-E2E');
    await page.getByRole('button', { name: 'Apply voucher' }).click();
    const student = product(page, 'Student');
    await student.waitFor();
    expect(await student.innerText()).toContain('Unlocked by your voucher');
    await screenshot(page, 'voucher-1-unlocked');

    await addToCart(page, 'Student');
    await openCart(page);
    const line = page.getByTestId('cart-line').filter({ hasText: 'Student' });
    expect(await line.innerText()).toMatch(
      /Voucher STUDENT-E2E\s+−€20\.00\s+— your voucher takes a percentage off/,
    );
    expect(await page.getByTestId('cart-total').innerText()).toBe('€60.00');
    await screenshot(page, 'voucher-2-cart');

    await openCheckout(page);
    await page.getByLabel('T-shirt size').selectOption('S');
    await placeOrder(page);
    await payWithTestCard(page);
    expect(await page.getByTestId('access-code').innerText()).toMatch(ACCESS_CODE);
    expect(pageErrorsOf(page)).toEqual([]);
  });

  it('works on a phone-sized screen by keyboard alone, and every form field has a label', async () => {
    const page = await newBuyerPage(browser, PHONE);
    await page.goto(`/sign-up?next=${encodeURIComponent(STOREFRONT)}`);
    await tabTo(page, page.getByLabel('First name'));
    await page.keyboard.type('Kim');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Keys');
    await page.keyboard.press('Tab');
    await page.keyboard.type(buyerEmail('kim'));
    await page.keyboard.press('Tab');
    await page.keyboard.type('buyer-password-1');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === STOREFRONT);

    const shirt = product(page, 'Conference T-Shirt');
    await tabTo(page, shirt.getByRole('button', { name: /^Add to cart/ }));
    await page.keyboard.press('Enter');
    await shirt.getByText('1 in your cart.').waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      PHONE.width,
    );
    await screenshot(page, 'phone-1-storefront');

    await tabTo(page, page.getByTestId('cart-link'));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Your cart' }).waitFor();
    await tabTo(page, page.getByRole('link', { name: 'Check out' }));
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByLabel('T-shirt size'));
    await page.keyboard.press('L');
    expect(await page.getByLabel('T-shirt size').inputValue()).toBe('L');

    const unlabelled = await page
      .locator('main input, main select, main textarea')
      .evaluateAll((fields) =>
        fields
          .filter((f) => {
            const field = f as unknown as { labels: { length: number } | null };
            return (field.labels?.length ?? 0) === 0 && !f.getAttribute('aria-label');
          })
          .map((f) => f.outerHTML),
      );
    expect(unlabelled).toEqual([]);
    await screenshot(page, 'phone-2-checkout');

    await tabTo(page, page.getByRole('button', { name: /^Place order/ }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/pay$/);
    await tabTo(page, page.getByLabel('Card number'));
    await page.keyboard.type('4242424242424242');
    await page.keyboard.press('Tab');
    await page.keyboard.type('12/34');
    await page.keyboard.press('Tab');
    await page.keyboard.type('123');
    await page.keyboard.press('Enter');
    await page.getByText('Thank you — your order is confirmed.').waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      PHONE.width,
    );
    await screenshot(page, 'phone-3-confirmation');
    expect(pageErrorsOf(page)).toEqual([]);
  });
});
