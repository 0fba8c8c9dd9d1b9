import Arborist from "@npmcli/arborist";
import PackageJson from "@npmcli/package-json";
import packlist from "npm-packlist";
import { DirFetcher } from "pacote";
import { create } from "tar";
import { TargetConfigError } from "../common/target-errors";

/**
 * Packs a package folder as `npm pack` does, without running any script: npm-packlist lists
 * the files by npm's own rules (`files`, `.npmignore`, the always-included and never-included
 * names) from an Arborist tree of the folder, and node-tar writes them under `package/` with
 * the options npm's packer uses (pacote's: fixed mtime, portable headers, gzip level 9) — so
 * the tarball, and its integrity, are byte for byte the ones `npm pack` makes.
 */
export async function packDirectory(root: string, maxBytes: number, what: string): Promise<{ tarball: Buffer; files: number }> {
  const tree = await new Arborist({ path: root }).loadActual();
  const files = await packlist(tree, { path: root });
  // The manifest npm packs with: package.json normalised (bins resolved), `_resolved` its folder.
  const { content } = await PackageJson.normalize(root);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of create(DirFetcher.tarCreateOptions({ ...content, _resolved: root }), files)) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new TargetConfigError(`the package packed from ${what} is larger than ${maxBytes / 1024 / 1024} MiB, more than Slipway publishes to npm; list fewer files in package.json's \`files\` or .npmignore.`);
    chunks.push(chunk as Buffer);
  }
  return { tarball: Buffer.concat(chunks), files: files.length };
}
