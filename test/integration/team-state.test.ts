import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
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
