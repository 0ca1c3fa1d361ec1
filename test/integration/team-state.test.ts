import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { environments } from "../../lib/environments";
import { AdminApi } from "./admin-api";
import { PostgresServer } from "./postgres";
import { RealmProject } from "./realm-project";

// The operator commands deploy the local environment's stack into the test Keycloak, its state in
// a throwaway PostgreSQL (as a team shares it) or in an encrypted local file.
const keycloak = inject("keycloak");
const admin = new AdminApi(keycloak);
const realm = environments.local.realm.name;
const PASSPHRASE = "team-state-test-passphrase";
const run = promisify(execFile);

function customerFile(displayName: string): string {
  return `displayName: ${displayName}\ncontactEmail: api@example.com\ndescription: Test customer.\nroles: [orders:read]\n`;
}

// One story, step by step: each test builds on the state the previous one left.
describe("the pg state backend", () => {
  let postgres: PostgresServer;
  const checkouts: RealmProject[] = [];

  /** A teammate's checkout: its own copy of the repository, the shared state. */
  async function checkout(): Promise<RealmProject> {
    // Encrypted, as a team's shared state must be.
    const env = {
      REALM_STATE_BACKEND: "pg",
      PG_CONN_STR: postgres.connectionString,
      REALM_STATE_PASSPHRASE: "team-state-passphrase-for-pg",
    };
    const project = await RealmProject.create(keycloak, { env });
    checkouts.push(project);
    return project;
  }

  beforeAll(async () => {
    await admin.deleteRealmIfExists(realm);
    postgres = await PostgresServer.start();
  });

  afterAll(async () => {
    await Promise.all(checkouts.map((project) => project.dispose()));
    await postgres?.stop();
  });

  it("keeps the local environment's state in its own PostgreSQL schema, not in a file", async () => {
    // GIVEN
    const project = await checkout();

    // WHEN
    const result = await project.realm("deploy");

    // THEN
    expect(result.code, result.stderr).toBe(0);
    expect(await postgres.query("SELECT name FROM keycloak_realm_local.states")).toBe("default");
    // Encrypted: whoever reads the database sees no client secret
    const stored = await postgres.query("SELECT data FROM keycloak_realm_local.states");
    expect(Object.keys(JSON.parse(stored))).toContain("encrypted_data");
    expect(stored).not.toContain(await admin.clientSecret(realm, "acme-logistics"));
    expect(existsSync(join(project.directory, "terraform.local.tfstate"))).toBe(false);
  });

  it("shares the state with every checkout: a fresh one plans no changes", async () => {
    const result = await (await checkout()).realm("plan");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("No changes.");
  });

  describe("with two deploys at once", () => {
    let first: RealmProject;
    let second: RealmProject;
    let results: { code: number; stderr: string }[];

    beforeAll(async () => {
      // GIVEN two checkouts, each adding its own customer
      [first, second] = [await checkout(), await checkout()];
      await first.writeCustomer("initech", customerFile("Initech"));
      await second.writeCustomer("hooli", customerFile("Hooli"));

      // WHEN both deploy at the same time
      results = await Promise.all([first.realm("deploy"), second.realm("deploy")]);
    });

    it("lets one through and stops the other on the lock, or on its plan gone stale, before it changes anything", async () => {
      expect(results.map((result) => result.code).sort()).toEqual([0, 1]);
      const stopped = results.find((result) => result.code === 1)!;
      expect(stopped.stderr).toMatch(/Error acquiring the state lock|Saved plan is stale/);
      // with what to do about it
      expect(stopped.stderr).toMatch(/Another run holds the lock|Another deploy changed the 'local' state/);
      const [applied, rejected] = results[0]!.code === 0 ? ["initech", "hooli"] : ["hooli", "initech"];
      expect(await admin.client(realm, applied)).toBeDefined();
      expect(await admin.client(realm, rejected)).toBeUndefined();
    });

    it("leaves one intact state: the deployed checkout plans no changes, the other its own", async () => {
      // GIVEN
      const [deployed, stopped] = results[0]!.code === 0 ? [first, second] : [second, first];

      // WHEN
      const [clean, behind] = [await deployed.realm("plan"), await stopped.realm("plan")];

      // THEN
      expect(clean.code, clean.stderr).toBe(0);
      expect(behind.code, behind.stderr).toBe(2);
      expect(await postgres.query("SELECT count(*) FROM keycloak_realm_local.states")).toBe("1");
    });

    it("deploys the other change once its checkout has the first one too, and Keycloak has both clients", async () => {
      // GIVEN the stopped checkout catches up, as a rebase would
      const stopped = results[0]!.code === 0 ? second : first;
      await stopped.writeCustomer("initech", customerFile("Initech"));
      await stopped.writeCustomer("hooli", customerFile("Hooli"));

      // WHEN
      const result = await stopped.realm("deploy");

      // THEN
      expect(result.code, result.stderr).toBe(0);
      expect(await admin.client(realm, "initech")).toBeDefined();
      expect(await admin.client(realm, "hooli")).toBeDefined();
    });
  });
});

