import { describe, expect, it } from "vitest";
import {
  describeHoldings,
  FEW_CLIENTS,
  findHoldings,
  hasExtras,
  type Holdings,
} from "../../../lib/operations/client-holdings";
import { KeycloakAdminError } from "../../../lib/operations/keycloak-admin";
import type { StateResource } from "../../../lib/operations/stack-workspace";
import { testSettings } from "../test-settings";

const settings = testSettings();
const API = { id: "c-api", client: "test-api" };
const MANAGEMENT = { id: "c-mgmt", client: "realm-management" };
const API_CLIENT = { id: API.id, clientId: API.client };

/** A deployed customer's client and its role set, as the state holds them. */
function deployed(id: string, roles: { name: string; id: string }[]): StateResource[] {
  return [
    {
      address: `keycloak_openid_client.customers_${id}_client_1A2B3C4D`,
      type: "keycloak_openid_client",
      name: `customers_${id}_client_1A2B3C4D`,
      values: { id: `c-${id}`, client_id: id, service_account_user_id: `u-${id}` },
    },
    {
      address: `keycloak_user_roles.customers_${id}_service-account-roles_5A6B7C8D`,
      type: "keycloak_user_roles",
      name: `customers_${id}_service-account-roles_5A6B7C8D`,
      values: { user_id: `u-${id}`, role_ids: roles.map((role) => role.id), exhaustive: true },
    },
  ];
}

const BACKEND_CLIENT: StateResource = {
  address: "keycloak_openid_client.api_client_00000000",
  type: "keycloak_openid_client",
  name: "api_client_00000000",
  values: { id: API.id, client_id: API.client, service_account_user_id: "" },
};

const READ = { id: "r-read", name: "orders:read" };
const WRITE = { id: "r-write", name: "orders:write" };

/** Keycloak's admin API as the holdings check reads it: answers by path, 404 (undefined) for the rest. */
class FakeKeycloak {
  readonly asked: string[] = [];
  private inFlight = 0;
  maxInFlight = 0;

  constructor(private readonly answers: Record<string, unknown>) {}

  async find<T>(path: string): Promise<T | undefined> {
    this.asked.push(path);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((resolve) => setTimeout(resolve, 1));
    this.inFlight--;
    const answer = this.answers[path];
    if (answer instanceof KeycloakAdminError) throw answer;
    return answer as T | undefined;
  }
}

/** The answers for a client as deployed: its roles come through role scopes, nothing is mapped on it. */
function clientAnswers(id: string, extra: Record<string, unknown> = {}) {
  return {
    [`test/users/u-${id}/groups`]: [],
    [`test/clients/c-${id}/scope-mappings`]: {},
    [`test/clients/c-${id}`]: { clientAuthenticatorType: "client-secret" },
    ...extra,
  };
}

