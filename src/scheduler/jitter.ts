// Many instances with the same schedule would all call a source's API at second 0 of the minute. Each
// scheduled poll therefore waits a random part of the configured jitter first.

/** A delay in whole milliseconds, uniform in [0, maxSeconds * 1000). `random` returns [0, 1). */
export function jitterDelayMs(maxSeconds: number, random: () => number): number {
  if (maxSeconds <= 0) return 0;
  const fraction = Math.min(Math.max(random(), 0), 1 - Number.EPSILON);
  return Math.floor(fraction * maxSeconds * 1000);
}
