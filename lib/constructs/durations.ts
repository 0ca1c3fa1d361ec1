/** Seconds as a Go duration string (`300` → `5m0s`), the form the provider writes realm lifespans in. */
export function goDuration(totalSeconds: number): string {
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}

/** Throws unless `value` is a whole number of seconds within bounds, naming the property. */
export function requireSeconds(property: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value)) throw new Error(`'${property}' must be a whole number of seconds, got ${value}`);
  if (value < min) throw new Error(`'${property}' must be at least ${min} s, got ${value}`);
  if (value > max) throw new Error(`'${property}' must be at most ${max} s, got ${value}`);
}