// What README's "Team state" gives pull-request plans and drift checks: a role that may only read.
const READ_ONLY_ROLE_SQL = `
  CREATE ROLE realm_reader LOGIN PASSWORD 'reader-password-5e2a';
  GRANT USAGE ON SCHEMA keycloak_realm_local TO realm_reader;
  GRANT SELECT ON keycloak_realm_local.states TO realm_reader;`;

describe("a PostgreSQL role that may only read the state", () => {
  let postgres: PostgresServer;
  let owner: RealmProject;
  let reader: RealmProject;
  const passphrase = { REALM_STATE_PASSPHRASE: "read-only-role-state-passphrase" };

  beforeAll(async () => {
    // GIVEN the realm deployed by the owner role, and a checkout planning through the reading role
    await admin.deleteRealmIfExists(realm);
    postgres = await PostgresServer.start();
    const ownerEnv = { REALM_STATE_BACKEND: "pg", PG_CONN_STR: postgres.connectionString, ...passphrase };
    owner = await RealmProject.create(keycloak, { env: ownerEnv });
    const deployed = await owner.realm("deploy");
    if (deployed.code !== 0) throw new Error(`the owner's deploy failed:\n${deployed.stderr}`);
    await postgres.query(READ_ONLY_ROLE_SQL);
    reader = await RealmProject.create(keycloak, {
      env: {
        REALM_STATE_BACKEND: "pg",
        PG_CONN_STR: postgres.connectionStringAs("realm_reader", "reader-password-5e2a"),
        REALM_STATE_READ_ONLY: "yes",
        ...passphrase,
      },
    });
  });

  afterAll(async () => {
    await Promise.all([owner?.dispose(), reader?.dispose()]);
    await postgres?.stop();
  });

  it("plans through it with REALM_STATE_READ_ONLY=yes: no changes after the deploy", async () => {
    const result = await reader.realm("plan", "--no-refresh");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("No changes.");
  });

  it("plans a new customer through it, whole and with --customer, as the plan workflow does", async () => {
    // GIVEN
    await reader.writeCustomer("initech", customerFile("Initech"));

    // WHEN
    const whole = await reader.realm("plan", "--no-refresh");
    const targeted = await reader.realm("plan", "--no-refresh", "--customer", "initech");

    // THEN
    for (const result of [whole, targeted]) {
      expect(result.code, result.stderr).toBe(2);
      expect(result.stdout).toMatch(/added.*initech/s);
    }
  });

  it("rejects a deploy with REALM_STATE_READ_ONLY=yes before it plans, leaving Keycloak untouched", async () => {
    // WHEN
    const result = await reader.realm("deploy");

    // THEN
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("REALM_STATE_READ_ONLY=yes: this run may only read the state");
    expect(result.stderr).not.toContain("==> local: plan");
    expect(await admin.client(realm, "initech")).toBeUndefined();
  });

  it("rejects a deploy through it without the setting: PostgreSQL refuses the role at init", async () => {
    // GIVEN the same role, as if REALM_STATE_READ_ONLY were forgotten
    const env = {
      REALM_STATE_BACKEND: "pg",
      PG_CONN_STR: postgres.connectionStringAs("realm_reader", "reader-password-5e2a"),
      ...passphrase,
    };
    const forgetful = await RealmProject.create(keycloak, { env });

    try {
      // WHEN
      await forgetful.writeCustomer("initech", customerFile("Initech"));
      const result = await forgetful.realm("deploy");

      // THEN
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/tofu init failed[\s\S]*permission denied/);
      expect(await admin.client(realm, "initech")).toBeUndefined();
    } finally {
      await forgetful.dispose();
    }
  });

  it("rejects a state write through it (tofu state rm): PostgreSQL refuses, the state stays whole", async () => {
    // GIVEN the reader's checkout, initialized by its plans above
    const stackDirectory = join(reader.directory, "cdktf.out/stacks/local");
    const engine = process.env.TERRAFORM_BINARY_NAME ?? "tofu";
    const env = {
      ...process.env,
      PG_CONN_STR: postgres.connectionStringAs("realm_reader", "reader-password-5e2a"),
      TF_VAR_state_passphrase: passphrase.REALM_STATE_PASSPHRASE,
    };
    const { stdout: listed } = await run(engine, ["state", "list"], { cwd: stackDirectory, env });
    const address = listed.split("\n").find((line) => line.startsWith("keycloak_realm."))!;
    expect(address).toBeDefined();

    // WHEN
    const failure = await run(engine, ["state", "rm", "-no-color", address], { cwd: stackDirectory, env }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );

    // THEN
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain("permission denied for table states");
    const plan = await owner.realm("plan", "--no-refresh");
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain("No changes.");
  });
});

