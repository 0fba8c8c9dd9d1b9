import { PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { SiteHostRecordSchema, type SiteHostRecord } from "../../model/site-host";
import type { SiteHostStore } from "../stores";
import { getItem } from "./get-item";
import { isConditionFailed } from "./is-condition-failed";

/** Raised when two environments' names shorten to the same host label: rename one of the environments. */
export class SiteHostCollisionError extends Error {
  override name = "SiteHostCollisionError";
}

function hostKey(label: string): { pk: string; sk: string } {
  return { pk: `SITEHOST#${label}`, sk: "SITEHOST" };
}

/**
 * Shortened host labels and the environment each names. Owner and repository are kept in lower
 * case (GitHub compares them so); a label is written once and only ever rewritten unchanged.
 */
export class DynamoSiteHostStore implements SiteHostStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(label: string): Promise<SiteHostRecord | undefined> {
    return getItem(this.client, this.tableName, hostKey(label), SiteHostRecordSchema);
  }

  async record(host: SiteHostRecord): Promise<void> {
    const item = SiteHostRecordSchema.parse({ ...host, owner: host.owner.toLowerCase(), repo: host.repo.toLowerCase() });
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...hostKey(item.label), ...item },
          ConditionExpression: "attribute_not_exists(pk) OR (#owner = :owner AND #repo = :repo AND #environment = :environment)",
          ExpressionAttributeNames: { "#owner": "owner", "#repo": "repo", "#environment": "environment" },
          ExpressionAttributeValues: { ":owner": item.owner, ":repo": item.repo, ":environment": item.environment },
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      const current = await this.get(item.label);
      throw new SiteHostCollisionError(
        `The host label "${item.label}" of ${item.owner}/${item.repo}/${item.environment} already names ${current ? `${current.owner}/${current.repo}/${current.environment}` : "another environment"}; rename one of the two environments.`,
      );
    }
  }
}
