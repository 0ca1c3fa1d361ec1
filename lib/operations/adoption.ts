import { roleScopeName } from "../model/role-scopes";
import { defaultAudienceScopeName } from "../constructs/backend-api";
import { grantName, keptServiceAccountRole, readHoldings, type Holdings } from "./client-holdings";
import { CUSTOMER_BUILT_IN_SCOPES, customerSource, SOURCE_ATTRIBUTE } from "../constructs/customer-client";
import type { Customer } from "../model/customer-file";
import { KeycloakAdmin, KeycloakAdminError, segment } from "./keycloak-admin";
import type { Settings } from "../model/settings";
import { ValidationError } from "../model/validation-error";

/** Keycloak's internal ids are UUIDs; anything else from its answer is not used in an import id. */
const INTERNAL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A client made by hand that a customer file takes over. What it holds beyond what its file gives
 * it is listed in the plan and removed by the deploy, so that afterwards it holds exactly what a
 * client created from the same file would.
 */
export interface Adoption extends Holdings {
  /**
   * Created by an earlier deploy of this customer that never recorded it (killed, or Keycloak carried
   * out a create the deploy had given up on): taken back, not adopted. Nobody was given its secret.
   */
  readonly unrecorded?: boolean;
  /**
   * Default and optional client scopes the client loses: the default ones to the engine's authoritative
   * list, the optional ones (also in `optionalScopes`) to the deploy's removal of what it holds beyond its file.
   */
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

interface FoundClient {
  id: string;
  clientId: string;
  attributes?: Record<string, string>;
}

/**
 * The clients of the customers' ids that Keycloak holds, by customer id. None before the first deploy:
 * the realm is missing then (404; a deploy credential may not list realms), so nothing more is asked.
 */
async function findClients(
  admin: KeycloakAdmin,
  realm: string,
  customers: readonly Customer[],
): Promise<Map<string, FoundClient>> {
  const clients = new Map<string, FoundClient>();
  for (const customer of customers) {
    const found = await admin.find<FoundClient[]>(`${realm}/clients?clientId=${encodeURIComponent(customer.id)}`);
    if (found === undefined) return clients;
    const client = found.find((candidate) => candidate.clientId === customer.id);
    if (!client) continue;
    if (!INTERNAL_ID.test(client.id)) throw new Error(`Keycloak gave client '${customer.id}' an unexpected id`);
    clients.set(customer.id, client);
  }
  return clients;
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
  const allowed = customers.filter((customer) => settings.customers?.adoptable?.includes(customer.id));
  const clients = await findClients(admin, segment(settings.realm.name), allowed);
  const adoptions: Adoption[] = [];
  for (const customer of allowed) {
    const client = clients.get(customer.id);
    const adoption = client && (await inspect(admin, settings, customer, client));
    if (adoption) adoptions.push(adoption);
  }
  return adoptions;
}

/** Clients of customers the engine is about to create that Keycloak already holds. */
export interface ExistingClients {
  /** Created by this repository (they name their customer file) but never recorded: taken back. */
  readonly unrecorded: readonly Adoption[];
  /** Made by hand (or by something else): never taken over unless the operator lists them as adoptable. */
  readonly foreign: readonly string[];
}

/**
 * Looks up the clients of customers a plan would create. One that names its customer file in
 * {@link SOURCE_ATTRIBUTE} was created by an interrupted deploy and is taken back into state;
 * any other would fail the create with 409 half-way through a deploy, so it is reported first.
 */
export async function findExistingClients(
  admin: KeycloakAdmin,
  settings: Settings,
  customers: readonly Customer[],
): Promise<ExistingClients> {
  const clients = await findClients(admin, segment(settings.realm.name), customers);
  const unrecorded: Adoption[] = [];
  const foreign: string[] = [];
  for (const customer of customers) {
    const client = clients.get(customer.id);
    if (!client) continue;
    if (client.attributes?.[SOURCE_ATTRIBUTE] !== customerSource(customer.id)) {
      foreign.push(customer.id);
      continue;
    }
    const taken = await inspect(admin, settings, customer, client);
    if (taken) unrecorded.push({ ...taken, unrecorded: true });
  }
  return { unrecorded, foreign };
}

/** What a client of the customer's id holds beyond what its file gives it; undefined when it is gone. */
async function inspect(
  admin: KeycloakAdmin,
  settings: Settings,
  customer: Customer,
  client: FoundClient,
): Promise<Adoption | undefined> {
  const clientPath = `${segment(settings.realm.name)}/clients/${segment(client.id)}`;
  // Keycloak answers 400 for a client without a service account: no roles or groups to lose. Any
  // other failure (a 403 of a credential that may not view users) must not pass for "nothing to lose".
  const serviceAccount = await admin
    .get<{ id: string }>(`${clientPath}/service-account-user`)
    .catch((error: unknown) => {
      if (error instanceof KeycloakAdminError && (error.status === 400 || error.status === 404)) return undefined;
      throw error;
    });
  const holdings = await readHoldings(
    admin,
    settings.realm.name,
    { id: customer.id, internalId: client.id, serviceAccountUserId: serviceAccount?.id },
    keptServiceAccountRole(settings, customer.roles),
  );
  if (!holdings) return undefined;
  const scopes = await admin.get<{ name: string }[]>(`${clientPath}/default-client-scopes`);
  const defaultScopes = new Set([
    ...CUSTOMER_BUILT_IN_SCOPES,
    defaultAudienceScopeName(settings.backend.clientId),
    ...customer.roles.map((role) => roleScopeName(settings.backend.clientId, role)),
  ]);
  const lostDefaults = scopes.map((scope) => scope.name).filter((name) => !defaultScopes.has(name));
  return { ...holdings, lostScopes: [...lostDefaults, ...holdings.optionalScopes] };
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
