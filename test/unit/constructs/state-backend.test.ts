import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktn";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RealmStack } from "../../../lib/constructs/realm-stack";
import { engineEnvironment } from "../../../lib/constructs/state-backend";
import { customer } from "../synth";
import { testSettings } from "../test-settings";

const STATE_VARIABLES = [
  "REALM_STATE_BACKEND",
  "REALM_STATE_S3_BUCKET",
  "REALM_STATE_S3_REGION",
  "REALM_STATE_PASSPHRASE",
  "REALM_STATE_UNENCRYPTED",
  "REALM_STATE_READ_ONLY",
  "PG_CONN_STR",
];
const CONN_STR = "postgres://realm:pg-password-4f1c@db.internal:5432/terraform?sslmode=require";
const PASSPHRASE = "correct horse battery staple";
const AWS = { AWS_ACCESS_KEY_ID: "AKIAEXAMPLE7Q2W3E4R5", AWS_SECRET_ACCESS_KEY: "aws-secret-key-9f8e7d6c5b4a" };

interface SynthesizedStack {
  readonly text: string;
  readonly terraform: { backend: Record<string, Record<string, unknown>>; encryption?: unknown };
  readonly variable?: Record<string, Record<string, unknown>>;
}

/** Synthesizes an environment's stack as main.ts does, with the state settings taken from process.env. */
function synthEnvironment(environment = "staging"): SynthesizedStack {
  const stack = new RealmStack(Testing.app(), environment, { settings: testSettings(), customers: [customer("acme")] });
  const outdir = Testing.fullSynth(stack);
  try {
    const text = readFileSync(join(outdir, "stacks", environment, "cdk.tf.json"), "utf8");
    return { text, ...JSON.parse(text) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function errorOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected an error, got none");
}

function setEnvironment(variables: Record<string, string>): void {
  for (const [name, value] of Object.entries(variables)) vi.stubEnv(name, value);
}

describe("the state backend", () => {
  beforeEach(() => {
    // The operator's own shell must not decide what these tests see.
    for (const name of STATE_VARIABLES) vi.stubEnv(name, undefined);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("is a git-ignored local file for the local environment, unencrypted, by default", () => {
    // WHEN
    const stack = synthEnvironment("local");

    // THEN
    expect(Object.keys(stack.terraform.backend)).toEqual(["local"]);
    expect(stack.terraform.backend.local!.path).toMatch(/\/terraform\.local\.tfstate$/);
    expect(stack.terraform.encryption).toBeUndefined();
    expect(stack.variable).toBeUndefined();
  });

  it.each(["staging", "production"])("rejects a local state for %s, named or by default", (environment) => {
    // GIVEN nothing set, then local named explicitly, even with a passphrase
    const settings: Record<string, string>[] = [
      {},
      { REALM_STATE_BACKEND: "local", REALM_STATE_PASSPHRASE: PASSPHRASE },
    ];
    for (const variables of settings) {
      setEnvironment(variables);

      // WHEN
      const message = errorOf(() => synthEnvironment(environment));

      // THEN
      expect(message).toContain("nothing was deployed");
      expect(message).toContain(
        `REALM_STATE_BACKEND: must be pg or s3 for '${environment}', got 'local': ${environment} requires a ` +
          "shared, encrypted state (with REALM_STATE_PASSPHRASE), never a local file",
      );
    }
  });

  it.each(["staging", "production"])("rejects a plaintext shared state for %s, even when accepted", (environment) => {
    // GIVEN
    setEnvironment({ REALM_STATE_BACKEND: "pg", PG_CONN_STR: CONN_STR, REALM_STATE_UNENCRYPTED: "yes" });

    // WHEN
    const message = errorOf(() => synthEnvironment(environment));

    // THEN
    expect(message).toContain(
      `REALM_STATE_UNENCRYPTED: is refused for '${environment}', which requires an encrypted state: unset it and set REALM_STATE_PASSPHRASE`,
    );
    expect(message).toContain(
      "REALM_STATE_PASSPHRASE: is required with REALM_STATE_BACKEND=pg: the state holds every client secret, " +
        `and '${environment}' requires encryption`,
    );
  });

  it("is a PostgreSQL schema per environment with pg, the connection string left to PG_CONN_STR", () => {
    // GIVEN
    setEnvironment({ REALM_STATE_BACKEND: "pg", PG_CONN_STR: CONN_STR, REALM_STATE_PASSPHRASE: PASSPHRASE });

    // WHEN
    const staging = synthEnvironment("staging");
    const production = synthEnvironment("production");

    // THEN
    expect(staging.terraform.backend).toEqual({ pg: { schema_name: "keycloak_realm_staging" } });
    expect(production.terraform.backend).toEqual({ pg: { schema_name: "keycloak_realm_production" } });
    expect(staging.text).not.toContain("pg-password-4f1c");
    expect(staging.text).not.toContain("db.internal");
  });

  it("is an S3 object per environment with s3, encrypted at rest and locked by a lock file", () => {
    // GIVEN
    setEnvironment({
      REALM_STATE_BACKEND: "s3",
      REALM_STATE_PASSPHRASE: PASSPHRASE,
      REALM_STATE_S3_BUCKET: "atlas-terraform-state",
      REALM_STATE_S3_REGION: "eu-central-1",
      ...AWS,
    });

    // WHEN
    const staging = synthEnvironment("staging");
    const production = synthEnvironment("production");

    // THEN
    expect(staging.terraform.backend).toEqual({
      s3: {
        bucket: "atlas-terraform-state",
        key: "keycloak-realm/staging.tfstate",
        region: "eu-central-1",
        encrypt: true,
        use_lockfile: true,
      },
    });
    expect(production.terraform.backend.s3!.key).toBe("keycloak-realm/production.tfstate");
    expect(staging.text).not.toContain(AWS.AWS_ACCESS_KEY_ID);
    expect(staging.text).not.toContain(AWS.AWS_SECRET_ACCESS_KEY);
  });

  it("rejects pg without PG_CONN_STR, naming it", () => {
    setEnvironment({ REALM_STATE_BACKEND: "pg" });
    expect(() => synthEnvironment()).toThrow("PG_CONN_STR: is required when REALM_STATE_BACKEND=pg");
  });

  it("rejects s3 without bucket and region, naming both at once", () => {
    // GIVEN
    setEnvironment({ REALM_STATE_BACKEND: "s3", REALM_STATE_PASSPHRASE: PASSPHRASE });

    // WHEN
    const message = errorOf(() => synthEnvironment());

    // THEN
    expect(message).toContain("2 problems found, nothing was deployed");
    expect(message).toContain("REALM_STATE_S3_BUCKET: is required when REALM_STATE_BACKEND=s3");
    expect(message).toContain("REALM_STATE_S3_REGION: is required when REALM_STATE_BACKEND=s3");
  });

  it("rejects a shared state without a passphrase, unless plaintext is accepted explicitly", () => {
    // GIVEN
    setEnvironment({ REALM_STATE_BACKEND: "pg", PG_CONN_STR: CONN_STR });

    // THEN
    expect(() => synthEnvironment("local")).toThrow(
      "REALM_STATE_PASSPHRASE: is required with REALM_STATE_BACKEND=pg: the state holds every client secret (REALM_STATE_UNENCRYPTED=yes accepts plaintext)",
    );
    setEnvironment({ REALM_STATE_BACKEND: "pg", PG_CONN_STR: CONN_STR, REALM_STATE_UNENCRYPTED: "yes" });
    expect(() => synthEnvironment("local")).not.toThrow();
  });

  it("creates no schema, table or index at init with REALM_STATE_READ_ONLY=yes: a role that may only read could not", () => {
    // GIVEN
    setEnvironment({
      REALM_STATE_BACKEND: "pg",
      PG_CONN_STR: CONN_STR,
      REALM_STATE_PASSPHRASE: PASSPHRASE,
      REALM_STATE_READ_ONLY: "yes",
    });

    // WHEN
    const stack = synthEnvironment("production");

    // THEN
    expect(stack.terraform.backend).toEqual({
      pg: {
        schema_name: "keycloak_realm_production",
        skip_schema_creation: true,
        skip_table_creation: true,
        skip_index_creation: true,
      },
    });
  });

  it("rejects REALM_STATE_READ_ONLY other than 'yes', naming it", () => {
    setEnvironment({ REALM_STATE_BACKEND: "pg", PG_CONN_STR: CONN_STR, REALM_STATE_PASSPHRASE: PASSPHRASE });
    vi.stubEnv("REALM_STATE_READ_ONLY", "true");
    expect(() => synthEnvironment()).toThrow("REALM_STATE_READ_ONLY: must be 'yes' or unset, got 'true'");
  });

  it("rejects an unknown backend, listing the known ones", () => {
    // GIVEN
    setEnvironment({ REALM_STATE_BACKEND: "postgres" });

    // WHEN
    const message = errorOf(() => synthEnvironment());

    // THEN
    expect(message).toContain("REALM_STATE_BACKEND: must be one of local, pg, s3, got 'postgres'");
    expect(message).toContain("1 problem found");
  });
});

describe("state and plan encryption", () => {
  beforeEach(() => {
    for (const name of STATE_VARIABLES) vi.stubEnv(name, undefined);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("is on with REALM_STATE_PASSPHRASE: pbkdf2 and aes_gcm, enforced for state and plans", () => {
    // GIVEN
    setEnvironment({ REALM_STATE_BACKEND: "pg", PG_CONN_STR: CONN_STR, REALM_STATE_PASSPHRASE: PASSPHRASE });

    // WHEN
    const stack = synthEnvironment();

    // THEN
    const method = { method: "method.aes_gcm.passphrase", enforced: true };
    expect(stack.terraform.encryption).toEqual({
      key_provider: { pbkdf2: { passphrase: { passphrase: "${var.state_passphrase}" } } },
      method: { aes_gcm: { passphrase: { keys: "${key_provider.pbkdf2.passphrase}" } } },
      state: method,
      plan: method,
    });
    expect(stack.terraform.backend).toEqual({ pg: { schema_name: "keycloak_realm_staging" } });
  });

  it("reads the passphrase from an ephemeral variable, so it is in neither the JSON, the state nor a plan", () => {
    // GIVEN
    setEnvironment({ REALM_STATE_PASSPHRASE: PASSPHRASE });

    // WHEN
    const stack = synthEnvironment("local");

    // THEN
    expect(stack.variable?.state_passphrase).toMatchObject({ type: "string", sensitive: true, ephemeral: true });
    expect(stack.variable?.state_passphrase).not.toHaveProperty("default");
    expect(stack.text).not.toContain(PASSPHRASE);
  });

  it("hands the passphrase to OpenTofu as TF_VAR_state_passphrase, and nothing without one", () => {
    expect(engineEnvironment({ REALM_STATE_PASSPHRASE: PASSPHRASE })).toEqual({ TF_VAR_state_passphrase: PASSPHRASE });
    expect(engineEnvironment({})).toEqual({});
  });

  it("rejects a passphrase shorter than 16 characters without repeating it", () => {
    // GIVEN
    setEnvironment({ REALM_STATE_PASSPHRASE: "hunter2hunter2" });

    // WHEN
    const message = errorOf(() => synthEnvironment("local"));

    // THEN
    expect(message).toContain("REALM_STATE_PASSPHRASE: must be at least 16 characters");
    expect(message).not.toContain("hunter2");
  });

  it("rejects an empty passphrase: a CI secret that did not resolve must not mean plaintext", () => {
    setEnvironment({ REALM_STATE_PASSPHRASE: "" });
    expect(() => synthEnvironment("local")).toThrow("REALM_STATE_PASSPHRASE: must be at least 16 characters");
  });
});
