import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../../..");
const run = promisify(execFile);

function validate(customers: string) {
  return run(resolve(root, "node_modules/.bin/tsx"), ["scripts/validate-customers.ts", "--customers", customers], {
    cwd: root,
  });
}

describe("npm run validate", () => {
  it("passes this repository's customers", async () => {
    const { stdout } = await validate("customers");
    expect(stdout).toMatch(/^\d+ customer files valid in customers\/$/m);
  });

  it("rejects a broken folder with exit code 1, listing every problem on stderr", async () => {
    // WHEN
    const failure = await validate("test/fixtures/customers/several-broken").then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );

    // THEN
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain("4 problems found, nothing was deployed:");
    expect(failure?.stderr).toContain("test/fixtures/customers/several-broken/globex.yaml: contactEmail: is required");
  });
});
