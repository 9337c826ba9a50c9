/**
 * Stripe's documented test payment methods and card numbers, and what each does when charged.
 * https://docs.stripe.com/testing
 */

export interface Decline {
  code: string;
  declineCode: string | null;
  message: string;
}

export type CardOutcome =
  { kind: 'approve' } | { kind: 'authenticate' } | { kind: 'decline'; decline: Decline };

export interface TestCard {
  token: string;
  number: string;
  brand: string;
  funding: 'credit' | 'debit';
  outcome: CardOutcome;
}

export const GENERIC_DECLINE: Decline = {
  code: 'card_declined',
  declineCode: 'generic_decline',
  message: 'Your card was declined.',
};

export const AUTHENTICATION_FAILURE: Decline = {
  code: 'payment_intent_authentication_failure',
  declineCode: null,
  message:
    'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
};

const approve: CardOutcome = { kind: 'approve' };

function decline(code: string, declineCode: string | null, message: string): CardOutcome {
  return { kind: 'decline', decline: { code, declineCode, message } };
}

export const TEST_CARDS: readonly TestCard[] = [
  {
    token: 'pm_card_visa',
    number: '4242424242424242',
    brand: 'visa',
    funding: 'credit',
    outcome: approve,
  },
  {
    token: 'pm_card_visa_debit',
    number: '4000056655665556',
    brand: 'visa',
    funding: 'debit',
    outcome: approve,
  },
  {
    token: 'pm_card_mastercard',
    number: '5555555555554444',
    brand: 'mastercard',
    funding: 'credit',
    outcome: approve,
  },
  {
    token: 'pm_card_amex',
    number: '378282246310005',
    brand: 'amex',
    funding: 'credit',
    outcome: approve,
  },
  {
    token: 'pm_card_chargeDeclined',
    number: '4000000000000002',
    brand: 'visa',
    funding: 'credit',
    outcome: { kind: 'decline', decline: GENERIC_DECLINE },
  },
  {
    token: 'pm_card_chargeDeclinedInsufficientFunds',
    number: '4000000000009995',
    brand: 'visa',
    funding: 'credit',
    outcome: decline('card_declined', 'insufficient_funds', 'Your card has insufficient funds.'),
  },
  {
    token: 'pm_card_chargeDeclinedFraudulent',
    number: '4000000000000019',
    brand: 'visa',
    funding: 'credit',
    outcome: decline('card_declined', 'fraudulent', 'Your card was declined.'),
  },
  {
    token: 'pm_card_chargeDeclinedExpiredCard',
    number: '4000000000000069',
    brand: 'visa',
    funding: 'credit',
    outcome: decline('expired_card', 'expired_card', 'Your card has expired.'),
  },
  {
    token: 'pm_card_chargeDeclinedIncorrectCvc',
    number: '4000000000000127',
    brand: 'visa',
    funding: 'credit',
    outcome: decline('incorrect_cvc', 'incorrect_cvc', "Your card's security code is incorrect."),
  },
  {
    token: 'pm_card_authenticationRequired',
    number: '4000002760003184',
    brand: 'visa',
    funding: 'credit',
    outcome: { kind: 'authenticate' },
  },
  {
    token: 'pm_card_threeDSecure2Required',
    number: '4000000000003220',
    brand: 'visa',
    funding: 'credit',
    outcome: { kind: 'authenticate' },
  },
];

export function findTestCardByToken(token: string): TestCard | undefined {
  return TEST_CARDS.find((card) => card.token === token);
}

export function findTestCardByNumber(number: string): TestCard | undefined {
  const digits = number.replace(/[\s-]/g, '');
  return TEST_CARDS.find((card) => card.number === digits);
}
