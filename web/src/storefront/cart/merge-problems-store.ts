import { useSyncExternalStore } from 'react';
import { mergeLocalCarts, type MergeProblem } from './merge-local-cart.ts';

/**
 * What could not move from the browser's carts into the account at the last sign-in, kept until
 * the buyer dismisses it. A small store of its own: it is storefront state, not the session's.
 */
let problems: readonly MergeProblem[] = [];
const listeners = new Set<() => void>();

function setProblems(next: readonly MergeProblem[]): void {
  problems = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The session's `beforeSignedIn`: moves the browser carts into the account. */
export async function moveBrowserCartsIntoAccount(): Promise<void> {
  setProblems(await mergeLocalCarts());
}

export function useMergeProblems(): { problems: readonly MergeProblem[]; dismiss: () => void } {
  const current = useSyncExternalStore(subscribe, () => problems);
  return { problems: current, dismiss: () => setProblems([]) };
}
