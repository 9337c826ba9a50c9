import type { Database } from '../../db/client.ts';
import { returnAttempts, takeAttempts, type LimitCheck } from '../rate-limits/index.ts';
import { normaliseEmail, verifyCredentials, type PublicUser } from './users.ts';

const MINUTE = 60_000;

/**
 * D6.3 password-guessing limits. Per address and account, the old per-process limit; per
 * account from any address (a botnet guessing one password); per address across accounts (one
 * host trying a common password on many accounts), generous because an office or campus shares
 * one address at a sale's opening. Only failures use them up: a successful sign-in gives its
 * attempt back.
 */
export const SIGN_IN_LIMITS = {
  addressAndAccount: { name: 'sign-in:address+account', max: 10, windowMs: MINUTE },
  account: { name: 'sign-in:account', max: 20, windowMs: 15 * MINUTE },
  address: { name: 'sign-in:address', max: 50, windowMs: 15 * MINUTE },
} as const;

export interface SignInInput {
  email: string;
  password: string;
  /** The client's network address, as the HTTP layer sees it. */
  address: string;
}

/**
 * Checks the password under the limits. The attempt is counted before the password is checked,
 * atomically, so a burst of parallel guesses cannot all slip under the limit; a right password
 * returns it.
 */
export async function signIn(db: Database, input: SignInInput, now: Date): Promise<PublicUser> {
  const account = normaliseEmail(input.email);
  const checks: LimitCheck[] = [
    { rule: SIGN_IN_LIMITS.addressAndAccount, subject: `${input.address}|${account}` },
    { rule: SIGN_IN_LIMITS.account, subject: account },
    { rule: SIGN_IN_LIMITS.address, subject: input.address },
  ];
  await takeAttempts(db, checks, now);
  const user = await verifyCredentials(db, account, input.password);
  await returnAttempts(db, checks, now);
  return user;
}
