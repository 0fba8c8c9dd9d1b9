// The embedded DynamoDB-compatible server (dynalite) in a process of its own, so its work runs
// beside the runtime's instead of on its event loop. Started by embedded-dynamo.ts over IPC:
// it is sent `{ path, port }`, answers `{ port }` once listening (or `{ error }`), and stops
// when told to or when its parent goes away.
import { request } from "node:http";
import dynalite from "dynalite";

/** One ListTables on the server itself: it answers only once the database is open. */
function listTables(port) {
  return new Promise((resolve) => {
    const call = request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        headers: {
          "Content-Type": "application/x-amz-json-1.0",
          "X-Amz-Target": "DynamoDB_20120810.ListTables",
          "X-Amz-Date": "20260101T000000Z",
          // dynalite checks that a request is signed, not the signature.
          Authorization: "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0",
        },
      },
      (response) => {
        response.resume();
        response.once("end", resolve);
      },
    );
    call.once("error", resolve);
    call.end("{}");
  });
}

process.once("message", ({ path, port }) => {
  // Tables appear at once: nothing here benefits from imitating AWS's creation delay.
  const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  server.once("error", (error) => {
    process.send?.({ error: error.message });
    process.exit(1);
  });
  server.listen(port, "127.0.0.1", async () => {
    const address = server.address();
    const listening = typeof address === "object" && address ? address.port : undefined;
    // LevelDB opens its folder in the background; answer once it has (and holds its lock), so a
    // second server on the same folder is refused from the moment this one is reported started.
    if (listening) await listTables(listening);
    process.send?.({ port: listening });
  });
  process.on("message", (message) => {
    if (message === "stop") stop();
  });
  process.once("disconnect", stop);
});
