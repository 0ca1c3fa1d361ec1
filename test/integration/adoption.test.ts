import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { environments } from "../../lib/environments";
import { AdminApi } from "./admin-api";
import { RealmProject } from "./realm-project";
import { tokenRequest, verifyAccessToken } from "./tokens";

// The tests deploy the local environment, as `npm start` does.
const settings = environments.local;
const realm = settings.realm.name;
const backend = settings.backend.clientId;
const keycloak = inject("keycloak");
const admin = new AdminApi(keycloak);
const tokenEndpoint = `${keycloak.baseUrl}/realms/${realm}/protocol/openid-connect/token`;
const issuer = `${keycloak.baseUrl}/realms/${realm}`;

const LEGACY =
  "displayName: Legacy\ncontactEmail: api@legacy.example\ndescription: Made by hand.\nroles: [invoices:read]\n";

/** The hand-made client's internal id and its service account's. */
async function legacyIds(): Promise<{ client: string; serviceAccount: string }> {
  const client = (await admin.client(realm, "legacy"))!.id;
  const account = await admin.request<{ id: string }>("GET", `/${realm}/clients/${client}/service-account-user`);
  return { client, serviceAccount: account.id };
}

describe("adopting a client made by hand: the operator's decision, complete in one deploy", () => {
  let project: RealmProject;
  let secret: string;
  let internalId: string;

  beforeAll(async () => {
    await admin.deleteRealmIfExists(realm);
    project = await RealmProject.create(keycloak);
    const deployed = await project.realm("deploy");
    expect(deployed.code, deployed.stderr).toBe(0);

    // A client someone made in the admin console, holding more than any customer file allows:
    // browser login and direct grants, a realm-management role, a hard-coded claim, extra scopes.
    await admin.request("POST", `/${realm}/clients`, {
      clientId: "legacy",
      publicClient: false,
      serviceAccountsEnabled: true,
      directAccessGrantsEnabled: true,
      standardFlowEnabled: true,
      fullScopeAllowed: true,
      defaultClientScopes: ["basic", "roles", "profile"],
      protocolMappers: [
        {
          name: "is-admin",
          protocol: "openid-connect",
          protocolMapper: "oidc-hardcoded-claim-mapper",
          config: { "claim.name": "is_admin", "claim.value": "true", "access.token.claim": "true" },
        },
      ],
    });
    const ids = await legacyIds();
    internalId = ids.client;
    const management = (await admin.client(realm, "realm-management"))!.id;
    const manageUsers = await admin.request("GET", `/${realm}/clients/${management}/roles/manage-users`);
    await admin.request("POST", `/${realm}/users/${ids.serviceAccount}/role-mappings/clients/${management}`, [
      manageUsers,
    ]);
    // AND a group granting another realm-management role, which reaches its tokens through membership
    await admin.request("POST", `/${realm}/groups`, { name: "admins" });
    const [group] = await admin.request<{ id: string }[]>("GET", `/${realm}/groups?search=admins&exact=true`);
    const viewUsers = await admin.request("GET", `/${realm}/clients/${management}/roles/view-users`);
    await admin.request("POST", `/${realm}/groups/${group!.id}/role-mappings/clients/${management}`, [viewUsers]);
    await admin.request("PUT", `/${realm}/users/${ids.serviceAccount}/groups/${group!.id}`);
    secret = await admin.clientSecret(realm, "legacy");
    await project.writeCustomer("legacy", LEGACY);
  });

  afterAll(async () => {
    await project?.dispose();
  });

  it("refuses a customer file for a hand-made client the operator did not list, and leaves the client as it was", async () => {
    // WHEN
    const deployed = await project.realm("deploy");

    // THEN
    expect(deployed.code).toBe(1);
    expect(deployed.stderr).toMatch(/list its id in settings customers\.adoptable/);
    expect(await admin.client(realm, "legacy")).toMatchObject({ id: internalId, standardFlowEnabled: true });
  });

  it("plans the adoption as its own kind, with the role grants, mappers and scopes the client loses", async () => {
    // GIVEN the operator allows it
    await project.allowAdoption("legacy");

    // WHEN
    const plan = await project.realm("plan");

    // THEN
    expect(plan.code, plan.stderr).toBe(2);
    const row = plan.stdout.split("\n").find((line) => line.startsWith("| `legacy` |"));
    expect(row).toMatch(/\*\*adopted\*\*/);
    expect(row).toMatch(/loses roles realm-management\/manage-users/);
    expect(row).toMatch(/leaves groups \/admins/);
    expect(row).toMatch(/loses mappers is-admin/);
    // Only profile: the scopes its file gives every customer client are not lost.
    expect(row).toMatch(/loses scopes profile(?![,\w])/);
    expect(row).not.toMatch(/secret rotated/);
  });

  it("takes it over in one deploy: same id and secret, exactly the file's roles and claims, nothing left over", async () => {
    // WHEN
    const deployed = await project.realm("deploy");

    // THEN the client is the same one, with its secret, governed by the file
    expect(deployed.code, deployed.stderr).toBe(0);
    const client = await admin.client(realm, "legacy");
    expect(client).toMatchObject({
      id: internalId,
      standardFlowEnabled: false,
      directAccessGrantsEnabled: false,
      fullScopeAllowed: false,
    });
    const response = await tokenRequest(tokenEndpoint, { grant_type: "client_credentials" }, { id: "legacy", secret });
    expect(response.status).toBe(200);
    const claims = await verifyAccessToken(issuer, String(response.body.access_token), backend);
    expect(claims.resource_access?.[backend]?.roles).toEqual(["invoices:read"]);
    expect(claims.is_admin).toBeUndefined();
    // AND its service account holds the file's role, nothing else: its role set is exhaustive, so not
    // even the realm's default roles
    const { serviceAccount } = await legacyIds();
    const mappings = await admin.request<{
      realmMappings?: { name: string }[];
      clientMappings?: Record<string, { mappings: { name: string }[] }>;
    }>("GET", `/${realm}/users/${serviceAccount}/role-mappings`);
    expect(mappings.realmMappings ?? []).toEqual([]);
    expect(
      Object.entries(mappings.clientMappings ?? {}).map(([id, c]) => [id, c.mappings.map((role) => role.name)]),
    ).toEqual([[backend, ["invoices:read"]]]);
    expect(await admin.request("GET", `/${realm}/clients/${internalId}/protocol-mappers/models`)).toEqual([]);
    expect(await admin.request("GET", `/${realm}/users/${serviceAccount}/groups`)).toEqual([]);
  });

  it("plans no changes afterwards", async () => {
    const plan = await project.realm("plan");
    expect(plan.code, plan.stdout).toBe(0);
  });

  it("removes what is added to it by hand later while it is on the list, as a removal cut short would leave it", async () => {
    // GIVEN a mapper put back on the adopted client (what an interrupted first removal would leave)
    await admin.request("POST", `/${realm}/clients/${internalId}/protocol-mappers/models`, {
      name: "is-admin",
      protocol: "openid-connect",
      protocolMapper: "oidc-hardcoded-claim-mapper",
      config: { "claim.name": "is_admin", "claim.value": "true", "access.token.claim": "true" },
    });

    // WHEN
    const plan = await project.realm("plan");
    const deployed = await project.realm("deploy");

    // THEN the plan shows it, the deploy removes it, and nothing is left to do
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/\| `legacy` \| \*\*adopted\*\*.*in state already; loses mappers is-admin/);
    expect(deployed.code, deployed.stderr).toBe(0);
    expect(await admin.request("GET", `/${realm}/clients/${internalId}/protocol-mappers/models`)).toEqual([]);
    expect((await project.realm("plan")).code).toBe(0);
  });
});

