import { describe, expect, it } from "vitest";
import { StackWorkspace } from "../../lib/stack-workspace";

describe("StackWorkspace", () => {
  it.each(["0", "1000", "ten", "-5"])("rejects REALM_PARALLELISM=%s before running the engine", async (value) => {
    // GIVEN
    const stack = new StackWorkspace("/nonexistent", "local", "/nonexistent-scratch", () => {}, {
      REALM_PARALLELISM: value,
    });

    // WHEN / THEN
    await expect(stack.plan()).rejects.toThrow(
      `REALM_PARALLELISM must be a whole number from 1 to 999, got '${value}'`,
    );
  });
});
