import { gzipSync } from "node:zlib";
import { pack } from "tar-stream";
import type { Commit, Repository } from "./model";

const cache = new WeakMap<Commit, Buffer>();

/**
 * The gzip'd tarball of a commit as GitHub's archive host serves it: every file under one
 * top folder named `<owner>-<repo>-<short sha>/`, with the folders as their own entries.
 */
export async function commitTarball(repository: Repository, commit: Commit): Promise<Buffer> {
  const cached = cache.get(commit);
  if (cached) return cached;
  const root = `${repository.owner}-${repository.name}-${commit.sha.slice(0, 7)}`;
  const packer = pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of packer) chunks.push(chunk as Buffer);
  })();
  const folders = new Set<string>([""]);
  const mtime = new Date(commit.at);
  packer.entry({ name: `${root}/`, type: "directory", mtime });
  for (const [path, content] of [...commit.files].sort(([a], [b]) => a.localeCompare(b))) {
    const parts = path.split("/");
    for (let depth = 1; depth < parts.length; depth++) {
      const folder = parts.slice(0, depth).join("/");
      if (folders.has(folder)) continue;
      folders.add(folder);
      packer.entry({ name: `${root}/${folder}/`, type: "directory", mtime });
    }
    packer.entry({ name: `${root}/${path}`, mtime }, content);
  }
  packer.finalize();
  await collected;
  const archive = gzipSync(Buffer.concat(chunks));
  cache.set(commit, archive);
  return archive;
}
