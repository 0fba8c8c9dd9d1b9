import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { WriteBudgetStore, WriteBudgetTake } from "../../../src/store/stores";
import type { StoreContext } from "./store-contract";
import { T0 } from "./fixtures";
import { seededRandom } from "../../helpers/seeded-random";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const at = (ms: number): Date => new Date(T0.getTime() + ms);

function lease(take: WriteBudgetTake): string {
  if (!take.go) throw new Error(`expected the write to go, but it waits until ${take.retryAt.toISOString()} (${take.reason})`);
  return take.lease;
}

/** The most writes in any `windowMs` stretch that starts at one of them. */
function mostInAnyWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let end = 0;
  for (let start = 0; start < sorted.length; start += 1) {
    while (end < sorted.length && (sorted[end] ?? Infinity) < (sorted[start] ?? 0) + windowMs) end += 1;
    most = Math.max(most, end - start);
  }
  return most;
}

export function describeWriteBudgetStoreContract(context: () => StoreContext): void {
  describe("WriteBudgetStore", () => {
    it("lets writes go at once while there is room, each holding its own lease", async () => {
      const { writeBudget } = context().stores;
      const leases = [];
      for (let index = 0; index < 3; index += 1) leases.push(lease(await writeBudget.take(7, at(index))));
      expect(new Set(leases).size).toBe(3);
    });

    it("allows perMinute writes in any 60 s and names the moment the next one may go", async () => {
      const writeBudget = context().connect({ writeBudget: { perMinute: 5, concurrent: 50 } }).writeBudget;
      for (let second = 0; second < 5; second += 1) await writeBudget.release(7, lease(await writeBudget.take(7, at(second * SECOND))));

      expect(await writeBudget.take(7, at(10 * SECOND))).toEqual({ go: false, reason: "per-minute", retryAt: at(63 * SECOND) });
      expect(await writeBudget.take(7, at(60_500))).toMatchObject({ go: false, reason: "per-minute" });
      expect(await writeBudget.take(7, at(63 * SECOND))).toMatchObject({ go: true });
    });

    it("allows perHour writes in any hour", async () => {
      const writeBudget = context().connect({ writeBudget: { perHour: 3, concurrent: 50 } }).writeBudget;
      for (let minute = 0; minute < 3; minute += 1) await writeBudget.release(7, lease(await writeBudget.take(7, at(minute * MINUTE))));

      expect(await writeBudget.take(7, at(30 * MINUTE))).toEqual({ go: false, reason: "per-hour", retryAt: at(61 * MINUTE) });
      expect(await writeBudget.take(7, at(61 * MINUTE))).toMatchObject({ go: true });
    });

    it("keeps the budgets of different installations apart", async () => {
      const writeBudget = context().connect({ writeBudget: { perMinute: 1 } }).writeBudget;
      lease(await writeBudget.take(7, T0));
      expect(await writeBudget.take(7, T0)).toMatchObject({ go: false, reason: "per-minute" });
      lease(await writeBudget.take(8, T0));
    });

    it("never lets two workers spend the same room: of 20 takes at once on room for 10, exactly 10 go", async () => {
      const limits = { writeBudget: { perMinute: 10, concurrent: 50 } };
      const workers = [context().connect(limits).writeBudget, context().connect(limits).writeBudget];
      const takes = await Promise.all(Array.from({ length: 20 }, (_, index) => workers[index % 2]!.take(7, T0)));
      expect(takes.filter((take) => take.go)).toHaveLength(10);
      expect(takes.filter((take) => !take.go)).toEqual(Array.from({ length: 10 }, () => ({ go: false, reason: "per-minute", retryAt: at(63 * SECOND) })));
    }, 120_000);

    it("caps the writes in flight across workers, and frees a slot on release", async () => {
      const limits = { writeBudget: { concurrent: 2 } };
      const [first, second] = [context().connect(limits).writeBudget, context().connect(limits).writeBudget];
      const held = lease(await first.take(7, T0));
      lease(await first.take(7, T0));

      const waiting = await second.take(7, at(100));
      expect(waiting).toMatchObject({ go: false, reason: "concurrency" });
      expect(!waiting.go && waiting.retryAt.getTime() - at(100).getTime()).toBeLessThanOrEqual(250);

      await first.release(7, held);
      lease(await second.take(7, at(200)));
    });

    it("lets a crashed worker's slot lapse after leaseMs", async () => {
      const limits = { writeBudget: { concurrent: 1, leaseMs: MINUTE } };
      const [crashed, alive] = [context().connect(limits).writeBudget, context().connect(limits).writeBudget];
      lease(await crashed.take(7, T0));
      expect(await alive.take(7, at(30 * SECOND))).toMatchObject({ go: false, reason: "concurrency" });
      lease(await alive.take(7, at(MINUTE + 1)));
    });

    it("makes every worker wait out a pause another worker set, and keeps the later of two pauses", async () => {
      const [pausing, other] = [context().stores.writeBudget, context().connect().writeBudget];
      await pausing.pauseUntil(7, at(10 * MINUTE), "secondary rate limit (retry-after: 600)");
      await other.pauseUntil(7, at(5 * MINUTE), "retry-after: 240");

      expect(await other.take(7, at(MINUTE))).toEqual({
        go: false,
        reason: "paused",
        retryAt: at(10 * MINUTE),
        pauseReason: "secondary rate limit (retry-after: 600)",
      });
      expect(await pausing.take(7, at(9 * MINUTE))).toMatchObject({ go: false, reason: "paused" });
      lease(await other.take(7, at(10 * MINUTE)));
      lease(await pausing.take(8, at(MINUTE)));
    });

    it("ignores the release of a lease nobody holds", async () => {
      const { writeBudget } = context().stores;
      await expect(writeBudget.release(7, "never-taken")).resolves.toBeUndefined();
      const held = lease(await writeBudget.take(7, T0));
      await writeBudget.release(7, held);
      await expect(writeBudget.release(7, held)).resolves.toBeUndefined();
    });

    it("sets the budget to expire a day after its last take or its pause", async () => {
      const { clients, tableName, stores } = context();
      const read = async () =>
        (await clients.documentClient.send(new GetCommand({ TableName: tableName, Key: { pk: "INSTALLATION#7", sk: "WRITE_BUDGET" } }))).Item;
      await stores.writeBudget.take(7, T0);
      expect((await read())?.ttl).toBe(T0.getTime() / 1000 + 24 * 60 * 60);
      await stores.writeBudget.pauseUntil(7, at(2 * 60 * MINUTE), "retry-after: 7200");
      expect((await read())?.ttl).toBe(at(2 * 60 * MINUTE).getTime() / 1000 + 24 * 60 * 60);
    });

    it("keeps two workers sharing one budget within 80 writes per minute and 500 per hour over a stream of takes", async () => {
      // GitHub's limits as set by default; leases lapse at once, so no write waits for a
      // concurrency slot and none has to be given back (the cap has tests of its own).
      const limits = { writeBudget: { leaseMs: 1 } };
      const workers: WriteBudgetStore[] = [context().connect(limits).writeBudget, context().connect(limits).writeBudget];
      // Two takers per worker, each writing again a moment after its last write went, or when told to.
      const takers = workers.flatMap((store, worker) => [0, 1].map(() => ({ store, worker, next: T0.getTime() })));
      const random = seededRandom(42);
      const granted: Array<{ at: number; worker: number }> = [];
      const end = at(62 * MINUTE).getTime();
      // Some 1,300 requests: slow on a busy machine. Stop before jest's timeout, so that a run
      // out of time does not go on loading the server under the next tests.
      const deadline = Date.now() + 280_000;

      for (;;) {
        const now = Math.min(...takers.map((taker) => taker.next));
        if (now >= end) break;
        if (Date.now() > deadline) throw new Error("the simulated stream of takes ran out of time");
        await Promise.all(
          takers
            .filter((taker) => taker.next === now)
            .map(async (taker) => {
              const take = await taker.store.take(7, new Date(now));
              // Gaps in steps of 50 ms, so that takers often meet at one instant and collide.
              if (!take.go) {
                taker.next = take.retryAt.getTime() + 50 * Math.floor(random() * 3);
                return;
              }
              granted.push({ at: now, worker: taker.worker });
              taker.next = now + 50 * (1 + Math.floor(random() * 8));
            }),
        );
      }

      const times = granted.map((grant) => grant.at);
      expect(mostInAnyWindow(times, MINUTE)).toBeLessThanOrEqual(80);
      expect(mostInAnyWindow(times, 60 * MINUTE)).toBeLessThanOrEqual(500);
      // Paced, not starved: the first minute's 80 go at once, the hour's 500 are all used, and
      // 80 more go as soon as the hour's first minute leaves its window.
      expect(times.filter((time) => time < at(MINUTE).getTime())).toHaveLength(80);
      expect(times.filter((time) => time < at(60 * MINUTE).getTime())).toHaveLength(500);
      expect(times.filter((time) => time >= at(61 * MINUTE).getTime())).toHaveLength(80);
      expect(new Set(granted.map((grant) => grant.worker))).toEqual(new Set([0, 1]));
    }, 300_000);
  });
}
