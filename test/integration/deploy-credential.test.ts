import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { environments } from "../../lib/environments";
import { AdminApi, DRIFT_ROLES } from "./admin-api";
import { RealmProject } from "./realm-project";

// The credentials README's "The deploy credential" documents, against the run's Keycloak: what the
// deploy client every test deploys with can and cannot do, and the roles of the clients that deploy
// and check drift in a realm that exists already.
const keycloak = inject("keycloak");
const admin = new AdminApi(keycloak);
const asDeployClient = new AdminApi(keycloak, keycloak.deployClient);
const realm = environments.local.realm.name;
/** The master realm's client whose roles administer `realm` (Keycloak names it so). */
const realmAdminRoles = `${realm}-realm`;
const OTHER_REALM = "another-team";

/** What README grants a deploy client of a realm that exists already. */
const DEPLOY_ROLES = ["manage-clients", "manage-events", "manage-realm", "manage-users"];

describe("the deploy client: a service account of the master realm holding only create-realm", () => {
  let project: RealmProject;

  beforeAll(async () => {
    await admin.deleteRealmIfExists(realm);
    await admin.deleteRealmIfExists(OTHER_REALM);
    await admin.request("POST", "", { realm: OTHER_REALM, enabled: true });
    project = await RealmProject.create(keycloak);
    const deployed = await project.realm("deploy");
    if (deployed.code !== 0) throw new Error(`deploy failed:\n${deployed.stderr}`);
  });

  afterAll(async () => {
    await project?.dispose();
    await admin.deleteRealmIfExists(OTHER_REALM);
  });

  it("creates the realm and so becomes its administrator: Keycloak grants the creator the realm's admin roles", async () => {
    // WHEN
    const roles = await admin.serviceAccountRoles("master", keycloak.deployClient.clientId, realmAdminRoles);

    // THEN every user's default roles and create-realm in master; the deployed realm's admin roles
    expect(roles.realm).toEqual(["create-realm", "default-roles-master"]);
    expect(roles.client).toEqual(expect.arrayContaining(DEPLOY_ROLES));
    expect((await project.realm("plan")).code).toBe(0);
  });

  it("rejects reading the master realm's clients: HTTP 403", async () => {
    await expect(asDeployClient.request("GET", "/master/clients")).rejects.toThrow("HTTP 403");
  });

  it("rejects changing the master realm or adding a client to it: HTTP 403, nothing changed", async () => {
    // GIVEN
    const before = await admin.request<{ accessTokenLifespan: number }>("GET", "/master");

    // WHEN / THEN
    await expect(asDeployClient.request("PUT", "/master", { accessTokenLifespan: 86_400 })).rejects.toThrow("HTTP 403");
    await expect(asDeployClient.request("POST", "/master/clients", { clientId: "backdoor" })).rejects.toThrow(
      "HTTP 403",
    );
    const after = await admin.request<{ accessTokenLifespan: number }>("GET", "/master");
    expect(after.accessTokenLifespan).toBe(before.accessTokenLifespan);
    expect(await admin.client("master", "backdoor")).toBeUndefined();
  });

  it("rejects reading or changing a realm it did not create: HTTP 403", async () => {
    await expect(asDeployClient.request("GET", `/${OTHER_REALM}/clients`)).rejects.toThrow("HTTP 403");
    await expect(asDeployClient.request("PUT", `/${OTHER_REALM}`, { registrationAllowed: true })).rejects.toThrow(
      "HTTP 403",
    );
  });
});

