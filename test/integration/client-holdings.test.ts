import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { environments } from "../../lib/environments";
import { FEW_CLIENTS } from "../../lib/operations/client-holdings";
import { AdminApi, DRIFT_ROLES } from "./admin-api";
import { RealmProject } from "./realm-project";
import { tokenRequest, verifyAccessToken, type AccessTokenClaims } from "./tokens";

// The repository's customers, deployed to the local environment: acme-logistics holds orders:read,
// globex-billing invoices:read and orders:write.
const settings = environments.local;
const realm = settings.realm.name;
const backend = settings.backend.clientId;
const keycloak = inject("keycloak");
const admin = new AdminApi(keycloak);
const tokenEndpoint = `${keycloak.baseUrl}/realms/${realm}/protocol/openid-connect/token`;
const issuer = `${keycloak.baseUrl}/realms/${realm}`;

async function claimsOf(clientId: string): Promise<AccessTokenClaims> {
  const secret = await admin.clientSecret(realm, clientId);
  const response = await tokenRequest(tokenEndpoint, { grant_type: "client_credentials" }, { id: clientId, secret });
  expect(response.status).toBe(200);
  return verifyAccessToken(issuer, String(response.body.access_token), backend);
}

/** The row of a customer in a plan or drift report. */
function rowOf(report: string, id: string): string | undefined {
  return report.split("\n").find((line) => line.startsWith(`| \`${id}\` |`));
}

/** A token request of `clientId` asking for `scope`: what it gets, or how it is refused. */
async function askingFor(clientId: string, scope: string) {
  const secret = await admin.clientSecret(realm, clientId);
  return tokenRequest(tokenEndpoint, { grant_type: "client_credentials", scope }, { id: clientId, secret });
}

/** A client's internal id and its service account's. */
async function ids(clientId: string): Promise<{ client: string; account: string }> {
  const client = (await admin.client(realm, clientId))!.id;
  const account = await admin.request<{ id: string }>("GET", `/${realm}/clients/${client}/service-account-user`);
  return { client, account: account.id };
}

/** Role representations of client `rolesOf`, as a grant or scope mapping takes them. */
async function rolesOf(clientId: string, ...names: string[]): Promise<{ client: string; roles: unknown[] }> {
  const client = (await admin.client(realm, clientId))!.id;
  const roles = await Promise.all(
    names.map((name) => admin.request("GET", `/${realm}/clients/${client}/roles/${name}`)),
  );
  return { client, roles };
}

