// The stand-in's webhook sender, on a thread of its own: it POSTs each delivery it is given
// and times it from the request sent to the answer read, as GitHub's sender would. On the
// stand-in's own thread the time would also hold whatever the stand-in was doing for the
// runtime's API calls when the answer came back. Plain JavaScript, so it runs under tsx and jest.
import { parentPort } from "node:worker_threads";

parentPort.on("message", ({ id, url, headers, body }) => {
  const start = performance.now();
  fetch(url, { method: "POST", headers, body })
    .then(async (response) => {
      await response.text();
      return response.status;
    })
    .catch(() => 0)
    .then((status) => parentPort.postMessage({ id, status, ms: performance.now() - start }));
});
