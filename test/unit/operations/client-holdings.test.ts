import { describe, expect, it } from "vitest";
import { describeHoldings, findHoldings, hasExtras, type Holdings } from "../../../lib/operations/client-holdings";
import type { Customer } from "../../../lib/model/customer-file";
import type { StateResource } from "../../../lib/operations/stack-workspace";
import { testSettings } from "../test-settings";

const settings = testSettings();
const API = { id: "c-api", client: "test-api" };
const MANAGEMENT = { id: "c-mgmt", client: "realm-management" };
const API_CLIENT = { id: API.id, clientId: API.client };

const customer = (id: string, roles: string[]) => ({ id, roles }) as unknown as Customer;

/** A deployed customer's client and its role resources, as the state holds them. */
function deployed(id: string, roles: { name: string; id: string }[]): StateResource[] {
  const client = {
    address: `keycloak_openid_client.customers_${id}_client_1A2B3C4D`,
    type: "keycloak_openid_client",
    name: `customers_${id}_client_1A2B3C4D`,
    values: { id: `c-${id}`, client_id: id, service_account_user_id: `u-${id}` },
  };
  return [
    client,
    ...roles.flatMap((role) => [
      {
        address: `keycloak_openid_client_service_account_role.customers_${id}_role-${role.name}`,
        type: "keycloak_openid_client_service_account_role",
        name: `customers_${id}_role-${role.name}`,
        values: { service_account_user_id: `u-${id}`, client_id: API.id, role: role.name },
      },
      {
        address: `keycloak_generic_role_mapper.customers_${id}_scope-${role.name}`,
        type: "keycloak_generic_role_mapper",
        name: `customers_${id}_scope-${role.name}`,
        values: { client_id: `c-${id}`, role_id: role.id },
      },
    ]),
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
const DEFAULT_ROLES = { id: "r-default", name: "default-roles-test" };

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

/** The four answers for a client that holds exactly the given backend roles. */
function clientAnswers(id: string, roles: { id: string; name: string }[], extra: Record<string, unknown> = {}) {
  return {
    [`test/users/u-${id}/role-mappings`]: {
      realmMappings: [DEFAULT_ROLES],
      clientMappings: { [API.client]: { ...API, mappings: roles } },
    },
    [`test/users/u-${id}/groups`]: [],
    [`test/clients/c-${id}/scope-mappings`]: { clientMappings: { [API.client]: { ...API, mappings: roles } } },
    [`test/clients/c-${id}/protocol-mappers/models`]: [],
    ...extra,
  };
}

describe("findHoldings", () => {
  it("lists role grants, scope mappings, groups and mappers beyond the file, and nothing a client as deployed holds", async () => {
    // GIVEN acme deployed with orders:read, holding by hand orders:write (granted and scope-mapped),
    // realm-management/manage-users, offline_access, a group and a mapper; globex exactly as deployed
    const keycloak = new FakeKeycloak({
      ...clientAnswers("globex", [READ]),
      ...clientAnswers("acme", [READ], {
        "test/users/u-acme/role-mappings": {
          realmMappings: [DEFAULT_ROLES, { id: "r-offline", name: "offline_access" }],
          clientMappings: {
            [API.client]: { ...API, mappings: [READ, WRITE] },
            [MANAGEMENT.client]: { ...MANAGEMENT, mappings: [{ id: "r-manage", name: "manage-users" }] },
          },
        },
        "test/users/u-acme/groups": [{ id: "g-ops", path: "/ops", name: "ops" }],
        "test/clients/c-acme/scope-mappings": { clientMappings: { [API.client]: { ...API, mappings: [READ, WRITE] } } },
        "test/clients/c-acme/protocol-mappers/models": [
          { id: "m-admin", name: "is-admin", protocol: "openid-connect" },
        ],
      }),
    });
    const state = [BACKEND_CLIENT, ...deployed("acme", [READ]), ...deployed("globex", [READ])];
    const files = [customer("acme", ["orders:read"]), customer("globex", ["orders:read"])];

    // WHEN
    const holdings = await findHoldings(keycloak, settings, files, state, () => true, 30);

    // THEN
    expect(holdings).toEqual([
      {
        id: "acme",
        internalId: "c-acme",
        extraRoles: [
          { role: { id: "r-offline", name: "offline_access" } },
          { role: WRITE, client: API_CLIENT },
          {
            role: { id: "r-manage", name: "manage-users" },
            client: { id: MANAGEMENT.id, clientId: MANAGEMENT.client },
          },
        ],
        extraScopeMappings: [{ role: WRITE, client: API_CLIENT }],
        groups: [{ id: "g-ops", path: "/ops" }],
        protocolMappers: [{ id: "m-admin", name: "is-admin" }],
      },
      { id: "globex", internalId: "c-globex", extraRoles: [], extraScopeMappings: [], groups: [], protocolMappers: [] },
    ]);
    expect(holdings.map(hasExtras)).toEqual([true, false]);
    // AND it asked four questions per customer client, none about the backend's client
    expect(keycloak.asked).toHaveLength(8);
    expect(keycloak.asked.filter((path) => path.includes(API.id))).toEqual([]);
  });

  it("keeps a role the file asks for but the state does not hold yet, and one the state holds that the file dropped", async () => {
    // GIVEN acme deployed with orders:read, its file now asking for orders:write instead, granted by hand already
    const keycloak = new FakeKeycloak(clientAnswers("acme", [READ, WRITE]));

    // WHEN
    const [holdings] = await findHoldings(
      keycloak,
      settings,
      [customer("acme", ["orders:write"])],
      deployed("acme", [READ]),
      () => true,
      30,
    );

    // THEN the deploy grants one and revokes the other through the engine: neither is an extra
    expect(holdings && hasExtras(holdings)).toBe(false);
  });

  it("compares a client whose file is gone with what the state grants it", async () => {
    const keycloak = new FakeKeycloak(clientAnswers("gone", [READ, WRITE]));
    const [holdings] = await findHoldings(keycloak, settings, [], deployed("gone", [READ]), () => true, 30);
    expect(holdings?.extraRoles).toEqual([{ role: WRITE, client: API_CLIENT }]);
  });

  it("skips a client deleted by hand (the engine's refresh reports that) and clients not wanted", async () => {
    // GIVEN acme in state but gone from Keycloak, globex not wanted
    const keycloak = new FakeKeycloak({});
    const state = [...deployed("acme", [READ]), ...deployed("globex", [READ])];

    // WHEN
    const holdings = await findHoldings(keycloak, settings, [], state, (id) => id !== "globex", 30);

    // THEN
    expect(holdings).toEqual([]);
    expect(keycloak.asked.filter((path) => path.includes("globex"))).toEqual([]);
  });

  it.each([30, 3])("keeps %i requests in flight (REALM_PARALLELISM), never more", async (requestsAtOnce) => {
    // GIVEN 20 deployed customers
    const ids = Array.from({ length: 20 }, (_, index) => `c${index}`);
    const keycloak = new FakeKeycloak(Object.assign({}, ...ids.map((id) => clientAnswers(id, [READ]))));
    const state = ids.flatMap((id) => deployed(id, [READ]));

    // WHEN
    const holdings = await findHoldings(keycloak, settings, [], state, () => true, requestsAtOnce);

    // THEN every client is read, in four requests each
    expect(holdings.map((h) => h.id)).toEqual(ids);
    expect(keycloak.asked).toHaveLength(80);
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
