import { describe, expect, it } from "vitest";
import { hintFor, StackWorkspace } from "../../lib/stack-workspace";

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

describe("hintFor", () => {
  it.each([
    ["the pg backend's lock", "Error: pq: lock already locked by another session"],
    [
      "the local backend's file lock",
      "Error: Error acquiring the state lock\n\nError message: resource temporarily unavailable\nLock Info:",
    ],
  ])("says another run holds the state for %s", (_, output) => {
    expect(hintFor(output, "local")).toBe(
      "Another run holds the lock of the 'local' state (a deploy here or elsewhere?): nothing was changed; " +
        "let it finish, then run again.",
    );
  });

  it("says to deploy again when another deploy changed the state after this one planned", () => {
    const output = "Error: Saved plan is stale\n\nThe given plan file can no longer be applied because the state";
    expect(hintFor(output, "staging")).toMatch(/^Another deploy changed the 'staging' state after this one planned/);
  });

  it("says the passphrase is missing before anything about a lock: an unreadable state fails the lock too", () => {
    const output = "Error acquiring the state lock: state file is encrypted";
    expect(hintFor(output, "local")).toBe(
      "The 'local' state is encrypted: set REALM_STATE_PASSPHRASE to its passphrase.",
    );
  });
});
