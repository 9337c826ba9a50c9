import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { accountErrors } from './errors.ts';

/** zxcvbn's scale: 0–2 fall to an online or fast offline attack; 3 and 4 are "safely unguessable". */
const MIN_SCORE = 3;

/**
 * Only this many leading characters are analysed: the estimate's cost grows steeply with length
 * (3 s for 200 digits here, a cheap way to burn a server's CPU); a longer password is judged
 * by its first 64 characters.
 */
const ANALYSED_LENGTH = 64;

let estimator: ZxcvbnFactory | undefined;

/**
 * Built on first use: the dictionaries (common passwords, English words and names, Wikipedia)
 * take about a second to index, once per process. Levenshtein matching is off: it makes every
 * check take a second, for little more than the dictionaries already catch.
 */
function estimatorOf(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
    maxLength: ANALYSED_LENGTH,
    // Each allowed l33t substitution multiplies the work; 4 still catches "p@ssw0rd" (100 took
    // over a second on some 40-character passwords).
    l33tMaxSubstitutions: 4,
  });
  return estimator;
}

export function estimatePassword(password: string, userInputs: string[]): ZxcvbnResult {
  return estimatorOf().check(password, userInputs);
}

/**
 * Refuses a password that is common or easy to guess (D6.3), naming why in zxcvbn's words.
 * `userInputs` (email, names) count as guessable too.
 */
export function assertPasswordStrong(password: string, userInputs: string[]): void {
  const result = estimatePassword(password, userInputs.filter(Boolean));
  if (result.score >= MIN_SCORE) return;
  const { warning, suggestions } = result.feedback;
  const why = [warning, ...suggestions].filter((text): text is string => Boolean(text));
  throw accountErrors(
    'PASSWORD_TOO_WEAK',
    { field: 'password', score: result.score, warning, suggestions },
    ['This password is too common or too easy to guess.', ...why].join(' '),
  );
}
