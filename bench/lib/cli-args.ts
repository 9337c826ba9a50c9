/** Flag parsing shared by the benchmarks: each problem names its flag. */

export function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a positive integer`);
  return value;
}

export function list<T extends string | number>(
  name: string,
  raw: string | undefined,
  allowed: readonly T[],
  fallback: T[],
): T[] {
  if (raw === undefined) return fallback;
  const items = raw.split(',').map((s) => s.trim());
  return items.map((item) => {
    const found = allowed.find((a) => String(a) === item);
    if (found === undefined)
      throw new Error(`--${name}: ${item} is not one of ${allowed.join(', ')}`);
    return found;
  });
}
