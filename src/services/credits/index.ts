export { applyCreditsToOrder, type CreditApplication } from './apply-credits.ts';
export { listUsableCredits, type CreditBalance } from './balances.ts';
export { creditErrors, grantCredit } from './grant-credit.ts';
