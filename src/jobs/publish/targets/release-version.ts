/**
 * The version a release's tag names: `v1.2.3` → `1.2.3`, `1.2.3` as is. Only a `v` (or `V`)
 * directly before a digit is dropped, so tags such as `version-2` are left alone.
 */
export function releaseVersion(tag: string): string {
  return /^[vV]\d/.test(tag) ? tag.slice(1) : tag;
}
