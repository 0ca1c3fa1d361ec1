import { describe, expect, it } from "vitest";
import { describeHoldings, findHoldings, hasExtras, type Holdings } from "../../../lib/operations/client-holdings";
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
    return this.answers[path] as T | undefined;
  }
}

/** The answers for a client as deployed: its roles come through role scopes, nothing is mapped on it. */
function clientAnswers(id: string, extra: Record<string, unknown> = {}) {
  return {
    [`test/users/u-${id}/groups`]: [],
    [`test/clients/c-${id}/scope-mappings`]: {},
    [`test/clients/c-${id}/protocol-mappers/models`]: [],
    ...extra,
  };
}

describe("findHoldings", () => {
  it("lists scope mappings, groups and mappers beyond the file, and nothing a client as deployed holds", async () => {
    // GIVEN acme deployed with orders:read, holding by hand a scope mapping of orders:write, a group
    // and a mapper; globex exactly as deployed
    const keycloak = new FakeKeycloak({
      ...clientAnswers("globex"),
      ...clientAnswers("acme", {
        "test/users/u-acme/groups": [{ id: "g-ops", path: "/ops", name: "ops" }],
        "test/clients/c-acme/scope-mappings": { clientMappings: { [API.client]: { ...API, mappings: [WRITE] } } },
        "test/clients/c-acme/protocol-mappers/models": [
          { id: "m-admin", name: "is-admin", protocol: "openid-connect" },
        ],
      }),
    });
    const state = [BACKEND_CLIENT, ...deployed("acme", [READ]), ...deployed("globex", [READ])];

    // WHEN
    const holdings = await findHoldings(keycloak, settings, state, () => true, 30);

    // THEN
    expect(holdings).toEqual([
      {
        id: "acme",
        internalId: "c-acme",
        extraRoles: [],
        extraScopeMappings: [{ role: WRITE, client: API_CLIENT }],
        groups: [{ id: "g-ops", path: "/ops" }],
        protocolMappers: [{ id: "m-admin", name: "is-admin" }],
      },
      { id: "globex", internalId: "c-globex", extraRoles: [], extraScopeMappings: [], groups: [], protocolMappers: [] },
    ]);
    expect(holdings.map(hasExtras)).toEqual([true, false]);
    // AND it asked three questions per customer client, none about the backend's client, and not its
    // service account's roles: the exhaustive role set shows those to the engine
    expect(keycloak.asked).toHaveLength(6);
    expect(keycloak.asked.filter((path) => path.includes(API.id) || path.endsWith("role-mappings"))).toEqual([]);
  });

  it("counts a scope mapping of the client's own role as beyond its file: its roles come through role scopes", async () => {
    // GIVEN acme's client still scope-mapped to orders:read, as the per-role release left it
    const keycloak = new FakeKeycloak(
      clientAnswers("acme", {
        "test/clients/c-acme/scope-mappings": { clientMappings: { [API.client]: { ...API, mappings: [READ] } } },
      }),
    );

    // WHEN
    const [holdings] = await findHoldings(keycloak, settings, deployed("acme", [READ]), () => true, 30);

    // THEN the deploy removes it once the role scopes are attached
    expect(holdings?.extraScopeMappings).toEqual([{ role: READ, client: API_CLIENT }]);
  });

  it("skips a client deleted by hand (the engine's refresh reports that) and clients not wanted", async () => {
    // GIVEN acme in state but gone from Keycloak, globex not wanted
    const keycloak = new FakeKeycloak({});
    const state = [...deployed("acme", [READ]), ...deployed("globex", [READ])];

    // WHEN
    const holdings = await findHoldings(keycloak, settings, state, (id) => id !== "globex", 30);

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
    const holdings = await findHoldings(keycloak, settings, state, () => true, requestsAtOnce);

    // THEN every client is read, in three requests each
    expect(holdings.map((h) => h.id)).toEqual(ids);
    expect(keycloak.asked).toHaveLength(60);
    expect(keycloak.maxInFlight).toBe(requestsAtOnce);
  });
});

describe("describeHoldings", () => {
  it("says, one line each, what the service account holds, what is scope-mapped, the mappers and the groups", () => {
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
    };
    expect(describeHoldings(holdings)).toEqual([
      "service account holds realm-management/manage-users, offline_access, not in its file",
      "scope mapping test-api/orders:write, not in its file",
      "mapper is-admin, not in its file",
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
    };
    expect(describeHoldings(holdings)).toEqual(["mapper a\\|b\\n\\| `evil` \\| forged \\|, not in its file"]);
  });
});
