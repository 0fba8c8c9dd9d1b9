import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { z } from "zod";

const Sent = z.object({ id: z.number(), status: z.number(), ms: z.number() });

export interface SentDelivery {
  /** The HTTP status of the answer, 0 when none came (connection refused or reset). */
  status: number;
  /** Request sent → answer read, ms, timed on the sender's thread. */
  ms: number;
}

/**
 * Sends webhook deliveries from a thread of its own (`delivery-sender-thread.mjs`), so that a
 * delivery's time is the webhook server's answer time and not also the stand-in's event-loop
 * delay while it serves the runtime's API calls.
 */
export class DeliverySender {
  private readonly thread = new Worker(join(__dirname, "delivery-sender-thread.mjs"));
  private readonly waiting = new Map<number, { resolve(sent: SentDelivery): void; reject(error: Error): void }>();
  private nextId = 0;

  constructor() {
    this.thread.on("message", (message: unknown) => {
      const sent = Sent.parse(message);
      this.waiting.get(sent.id)?.resolve({ status: sent.status, ms: sent.ms });
      this.waiting.delete(sent.id);
    });
    this.thread.on("error", (error) => {
      for (const { reject } of this.waiting.values()) reject(error);
      this.waiting.clear();
    });
    // Idle between deliveries, the thread alone never keeps the process alive.
    this.thread.unref();
  }

  async send(url: string, headers: Record<string, string>, body: string): Promise<SentDelivery> {
    const id = ++this.nextId;
    this.thread.ref();
    try {
      return await new Promise<SentDelivery>((resolve, reject) => {
        this.waiting.set(id, { resolve, reject });
        this.thread.postMessage({ id, url, headers, body });
      });
    } finally {
      if (this.waiting.size === 0) this.thread.unref();
    }
  }

  async close(): Promise<void> {
    await this.thread.terminate();
  }
}
