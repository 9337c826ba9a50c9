/** The value after a PATCH: an absent field keeps the stored value, `null` clears it. */
export function patched<T>(given: T | undefined, stored: T): T {
  return given === undefined ? stored : given;
}