describe("what a customer client holds beyond its file, made by hand in the admin console", () => {
  let project: RealmProject;

  beforeAll(async () => {
    await admin.deleteRealmIfExists(realm);
    project = await RealmProject.create(keycloak);
    const deployed = await project.realm("deploy");
    if (deployed.code !== 0) throw new Error(`first deploy failed:\n${deployed.stderr}`);
  });

  afterAll(async () => {
    await project?.dispose();
  });

  it("finds nothing on clients as the deploy made them, in three admin requests per customer", async () => {
    // WHEN
    const drift = await project.realm("drift");

    // THEN
    expect(drift.code, drift.stdout).toBe(0);
    expect(drift.stdout).toContain("No drift in `local`");
    expect(drift.stderr).toMatch(/2 clients, 6 admin requests\)/);
  });

  it("reports every extra in drift naming the customer, and a deploy removes them all from the tokens", async () => {
    // GIVEN acme-logistics's service account granted orders:write and realm-management/manage-users by
    // hand, orders:write scope-mapped so that it reaches its tokens
    const acme = await ids("acme-logistics");
    const write = await rolesOf(backend, "orders:write");
    const manageUsers = await rolesOf("realm-management", "manage-users");
    await admin.request("POST", `/${realm}/users/${acme.account}/role-mappings/clients/${write.client}`, write.roles);
    await admin.request(
      "POST",
      `/${realm}/users/${acme.account}/role-mappings/clients/${manageUsers.client}`,
      manageUsers.roles,
    );
    await admin.request("POST", `/${realm}/clients/${acme.client}/scope-mappings/clients/${write.client}`, write.roles);
    // AND the realm's profile scope attached to acme-logistics as optional, so that its token requests
    // may ask for it
    const scopes = await admin.request<{ id: string; name: string }[]>("GET", `/${realm}/client-scopes`);
    const profile = scopes.find((scope) => scope.name === "profile")!;
    await admin.request("PUT", `/${realm}/clients/${acme.client}/optional-client-scopes/${profile.id}`);
    // AND globex-billing given a hard-coded claim, and its service account put in a group holding
    // orders:read, scope-mapped too
    const globex = await ids("globex-billing");
    await admin.request("POST", `/${realm}/clients/${globex.client}/protocol-mappers/models`, {
      name: "is-admin",
      protocol: "openid-connect",
      protocolMapper: "oidc-hardcoded-claim-mapper",
      config: { "claim.name": "is_admin", "claim.value": "true", "access.token.claim": "true" },
    });
    await admin.request("POST", `/${realm}/groups`, { name: "ops" });
    const [group] = await admin.request<{ id: string }[]>("GET", `/${realm}/groups?search=ops&exact=true`);
    const read = await rolesOf(backend, "orders:read");
    await admin.request("POST", `/${realm}/groups/${group!.id}/role-mappings/clients/${read.client}`, read.roles);
    await admin.request("PUT", `/${realm}/users/${globex.account}/groups/${group!.id}`);
    await admin.request("POST", `/${realm}/clients/${globex.client}/scope-mappings/clients/${read.client}`, read.roles);
    // AND their tokens carry what was added
    expect((await claimsOf("acme-logistics")).resource_access?.[backend]?.roles?.sort()).toEqual([
      "orders:read",
      "orders:write",
    ]);
    expect((await askingFor("acme-logistics", "profile")).status).toBe(200);
    const globexClaims = await claimsOf("globex-billing");
    expect(globexClaims.is_admin).toBe("true");
    expect(globexClaims.resource_access?.[backend]?.roles).toContain("orders:read");

    // WHEN drift runs
    const drift = await project.realm("drift");

    // THEN it exits 2 naming each customer and each extra
    expect(drift.code, drift.stderr).toBe(2);
    expect(drift.stdout).toContain("Drift: the live `local` realm differs from the last deploy");
    // (its service account's grants are drift of its exhaustive role set, named from their ids)
    const acmeRow = rowOf(drift.stdout, "acme-logistics");
    expect(acmeRow).toMatch(/service account holds [^;|]*atlas-api\/orders:write/);
    expect(acmeRow).toMatch(/service account holds [^;|]*realm-management\/manage-users/);
    expect(acmeRow).toMatch(/scope mapping atlas-api\/orders:write, not in its file/);
    expect(acmeRow).toMatch(/optional scope profile, not in its file/);
    const globexRow = rowOf(drift.stdout, "globex-billing");
    expect(globexRow).toMatch(/scope mapping atlas-api\/orders:read, not in its file/);
    expect(globexRow).toMatch(/mapper is-admin, not in its file/);
    expect(globexRow).toMatch(/service account in group \/ops/);
    // AND a refreshing plan shows them too
    const plan = await project.realm("plan");
    expect(plan.code, plan.stderr).toBe(2);
    expect(rowOf(plan.stdout, "globex-billing")).toMatch(/holds more than its file.*mapper is-admin, not in its file/);
    expect(rowOf(plan.stdout, "acme-logistics")).toMatch(
      /takes away (atlas-api\/orders:write, realm-management\/manage-users|realm-management\/manage-users, atlas-api\/orders:write), not in its file/,
    );
    // AND a plan without refresh (a pull request's) makes no Keycloak request, so it cannot see them
    const offline = await project.realm("plan", "--no-refresh");
    expect(offline.code, offline.stderr).toBe(0);
    expect(offline.stderr).not.toMatch(/beyond their files/);

    // WHEN deploy runs
    const deployed = await project.realm("deploy");

    // THEN the tokens carry exactly the files' roles and no added claim
    expect(deployed.code, deployed.stderr).toBe(0);
    expect((await claimsOf("acme-logistics")).resource_access?.[backend]?.roles).toEqual(["orders:read"]);
    // AND acme-logistics may no longer ask for the profile scope
    const refused = await askingFor("acme-logistics", "profile");
    expect(refused.status, JSON.stringify(refused.body)).toBe(400);
    expect(refused.body.error).toBe("invalid_scope");
    expect(await admin.request("GET", `/${realm}/clients/${acme.client}/optional-client-scopes`)).toEqual([]);
    const after = await claimsOf("globex-billing");
    expect(after.is_admin).toBeUndefined();
    expect(after.resource_access?.[backend]?.roles?.sort()).toEqual(["invoices:read", "orders:write"]);
    // AND acme-logistics's service account holds its file's role only: its role set is exhaustive, so
    // not even the realm's default roles Keycloak gives every new service account
    expect((await admin.serviceAccountRoles(realm, "acme-logistics", "realm-management")).client).toEqual([]);
    expect(await admin.serviceAccountRoles(realm, "acme-logistics", backend)).toEqual({
      realm: [],
      client: ["orders:read"],
    });
    expect(await admin.request("GET", `/${realm}/users/${globex.account}/groups`)).toEqual([]);
    // AND drift and plan find nothing left
    const clean = await project.realm("drift");
    expect(clean.code, clean.stdout).toBe(0);
    expect((await project.realm("plan")).code).toBe(0);
  });

  it("keeps a role granted by hand that the file now asks for", async () => {
    // GIVEN invoices:read granted and scope-mapped to acme-logistics by hand, then added to its file
    const acme = await ids("acme-logistics");
    const invoices = await rolesOf(backend, "invoices:read");
    await admin.request(
      "POST",
      `/${realm}/users/${acme.account}/role-mappings/clients/${invoices.client}`,
      invoices.roles,
    );
    await admin.request(
      "POST",
      `/${realm}/clients/${acme.client}/scope-mappings/clients/${invoices.client}`,
      invoices.roles,
    );
    await project.writeCustomer(
      "acme-logistics",
      "displayName: ACME Logistics\ncontactEmail: integrations@acme-logistics.example\n" +
        "description: Warehouse system.\nroles: [orders:read, invoices:read]\n",
    );

    // WHEN
    const deployed = await project.realm("deploy");

    // THEN the role stays, and nothing is left to do
    expect(deployed.code, deployed.stderr).toBe(0);
    expect((await claimsOf("acme-logistics")).resource_access?.[backend]?.roles?.sort()).toEqual([
      "invoices:read",
      "orders:read",
    ]);
    expect((await project.realm("drift")).code).toBe(0);
    expect((await project.realm("plan")).code).toBe(0);
  });
});

