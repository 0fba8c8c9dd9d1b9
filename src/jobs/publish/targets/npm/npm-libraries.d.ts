// npm's own libraries ship no type declarations; these cover the parts the npm target uses.

declare module "@npmcli/arborist" {
  /** A node of the package tree; npm-packlist reads it, Slipway only passes it on. */
  interface Node {
    path: string;
    package: Record<string, unknown>;
  }
  class Arborist {
    /** `path` and npm's configuration (registry, `//host/:_authToken`, ignoreScripts, …). */
    constructor(options: { path: string; [option: string]: unknown });
    /** Reads the tree as it is on disk; never runs scripts or touches the network. */
    loadActual(): Promise<Node>;
    /** Makes the tree match package.json; with `packageLockOnly` only package-lock.json is written. */
    reify(options?: Record<string, unknown>): Promise<Node>;
  }
  export = Arborist;
}

declare module "npm-packlist" {
  import type { Node } from "@npmcli/arborist";
  /** The files npm would put in the package, relative to the tree's folder. */
  function packlist(tree: Node, options?: { path?: string }): Promise<string[]>;
  export = packlist;
}

declare module "@npmcli/package-json" {
  class PackageJson {
    /** Reads `<path>/package.json` and normalises it as npm does before packing. */
    static normalize(path: string): Promise<PackageJson>;
    /** Reads and prepares it as npm does before publishing (readme, bins, …). */
    static prepare(path: string): Promise<PackageJson>;
    /** Reads it and applies `npm pkg fix`'s corrections, in memory only. */
    static fix(path: string): Promise<PackageJson>;
    prepare(): Promise<PackageJson>;
    content: Record<string, unknown>;
  }
  export = PackageJson;
}

declare module "pacote" {
  import type { TarOptionsWithAliasesAsyncNoFile } from "tar";
  export class DirFetcher {
    /** The options npm packs a folder with (prefix `package/`, fixed mtime, gzip level 9, bins executable). */
    static tarCreateOptions(manifest: Record<string, unknown>): TarOptionsWithAliasesAsyncNoFile & { cwd: string };
  }
}

declare module "libnpmpublish" {
  import type { Agent } from "node:http";
  export interface PublishOptions {
    /** The HTTP agent for the request, instead of npm's own. */
    agent?: Agent;
    registry: string;
    /** Credentials for this request only, instead of any from npm's configuration. */
    forceAuth: { token: string };
    access: "public" | "restricted" | null;
    defaultTag: string;
    npmVersion?: string;
    timeout?: number;
  }
  /** PUTs the package document npm's client sends (manifest + base64 tarball with integrity and shasum). */
  export function publish(manifest: Record<string, unknown>, tarball: Buffer, options: PublishOptions): Promise<unknown>;
}
