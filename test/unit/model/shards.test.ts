import { describe, expect, it } from "vitest";
import { parseSettings } from "../../../lib/model/settings";
import { MAX_CUSTOMER_SHARDS, shardOf, stackNames, stackOfCustomer } from "../../../lib/model/shards";
import { ValidationError } from "../../../lib/model/validation-error";
import { testSettings } from "../test-settings";

/** [shard of 3, shard of 8] of acme-logistics, globex-billing, wayne-enterprises and hooli. */
const PLACED_WHEN_INTRODUCED = [
  [3, 7],
  [2, 1],
  [1, 3],
  [3, 2],
];
const ids = Array.from({ length: 1_000 }, (_, i) => `customer-${i}`);

describe("shardOf", () => {
  it("places customers where it always has: the states depend on it", () => {
    // WHEN ids are placed in 3 and in 8 shards
    const placed = ["acme-logistics", "globex-billing", "wayne-enterprises", "hooli"].map((id) => [
      shardOf(id, 3),
      shardOf(id, 8),
    ]);

    // THEN the shards are those recorded when sharding was introduced: a changed function would plan
    // every moved customer as deleted from one state and created in another
    expect(placed).toEqual(PLACED_WHEN_INTRODUCED);
  });

  it("spreads customers evenly enough that no shard is twice another", () => {
    // WHEN
    const counts = new Map<number, number>();
    for (const id of ids) counts.set(shardOf(id, 8), (counts.get(shardOf(id, 8)) ?? 0) + 1);

    // THEN every shard from 1 to 8 holds some, none more than twice the fewest
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Math.max(...counts.values())).toBeLessThan(2 * Math.min(...counts.values()));
  });

  it("rejects a shard count out of range, naming it", () => {
    expect(() => shardOf("acme", 0)).toThrow("got 0");
    expect(() => shardOf("acme", MAX_CUSTOMER_SHARDS + 1)).toThrow(`from 1 to ${MAX_CUSTOMER_SHARDS}`);
  });
});

describe("an environment's stacks", () => {
  it("are its own alone without shards, and its customers live there", () => {
    // GIVEN
    const settings = testSettings();

    // THEN
    expect(stackNames("production", settings)).toEqual(["production"]);
    expect(stackOfCustomer("production", settings, "acme")).toBe("production");
  });

  it("are its own, then one per shard, and a customer lives in its shard's", () => {
    // GIVEN
    const settings = testSettings((draft) => (draft.customers = { shards: 3 }));

    // THEN
    expect(stackNames("production", settings)).toEqual([
      "production",
      "production-customers-1",
      "production-customers-2",
      "production-customers-3",
    ]);
    expect(stackOfCustomer("production", settings, "acme")).toBe(`production-customers-${shardOf("acme", 3)}`);
  });
});

describe("settings customers.shards", () => {
  it("rejects 0 and more than the maximum, naming the field", () => {
    for (const shards of [0, MAX_CUSTOMER_SHARDS + 1, 2.5]) {
      const input = { ...testSettings(), customers: { shards } };
      expect(() => parseSettings(input, "lib/environments.ts (test)")).toThrow(ValidationError);
      expect(() => parseSettings(input, "lib/environments.ts (test)")).toThrow("customers.shards");
    }
  });
});