describe("findHoldings", () => {
  it("lists scope mappings, groups, mappers and optional scopes beyond the file, and nothing a client as deployed holds", async () => {
    // GIVEN acme deployed with orders:read, holding by hand a scope mapping of orders:write, a group,
    // a mapper and an optional scope; globex exactly as deployed
    const keycloak = new FakeKeycloak({
      ...clientAnswers("globex"),
      ...clientAnswers("acme", {
        "test/users/u-acme/groups": [{ id: "g-ops", path: "/ops", name: "ops" }],
        "test/clients/c-acme/scope-mappings": { clientMappings: { [API.client]: { ...API, mappings: [WRITE] } } },
        "test/clients/c-acme": {
          clientAuthenticatorType: "client-secret",
          protocolMappers: [{ id: "m-admin", name: "is-admin", protocol: "openid-connect" }],
          defaultClientScopes: ["basic", "roles"],
          optionalClientScopes: ["offline_access"],
        },
      }),
    });
    const state = [BACKEND_CLIENT, ...deployed("acme", [READ]), ...deployed("globex", [READ])];

    // WHEN
    const { holdings } = await findHoldings(keycloak, settings, state, () => true, 30);

    // THEN
    expect(holdings).toEqual([
      {
        id: "acme",
        internalId: "c-acme",
        extraRoles: [],
        extraScopeMappings: [{ role: WRITE, client: API_CLIENT }],
        groups: [{ id: "g-ops", path: "/ops" }],
        protocolMappers: [{ id: "m-admin", name: "is-admin" }],
        optionalScopes: ["offline_access"],
      },
      {
        id: "globex",
        internalId: "c-globex",
        extraRoles: [],
        extraScopeMappings: [],
        groups: [],
        protocolMappers: [],
        optionalScopes: [],
      },
    ]);
    expect(holdings.map(hasExtras)).toEqual([true, false]);
    // AND it asked three questions per customer client, none about the backend's client, and not its
    // service account's roles: the exhaustive role set shows those to the engine
    expect(keycloak.asked).toHaveLength(6);
    expect(keycloak.asked.filter((path) => path.includes(API.id) || path.endsWith("role-mappings"))).toEqual([]);
  });

  it("gives each client-secret customer's secret status from the same reads, without listing the realm's clients", async () => {
    // GIVEN acme's secret expiring, its previous one still working; globex authenticating with private_key_jwt
    const expires = Date.UTC(2027, 0, 3) / 1000;
    const previousUntil = Date.UTC(2099, 0, 1) / 1000;
    const keycloak = new FakeKeycloak({
      ...clientAnswers("acme", {
        "test/clients/c-acme": {
          clientAuthenticatorType: "client-secret",
          attributes: {
            "client.secret.expiration.time": String(expires),
            "client.secret.rotated.expiration.time": String(previousUntil),
          },
        },
      }),
      ...clientAnswers("globex", { "test/clients/c-globex": { clientAuthenticatorType: "client-jwt" } }),
    });
    const state = [...deployed("acme", [READ]), ...deployed("globex", [READ])];

    // WHEN
    const { secrets } = await findHoldings(keycloak, settings, state, () => true, 30);

    // THEN
    expect(secrets).toEqual([
      {
        id: "acme",
        internalId: "c-acme",
        expiresAt: new Date(expires * 1000),
        previousWorksUntil: new Date(previousUntil * 1000),
      },
    ]);
    expect(keycloak.asked).toHaveLength(6);
  });

  it("counts a scope mapping of the client's own role as beyond its file: its roles come through role scopes", async () => {
    // GIVEN acme's client still scope-mapped to orders:read, as the per-role release left it
    const keycloak = new FakeKeycloak(
      clientAnswers("acme", {
        "test/clients/c-acme/scope-mappings": { clientMappings: { [API.client]: { ...API, mappings: [READ] } } },
      }),
    );

    // WHEN
    const {
      holdings: [holdings],
    } = await findHoldings(keycloak, settings, deployed("acme", [READ]), () => true, 30);

    // THEN the deploy removes it once the role scopes are attached
    expect(holdings?.extraScopeMappings).toEqual([{ role: READ, client: API_CLIENT }]);
  });

  it("skips a client deleted by hand (the engine's refresh reports that) and clients not wanted", async () => {
    // GIVEN acme in state but gone from Keycloak, globex not wanted
    const keycloak = new FakeKeycloak({});
    const state = [...deployed("acme", [READ]), ...deployed("globex", [READ])];

    // WHEN
    const { holdings } = await findHoldings(keycloak, settings, state, (id) => id !== "globex", 30);

    // THEN
    expect(holdings).toEqual([]);
    expect(keycloak.asked.filter((path) => path.includes("globex"))).toEqual([]);
  });

  it.each([30, 3])("keeps %i requests in flight (REALM_PARALLELISM), never more", async (requestsAtOnce) => {
    // GIVEN 20 deployed customers
    const ids = Array.from({ length: 20 }, (_, index) => `c${index}`);
    const keycloak = new FakeKeycloak(Object.assign({}, ...ids.map((id) => clientAnswers(id))));
    const state = ids.flatMap((id) => deployed(id, [READ]));

    // WHEN
    const { holdings } = await findHoldings(keycloak, settings, state, () => true, requestsAtOnce);

    // THEN every client is read, in three requests each
    expect(holdings.map((h) => h.id)).toEqual(ids);
    expect(keycloak.asked).toHaveLength(60);
    expect(keycloak.maxInFlight).toBe(requestsAtOnce);
  });
});

/** Enough customers that the check reads the realm's groups rather than each service account's. */
const MANY = Array.from({ length: FEW_CLIENTS + 5 }, (_, index) => `c${String(index).padStart(2, "0")}`);

/** Answers of a realm whose clients are as deployed, and that has no groups. */
function realmOf(ids: readonly string[], extra: Record<string, unknown> = {}) {
  return {
    ...Object.fromEntries(ids.map((id) => [`test/clients/c-${id}/scope-mappings`, {}])),
    ...Object.fromEntries(ids.map((id) => [`test/clients/c-${id}`, {}])),
    "test/groups/count": { count: 0 },
    ...extra,
  };
}

const group = (id: string, name: string, path: string, subGroupCount = 0) => ({ id, name, path, subGroupCount });
const members = (id: string) => `test/groups/${id}/members?briefRepresentation=true&first=0&max=1000`;
const children = (id: string) => `test/groups/${id}/children?briefRepresentation=true&first=0&max=1000`;
const TOP_GROUPS = "test/groups?briefRepresentation=true&first=0&max=1000";

