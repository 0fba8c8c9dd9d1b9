import { S3Client } from "@aws-sdk/client-s3";

export interface S3ClientOptions {
  /** Set only for an S3-compatible server (s3rver, MinIO); AWS is found by region. */
  endpoint?: string;
  region: string;
  /** `bucket` in the path rather than the host name, which local servers need. */
  forcePathStyle: boolean;
}

/** Builds the S3 client the blob store uses, from the parsed environment's S3 settings. */
export function createS3Client(options: S3ClientOptions): S3Client {
  return new S3Client({
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    // Checksums only where S3 requires them: S3-compatible servers reject or mis-store the
    // trailing checksums that newer SDKs send by default, and TLS already guards the bytes.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}