describe("state encryption with REALM_STATE_PASSPHRASE", () => {
  let project: RealmProject;

  beforeAll(async () => {
    await admin.deleteRealmIfExists(realm);
    project = await RealmProject.create(keycloak, {
      env: { REALM_STATE_BACKEND: "local", REALM_STATE_PASSPHRASE: PASSPHRASE },
    });
    const first = await project.realm("deploy");
    if (first.code !== 0) throw new Error(`first deploy failed:\n${first.stderr}`);
  });

  afterAll(async () => {
    await project?.dispose();
  });

  it("leaves no client secret in plaintext in the state file or its backup", async () => {
    // GIVEN the secret as Keycloak has it
    const secret = await admin.clientSecret(realm, "acme-logistics");

    // WHEN
    const files = (await readdir(project.directory)).filter((name) => name.startsWith("terraform.local.tfstate"));

    // THEN
    expect(files).toContain("terraform.local.tfstate");
    for (const name of files) {
      const text = await readFile(join(project.directory, name), "utf8");
      expect(text, name).not.toContain(secret);
      const state = JSON.parse(text);
      expect(state, name).toHaveProperty("encrypted_data");
      expect(state.meta, name).toHaveProperty(["key_provider.pbkdf2.passphrase"]);
      expect(state, name).not.toHaveProperty("resources");
    }
  });

  it("still reads the state with the passphrase: credentials prints the secret Keycloak has", async () => {
    const result = await project.realm("credentials", "acme-logistics");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`client_secret=${await admin.clientSecret(realm, "acme-logistics")}\n`);
  });

  it("rejects a plan without the passphrase, saying the state is encrypted", async () => {
    // WHEN
    const result = await project.withEnvironment({ REALM_STATE_BACKEND: "local" }).realm("plan");

    // THEN
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("The 'local' state is encrypted: set REALM_STATE_PASSPHRASE to its passphrase.");
  });

  it("rejects a plan with another passphrase, saying it is not the state's", async () => {
    // WHEN
    const env = { REALM_STATE_BACKEND: "local", REALM_STATE_PASSPHRASE: "not-the-team-state-passphrase" };
    const result = await project.withEnvironment(env).realm("plan");

    // THEN
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "REALM_STATE_PASSPHRASE is not the passphrase the 'local' state is encrypted with.",
    );
  });
});

describe("customer shards in PostgreSQL, encrypted", () => {
  let postgres: PostgresServer;
  let owner: RealmProject;
  let reader: RealmProject;
  const passphrase = { REALM_STATE_PASSPHRASE: "sharded-state-passphrase-7c1d" };
  const schemas = ["keycloak_realm_local", "keycloak_realm_local-customers-1", "keycloak_realm_local-customers-2"];

  beforeAll(async () => {
    // GIVEN the realm deployed in two customer shards by the owner role, and a checkout planning
    // through a role granted read access to every schema, as README's Sharding customers says
    await admin.deleteRealmIfExists(realm);
    postgres = await PostgresServer.start();
    const ownerEnv = { REALM_STATE_BACKEND: "pg", PG_CONN_STR: postgres.connectionString, ...passphrase };
    owner = await RealmProject.create(keycloak, { env: ownerEnv });
    await owner.setCustomerSettings({ shards: 2 });
    const deployed = await owner.realm("deploy");
    if (deployed.code !== 0) throw new Error(`the owner's deploy failed:\n${deployed.stderr}`);
    await postgres.query(
      [
        "CREATE ROLE realm_reader LOGIN PASSWORD 'reader-password-5e2a';",
        ...schemas.map((schema) => `GRANT USAGE ON SCHEMA "${schema}" TO realm_reader;`),
        ...schemas.map((schema) => `GRANT SELECT ON "${schema}".states TO realm_reader;`),
      ].join("\n"),
    );
    reader = await RealmProject.create(keycloak, {
      env: {
        REALM_STATE_BACKEND: "pg",
        PG_CONN_STR: postgres.connectionStringAs("realm_reader", "reader-password-5e2a"),
        REALM_STATE_READ_ONLY: "yes",
        ...passphrase,
      },
    });
    await reader.setCustomerSettings({ shards: 2 });
  });

  afterAll(async () => {
    await Promise.all([owner?.dispose(), reader?.dispose()]);
    await postgres?.stop();
  });

  it("keeps each shard's state in a schema of its own, encrypted", async () => {
    // WHEN
    const rows = await postgres.query(
      schemas.map((schema) => `SELECT '${schema}' || ' ' || data FROM "${schema}".states`).join(" UNION ALL "),
    );

    // THEN the realm's schema and shard 1's (both repository customers' shard of 2) hold a state each,
    // shard 2's none yet, and no client secret or customer id appears in plaintext
    expect(rows.split("\n").map((row) => row.split(" ")[0])).toEqual(schemas.slice(0, 2));
    expect(rows).not.toContain("acme-logistics");
    expect(rows).not.toContain("client_secret");
  });

  it("plans through the read-only role, reading the realm's encrypted state for the shards' role ids", async () => {
    // GIVEN a pull request adding a customer
    await reader.writeCustomer("initech", customerFile("Initech"));

    // WHEN
    const whole = await reader.realm("plan", "--no-refresh");
    const targeted = await reader.realm("plan", "--no-refresh", "--customer", "initech");

    // THEN
    for (const result of [whole, targeted]) {
      expect(result.code, result.stderr).toBe(2);
      expect(result.stdout).toContain("| `initech` | added | roles +orders:read |");
    }
  });
});
