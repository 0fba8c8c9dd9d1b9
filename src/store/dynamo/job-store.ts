import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { FINAL_JOB_STATES, JobRecordSchema, OpenDeploymentSchema, type FinalJobState, type JobPayload, type JobRecord, type OpenDeployment } from "../../model/job-record";
import type { JobStore } from "../stores";
import { conditionHeld, isConditionFailed } from "./is-condition-failed";
import { ACTIVE_JOB, expiresAfter, isoTime } from "./keys";
import { getItem } from "./get-item";
import { parseItem } from "./parse-item";
import { queryDue } from "./query-due";

/** Finished jobs stay long enough to explain what happened to a pull request, then expire. */
const FINISHED_JOB_TTL_DAYS = 30;

/**
 * Open Deployments are kept as a string set of JSON, so opening and settling one are each a
 * single `ADD` / `DELETE` update that never overwrites the rest of the record.
 */
const StoredJobSchema = JobRecordSchema.extend({
  openDeployments: z.preprocess(
    (value) => (value instanceof Set ? [...value].map((member: unknown) => parseMember(member)) : value),
    z.array(OpenDeploymentSchema).default([]),
  ),
});

function parseMember(member: unknown): unknown {
  try {
    return typeof member === "string" ? JSON.parse(member) : member;
  } catch {
    return member;
  }
}

function deploymentMember(deployment: OpenDeployment): string {
  const { installationId, owner, repo, environment, deploymentId } = deployment;
  return JSON.stringify({ installationId, owner, repo, environment, deploymentId });
}

function jobKey(id: string): { pk: string; sk: string } {
  return { pk: `JOB#${id}`, sk: "JOB" };
}

/** Holds only when the job exists and is not final; `:final1..3` are the final states. */
const NOT_FINAL = "attribute_exists(pk) AND NOT (#state IN (:final1, :final2, :final3))";
const FINAL_VALUES = Object.fromEntries(FINAL_JOB_STATES.map((state, index) => [`:final${index + 1}`, state]));

/**
 * JobPayload records. Jobs not yet final carry the `ACTIVE_JOB` index keys (sorted by `updatedAt`) so the
 * sweeper finds stuck ones; finishing removes them and sets the record to expire.
 */
