import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { environments } from "../../lib/environments";
import { AdminApi } from "./admin-api";
import { RealmProject } from "./realm-project";
import { tokenRolesOf } from "./tokens";
import { customerStacks, stackOfCustomer } from "../../lib/model/shards";

// A team upgrading from the release that granted each role with two resources (a service-account
// grant and a client scope mapping) to one role set per customer and the API's role scopes.
const PER_ROLE_LAYOUT = resolve(import.meta.dirname, "../fixtures/per-role-layout");
// A team upgrading from the release whose customers each had a (always empty) set of optional scopes.
const OPTIONAL_SCOPES_LAYOUT = resolve(import.meta.dirname, "../fixtures/optional-scopes-layout");
const settings = environments.local;
const realm = settings.realm.name;
const backend = settings.backend.clientId;
const keycloak = inject("keycloak");
const admin = new AdminApi(keycloak);
const CUSTOMERS = ["acme-logistics", "globex-billing"];

interface RoleMappings {
  realmMappings?: { name: string }[];
  clientMappings?: Record<string, { client: string; mappings: { name: string }[] }>;
}

const names = (mappings: RoleMappings) =>
  [
    ...(mappings.realmMappings ?? []).map((role) => role.name),
    ...Object.values(mappings.clientMappings ?? {}).flatMap((client) =>
      client.mappings.map((role) => `${client.client}/${role.name}`),
    ),
  ].sort();

/** Names of a client's default or optional scopes, sorted. */
async function scopeNames(client: string, kind: "default" | "optional"): Promise<string[]> {
  const scopes = await admin.request<{ name: string }[]>("GET", `/${realm}/clients/${client}/${kind}-client-scopes`);
  return scopes.map((scope) => scope.name).sort();
}

/** What reaches a customer's tokens, per customer: its service account's roles, its scope mappings, its scopes. */
async function grants(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const id of CUSTOMERS) {
    const client = (await admin.client(realm, id))!.id;
    const account = await admin.request<{ id: string }>("GET", `/${realm}/clients/${client}/service-account-user`);
    out[id] = {
      serviceAccount: names(await admin.request<RoleMappings>("GET", `/${realm}/users/${account.id}/role-mappings`)),
      scopeMappings: names(await admin.request<RoleMappings>("GET", `/${realm}/clients/${client}/scope-mappings`)),
      defaultScopes: await scopeNames(client, "default"),
      optionalScopes: await scopeNames(client, "optional"),
    };
  }
  return out;
}

/** The backend roles in each customer's access token. */
async function tokenRoles(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const id of CUSTOMERS) {
    out[id] = await tokenRolesOf(keycloak.baseUrl, realm, backend, { id, secret: await admin.clientSecret(realm, id) });
  }
  return out;
}

describe("upgrading a deployment whose customers hold their roles one resource per role", () => {
  let project: RealmProject;
  let rolesBefore: Record<string, string[]>;
  let grantsBefore: Record<string, unknown>;

  beforeAll(async () => {
    // GIVEN the repository's customers deployed by the per-role release, then this release checked out
    await admin.deleteRealmIfExists(realm);
    project = await RealmProject.create(keycloak);
    await project.overlay(PER_ROLE_LAYOUT);
    const deployed = await project.realm("deploy");
    if (deployed.code !== 0) throw new Error(`per-role deploy failed:\n${deployed.stderr}`);
    await project.overlay(PER_ROLE_LAYOUT, { restore: true });
    rolesBefore = await tokenRoles();
    grantsBefore = await grants();
  });

  afterAll(async () => {
    await project?.dispose();
  });

  it("rejects planning and deploying before the upgrade, naming the command, and changes nothing", async () => {
    // WHEN
    const plan = await project.realm("plan");
    const prPlan = await project.realm("plan", "--no-refresh", "--customer", "acme-logistics");
    const deploy = await project.realm("deploy");

    // THEN
    for (const refused of [plan, prPlan, deploy]) {
      expect(refused.code, refused.stderr).toBe(1);
      expect(refused.stderr).toContain("customer resource(s) of an earlier layout");
      expect(refused.stderr).toContain("npm run upgrade-state -- --env local");
    }
    expect(await grants()).toEqual(grantsBefore);
  });

  it("forgets the per-role resources and optional-scope sets from the state and changes nothing in Keycloak", async () => {
    // WHEN
    const upgraded = await project.realm("upgrade-state");
    const again = await project.realm("upgrade-state");

    // THEN
    expect(upgraded.code, upgraded.stderr).toBe(0);
    // (two customers: three per-role resources and an optional-scope set each)
    expect(upgraded.stderr).toContain("Removed 8 customer resource(s) of an earlier layout from the 'local' state.");
    expect(upgraded.stderr).toMatch(/Nothing in the '[^']+' realm changed/);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("nothing to upgrade");
    expect(await grants()).toEqual(grantsBefore);
    expect(await tokenRoles()).toEqual(rolesBefore);
  });

  it("then deploys the same roles through role sets and role scopes, leaving no scope mapping on the clients", async () => {
    // WHEN
    const deploy = await project.realm("deploy");

    // THEN
    expect(deploy.code, deploy.stderr).toBe(0);
    expect(await tokenRoles()).toEqual(rolesBefore);
    expect(rolesBefore["globex-billing"]).toEqual(["invoices:read", "orders:write"]);
    const after = (await grants()) as Record<string, { scopeMappings: string[]; defaultScopes: string[] }>;
    for (const id of CUSTOMERS) expect(after[id]!.scopeMappings).toEqual([]);
    expect(after["acme-logistics"]!.defaultScopes).toContain(`${backend}:orders:read`);
    const plan = await project.realm("plan");
    expect(plan.code, plan.stdout).toBe(0);
  });
});

