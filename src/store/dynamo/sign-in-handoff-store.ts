import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { SignInHandoffSchema, type SignInHandoff } from "../../model/sign-in-handoff";
import type { SignInHandoffStore } from "../stores";
import { isConditionFailed } from "./is-condition-failed";
import { isoTime } from "./keys";
import { parseItem } from "./parse-item";

function handoffKey(id: string): { pk: string; sk: string } {
  return { pk: `HANDOFF#${id}`, sk: "HANDOFF" };
}

/**
 * One-time sign-in hand-offs. Taking one is a single conditional delete that returns what it
 * deleted, so of two requests with the same code at most one gets the session.
 */
export class DynamoSignInHandoffStore implements SignInHandoffStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async put(handoff: SignInHandoff): Promise<void> {
    const item = SignInHandoffSchema.parse({ ...handoff, expiresAt: isoTime(handoff.expiresAt) });
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...handoffKey(handoff.id), ...item, ttl: Math.ceil(new Date(item.expiresAt).getTime() / 1000) },
        // A code is random: an existing item with its hash is a bug, never something to overwrite.
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
  }

  async take(id: string, now: Date): Promise<SignInHandoff | undefined> {
    let attributes: Record<string, unknown> | undefined;
    try {
      // Conditional, so that of racing deletes exactly one is told it removed the item.
      ({ Attributes: attributes } = await this.client.send(
        new DeleteCommand({ TableName: this.tableName, Key: handoffKey(id), ConditionExpression: "attribute_exists(pk)", ReturnValues: "ALL_OLD" }),
      ));
    } catch (error) {
      if (isConditionFailed(error)) return undefined;
      throw error;
    }
    if (!attributes) return undefined;
    const handoff = parseItem(SignInHandoffSchema, attributes);
    return new Date(handoff.expiresAt).getTime() > now.getTime() ? handoff : undefined;
  }
}
