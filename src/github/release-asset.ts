import { z } from "zod";

/**
 * A release asset as GitHub lists it (the `assets` of a release in the `release` webhook and
 * the REST API). `digest` (`sha256:<hex>`) is present on assets uploaded since GitHub began
 * recording it, and null or absent on older ones.
 */
export const ReleaseAssetSchema = z.object({
  id: z.number().int().positive(),
  name: z.string().min(1),
  size: z.number().int().nonnegative(),
  content_type: z.string(),
  /** `uploaded` once complete; `open` while an upload is still in progress. */
  state: z.string(),
  browser_download_url: z.url(),
  /** `sha256:<hex>`; other forms are ignored and the digest is computed instead. */
  digest: z.string().nullish(),
});

export type ReleaseAsset = z.output<typeof ReleaseAssetSchema>;
