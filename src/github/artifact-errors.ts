import { UserFacingError } from "../util/user-facing-error";

/** The workflow run uploaded no artifact by the configured name (or it was deleted). */
export class ArtifactNotFoundError extends UserFacingError {
  override name = "ArtifactNotFoundError";
  /**
   * @param run How messages name the run: `run 30433642 of build.yml (https://…)`.
   * @param uploaded The names of the artifacts the run did upload, when known.
   */
  constructor(readonly artifact: string, run: string, uploaded?: string[]) {
    const others = uploaded === undefined ? "" : uploaded.length === 0 ? " (it uploaded none)" : ` (it uploaded ${uploaded.map((name) => JSON.stringify(name)).join(", ")})`;
    super(
      `${run} has no artifact named ${JSON.stringify(artifact)}${others}. Set source.artifact.name in .github/slipway.yml to the name the workflow gives actions/upload-artifact, or upload the site under that name.`,
    );
  }
}

/** The artifact was there, but GitHub has deleted its files at the end of its retention period. */
export class ArtifactExpiredError extends UserFacingError {
  override name = "ArtifactExpiredError";
  constructor(readonly artifact: string, run: string) {
    super(
      `The artifact ${JSON.stringify(artifact)} of ${run} has expired: GitHub deletes artifacts at the end of their retention period. Re-run the workflow to upload it again, then deploy again.`,
    );
  }
}

/** The artifact is larger than Slipway downloads. */
export class ArtifactTooLargeError extends UserFacingError {
  override name = "ArtifactTooLargeError";
  constructor(readonly artifact: string, maxBytes: number) {
    super(
      `The artifact ${JSON.stringify(artifact)} is larger than ${maxBytes.toLocaleString("en-US")} bytes, the most Slipway downloads. Upload only the built site (the folder source.artifact.path names) as the artifact.`,
    );
  }
}
