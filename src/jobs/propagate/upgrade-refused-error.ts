/** A problem with the consumer that retrying cannot fix: its row says why. */
export class UpgradeRefusedError extends Error {
  override name = "UpgradeRefusedError";
}
