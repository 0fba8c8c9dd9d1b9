import { randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/** A file part of the form, streamed when the request is sent. */
export interface UploadFile {
  filename: string;
  size: number;
  open(): Promise<Readable>;
}

export interface UploadAnswer {
  status: number;
  /** The HTTP reason phrase, where the package index puts its message (twine shows it). */
  reason: string;
  /** The start of the body, for indexes that explain there instead. */
  body: string;
}

/** No byte for this long means the index or the network has stalled. */
const IDLE_TIMEOUT_MS = 120_000;

/**
 * POSTs a `multipart/form-data` form to a package index's legacy upload API, authenticated as
 * an API token is (HTTP Basic, user `__token__`). The file part is streamed after the fields,
 * with an exact Content-Length, so no file is ever held in memory.
 */
export async function postLegacyUpload(repository: string, token: string, fields: readonly [string, string][], file?: UploadFile): Promise<UploadAnswer> {
  const boundary = `slipway-${randomBytes(16).toString("hex")}`;
  const head = Buffer.from(
    fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`).join("") +
      (file ? `--${boundary}\r\nContent-Disposition: form-data; name="content"; filename="${quote(file.filename)}"\r\nContent-Type: application/octet-stream\r\n\r\n` : ""),
    "utf8",
  );
  const tail = Buffer.from(`${file ? "\r\n" : ""}--${boundary}--\r\n`, "utf8");
  const length = head.length + (file?.size ?? 0) + tail.length;

  async function* body() {
    yield head;
    if (file) yield* await file.open();
    yield tail;
  }

  const url = new URL(repository);
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<UploadAnswer>((resolve, reject) => {
    const req = send(url, {
      method: "POST",
      headers: {
        "content-type": `multipart/form-data; boundary=${boundary}`,
        "content-length": String(length),
        authorization: `Basic ${Buffer.from(`__token__:${token}`).toString("base64")}`,
        "user-agent": "slipway",
      },
    });
    req.setTimeout(IDLE_TIMEOUT_MS, () => req.destroy(new Error(`no answer for ${IDLE_TIMEOUT_MS / 1000} s`)));
    req.on("response", (response) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      response.on("data", (chunk: Buffer) => {
        if (kept < 65536) chunks.push(chunk);
        kept += chunk.length;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, reason: response.statusMessage ?? "", body: Buffer.concat(chunks).toString("utf8").slice(0, 65536) }));
      response.on("error", reject);
    });
    req.on("error", reject);
    // A failure of the body (the asset's download) destroys the request, which reports it as
    // its 'error'. An index that refuses early closes the upload, and its answer is what counts.
    pipeline(Readable.from(body()), req).catch(() => {});
  });
}

/** A form field name or file name inside a quoted Content-Disposition parameter. */
function quote(value: string): string {
  return value.replace(/["\\\r\n]/g, "_");
}
