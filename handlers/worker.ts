// Lambda entry (SQS, ReportBatchItemFailures): wiring only; see src/runtime/aws-runtime.ts.
import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { awsWorker } from "../src/runtime/aws-worker";

export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  return (await awsWorker())(event);
}
