import picomatch from "picomatch";
import type { ReleaseAsset } from "../../../github/release-asset";
import { TargetConfigError } from "./common/target-errors";
import type { ReleaseInfo } from "./common/target";

/**
 * The release's uploaded assets whose names match any of `globs`, sorted by name. Assets still
 * being uploaded (`state: open`) are left out. Throws {@link TargetConfigError} when nothing
 * matches, naming the assets there are, since publishing nothing is never what was meant.
 */
export function selectAssets(release: ReleaseInfo, globs: readonly string[], key: string): ReleaseAsset[] {
  const matches = picomatch([...globs], { dot: true });
  const uploaded = release.assets.filter((asset) => asset.state === "uploaded");
  const selected = uploaded.filter((asset) => matches(asset.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (selected.length === 0) {
    const names = uploaded.map((asset) => asset.name);
    throw new TargetConfigError(
      `no asset of release ${release.tag} matches ${globs.map((glob) => JSON.stringify(glob)).join(", ")} (${key}); ` +
        (names.length === 0 ? "the release has no uploaded assets. Attach the files to the release, then re-run." : `its assets are ${names.join(", ")}. Fix the glob or attach the file, then re-run.`),
    );
  }
  return selected;
}
