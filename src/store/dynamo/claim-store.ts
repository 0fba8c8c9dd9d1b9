import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { DeployClaimStore } from "../stores";
import { conditionHeld, isConditionFailed } from "./is-condition-failed";
import { expiresAfter, isoTime, repoPartition } from "./keys";

/** A claim is worthless once past `until`; a day later DynamoDB may delete it. */
const CLAIM_TTL_DAYS = 1;

function claimKey(owner: string, repo: string, environment: string): { pk: string; sk: string } {
  return { pk: repoPartition(owner, repo), sk: `CLAIM#${environment}` };
}

/**
 * Deploy claims, one item per environment. Taking one is a single conditional put, so of two
 * concurrent deploys exactly one wins without a transaction; a crashed worker's claim lapses
 * at its `until` and the next deploy takes it over.
 */
export class DynamoDeployClaimStore implements DeployClaimStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(owner: string, repo: string, environment: string, claim: { jobId: string; until: Date }, now: Date): Promise<boolean> {
    return conditionHeld(
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...claimKey(owner, repo, environment),
            owner,
            repo,
            environment,
            jobId: claim.jobId,
            until: isoTime(claim.until),
            claimedAt: isoTime(now),
            ttl: expiresAfter(claim.until, CLAIM_TTL_DAYS),
          },
          // The holder may claim again (a redelivered job), extending its own `until`.
          ConditionExpression: "attribute_not_exists(pk) OR jobId = :jobId OR #until < :now",
          ExpressionAttributeNames: { "#until": "until" },
          ExpressionAttributeValues: { ":jobId": claim.jobId, ":now": isoTime(now) },
        }),
      ),
    );
  }

  async release(owner: string, repo: string, environment: string, jobId: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: claimKey(owner, repo, environment),
          ConditionExpression: "jobId = :jobId",
          ExpressionAttributeValues: { ":jobId": jobId },
        }),
      );
    } catch (error) {
      // Gone, or taken over after this job's claim lapsed: either way it is not ours to delete.
      if (!isConditionFailed(error)) throw error;
    }
  }
}