describe("findHoldings for many clients: the realm's groups instead of each service account's", () => {
  const state = MANY.flatMap((id) => deployed(id, [READ]));
  const asDeployed = (id: string) => ({
    id,
    internalId: `c-${id}`,
    extraRoles: [],
    extraScopeMappings: [],
    groups: [],
    protocolMappers: [],
    optionalScopes: [],
  });

  it(`reads the groups of all ${MANY.length} service accounts in one request when the realm has none`, async () => {
    // GIVEN c03 holding a mapper by hand, and no group in the realm
    const keycloak = new FakeKeycloak(
      realmOf(MANY, {
        "test/clients/c-c03": { protocolMappers: [{ id: "m-admin", name: "is-admin", protocol: "openid-connect" }] },
      }),
    );

    // WHEN
    const { holdings } = await findHoldings(keycloak, settings, state, () => true, 30);

    // THEN the same findings as reading each account's groups
    expect(holdings).toEqual(
      MANY.map((id) =>
        id === "c03" ? { ...asDeployed(id), protocolMappers: [{ id: "m-admin", name: "is-admin" }] } : asDeployed(id),
      ),
    );
    // AND per client its scope mappings and mappers, which nothing lists in bulk quickly, and one count
    expect(keycloak.asked.filter((path) => !/\/(scope-mappings|clients\/c-c\d+)$/.test(path))).toEqual([
      "test/groups/count",
    ]);
    expect(keycloak.asked).toHaveLength(2 * MANY.length + 1);
  });

  it("walks groups, subgroups and members to find each service account's groups, named by path as a user's groups are", async () => {
    // GIVEN c01's service account in /ops/night/deep; c02's in /Zeta, /ops and /ops/night/deep; people in /Zeta
    const keycloak = new FakeKeycloak({
      ...realmOf(MANY),
      "test/groups/count": { count: 4 },
      [TOP_GROUPS]: [group("g-zeta", "Zeta", "/Zeta"), group("g-ops", "ops", "/ops", 1)],
      [children("g-ops")]: [group("g-night", "night", "/ops/night", 1)],
      [children("g-night")]: [group("g-deep", "deep", "/ops/night/deep")],
      [members("g-zeta")]: [{ id: "u-person" }, { id: "u-c02" }],
      [members("g-ops")]: [{ id: "u-c02" }],
      [members("g-night")]: [],
      [members("g-deep")]: [{ id: "u-c01" }, { id: "u-c02" }],
    });

    // WHEN
    const { holdings } = await findHoldings(keycloak, settings, state, () => true, 30);

    // THEN in name order, as Keycloak lists a user's groups
    const groupsOf = (id: string) => holdings.find((h) => h.id === id)?.groups;
    expect(groupsOf("c01")).toEqual([{ id: "g-deep", path: "/ops/night/deep" }]);
    expect(groupsOf("c02")).toEqual([
      { id: "g-zeta", path: "/Zeta" },
      { id: "g-deep", path: "/ops/night/deep" },
      { id: "g-ops", path: "/ops" },
    ]);
    expect(holdings.filter((h) => h.groups.length > 0).map((h) => h.id)).toEqual(["c01", "c02"]);
    // AND in 1 count, 1 page of groups, 2 of children and 4 of members; no user's groups asked
    expect(keycloak.asked.filter((path) => path.includes("/groups"))).toHaveLength(8);
    expect(keycloak.asked.filter((path) => path.startsWith("test/users/"))).toEqual([]);
  });

  it("takes subgroups from the listing where Keycloak before 23 nests them, without asking for children", async () => {
    // GIVEN /ops listed with its subgroup /ops/night inside it, and no subgroup counts
    const night = { id: "g-night", name: "night", path: "/ops/night", subGroups: [] };
    const keycloak = new FakeKeycloak({
      ...realmOf(MANY),
      "test/groups/count": { count: 2 },
      [TOP_GROUPS]: [{ id: "g-ops", name: "ops", path: "/ops", subGroups: [night] }],
      [members("g-ops")]: [],
      [members("g-night")]: [{ id: "u-c05" }],
    });

    // WHEN
    const { holdings } = await findHoldings(keycloak, settings, state, () => true, 30);

    // THEN
    expect(holdings.find((h) => h.id === "c05")?.groups).toEqual([{ id: "g-night", path: "/ops/night" }]);
    expect(keycloak.asked.filter((path) => path.includes("/children"))).toEqual([]);
  });

  it("reads each service account's groups instead when the realm has as many groups as clients", async () => {
    // GIVEN more groups than a walk could visit in fewer requests than asking each account
    const keycloak = new FakeKeycloak({
      ...realmOf(MANY),
      ...Object.fromEntries(MANY.map((id) => [`test/users/u-${id}/groups`, []])),
      "test/users/u-c04/groups": [{ id: "g-ops", path: "/ops", name: "ops" }],
      "test/groups/count": { count: MANY.length },
    });

    // WHEN
    const { holdings } = await findHoldings(keycloak, settings, state, () => true, 30);

    // THEN
    expect(holdings.find((h) => h.id === "c04")?.groups).toEqual([{ id: "g-ops", path: "/ops" }]);
    expect(keycloak.asked.filter((path) => path.includes("/groups?") || path.includes("/members"))).toEqual([]);
    expect(keycloak.asked).toHaveLength(3 * MANY.length + 1);
  });

  it("reads each service account's groups instead when a group's members take more pages than that saves", async () => {
    // GIVEN one group of people so large that paging its members costs more requests than clients
    const page = Array.from({ length: 1000 }, (_, index) => ({ id: `u-person-${index}` }));
    const keycloak = new FakeKeycloak({
      ...realmOf(MANY),
      ...Object.fromEntries(MANY.map((id) => [`test/users/u-${id}/groups`, []])),
      "test/users/u-c04/groups": [{ id: "g-staff", path: "/staff", name: "staff" }],
      "test/groups/count": { count: 1 },
      [TOP_GROUPS]: [group("g-staff", "staff", "/staff")],
      ...Object.fromEntries(
        Array.from({ length: MANY.length }, (_, index) => [
          `test/groups/g-staff/members?briefRepresentation=true&first=${index * 1000}&max=1000`,
          page,
        ]),
      ),
    });

    // WHEN
    const { holdings } = await findHoldings(keycloak, settings, state, () => true, 30);

    // THEN the walk stops at its budget (as many requests as accounts) and each account is asked
    expect(holdings.find((h) => h.id === "c04")?.groups).toEqual([{ id: "g-staff", path: "/staff" }]);
    const walk = keycloak.asked.filter((path) => path.startsWith("test/groups"));
    expect(walk).toHaveLength(MANY.length);
    expect(keycloak.asked.filter((path) => path.startsWith("test/users/"))).toHaveLength(MANY.length);
  });

  it("rejects a credential that may not list groups: HTTP 403 named, nothing passed for checked", async () => {
    // GIVEN a credential without view-users
    const keycloak = new FakeKeycloak({
      ...realmOf(MANY),
      "test/groups/count": new KeycloakAdminError("GET", "test/groups/count", 403),
    });

    // WHEN / THEN
    await expect(findHoldings(keycloak, settings, state, () => true, 30)).rejects.toThrow(
      /GET \/admin\/realms\/test\/groups\/count with HTTP 403: the credential may not read what customer clients hold .* view-clients and view-users/,
    );
  });

  it(`reads the groups of each of ${FEW_CLIENTS} service accounts on its own: a merged pull request's few walk nothing`, async () => {
    // GIVEN
    const few = MANY.slice(0, FEW_CLIENTS);
    const keycloak = new FakeKeycloak(Object.assign({}, ...few.map((id) => clientAnswers(id))));

    // WHEN
    const { holdings } = await findHoldings(keycloak, settings, state, (id) => few.includes(id), 30);

    // THEN
    expect(holdings).toEqual(few.map(asDeployed));
    expect(keycloak.asked).toHaveLength(3 * FEW_CLIENTS);
    expect(keycloak.asked.filter((path) => path.includes("?") || path.endsWith("count"))).toEqual([]);
  });
});

