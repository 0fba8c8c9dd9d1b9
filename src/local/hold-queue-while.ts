import { EmbeddedQueue } from "../queue/embedded-queue";

/**
 * Wraps a request handler so the in-process queue starts no batch while a request is being
 * handled (see `EmbeddedQueue.hold`): the local server records webhook deliveries this way, so
 * acknowledgements never wait behind jobs sharing the process. Any other queue (SQS) runs its
 * jobs elsewhere, and the handler is returned as it is.
 */
export function holdQueueWhile<Request, Response>(queue: unknown, handle: (request: Request) => Promise<Response>): (request: Request) => Promise<Response> {
  if (!(queue instanceof EmbeddedQueue)) return handle;
  return async (request) => {
    const release = queue.hold();
    try {
      return await handle(request);
    } finally {
      release();
    }
  };
}
