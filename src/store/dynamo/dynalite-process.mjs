// The embedded DynamoDB-compatible server (dynalite) in a process of its own, so its work runs
// beside the runtime's instead of on its event loop. Started by embedded-dynamo.ts over IPC:
// it is sent `{ path, port }`, answers `{ port }` once listening (or `{ error }`), and stops
// when told to or when its parent goes away.
import dynalite from "dynalite";

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
  server.listen(port, "127.0.0.1", () => {
    const address = server.address();
    process.send?.({ port: typeof address === "object" && address ? address.port : undefined });
  });
  process.on("message", (message) => {
    if (message === "stop") stop();
  });
  process.once("disconnect", stop);
});
