import { randomUUID } from "node:crypto";
import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { WriteBudgetLimits, WriteBudgetStore, WriteBudgetTake } from "../stores";
import { getItem } from "./get-item";
import { conditionHeld, isConditionFailed } from "./is-condition-failed";
import { decideTake, WriteBudgetStateSchema, type WriteBudgetState } from "./write-budget-state";

/** Raised when takes kept colliding with other workers' and none got through; retry the job. */
export class WriteBudgetContentionError extends Error {
  override name = "WriteBudgetContentionError";
}

/** Raised when write budget limits are not positive whole numbers. */
export class WriteBudgetLimitsError extends Error {
  override name = "WriteBudgetLimitsError";
}

/** GitHub's documented secondary limits, a few concurrent writes, and leases that outlast a request with its retries. */
export const DEFAULT_WRITE_BUDGET_LIMITS: WriteBudgetLimits = { perMinute: 80, perHour: 500, concurrent: 3, leaseMs: 120_000 };

/** Reads and conditional writes one take may spend before giving up: each round lets at least one taker through. */
const MAX_TAKE_ROUNDS = 50;
/** The longest pause between two rounds of a take that collided with other workers'. */
const MAX_BACKOFF_MS = 100;
/** The slots and leases matter for an hour at most, a pause until it ends; a day later DynamoDB may delete the item. */
const TTL_AFTER_MS = 24 * 60 * 60 * 1000;

function budgetKey(installationId: number): { pk: string; sk: string } {
  return { pk: `INSTALLATION#${installationId}`, sk: "WRITE_BUDGET" };
}

function ttlOf(after: number): number {
  return Math.floor((after + TTL_AFTER_MS) / 1000);
}

/**
 * Each installation's write budget, one item in the state table. A take reads the item, decides
 * (see `decideTake`) and, to go, writes it back on condition that its version is still the one
 * read; a collision with another worker's take reads again. Releases and pauses are single
 * updates that bump the version, so a take that read before them collides and sees them.
 */
export class DynamoWriteBudgetStore implements WriteBudgetStore {
  private readonly limits: WriteBudgetLimits;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    limits: Partial<WriteBudgetLimits> = {},
  ) {
    this.limits = { ...DEFAULT_WRITE_BUDGET_LIMITS, ...limits };
    for (const [name, value] of Object.entries(this.limits)) {
      if (!Number.isInteger(value) || value < 1) {
        throw new WriteBudgetLimitsError(`Write budget limit ${name} must be a whole number of at least 1, got ${value}; fix the setting.`);
      }
    }
  }

  async take(installationId: number, now: Date): Promise<WriteBudgetTake> {
    for (let round = 1; round <= MAX_TAKE_ROUNDS; round += 1) {
      const current = await getItem(this.client, this.tableName, budgetKey(installationId), WriteBudgetStateSchema);
      const lease = randomUUID();
      const decision = decideTake(current, installationId, now.getTime(), this.limits, lease);
      if (!decision.go) {
        const { retryAt, reason, pauseReason } = decision;
        return { go: false, retryAt: new Date(retryAt), reason, ...(pauseReason ? { pauseReason } : {}) };
      }
      if (await this.write(decision.next, current, now.getTime())) return { go: true, lease };
      // Another worker changed the budget since the read. Back off for a random share of a
      // growing span, so that of many takers colliding, few collide again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(MAX_BACKOFF_MS, 2 ** round)));
    }
    throw new WriteBudgetContentionError(
      `The write budget of installation ${installationId} changed under ${MAX_TAKE_ROUNDS} takes in a row; too many workers write for it at once. The job will be retried.`,
    );
  }

  async release(installationId: number, lease: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: budgetKey(installationId),
          UpdateExpression: "REMOVE leases.#lease SET version = version + :one",
          ConditionExpression: "attribute_exists(leases.#lease)",
          ExpressionAttributeNames: { "#lease": lease },
          ExpressionAttributeValues: { ":one": 1 },
        }),
      );
    } catch (error) {
      // The lease lapsed and a later take already dropped it: nothing is held.
      if (!isConditionFailed(error)) throw error;
    }
  }

  async pauseUntil(installationId: number, until: Date, reason: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: budgetKey(installationId),
          UpdateExpression:
            "SET installationId = :installationId, pausedUntil = :until, pauseReason = :reason, version = if_not_exists(version, :zero) + :one, #ttl = :ttl",
          // A longer pause another worker set stays: GitHub named that time too.
          ConditionExpression: "attribute_not_exists(pausedUntil) OR pausedUntil < :until",
          ExpressionAttributeNames: { "#ttl": "ttl" },
          ExpressionAttributeValues: {
            ":installationId": installationId,
            ":until": until.getTime(),
            ":reason": reason,
            ":zero": 0,
            ":one": 1,
            ":ttl": ttlOf(until.getTime()),
          },
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }

  /** Writes the next state if the item is still as read; false when another change came first. */
  private async write(next: WriteBudgetState, read: WriteBudgetState | undefined, now: number): Promise<boolean> {
    return conditionHeld(
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...budgetKey(next.installationId), ...next, ttl: ttlOf(Math.max(now, next.pausedUntil ?? 0)) },
          ...(read
            ? { ConditionExpression: "version = :version", ExpressionAttributeValues: { ":version": read.version } }
            : { ConditionExpression: "attribute_not_exists(pk)" }),
        }),
      ),
    );
  }
}
