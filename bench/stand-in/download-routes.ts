import { notFound, type Route } from "./route";
import { commitTarball } from "./tarball";

/**
 * The archive host the tarball endpoint redirects to (codeload on github.com): no
 * Authorization header, the short-lived token from the redirect's query instead.
 */
export const DOWNLOAD_ROUTES: Route[] = [
  {
    method: "GET",
    template: "/_codeload/{owner}/{repo}/legacy.tar.gz/{sha}",
    auth: "download",
    async handle(request, { model }) {
      const installationId = model.downloadTokenInstallation(request.query.get("token"));
      const repository = model.repository(request.params.owner ?? "", request.params.repo ?? "");
      const commit = repository?.commits.get(request.params.sha ?? "");
      if (!repository || !commit || installationId !== repository.installationId) return notFound();
      const archive = await commitTarball(repository, commit);
      return {
        status: 200,
        raw: archive,
        headers: {
          "content-type": "application/x-gzip",
          "content-length": String(archive.length),
          "content-disposition": `attachment; filename=${repository.owner}-${repository.name}-${commit.sha.slice(0, 7)}.tar.gz`,
        },
      };
    },
  },
];
