import semver from 'semver';

/**
 * Orders version strings: semver precedence where both parse (so 0.0.10 follows 0.0.9,
 * unlike the seed's byte order), then plain string order.
 */
export function compareVersionKeys(a: string, b: string): number {
  const left = semver.valid(a);
  const right = semver.valid(b);
  if (left && right) return semver.compare(left, right);
  if (left) return 1;
  if (right) return -1;
  return a.localeCompare(b);
}
