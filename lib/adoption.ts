import { defaultAudienceScopeName } from "./backend-api";
import { grantName, keptGrants, readHoldings, type Holdings } from "./client-holdings";
import { CUSTOMER_BUILT_IN_SCOPES } from "./customer-client";
import type { Customer } from "./customer-file";
import { KeycloakAdmin, segment } from "./keycloak-admin";
import type { Settings } from "./settings";
import { ValidationError } from "./validation-error";

/** Keycloak's internal ids are UUIDs; anything else from its answer is not used in an import id. */
const INTERNAL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A client made by hand that a customer file takes over. What it holds beyond what its file gives
 * it is listed in the plan and removed by the deploy, so that afterwards it holds exactly what a
 * client created from the same file would.
 */
export interface Adoption extends Holdings {
  /** Default and optional client scopes the client loses (the scope resources set them exactly). */
  readonly lostScopes: readonly string[];
}

/** Adoptions by client id → internal id, as main.ts reads them from REALM_ADOPTIONS. */
export function parseAdoptions(json: string | undefined): Record<string, string> {
  if (!json) return {};
  const parsed = JSON.parse(json) as Record<string, unknown>;
  for (const [id, internalId] of Object.entries(parsed)) {
    if (typeof internalId !== "string" || !INTERNAL_ID.test(internalId)) {
      throw new ValidationError([
        { file: "(environment)", field: "REALM_ADOPTIONS", rule: `bad internal id for '${id}'` },
      ]);
    }
  }
  return parsed as Record<string, string>;
}

/**
 * Looks up, for each customer the operator allows to adopt (settings `customers.adoptable`), a client
 * of that id in Keycloak, and what it holds beyond its file. A client that does not exist is not an
 * adoption: the deploy creates it.
 */
export async function findAdoptions(
  admin: KeycloakAdmin,
  settings: Settings,
  customers: readonly Customer[],
): Promise<Adoption[]> {
  const allowed = new Set(settings.customers?.adoptable ?? []);
  const realm = segment(settings.realm.name);
  const adoptions: Adoption[] = [];
  for (const customer of customers.filter((c) => allowed.has(c.id))) {
    // 404 before the first deploy: no realm yet, so nothing to adopt. (A deploy credential may not list realms.)
    const found = await admin.find<{ id: string; clientId: string }[]>(
      `${realm}/clients?clientId=${encodeURIComponent(customer.id)}`,
    );
    if (found === undefined) return [];
    const [client] = found;
    if (!client || client.clientId !== customer.id) continue;
    if (!INTERNAL_ID.test(client.id)) throw new Error(`Keycloak gave client '${customer.id}' an unexpected id`);
    const clientPath = `${realm}/clients/${segment(client.id)}`;
    const serviceAccount = await admin.get<{ id: string }>(`${clientPath}/service-account-user`).catch(() => undefined);
    const holdings = await readHoldings(
      admin,
      settings.realm.name,
      { id: customer.id, internalId: client.id, serviceAccountUserId: serviceAccount?.id },
      keptGrants(settings, customer.roles),
    );
    if (!holdings) continue;
    const scopes = [
      ...(await admin.get<{ name: string }[]>(`${clientPath}/default-client-scopes`)),
      ...(await admin.get<{ name: string }[]>(`${clientPath}/optional-client-scopes`)),
    ];
    const defaultScopes = new Set([...CUSTOMER_BUILT_IN_SCOPES, defaultAudienceScopeName(settings.backend.clientId)]);
    adoptions.push({
      ...holdings,
      lostScopes: scopes.map((scope) => scope.name).filter((name) => !defaultScopes.has(name)),
    });
  }
  return adoptions;
}

/** What an adoption removes, in one line each, for the plan. */
export function describeAdoption(adoption: Adoption): string[] {
  const list = (items: readonly string[]) => items.join(", ");
  return [
    adoption.extraRoles.length > 0 && `loses roles ${list(adoption.extraRoles.map(grantName))}`,
    adoption.groups.length > 0 && `leaves groups ${list(adoption.groups.map((group) => group.path))}`,
    adoption.extraScopeMappings.length > 0 &&
      `loses scope mappings ${list(adoption.extraScopeMappings.map(grantName))}`,
    adoption.protocolMappers.length > 0 && `loses mappers ${list(adoption.protocolMappers.map((m) => m.name))}`,
    adoption.lostScopes.length > 0 && `loses scopes ${list(adoption.lostScopes)}`,
  ].filter((line): line is string => typeof line === "string");
}
