import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { environments } from "../../lib/environments";
import { shardOf } from "../../lib/model/shards";
import { AdminApi } from "./admin-api";
import { RealmProject } from "./realm-project";
import { tokenRolesOf } from "./tokens";

// The local environment with its customers spread over three shard stacks, deployed into the test Keycloak.
const SHARDS = 3;
const settings = environments.local;
const keycloak = inject("keycloak");
const admin = new AdminApi(keycloak);
const realm = settings.realm.name;
const api = settings.backend.clientId;
/** In shard 1, which the repository's customers (acme-logistics: 3, globex-billing: 2) leave empty. */
const NEWCOMER = "wayne-enterprises";

const newcomerFile = [
  "displayName: Wayne Enterprises",
  "contactEmail: api@wayne.example",
  "description: Fleet tracker that reads orders.",
  "roles: [orders:read, invoices:read]",
  "",
].join("\n");

/** Customer ids (client ids) a stack's state holds, by the clients in it; none when nothing was ever applied to it. */
async function customersInState(project: RealmProject, stack: string): Promise<string[]> {
  const text = await readFile(join(project.directory, `terraform.${stack}.tfstate`), "utf8").catch(() => "");
  if (text === "") return [];
  const state = JSON.parse(text) as {
    resources: { type: string; name: string; instances: { attributes: { client_id?: string } }[] }[];
  };
  return state.resources
    .filter((resource) => resource.type === "keycloak_openid_client" && resource.name.startsWith("customers_"))
    .map((resource) => resource.instances[0]!.attributes.client_id!)
    .sort();
}

/** The API roles a customer's access token carries, from its secret as `npm run credentials` hands it out. */
async function tokenRoles(project: RealmProject, id: string): Promise<string[]> {
  const credentials = await project.realm("credentials", id);
  expect(credentials.code, credentials.stderr).toBe(0);
  const secret = /^client_secret=(.+)$/m.exec(credentials.stdout)?.[1];
  return tokenRolesOf(keycloak.baseUrl, realm, api, { id, secret: secret! });
}