describe("describeHoldings", () => {
  it("says, one line each, what the service account holds, what is scope-mapped, the mappers, the optional scopes and the groups", () => {
    const holdings: Holdings = {
      id: "acme",
      internalId: "c-acme",
      extraRoles: [
        { role: { id: "r-manage", name: "manage-users" }, client: { id: MANAGEMENT.id, clientId: MANAGEMENT.client } },
        { role: { id: "r-offline", name: "offline_access" } },
      ],
      extraScopeMappings: [{ role: WRITE, client: API_CLIENT }],
      groups: [
        { id: "g1", path: "/ops" },
        { id: "g2", path: "/ops/night" },
      ],
      protocolMappers: [{ id: "m", name: "is-admin" }],
      optionalScopes: ["offline_access", "test-api-orders-write"],
    };
    expect(describeHoldings(holdings)).toEqual([
      "service account holds realm-management/manage-users, offline_access, not in its file",
      "scope mapping test-api/orders:write, not in its file",
      "mapper is-admin, not in its file",
      "optional scopes offline_access, test-api-orders-write, not in its file",
      "service account in groups /ops, /ops/night",
    ]);
  });

  it("escapes names that would end a table cell or start a new line of the report", () => {
    const holdings: Holdings = {
      id: "acme",
      internalId: "c-acme",
      extraRoles: [],
      extraScopeMappings: [],
      groups: [],
      protocolMappers: [{ id: "m", name: "a|b\n| `evil` | forged |" }],
      optionalScopes: [],
    };
    expect(describeHoldings(holdings)).toEqual(["mapper a\\|b\\n\\| `evil` \\| forged \\|, not in its file"]);
  });
});