describe("taking back a client an interrupted deploy created but never recorded", () => {
  const ACME = "displayName: Acme\ncontactEmail: api@acme.example\ndescription: Orders.\nroles: [orders:read]\n";
  let project: RealmProject;
  let internalId: string;

  beforeAll(async () => {
    await admin.deleteRealmIfExists(realm);
    project = await RealmProject.create(keycloak);
    await project.writeCustomer("acme", ACME);
    const deployed = await project.realm("deploy");
    expect(deployed.code, deployed.stderr).toBe(0);
    internalId = (await admin.client(realm, "acme"))!.id;
    // Keycloak holds acme's client, grants and scopes; the state knows none of them.
    await project.forgetCustomer("acme");
  });

  afterAll(async () => {
    await project?.dispose();
  });

  it("plans it as taken back, not as a new client", async () => {
    // WHEN
    const plan = await project.realm("plan");

    // THEN
    expect(plan.code, plan.stderr).toBe(2);
    expect(plan.stdout).toMatch(/\| `acme` \| \*\*taken back\*\*: created by an interrupted deploy/);
  });

  it("takes it back in the next plain deploy: one client, the same one, with working credentials", async () => {
    // WHEN
    const deployed = await project.realm("deploy");

    // THEN
    expect(deployed.code, deployed.stderr).toBe(0);
    expect(deployed.stderr).toContain("taking back 1 client(s) an interrupted deploy created but did not record: acme");
    const clients = (await admin.clients(realm)).filter((client) => client.clientId === "acme");
    expect(clients.map((client) => client.id)).toEqual([internalId]);
    const credentials = await project.realm("credentials", "acme");
    const secret = /client_secret=(\S+)/.exec(credentials.stdout)?.[1];
    const response = await tokenRequest(
      tokenEndpoint,
      { grant_type: "client_credentials" },
      { id: "acme", secret: secret! },
    );
    expect(response.status).toBe(200);
    const claims = await verifyAccessToken(issuer, String(response.body.access_token), backend);
    expect(claims.resource_access?.[backend]?.roles).toEqual(["orders:read"]);
  });

  it("plans no changes afterwards", async () => {
    const plan = await project.realm("plan");
    expect(plan.code, plan.stdout).toBe(0);
  });

  it("keeps a client an interrupted create left tainted in state: updated in place, same id and secret", async () => {
    // GIVEN the state marks acme's client tainted, as the official provider does when a create's read-back fails
    const before = await admin.clientSecret(realm, "acme");
    await project.taintCustomerClient("acme");

    // WHEN
    const deployed = await project.realm("deploy");

    // THEN the client is kept, not re-created (which would need --allow-delete and hand out a new secret)
    expect(deployed.code, deployed.stderr).toBe(0);
    expect(deployed.stderr).toMatch(/keeping 1 object\(s\) an interrupted deploy created but did not finish/);
    expect((await admin.client(realm, "acme"))?.id).toBe(internalId);
    expect(await admin.clientSecret(realm, "acme")).toBe(before);
    expect((await project.realm("plan")).code).toBe(0);
  });

  it("rejects a customer file whose id a hand-made client holds, before anything changes", async () => {
    // GIVEN a client made by hand with the id of a new customer file, and a second new file beside it
    await admin.request("POST", `/${realm}/clients`, { clientId: "globex", serviceAccountsEnabled: true });
    await project.writeCustomer("globex", ACME.replace("Acme", "Globex"));
    await project.writeCustomer("initech", ACME.replace("Acme", "Initech"));

    // WHEN
    const deployed = await project.realm("deploy");

    // THEN
    expect(deployed.code).toBe(1);
    expect(deployed.stderr).toMatch(/already has client\(s\) 'globex', not created from this repository/);
    expect(deployed.stderr).toContain("nothing was changed");
    expect(await admin.client(realm, "initech")).toBeUndefined();
    expect(await admin.client(realm, "globex")).toMatchObject({ serviceAccountsEnabled: true });
  });
});
