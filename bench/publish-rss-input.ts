/** What bench/publish-rss.ts hands its publishing process, and what that process reports back. */
import type { ReleaseAsset } from "../src/github/release-asset";

export const MB = 1024 * 1024;
/** The installation token the GitHub stand-in expects; the download host must never see it. */
export const TOKEN = "ghs_benchInstallationTokenNeverSentToTheDownloadHost";

export interface ChildInput {
  api: string;
  s3: string;
  bucket: string;
  asset: ReleaseAsset;
  tempDir: string;
}

export interface ChildResult {
  maxRssMb: number;
  startRssMb: number;
  seconds: number;
  outcome: string;
}