describe("what a customer client holds beyond its file, among many customers", () => {
  // Beside the repository's two, enough customers that the check walks the realm's groups instead
  // of asking each service account for its groups.
  const bulk = Array.from({ length: FEW_CLIENTS }, (_, index) => `bulk-${String(index + 1).padStart(2, "0")}`);
  const customers = bulk.length + 2;
  // The read-only credential README gives drift checks (its own name: other files make theirs).
  const driftClient = { clientId: `${realm}-holdings-drift`, clientSecret: randomBytes(24).toString("base64url") };
  let project: RealmProject;

  async function deleteDriftClient(): Promise<void> {
    const client = await admin.client("master", driftClient.clientId);
    if (client) await admin.request("DELETE", `/master/clients/${client.id}`);
  }

  beforeAll(async () => {
    await admin.deleteRealmIfExists(realm);
    await deleteDriftClient();
    project = await RealmProject.create(keycloak);
    for (const id of bulk) {
      await project.writeCustomer(
        id,
        `displayName: Bulk ${id}\ncontactEmail: api@${id}.example\ndescription: One of many.\nroles: [orders:read]\n`,
      );
    }
    const deployed = await project.realm("deploy");
    if (deployed.code !== 0) throw new Error(`first deploy failed:\n${deployed.stderr}`);
    await admin.createServiceAccountClient("master", {
      ...driftClient,
      clientRoles: { clientId: `${realm}-realm`, roles: DRIFT_ROLES },
    });
  });

  afterAll(async () => {
    await project?.dispose();
    await deleteDriftClient();
  });

  it("finds a service account in a nested subgroup with the read-only drift credential, in two requests per customer and the walk", async () => {
    // GIVEN bulk-07's service account put in /partners/eu/trusted, which holds orders:write; a person in /partners
    const { account } = await ids("bulk-07");
    /** A group made in `path` (the realm's groups, or a group's children), by name. */
    const group = async (path: string, name: string) => {
      await admin.request("POST", path, { name });
      const made = await admin.request<{ id: string; name: string }[]>("GET", path);
      return made.find((found) => found.name === name)!.id;
    };
    const partners = await group(`/${realm}/groups`, "partners");
    const eu = await group(`/${realm}/groups/${partners}/children`, "eu");
    const trusted = await group(`/${realm}/groups/${eu}/children`, "trusted");
    const write = await rolesOf(backend, "orders:write");
    await admin.request("POST", `/${realm}/groups/${trusted}/role-mappings/clients/${write.client}`, write.roles);
    await admin.request("PUT", `/${realm}/users/${account}/groups/${trusted}`);
    await admin.createUser(realm, { username: "partner-manager", password: randomBytes(18).toString("base64url") });
    const [person] = await admin.request<{ id: string }[]>(
      "GET",
      `/${realm}/users?exact=true&username=partner-manager`,
    );
    await admin.request("PUT", `/${realm}/users/${person!.id}/groups/${partners}`);

    // WHEN drift runs with the read-only credential
    const drift = await project
      .withEnvironment({
        KEYCLOAK_CLIENT_ID: driftClient.clientId,
        KEYCLOAK_CLIENT_SECRET: driftClient.clientSecret,
      })
      .realm("drift");

    // THEN it names the customer and the group's path, and no other customer
    expect(drift.code, drift.stderr).toBe(2);
    expect(rowOf(drift.stdout, "bulk-07")).toMatch(/service account in group \/partners\/eu\/trusted/);
    expect(drift.stdout).toContain("**Customers:** 1 holding more than their file.");
    // AND it asked each customer's scope mappings and mappers, and walked the groups: a count, the
    // top level, the children of partners and eu, the members of each of the three
    const requests = 2 * customers + 1 + 1 + 2 + 3;
    expect(drift.stderr).toContain(`${customers} clients, ${requests} admin requests)`);

    // WHEN deploy runs
    const deployed = await project.realm("deploy");

    // THEN the service account is in no group, and drift finds nothing left
    expect(deployed.code, deployed.stderr).toBe(0);
    expect(await admin.request("GET", `/${realm}/users/${account}/groups`)).toEqual([]);
    const clean = await project.realm("drift");
    expect(clean.code, clean.stdout).toBe(0);
    expect(clean.stderr).toContain(`${customers} clients, ${requests} admin requests)`);
  });
});
