// The floor: the fewest admin REST calls that create, or read back, what CustomerClient declares for
// N customers, as many at once as the engine runs (--parallelism, 30 by default). Every figure is compared with it.
import type { AdminApi } from "./keycloak";
import {
  customerDefaultScopes,
  customerClientRepresentation,
  REALM,
  SETTINGS,
  type SyntheticCustomer,
} from "./generate";

/** Clients per page when listing: Keycloak's admin console pages by 100, bigger pages mean fewer calls. */
const PAGE = 500;

interface RoleRepresentation {
  readonly id: string;
  readonly name: string;
}

interface ClientRepresentation {
  readonly id: string;
  readonly clientId: string;
  readonly enabled: boolean;
  readonly name?: string;
  readonly description?: string;
  readonly serviceAccountsEnabled: boolean;
  readonly standardFlowEnabled: boolean;
  readonly directAccessGrantsEnabled: boolean;
  readonly fullScopeAllowed: boolean;
  readonly publicClient: boolean;
  readonly defaultClientScopes?: string[];
  readonly optionalClientScopes?: string[];
}

/** Runs `task` for every item, at most `concurrency` at a time. */
async function inPool<T>(items: readonly T[], concurrency: number, task: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/**
 * The backend client's internal id and its roles by name: read once, as the engine has them once in
 * its state.
 */
async function backend(admin: AdminApi): Promise<{ id: string; roles: Map<string, RoleRepresentation> }> {
  const [api] = await admin.request<ClientRepresentation[]>(
    "GET",
    `/${REALM}/clients?clientId=${encodeURIComponent(SETTINGS.backend.clientId)}`,
  );
  if (!api) throw new Error(`no client ${SETTINGS.backend.clientId} in realm ${REALM}: deploy the base realm first`);
  const roles = await admin.request<RoleRepresentation[]>("GET", `/${REALM}/clients/${api.id}/roles`);
  return {
    id: api.id,
    roles: new Map(roles.map((role) => [role.name, role])),
  };
}

/**
 * Creates the customers' clients: one POST carrying the whole client with its default and optional
 * scopes (its roles' scopes among them), then the service account's roles.
 */
export async function floorDeploy(
  admin: AdminApi,
  customers: readonly SyntheticCustomer[],
  concurrency: number,
): Promise<void> {
  const api = await backend(admin);
  await inPool(customers, concurrency, async (customer) => {
    const id = await admin.request<string>("POST", `/${REALM}/clients`, customerClientRepresentation(customer));
    const roles = customer.roles.map((name) => api.roles.get(name)!);
    const user = await admin.request<{ id: string }>("GET", `/${REALM}/clients/${id}/service-account-user`);
    await admin.request("POST", `/${REALM}/users/${user.id}/role-mappings/clients/${api.id}`, roles);
  });
}

/** What a deploy made of one customer, in the terms of its file. */
export interface DeployedCustomer {
  readonly client: Record<string, unknown>;
  readonly defaultScopes: string[];
  readonly optionalScopes: string[];
  readonly serviceAccountRoles: string[];
  /** Roles scope-mapped on the client itself: none, its roles come through its role scopes. */
  readonly scopeRoles: string[];
}

/**
 * Reads back every customer: the client list by pages (it carries the scopes), then per client its
 * service account and the two role mappings. The floor of a refresh, and how deploys are checked.
 */
export async function floorRead(
  admin: AdminApi,
  customers: readonly SyntheticCustomer[],
  concurrency: number,
): Promise<Map<string, DeployedCustomer>> {
  const api = await backend(admin);
  const clients = new Map<string, ClientRepresentation>();
  for (let first = 0; ; first += PAGE) {
    const page = await admin.request<ClientRepresentation[]>("GET", `/${REALM}/clients?first=${first}&max=${PAGE}`);
    for (const client of page) clients.set(client.clientId, client);
    if (page.length < PAGE) break;
  }
  const deployed = new Map<string, DeployedCustomer>();
  await inPool(customers, concurrency, async (customer) => {
    const client = clients.get(customer.id);
    if (!client) return;
    const user = await admin.request<{ id: string }>("GET", `/${REALM}/clients/${client.id}/service-account-user`);
    const names = (roles: RoleRepresentation[]) => roles.map((role) => role.name).sort();
    const [serviceAccountRoles, scopeRoles] = await Promise.all([
      admin.request<RoleRepresentation[]>("GET", `/${REALM}/users/${user.id}/role-mappings/clients/${api.id}`),
      admin.request<RoleRepresentation[]>("GET", `/${REALM}/clients/${client.id}/scope-mappings/clients/${api.id}`),
    ]);
    deployed.set(customer.id, {
      client: {
        enabled: client.enabled,
        name: client.name,
        description: client.description,
        serviceAccountsEnabled: client.serviceAccountsEnabled,
        standardFlowEnabled: client.standardFlowEnabled,
        directAccessGrantsEnabled: client.directAccessGrantsEnabled,
        fullScopeAllowed: client.fullScopeAllowed,
        publicClient: client.publicClient,
      },
      defaultScopes: [...(client.defaultClientScopes ?? [])].sort(),
      optionalScopes: [...(client.optionalClientScopes ?? [])].sort(),
      serviceAccountRoles: names(serviceAccountRoles),
      scopeRoles: names(scopeRoles),
    });
  });
  return deployed;
}

/**
 * How the deployed customers differ from their files, one line per kind of difference with how many
 * customers show it; empty when they match.
 */
export function deployedDifferences(
  customers: readonly SyntheticCustomer[],
  deployed: Map<string, DeployedCustomer>,
): string[] {
  const kinds = new Map<string, number>();
  for (const customer of customers) {
    const found = deployed.get(customer.id);
    const expected: DeployedCustomer = {
      client: {
        enabled: true,
        name: customer.displayName,
        description: customer.description,
        serviceAccountsEnabled: true,
        standardFlowEnabled: false,
        directAccessGrantsEnabled: false,
        fullScopeAllowed: false,
        publicClient: false,
      },
      defaultScopes: customerDefaultScopes(customer).sort(),
      optionalScopes: [],
      serviceAccountRoles: [...customer.roles].sort(),
      scopeRoles: [],
    };
    const differences = found
      ? (Object.keys(expected) as (keyof DeployedCustomer)[])
          .filter((key) => JSON.stringify(found[key]) !== JSON.stringify(expected[key]))
          .map((key) => `${key} is ${JSON.stringify(found[key])}, expected ${JSON.stringify(expected[key])}`)
      : ["client missing"];
    for (const difference of differences) kinds.set(difference, (kinds.get(difference) ?? 0) + 1);
  }
  return [...kinds].map(([difference, count]) => `${count} of ${customers.length} customers: ${difference}`);
}
