import { resolve } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { FIXTURES, refusalIn } from "./customer-fixtures";

// Tests run as root, for whom no folder is unreadable: the refusal of the operating system is
// what is stood in for, not the loader.
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  return {
    ...fs,
    readdirSync: () => {
      throw Object.assign(new Error("EACCES: permission denied, scandir"), { code: "EACCES" });
    },
  };
});

describe("a customers/ folder that cannot be listed", () => {
  it("rejects it naming the folder and the reason, instead of a stack trace", () => {
    // WHEN
    const refusal = refusalIn(resolve(FIXTURES, "valid"));

    // THEN
    expect(refusal.problems).toEqual([{ file: "valid/", field: "(folder)", rule: "cannot be read: EACCES" }]);
  });
});
