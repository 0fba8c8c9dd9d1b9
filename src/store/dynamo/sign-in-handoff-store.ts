import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { SignInHandoffSchema, type SignInHandoff } from "../../model/sign-in-handoff";
import type { SignInHandoffStore } from "../stores";
import { isoTime } from "./keys";
import { parseItem } from "./parse-item";

function handoffKey(id: string): { pk: string; sk: string } {
  return { pk: `HANDOFF#${id}`, sk: "HANDOFF" };
}

/**
 * One-time sign-in hand-offs. Taking one is a single delete that returns what it deleted, so of
 * two requests with the same code at most one gets the session.
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
    const { Attributes } = await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: handoffKey(id), ReturnValues: "ALL_OLD" }));
    if (!Attributes) return undefined;
    const handoff = parseItem(SignInHandoffSchema, Attributes);
    return new Date(handoff.expiresAt).getTime() > now.getTime() ? handoff : undefined;
  }
}
