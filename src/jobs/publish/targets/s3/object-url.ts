/** The URL of an object (or of a key prefix): path-style under a custom endpoint, else AWS's virtual-hosted form. */
export function objectUrl({ bucket, key, region, endpoint }: { bucket: string; key: string; region: string; endpoint?: string }): string {
  const path = key.split("/").map(encodeURIComponent).join("/");
  if (endpoint) return `${endpoint.replace(/\/+$/, "")}/${encodeURIComponent(bucket)}/${path}`;
  return `https://${bucket}.s3.${region}.amazonaws.com/${path}`;
}
