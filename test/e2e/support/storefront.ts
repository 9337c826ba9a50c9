import type { Locator, Page } from 'playwright-core';

/** What a buyer does in the web app, step by step, the way a person would. */

export const CONFERENCE = 'e2e-conf';
export const STOREFRONT = `/conferences/${CONFERENCE}`;

export function product(page: Page, name: string): Locator {
  return page.getByRole('article', { name, exact: true });
}

export async function openStorefront(page: Page): Promise<void> {
  await page.goto(STOREFRONT);
  await page.getByRole('heading', { level: 1, name: 'Lanyard E2E Conf' }).waitFor();
  await product(page, 'Standard').waitFor();
}

export async function addToCart(page: Page, name: string, quantity = 1): Promise<void> {
  const card = product(page, name);
  if (quantity > 1) await card.getByLabel('Quantity').selectOption(String(quantity));
  await card.getByRole('button', { name: /^Add to cart/ }).click();
  await card.getByText(/in your cart\.$/).waitFor();
}

export async function signUpInBrowser(
  page: Page,
  email: string,
  name: { first: string; last: string },
  next = STOREFRONT,
): Promise<void> {
  await page.goto(`/sign-up?next=${encodeURIComponent(next)}`);
  await fillSignUp(page, email, name);
  await page.waitForURL((url) => url.pathname === next);
}

export async function fillSignUp(
  page: Page,
  email: string,
  name: { first: string; last: string },
): Promise<void> {
  await page.getByLabel('First name').fill(name.first);
  await page.getByLabel('Last name').fill(name.last);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('buyer-password-1');
  await page.getByRole('button', { name: 'Create account' }).click();
}

export async function openCart(page: Page): Promise<void> {
  await page.getByTestId('cart-link').click();
  await page.getByRole('heading', { level: 1, name: 'Your cart' }).waitFor();
}

export async function openCheckout(page: Page): Promise<void> {
  await openCart(page);
  await page.getByRole('link', { name: 'Check out' }).click();
  await page.getByRole('heading', { level: 2, name: 'Order summary' }).waitFor();
}

export function placeOrderButton(page: Page): Locator {
  return page.getByRole('button', { name: /^Place (free )?order/ });
}

/** Places the order and waits for the payment page. */
export async function placeOrder(page: Page): Promise<string> {
  await placeOrderButton(page).click();
  await page.waitForURL(/\/orders\/[^/]+\/pay$/);
  return page.url().split('/orders/')[1]?.split('/')[0] ?? '';
}

export async function fillTestCard(page: Page, number: string): Promise<void> {
  await page.getByLabel('Card number').fill(number);
  await page.getByLabel('Expiry (MM / YY)').fill('12 / 34');
  await page.getByLabel('CVC').fill('123');
}

/** Pays on the payment page with a test card and waits for the confirmation. */
export async function payWithTestCard(page: Page, number = '4242 4242 4242 4242'): Promise<void> {
  await fillTestCard(page, number);
  await page.getByRole('button', { name: /^Pay / }).click();
  await page.waitForURL(/confirmed=1/);
  await page.getByText('Thank you — your order is confirmed.').waitFor();
}
