import type { KeyRing } from "./key-ring";
import { scopeCovers } from "./secret-scope";
import { parseSealedValue, SealedPayloadSchema } from "./sealed-value";

/** Why a sealed value did not open; never carries any part of the value. */
export type SealedValueFailure =
  | { reason: "format" }
  | { reason: "unknown-key"; keyId: string }
  | { reason: "corrupt"; keyId: string }
  | { reason: "payload"; keyId: string }
  | { reason: "scope"; scope: string };

export type OpenedSealedValue = { ok: true; value: string; scope: string } | ({ ok: false } & SealedValueFailure);

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Opens `sealed:v1:<key_id>:<data>` for one repository: with the ring's key of that id, then
 * checks the payload and that its scope names the repository, so a value copied into another
 * repository is refused.
 */
export function openSealedValue(text: string, keyRing: KeyRing, repository: { owner: string; repo: string }): OpenedSealedValue {
  const sealed = parseSealedValue(text);
  if (!sealed) return { ok: false, reason: "format" };
  const { keyId } = sealed;
  const opened = keyRing.open(keyId, sealed.box);
  if (!opened.ok) return { ok: false, reason: opened.reason, keyId };

  let json: unknown;
  try {
    json = JSON.parse(UTF8.decode(opened.plaintext));
  } catch {
    return { ok: false, reason: "payload", keyId };
  }
  const payload = SealedPayloadSchema.safeParse(json);
  if (!payload.success) return { ok: false, reason: "payload", keyId };
  if (!scopeCovers(payload.data.scope, repository)) return { ok: false, reason: "scope", scope: payload.data.scope };
  return { ok: true, value: payload.data.value, scope: payload.data.scope };
}
