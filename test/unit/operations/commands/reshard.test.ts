import { describe, expect, it } from "vitest";
import { UsageError } from "../../../../lib/operations/commands/invocation";
import { customerStacks } from "../../../../lib/model/shards";
import { recordedShards } from "../../../../lib/operations/commands/reshard";

describe("the layout of an environment's customer states", () => {
  it("is the environment's own stack for 1 shard, the shard stacks otherwise", () => {
    expect(customerStacks("staging", 1)).toEqual(["staging"]);
    expect(customerStacks("staging", 3)).toEqual(["staging-customers-1", "staging-customers-2", "staging-customers-3"]);
  });

  it("is read from the realm stack's output customer_shards; without it (never sharded, never deployed) 1", () => {
    expect(recordedShards({})).toBe(1);
    expect(recordedShards({ customer_shards: { value: 4 } })).toBe(4);
  });

  it.each([0, 65, 2.5, "3"])("rejects a recorded count of %j", (value) => {
    expect(() => recordedShards({ customer_shards: { value } })).toThrow(UsageError);
  });
});
