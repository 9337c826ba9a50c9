/**
 * The stand-in's notion of "now" for `created` fields. Tests advance it instead of sleeping, so
 * filters such as `created[gte]` can be exercised across distinct seconds.
 */
export interface Clock {
  nowSeconds(): number;
  advance(seconds: number): void;
}

export function createClock(source: () => number = Date.now): Clock {
  let offsetMs = 0;
  return {
    nowSeconds: () => Math.floor((source() + offsetMs) / 1000),
    advance: (seconds) => {
      if (!Number.isFinite(seconds) || seconds < 0) {
        throw new Error(`The clock only moves forward; got ${seconds} seconds`);
      }
      offsetMs += seconds * 1000;
    },
  };
}