describe("upgrading a sharded deployment whose customers each have a set of optional scopes, with a new shard count", () => {
  // Fewer shards than deployed: the states of shards 2 and 3 are beyond what settings ask for.
  const SHARDS = 3;
  const NEW_SHARDS = 1;
  let project: RealmProject;
  let grantsBefore: Record<string, unknown>;

  beforeAll(async () => {
    // GIVEN the repository's customers deployed in three shards by the release with optional-scope
    // sets, then this release checked out in the same change as settings asking for one state
    await admin.deleteRealmIfExists(realm);
    project = await RealmProject.create(keycloak);
    await project.setCustomerSettings({ shards: SHARDS });
    await project.overlay(OPTIONAL_SCOPES_LAYOUT);
    const deployed = await project.realm("deploy");
    if (deployed.code !== 0) throw new Error(`deploy of the optional-scopes layout failed:\n${deployed.stderr}`);
    await project.overlay(OPTIONAL_SCOPES_LAYOUT, { restore: true });
    await project.setCustomerSettings({ shards: NEW_SHARDS });
    grantsBefore = await grants();
  });

  afterAll(async () => {
    await project?.dispose();
  });

  it("rejects resharding before the upgrade, naming the command, and moves nothing", async () => {
    // WHEN
    const refused = await project.realm("reshard");

    // THEN
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stderr).toContain("customer resource(s) of an earlier layout");
    expect(refused.stderr).toContain("npm run upgrade-state -- --env local");
  });

  it("forgets the sets from the shard states the customers are in, though settings ask for other shards, changing nothing in Keycloak", async () => {
    // WHEN
    const upgraded = await project.realm("upgrade-state");

    // THEN each shard state the customers are in lost their sets, one per customer
    expect(upgraded.code, upgraded.stderr).toBe(0);
    const removed = [
      ...upgraded.stderr.matchAll(
        /Removed (\d+) customer resource\(s\) of an earlier layout from the '([^']+)' state/g,
      ),
    ];
    const deployedIn = (stack: string) =>
      CUSTOMERS.filter((id) => stackOfCustomer("local", { customers: { shards: SHARDS } }, id) === stack).length;
    expect(removed.map(([, count, stack]) => [stack, Number(count)]).sort()).toEqual(
      customerStacks("local", SHARDS)
        .map((stack) => [stack, deployedIn(stack)])
        .filter(([, count]) => count !== 0)
        .sort(),
    );
    expect(await grants()).toEqual(grantsBefore);
  });

  it("then reshards, and the next refreshing plan finds nothing to do: no customer had an optional scope", async () => {
    // WHEN
    const resharded = await project.realm("reshard");
    const plan = await project.realm("plan");

    // THEN
    expect(resharded.code, resharded.stderr).toBe(0);
    expect(plan.code, plan.stdout).toBe(0);
    expect(await grants()).toEqual(grantsBefore);
  });
});