describe("clients for a realm that exists already, with just the roles README lists", () => {
  const deployClient = { clientId: `${realm}-deploy`, clientSecret: randomBytes(24).toString("base64url") };
  const driftClient = { clientId: `${realm}-drift`, clientSecret: randomBytes(24).toString("base64url") };
  const signInAs = (client: typeof deployClient) => ({
    KEYCLOAK_CLIENT_ID: client.clientId,
    KEYCLOAK_CLIENT_SECRET: client.clientSecret,
  });
  let project: RealmProject;

  beforeAll(async () => {
    // GIVEN a realm deployed before, and the two clients an operator makes for it afterwards
    await admin.deleteRealmIfExists(realm);
    const first = await RealmProject.create(keycloak);
    const deployed = await first.realm("deploy");
    if (deployed.code !== 0) throw new Error(`first deploy failed:\n${deployed.stderr}`);
    for (const [client, roles] of [
      [deployClient, DEPLOY_ROLES],
      [driftClient, DRIFT_ROLES],
    ] as const) {
      await admin.createServiceAccountClient("master", {
        ...client,
        clientRoles: { clientId: realmAdminRoles, roles },
      });
    }
    project = first.withEnvironment(signInAs(deployClient));
  });

  afterAll(async () => {
    await project?.dispose();
  });

  it("deploys changes of every kind: realm, events, clients, scopes, roles, mappers, service-account roles", async () => {
    // GIVEN edits by hand that the deploy must undo by updating, re-creating and deleting
    await admin.request("PUT", `/${realm}`, { accessTokenLifespan: 250 });
    await admin.request("PUT", `/${realm}/events/config`, { eventsEnabled: false, adminEventsEnabled: false });
    const scopes = await admin.request<{ id: string; name: string }[]>("GET", `/${realm}/client-scopes`);
    const scopeId = (name: string) => scopes.find((scope) => scope.name === name)!.id;
    await admin.request("PUT", `/${realm}/default-default-client-scopes/${scopeId("profile")}`);
    await admin.request(
      "DELETE",
      `/${realm}/client-scopes/${scopeId(`${environments.local.backend.clientId}-audience`)}`,
    );
    await admin.request(
      "DELETE",
      `/${realm}/clients/${(await admin.client(realm, environments.local.frontend.clientId))!.id}`,
    );
    const backend = (await admin.client(realm, environments.local.backend.clientId))!;
    await admin.request("DELETE", `/${realm}/clients/${backend.id}/roles/invoices:read`);
    await admin.updateClient(realm, "acme-logistics", { description: "edited by hand" });
    // and a pull request that adds one customer and removes another
    await project.writeCustomer(
      "initech",
      "displayName: Initech\ncontactEmail: api@initech.example\ndescription: TPS reports.\nroles: [orders:read, invoices:read]\n",
    );
    await project.removeCustomer("globex-billing");
    // Re-creating what was deleted by hand must be allowed by name: the refusal lists the names.
    const refused = await project.realm("deploy", "--allow-delete", "globex-billing");
    const recreate = [...refused.stderr.matchAll(/allow with --allow-delete (\S+)/g)].map((match) => match[1]!);
    expect(recreate).toHaveLength(3);

    // WHEN
    const deployed = await project.realm(
      "deploy",
      ...["globex-billing", ...recreate].flatMap((address) => ["--allow-delete", address]),
    );

    // THEN
    expect(deployed.code, deployed.stderr).toBe(0);
    expect((await project.realm("plan")).code).toBe(0);
    expect((await admin.request<{ accessTokenLifespan: number }>("GET", `/${realm}`)).accessTokenLifespan).toBe(300);
    expect(await admin.client(realm, "initech")).toBeDefined();
    expect(await admin.client(realm, "globex-billing")).toBeUndefined();
  });

  it("checks drift with the read-only client: exit 2 naming the edited customer", async () => {
    // GIVEN
    await admin.updateClient(realm, "initech", { directAccessGrantsEnabled: true });

    // WHEN
    const result = await project.withEnvironment(signInAs(driftClient)).realm("drift");

    // THEN
    expect(result.code, result.stderr).toBe(2);
    expect(result.stdout).toMatch(/\| `initech` \| changed \| direct_access_grants_enabled \|/);
    // and nothing else: objects the last deploy re-created read back as they were written
    expect(result.stdout).toContain("**Customers:** 1 changed. **Other realm changes:** none.");
  });

  it("rejects the deploy client creating another realm: HTTP 403", async () => {
    // WHEN
    const created = new AdminApi(keycloak, deployClient).request("POST", "", { realm: OTHER_REALM, enabled: true });

    // THEN
    await expect(created).rejects.toThrow("HTTP 403");
    expect(await admin.request<{ realm: string }[]>("GET", "")).not.toContainEqual(
      expect.objectContaining({ realm: OTHER_REALM }),
    );
  });

  it("rejects a deploy with the read-only client: HTTP 403, nothing changed", async () => {
    // WHEN
    const result = await project.withEnvironment(signInAs(driftClient)).realm("deploy");

    // THEN
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("HTTP 403 Forbidden");
    expect((await admin.client(realm, "initech"))?.directAccessGrantsEnabled).toBe(true);
  });
});