describe("customers sharded over several states", () => {
  let project: RealmProject;

  beforeAll(async () => {
    await admin.deleteRealmIfExists(realm);
    project = await RealmProject.create(keycloak);
    await project.setCustomerSettings({ shards: SHARDS });
  });

  afterAll(async () => {
    await project?.dispose();
  });

  it("plans the realm's stack before its first deploy, and says the shards follow it", async () => {
    // GIVEN an environment never deployed, whose shards would read the realm's state

    // WHEN
    const result = await project.realm("plan", "--no-refresh");

    // THEN the realm is planned, the shards are named as coming after it, and nothing failed
    expect(result.code, result.stderr).toBe(2);
    expect(result.stdout).toContain(
      `The ${SHARDS} customer shard(s) are planned once the realm's stack has been deployed`,
    );
    expect(result.stdout).toContain("keycloak_realm.realm");
  });

  it("deploys the realm's stack, then each customer into its shard's state, and their tokens work", async () => {
    // WHEN
    const result = await project.realm("deploy");

    // THEN the realm's state holds no customer, each shard's holds its own
    expect(result.code, result.stderr).toBe(0);
    expect(await customersInState(project, "local")).toEqual([]);
    for (const id of ["acme-logistics", "globex-billing"]) {
      expect(await customersInState(project, `local-customers-${shardOf(id, SHARDS)}`)).toContain(id);
    }
    expect(await customersInState(project, "local-customers-1")).toEqual([]);
    // AND each customer's token is meant for the API and carries exactly its file's roles
    expect(await tokenRoles(project, "acme-logistics")).toEqual(["orders:read"]);
    expect(await tokenRoles(project, "globex-billing")).toEqual(["invoices:read", "orders:write"]);
  });

  it("plans no changes after the deploy, refreshed or not", async () => {
    // WHEN
    const refreshed = await project.realm("plan");
    const fromState = await project.realm("plan", "--no-refresh");

    // THEN
    expect(refreshed.code, refreshed.stdout).toBe(0);
    expect(fromState.code, fromState.stdout).toBe(0);
  });

  it("plans a pull request's customer in its shard alone, without a Keycloak request", async () => {
    // GIVEN a pull request adding a customer, and no Keycloak to reach
    await project.writeCustomer(NEWCOMER, newcomerFile);
    const offline = project.withEnvironment({ KEYCLOAK_URL: "http://127.0.0.1:9" });

    // WHEN
    const result = await offline.realm("plan", "--no-refresh", "--customer", NEWCOMER);

    // THEN it is added, and of the shards only its own was planned
    expect(result.code, result.stderr).toBe(2);
    expect(result.stdout).toContain(`| \`${NEWCOMER}\` | added | roles +invoices:read +orders:read |`);
    expect(result.stderr).toContain("==> local-customers-1: plan");
    expect(result.stderr).not.toContain("==> local-customers-2: plan");
    expect(result.stderr).not.toContain("==> local-customers-3: plan");
  });

  it("deploys a merged customer with --customer into its shard alone, and its token works", async () => {
    // WHEN
    const result = await project.realm("deploy", "--customer", NEWCOMER);

    // THEN
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("==> local-customers-1: apply");
    expect(result.stderr).not.toContain("==> local-customers-2: plan");
    // A new secret, a year from its maximum age: nothing to read again after the apply.
    expect(result.stderr).not.toContain("reading the secrets");
    expect(await customersInState(project, "local-customers-1")).toEqual([NEWCOMER]);
    expect(await tokenRoles(project, NEWCOMER)).toEqual(["invoices:read", "orders:read"]);
  });

  it("finds drift in a shard's customer, and the next deploy repairs it", async () => {
    // GIVEN a customer's description changed in the admin console
    const client = await admin.client(realm, "globex-billing");
    await admin.request("PUT", `/${realm}/clients/${client!.id}`, {
      ...client,
      description: "changed by hand",
    });

    // WHEN
    const drift = await project.realm("drift");
    const deploy = await project.realm("deploy");
    const after = await project.realm("drift");

    // THEN
    expect(drift.code, drift.stderr).toBe(2);
    expect(drift.stdout).toContain("`globex-billing`");
    expect(deploy.code, deploy.stderr).toBe(0);
    expect(after.code, after.stdout).toBe(0);
    expect((await admin.client(realm, "globex-billing"))?.description).not.toBe("changed by hand");
  });

  it("rejects a customer's removal from its shard until it is allowed", async () => {
    // GIVEN a pull request removing a customer's file
    await project.removeCustomer(NEWCOMER);

    // WHEN
    const refused = await project.realm("deploy");
    const kept = await admin.client(realm, NEWCOMER);
    const allowed = await project.realm("deploy", "--allow-delete", NEWCOMER);

    // THEN
    expect(refused.code).toBe(1);
    expect(refused.stdout + refused.stderr).toContain(`allow with --allow-delete ${NEWCOMER}`);
    expect(kept).toBeDefined();
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(await admin.client(realm, NEWCOMER)).toBeUndefined();
    expect(await customersInState(project, "local-customers-1")).toEqual([]);
  });

  it("takes back into its shard a client an interrupted deploy created but never recorded", async () => {
    // GIVEN Keycloak holds a customer's client that its shard's state does not know
    const shard = `local-customers-${shardOf("globex-billing", SHARDS)}`;
    const internalId = (await admin.client(realm, "globex-billing"))!.id;
    await project.forgetCustomer("globex-billing", shard);

    // WHEN
    const deployed = await project.realm("deploy");

    // THEN the same client is back in the same state, and the other shards were left as they were
    expect(deployed.code, deployed.stderr).toBe(0);
    expect(deployed.stderr).toContain(
      "taking back 1 client(s) an interrupted deploy created but did not record: globex-billing",
    );
    expect(await customersInState(project, shard)).toContain("globex-billing");
    expect((await admin.client(realm, "globex-billing"))!.id).toBe(internalId);
    expect(await tokenRoles(project, "globex-billing")).toEqual(["invoices:read", "orders:write"]);
    const after = await project.realm("plan");
    expect(after.code, after.stdout).toBe(0);
  });

  it("rejects a new shard count until the customers are moved, changing nothing", async () => {
    // GIVEN settings asking for another number of shards than the states are laid out for
    await project.setCustomerSettings({ shards: SHARDS + 1 });
    const clientsBefore = (await admin.clients(realm)).map((client) => client.id).sort();

    // WHEN
    const deploy = await project.realm("deploy");
    const plan = await project.realm("plan", "--no-refresh");

    // THEN both name the command that moves them, and Keycloak and the states are as they were
    for (const result of [deploy, plan]) {
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `the 'local' customers are in ${SHARDS} shard states, and settings customers.shards says ${SHARDS + 1}`,
      );
      expect(result.stderr).toContain("npm run reshard -- --env local");
    }
    expect((await admin.clients(realm)).map((client) => client.id).sort()).toEqual(clientsBefore);
    expect(await customersInState(project, `local-customers-${shardOf("acme-logistics", SHARDS)}`)).toContain(
      "acme-logistics",
    );
  });
});