export class DynamoJobStore implements JobStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(job: { id: string; group: string; job: JobPayload }, now: Date): Promise<boolean> {
    const at = isoTime(now);
    const { openDeployments: _none, ...record } = JobRecordSchema.parse({ ...job, state: "queued", attempts: 0, createdAt: at, updatedAt: at });
    return conditionHeld(
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...jobKey(job.id), ...record, gsi1pk: ACTIVE_JOB, gsi1sk: at },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      ),
    );
  }

  async get(id: string): Promise<JobRecord | undefined> {
    return getItem(this.client, this.tableName, jobKey(id), StoredJobSchema);
  }

  async beginAttempt(id: string, now: Date): Promise<JobRecord | undefined> {
    const at = isoTime(now);
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: jobKey(id),
          UpdateExpression: "SET #state = :running, attempts = attempts + :one, updatedAt = :at, gsi1pk = :active, gsi1sk = :at",
          ConditionExpression: NOT_FINAL,
          ExpressionAttributeNames: { "#state": "state" },
          ExpressionAttributeValues: { ...FINAL_VALUES, ":running": "running", ":one": 1, ":at": at, ":active": ACTIVE_JOB },
          ReturnValues: "ALL_NEW",
        }),
      );
      return Attributes ? parseItem(StoredJobSchema, Attributes) : undefined;
    } catch (error) {
      if (isConditionFailed(error)) return undefined;
      throw error;
    }
  }

  /** No effect when the job is missing or already final: a late failure never reopens finished work. */
  async release(id: string, error: string, now: Date): Promise<void> {
    const at = isoTime(now);
    await this.updateUnlessFinal({
      Key: jobKey(id),
      UpdateExpression: "SET #state = :queued, #error = :error, updatedAt = :at, gsi1pk = :active, gsi1sk = :at",
      ExpressionAttributeNames: { "#state": "state", "#error": "error" },
      ExpressionAttributeValues: { ...FINAL_VALUES, ":queued": "queued", ":error": error, ":at": at, ":active": ACTIVE_JOB },
    });
  }

  async reopen(id: string, now: Date): Promise<boolean> {
    const at = isoTime(now);
    return conditionHeld(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: jobKey(id),
          UpdateExpression: "SET #state = :queued, attempts = :none, updatedAt = :at, gsi1pk = :active, gsi1sk = :at REMOVE #ttl, #result",
          ConditionExpression: "#state = :failed",
          ExpressionAttributeNames: { "#state": "state", "#ttl": "ttl", "#result": "result" },
          ExpressionAttributeValues: { ":queued": "queued", ":failed": "failed", ":none": 0, ":at": at, ":active": ACTIVE_JOB },
        }),
      ),
    );
  }

  /** No effect when the job is missing or already final: the first final state stands. */
  async finish(
    id: string,
    state: FinalJobState,
    detail: { result?: string; error?: string },
    now: Date,
  ): Promise<void> {
    const set = ["#state = :state", "updatedAt = :at", "#ttl = :ttl"];
    // A detail not given is removed, so a success does not keep the error of an earlier attempt.
    const remove = ["gsi1pk", "gsi1sk"];
    const values: Record<string, unknown> = { ...FINAL_VALUES, ":state": state, ":at": isoTime(now), ":ttl": expiresAfter(now, FINISHED_JOB_TTL_DAYS) };
    for (const field of ["result", "error"] as const) {
      const value = detail[field];
      if (value === undefined) {
        remove.push(`#${field}`);
      } else {
        set.push(`#${field} = :${field}`);
        values[`:${field}`] = value;
      }
    }
    await this.updateUnlessFinal({
      Key: jobKey(id),
      UpdateExpression: `SET ${set.join(", ")} REMOVE ${remove.join(", ")}`,
      ExpressionAttributeNames: { "#state": "state", "#ttl": "ttl", "#result": "result", "#error": "error" },
      ExpressionAttributeValues: values,
    });
  }

  /** No effect when the job is missing or already final. */
  async defer(id: string, retryAt: Date, reason: string): Promise<void> {
    const at = isoTime(retryAt);
    await this.updateUnlessFinal({
      Key: jobKey(id),
      UpdateExpression: "SET #state = :queued, #deferred = :reason, updatedAt = :at, gsi1pk = :active, gsi1sk = :at ADD attempts :minusOne",
      ExpressionAttributeNames: { "#state": "state", "#deferred": "deferred" },
      ExpressionAttributeValues: { ...FINAL_VALUES, ":queued": "queued", ":reason": reason, ":at": at, ":active": ACTIVE_JOB, ":minusOne": -1 },
    });
  }

  async trackDeployment(id: string, deployment: OpenDeployment): Promise<void> {
    await this.updateDeployments(id, "ADD", deployment);
  }

  async settleDeployment(id: string, deployment: OpenDeployment): Promise<void> {
    await this.updateDeployments(id, "DELETE", deployment);
  }

  private async updateDeployments(id: string, action: "ADD" | "DELETE", deployment: OpenDeployment): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: jobKey(id),
          UpdateExpression: `${action} openDeployments :member`,
          // Never creates a record: a job that expired has nothing left to report on.
          ConditionExpression: "attribute_exists(pk)",
          ExpressionAttributeValues: { ":member": new Set([deploymentMember(deployment)]) },
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }

  async listStuck(before: Date, limit: number): Promise<JobRecord[]> {
    return queryDue(this.client, this.tableName, {
      partition: ACTIVE_JOB,
      until: isoTime(before),
      strictly: true,
      limit,
      schema: StoredJobSchema,
      keep: (record) => !FINAL_JOB_STATES.includes(record.state),
    });
  }

  private async updateUnlessFinal(
    update: Pick<ConstructorParameters<typeof UpdateCommand>[0], "Key" | "UpdateExpression" | "ExpressionAttributeNames" | "ExpressionAttributeValues">,
  ): Promise<void> {
    try {
      await this.client.send(new UpdateCommand({ TableName: this.tableName, ConditionExpression: NOT_FINAL, ...update }));
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }
}
