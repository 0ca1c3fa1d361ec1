import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { synthStateStacks } from "../../../lib/constructs/state-stack";

const PASSPHRASE = "correct horse battery staple";

/** The synthesized JSON of each stack. */
async function synth(
  environment: string,
  stacks: string[],
  env: NodeJS.ProcessEnv,
): Promise<Record<string, Record<string, any>>> {
  const outdir = await mkdtemp(join(tmpdir(), "state-stack-"));
  try {
    synthStateStacks(outdir, stacks, { environment, projectDirectory: "/srv/realm" }, env);
    const out: Record<string, Record<string, any>> = {};
    for (const stack of stacks) {
      out[stack] = JSON.parse(await readFile(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
    }
    return out;
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

describe("a stack of nothing but a state", () => {
  it("reaches each stack's own state in its environment's backend, encrypted, and holds no resource", async () => {
    // WHEN
    const stacks = await synth("production", ["production", "production-customers-7"], {
      REALM_STATE_BACKEND: "pg",
      PG_CONN_STR: "postgres://realm:pw@db.internal/terraform",
      REALM_STATE_PASSPHRASE: PASSPHRASE,
    });

    // THEN
    expect(stacks["production"]!.terraform.backend.pg.schema_name).toBe("keycloak_realm_production");
    expect(stacks["production-customers-7"]!.terraform.backend.pg.schema_name).toBe(
      "keycloak_realm_production-customers-7",
    );
    for (const stack of Object.values(stacks)) {
      expect(stack.terraform.encryption.state).toEqual({ method: "method.aes_gcm.passphrase", enforced: true });
      expect(stack.resource).toBeUndefined();
      // init installs the provider the state's resources name; from the configuration, not a registry's latest
      expect(Object.keys(stack.terraform.required_providers)).toEqual(["keycloak"]);
      expect(JSON.stringify(stack)).not.toContain(PASSPHRASE);
      expect(JSON.stringify(stack)).not.toContain("pw@");
    }
  });

  it("finds a local state in the project directory, wherever the command runs", async () => {
    // WHEN
    const stacks = await synth("local", ["local-customers-2"], {});

    // THEN
    expect(stacks["local-customers-2"]!.terraform.backend.local.path).toBe(
      "/srv/realm/terraform.local-customers-2.tfstate",
    );
  });

  it("rejects staging and production without a shared, encrypted backend, as every stack of theirs", async () => {
    await expect(synth("production", ["production-customers-1"], {})).rejects.toThrow("REALM_STATE_BACKEND");
  });
});
