import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ENGINE_GOGC, hintFor, StackWorkspace } from "../../../lib/operations/stack-workspace";

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

describe("a failed engine run", () => {
  it("is summarized by cause, its whole output kept in a 0600 log file the error names", async () => {
    // GIVEN an engine that fails with 50 errors of one cause and one of another
    const project = await mkdtemp(join(tmpdir(), "stack-workspace-"));
    const engine = join(project, "fake-tofu");
    const refused = (i: number) =>
      `Error: Could not read keycloak_openid_client\n\n  with keycloak_openid_client.customers_${i},\n\n` +
      `GET /admin/realms/atlas/clients/${i}: dial tcp: connect: connection refused\n`;
    const unsupported = 'Error: Unsupported argument\n\nAn argument named "x" is not expected here.\n';
    await writeFile(
      join(project, "output"),
      [...Array.from({ length: 50 }, (_, i) => refused(i)), unsupported].join(""),
    );
    await writeFile(engine, `#!/bin/sh\ncat '${project}/output'\nexit 1\n`, { mode: 0o700 });
    const previous = process.env.TERRAFORM_BINARY_NAME;
    process.env.TERRAFORM_BINARY_NAME = engine;
    try {
      const stack = new StackWorkspace(project, "local", project, () => {}, {});
      await mkdir(stack.directory, { recursive: true });

      // WHEN
      const error = await stack.init().then(
        () => undefined,
        (failure: Error) => failure,
      );

      // THEN
      expect(error?.message.split("\n").slice(0, 3)).toEqual([
        `${engine} init failed (exit code 1): 51 errors:`,
        "  50 × Keycloak unreachable (connection refused): keycloak_openid_client.customers_0, " +
          "keycloak_openid_client.customers_1, keycloak_openid_client.customers_2, " +
          "keycloak_openid_client.customers_3, keycloak_openid_client.customers_4 and 45 more",
        "   1 × Unsupported argument",
      ]);
      expect(error?.message).toContain('An argument named "x" is not expected here.');
      expect(error?.message).not.toContain("customers_5,");
      const log = /The engine's whole output: (\S+\.log)$/.exec(error?.message ?? "")?.[1];
      expect(log).toMatch(new RegExp(`^${project}/cdktf.out/stacks/local/logs/init-.*\\.log$`));
      expect((await stat(log!)).mode & 0o777).toBe(0o600);
      expect(await readFile(log!, "utf8")).toContain("customers_49,");
    } finally {
      process.env.TERRAFORM_BINARY_NAME = previous;
      await rm(project, { recursive: true, force: true });
    }
  });
});

describe("the engine's environment", () => {
  /** Runs `init` with a fake engine that writes its GOGC to a file; returns it. */
  async function engineGogc(environment: NodeJS.ProcessEnv): Promise<string> {
    const project = await mkdtemp(join(tmpdir(), "stack-workspace-"));
    const engine = join(project, "fake-tofu");
    await writeFile(engine, `#!/bin/sh\nprintf '%s' "$GOGC" > '${project}/gogc'\nexit 1\n`, { mode: 0o700 });
    const previous = process.env.TERRAFORM_BINARY_NAME;
    process.env.TERRAFORM_BINARY_NAME = engine;
    try {
      const stack = new StackWorkspace(project, "local", project, () => {}, environment);
      await mkdir(stack.directory, { recursive: true });
      await stack.init().catch(() => undefined);
      return await readFile(join(project, "gogc"), "utf8");
    } finally {
      process.env.TERRAFORM_BINARY_NAME = previous;
      await rm(project, { recursive: true, force: true });
    }
  }

  it("collects garbage half as often as Go's default: the full plan is CPU-bound", async () => {
    // GIVEN / WHEN an environment that sets no GOGC
    const gogc = await engineGogc({ PATH: process.env.PATH });

    // THEN
    expect(gogc).toBe(ENGINE_GOGC);
    expect(Number(gogc)).toBeGreaterThan(100);
  });

  it("leaves a GOGC the environment sets as it is", async () => {
    expect(await engineGogc({ PATH: process.env.PATH, GOGC: "100" })).toBe("100");
  });
});
