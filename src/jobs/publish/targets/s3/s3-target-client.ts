import { S3Client } from "@aws-sdk/client-s3";

export interface S3TargetConnection {
  region: string;
  endpoint?: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * An S3 client for a publish target's own bucket and credentials (never the app's). An
 * S3-compatible `endpoint` is addressed path-style (`<endpoint>/<bucket>/<key>`), which such
 * stores support everywhere; AWS itself is found by region. Checksums are sent only where S3
 * requires them, since S3-compatible stores reject the trailing checksums newer SDKs add.
 */
export function s3TargetClient({ region, endpoint, accessKeyId, secretAccessKey }: S3TargetConnection): S3Client {
  return new S3Client({
    region,
    credentials: { accessKeyId, secretAccessKey },
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 3,
  });
}

/** The HTTP status of a failed S3 call, if it got an answer. */
export function s3ErrorStatus(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null || !("$metadata" in error)) return undefined;
  const metadata = error.$metadata;
  if (typeof metadata !== "object" || metadata === null || !("httpStatusCode" in metadata)) return undefined;
  return typeof metadata.httpStatusCode === "number" ? metadata.httpStatusCode : undefined;
}

/** The S3 error code (`NoSuchBucket`, `InvalidAccessKeyId`, …) or the error's name. */
export function s3ErrorCode(error: unknown): string {
  if (typeof error === "object" && error !== null) {
    if ("Code" in error && typeof error.Code === "string") return error.Code;
    if ("name" in error && typeof error.name === "string") return error.name;
  }
  return "unknown error";
}
