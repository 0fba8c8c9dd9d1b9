import { keyId } from "./key-id";
import { loadSodium, type Sodium } from "./sodium";

/** Length of an X25519 key, secret or public, in bytes. */
export const X25519_KEY_BYTES = 32;

/** Raised when a list of sealing keys is malformed; says where it came from and what to do. */
export class SealingKeyError extends Error {
  override name = "SealingKeyError";
}

/** The public half of a sealing key, as `GET /api/slipway/public-key` answers it. */
export interface PublicSealingKey {
  /** See {@link keyId}. */
  id: string;
  publicKey: Uint8Array;
}

/** What opening a sealed box gave: its bytes, or why it could not be opened. */
export type OpenedBox = { ok: true; plaintext: Uint8Array } | { ok: false; reason: "unknown-key" | "corrupt" };

interface KeyPair extends PublicSealingKey {
  secretKey: Uint8Array;
}

/**
 * The app's X25519 key pairs, newest first: the newest seals (its public half is the one
 * published), every one of them opens, so values sealed before a rotation keep opening while
 * their key stays listed. The secret halves never leave this object.
 */
export class KeyRing {
  readonly #pairs: readonly KeyPair[];

  private constructor(
    private readonly sodium: Sodium,
    pairs: KeyPair[],
  ) {
    this.#pairs = pairs;
  }

  /** A ring of the given raw 32-byte secret keys, newest first (at least one). */
  static async fromSecretKeys(secretKeys: readonly Uint8Array[]): Promise<KeyRing> {
    const sodium = await loadSodium();
    if (secretKeys.length === 0) throw new SealingKeyError("At least one sealing key is needed.");
    const pairs = secretKeys.map((secretKey) => {
      if (secretKey.length !== X25519_KEY_BYTES) throw new SealingKeyError(`A sealing key must be ${X25519_KEY_BYTES} bytes, not ${secretKey.length}.`);
      const publicKey = sodium.crypto_scalarmult_base(secretKey);
      return { id: keyId(publicKey), publicKey, secretKey: Uint8Array.from(secretKey) };
    });
    return new KeyRing(sodium, pairs);
  }

  /** The newest key's public half: values are sealed with it. */
  get sealingKey(): PublicSealingKey {
    const newest = this.#pairs[0] as KeyPair;
    return { id: newest.id, publicKey: newest.publicKey };
  }

  /** The ids of every key that opens, newest first. */
  get keyIds(): string[] {
    return this.#pairs.map((pair) => pair.id);
  }

  /** Opens a `crypto_box_seal` box with the listed key of that id. */
  open(id: string, box: Uint8Array): OpenedBox {
    const pair = this.#pairs.find((candidate) => candidate.id === id);
    if (!pair) return { ok: false, reason: "unknown-key" };
    try {
      return { ok: true, plaintext: this.sodium.crypto_box_seal_open(box, pair.publicKey, pair.secretKey) };
    } catch {
      // libsodium says only "incorrect key pair for the given ciphertext": the box was damaged
      // or sealed for another key that happens to share the id's prefix.
      return { ok: false, reason: "corrupt" };
    }
  }
}
