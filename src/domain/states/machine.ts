/**
 * A status machine as data: every status an entity may have, which of them a new row may start
 * in, and every move between two of them, each with the rule that allows it. The one function
 * below answers "may this move happen"; the service that owns the entity's writes asks it before
 * every status UPDATE (STYLE §13: statuses are not set inline).
 */
export interface Transition<S extends string> {
  from: S;
  to: S;
  /** The rule that makes this move happen, as the code and the specs name it. */
  why: string;
}

export interface StateMachine<S extends string> {
  entity: string;
  /** Every status of the entity's enum, so a new enum value fails typecheck until placed here. */
  statuses: Readonly<Record<S, { initial: boolean }>>;
  transitions: readonly Transition<S>[];
}

/**
 * A move the machine does not declare. It is never the user's fault: every caller guards on the
 * current status it read under a lock, so reaching this is a bug in the caller (a 500), and a
 * race shows up as an UPDATE that matched no row, not as this error.
 */
export class IllegalTransitionError extends Error {
  constructor(
    readonly entity: string,
    readonly from: string,
    readonly to: string,
  ) {
    super(`${entity} may not move from ${from} to ${to}`);
    this.name = 'IllegalTransitionError';
  }
}

export function canTransition<S extends string>(machine: StateMachine<S>, from: S, to: S): boolean {
  return machine.transitions.some((t) => t.from === from && t.to === to);
}

export function assertTransition<S extends string>(machine: StateMachine<S>, from: S, to: S): void {
  if (!canTransition(machine, from, to)) throw new IllegalTransitionError(machine.entity, from, to);
}

/** A new row starts in one of the machine's initial statuses (an insert, not a move). */
export function assertInitial<S extends string>(machine: StateMachine<S>, status: S): void {
  if (!machine.statuses[status].initial)
    throw new IllegalTransitionError(machine.entity, '(new)', status);
}
