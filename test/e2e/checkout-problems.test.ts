import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOrganiser, signUpBuyer, ticketTypeBySlug } from './support/api.ts';
import {
  buyerEmail,
  launchBrowser,
  newBuyerPage,
  pageErrorsOf,
  screenshot,
} from './support/browser.ts';
import {
  addToCart,
  CONFERENCE,
  openCart,
  openCheckout,
  openStorefront,
  placeOrder,
  placeOrderButton,
  product,
  signUpInBrowser,
} from './support/storefront.ts';

const API = `/api/v1/conferences/${CONFERENCE}`;

describe('when things change during checkout, the buyer is told and has a way on', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('the last seat goes to someone else meanwhile: checkout says so, the ticket shows sold out', async () => {
    const page = await newBuyerPage(browser);
    await signUpInBrowser(page, buyerEmail('late'), { first: 'Late', last: 'Comer' });
    expect(await product(page, 'Last Seat').innerText()).toContain('1 left');
    await addToCart(page, 'Last Seat');
    await openCheckout(page);
    await page.getByLabel('T-shirt size').selectOption('L');

    // Another buyer checks out the same seat first; their pending order holds it.
    const rival = await signUpBuyer(buyerEmail('rival'));
    const seat = await ticketTypeBySlug(rival, CONFERENCE, 'last-seat');
    await rival.call('POST', `${API}/cart/items`, { ticketTypeId: seat.id, quantity: 1 });
    await rival.call('POST', `${API}/checkout`, {
      billingName: 'Rival Buyer',
      billingEmail: 'rival@e2e.example',
      answers: { tshirt_size: 'S' },
    });

    await placeOrderButton(page).click();
    const alert = page.locator('.checkout-summary [role="alert"]').first();
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Last Seat is sold out.');
    expect(await alert.innerText()).toContain('Your order was not placed.');
    await screenshot(page, 'sold-out-1-checkout');

    await openCart(page);
    expect(await page.getByTestId('cart-line').innerText()).toContain('Last Seat is sold out.');
    expect(await page.getByRole('link', { name: 'Check out' }).count()).toBe(0);
    await screenshot(page, 'sold-out-2-cart');

    await openStorefront(page);
    const card = product(page, 'Last Seat');
    expect(await card.innerText()).toContain('Sold out: no more can be bought.');
    expect(await card.getByRole('button', { name: /^Add to cart/ }).count()).toBe(0);
    await screenshot(page, 'sold-out-3-storefront');
    expect(pageErrorsOf(page)).toEqual([]);
  });

  it('an organiser changes the price meanwhile: checkout shows old and new total, the buyer accepts', async () => {
    const page = await newBuyerPage(browser);
    await signUpInBrowser(page, buyerEmail('price'), { first: 'Price', last: 'Watcher' });
    await addToCart(page, 'Day Pass');
    await openCheckout(page);
    await page.getByLabel('T-shirt size').selectOption('XL');
    await placeOrderButton(page).filter({ hasText: '€120.00' }).waitFor();

    const organiser = await signInOrganiser();
    const dayPass = await ticketTypeBySlug(organiser, CONFERENCE, 'day-pass');
    await organiser.call('PATCH', `${API}/manage/ticket-types/${dayPass.id}`, { price: 13_500 });

    await placeOrderButton(page).click();
    const alert = page.getByRole('alert').filter({ hasText: 'The price changed' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain('You saw €120.00; the total is now €135.00.');
    expect(await page.getByTestId('cart-total').innerText()).toBe('€135.00');
    await screenshot(page, 'price-change-1-caught');

    await placeOrderButton(page).filter({ hasText: '€135.00' }).click();
    await page.waitForURL(/\/pay$/);
    await page.getByRole('button', { name: 'Pay €135.00' }).waitFor();
    await screenshot(page, 'price-change-2-payment');
    expect(pageErrorsOf(page)).toEqual([]);
  });

  it('a pending order is cancelled from its page and its tickets are released', async () => {
    const page = await newBuyerPage(browser);
    await signUpInBrowser(page, buyerEmail('cancel'), { first: 'Can', last: 'Cel' });
    await addToCart(page, 'Cancellable Pass', 2);
    await openCheckout(page);
    await page.getByLabel('T-shirt size').selectOption('M');
    const reference = await placeOrder(page);
    const observer = await signUpBuyer(buyerEmail('observer'));
    const held = await ticketTypeBySlug(observer, CONFERENCE, 'cancellable-pass');
    expect(held.remaining).toBe(3);

    await page.getByRole('link', { name: 'See the order, or cancel it' }).click();
    await page.getByRole('heading', { level: 1, name: `Order ${reference}` }).waitFor();
    await page.locator('.order-meta').filter({ hasText: 'Awaiting payment' }).waitFor();
    await page.getByRole('button', { name: 'Cancel order' }).click();
    await screenshot(page, 'cancel-1-confirm');
    await page.getByRole('button', { name: 'Yes, cancel the order' }).click();
    await page.getByText('This order is cancelled.').waitFor();
    expect(await page.locator('.order-meta').innerText()).toContain('Cancelled');
    expect(await page.getByRole('link', { name: 'Pay now' }).count()).toBe(0);
    await screenshot(page, 'cancel-2-cancelled');

    const released = await ticketTypeBySlug(observer, CONFERENCE, 'cancellable-pass');
    expect(released.remaining).toBe(5);
    expect(pageErrorsOf(page)).toEqual([]);
  });
});
