import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";

/** True when a conditional write was refused because its condition did not hold (not a failure of the call). */
export function isConditionFailed(error: unknown): boolean {
  // Checked by name as well: a local server's error may be deserialised without the SDK's class.
  return error instanceof ConditionalCheckFailedException || (error instanceof Error && error.name === "ConditionalCheckFailedException");
}

/**
 * Awaits a conditional write: true when it was made, false when its condition did not hold.
 * Any other error is thrown.
 */
export async function conditionHeld(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}
