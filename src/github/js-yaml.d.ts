// js-yaml comes with Probot (it parses configuration files with it) but ships no types, and
// @types/js-yaml is not installed: this declares the little that Slipway uses.
declare module "js-yaml" {
  export function load(source: string): unknown;
  export class YAMLException extends Error {
    reason: string;
    /** Zero-based position of the problem. */
    mark?: { line: number; column: number };
  }
}
