/**
 * @module registry/api/versions
 * Ordering server versions: semantic versions by SemVer 2.0.0 precedence (build metadata ignored),
 * and any other version string after them, by plain text order. The registry API allows
 * non-semantic versions but says they "may not sort predictably"; this makes them sort the same way
 * every time.
 */

const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

function comparePrerelease(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1; // a release is newer than its prereleases
  if (b === undefined) return -1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny && Number(x) !== Number(y)) return Number(x) < Number(y) ? -1 : 1;
    if (nx !== ny) return nx ? -1 : 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Negative when `a` is older than `b`, positive when newer, 0 when equal.
 * @example ['1.10.0', '1.2.0', '1.2.0-rc.1'].sort(compareVersions) // ['1.2.0-rc.1', '1.2.0', '1.10.0']
 */
export function compareVersions(a: string, b: string): number {
  const ma = SEMVER.exec(a);
  const mb = SEMVER.exec(b);
  if (ma && mb) {
    for (let i = 1; i <= 3; i++) {
      const d = Number(ma[i]) - Number(mb[i]);
      if (d !== 0) return d < 0 ? -1 : 1;
    }
    const pre = comparePrerelease(ma[4], mb[4]);
    return pre !== 0 ? pre : a < b ? -1 : a > b ? 1 : 0;
  }
  if (ma) return 1; // semantic versions sort above free-form ones
  if (mb) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
