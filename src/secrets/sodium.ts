import sodium from "libsodium-wrappers";

export type Sodium = typeof sodium;

/** libsodium, once its WebAssembly module is ready (only the first call waits). */
export async function loadSodium(): Promise<Sodium> {
  await sodium.ready;
  return sodium;
}
