import { CUSTOMERS_SCOPE } from "../model/customer-file";
import { KeycloakAdminError, segment, type KeycloakAdmin } from "./keycloak-admin";
import type { Settings } from "../model/settings";
import { escapeUnsafe } from "../model/text-rules";
import type { StateResource } from "./stack-workspace";
import { mapConcurrently } from "./concurrency";
import { secretStatusOf, type SecretStatus } from "./customer-secrets";

/**
 * What a customer client holds that reaches its tokens and that no resource of the configuration
 * manages, so the engine cannot see it: a role scope-mapped on the client by hand, a protocol mapper,
 * an optional client scope, a group of its service account; and, for a client about to be adopted,
 * its service account's roles. Its default scopes and settings are not here: the engine manages them
 * whole.
 */
export interface Holdings {
  /** Client id: the customer's id. */
  readonly id: string;
  /** Keycloak's internal id of the client. */
  readonly internalId: string;
  /** Service-account role grants beyond the file's roles (`realm-management/manage-users`). */
  readonly extraRoles: readonly RoleGrant[];
  /** Scope mappings beyond the file's roles. */
  readonly extraScopeMappings: readonly RoleGrant[];
  /** Groups its service account is in: their roles reach its tokens too. */
  readonly groups: readonly { readonly id: string; readonly path: string }[];
  /** Protocol mappers on the client itself (a customer client has none). */
  readonly protocolMappers: readonly { readonly id: string; readonly name: string }[];
  /**
   * Optional client scopes, by name (a customer client has none: the realm gives new clients none,
   * and a token request may ask for any of them). Held here rather than by a resource per customer:
   * that was one resource of four the engine refreshed for every customer, for a list always empty.
   */
  readonly optionalScopes: readonly string[];
}

/** A role mapping: a realm role, or a role of a client. */
export interface RoleGrant {
  readonly role: { readonly id: string; readonly name: string };
  /** Internal id and client id of the role's client; absent for a realm role. */
  readonly client?: { readonly id: string; readonly clientId: string };
}

/** `realm-management/manage-users`, or `offline_access` for a realm role. */
export function grantName(grant: RoleGrant): string {
  return grant.client ? `${grant.client.clientId}/${grant.role.name}` : grant.role.name;
}

/** Whether the client holds anything beyond its file. */
export function hasExtras(holdings: Holdings): boolean {
  const { extraRoles, extraScopeMappings, groups, protocolMappers, optionalScopes } = holdings;
  return (
    extraRoles.length + extraScopeMappings.length + groups.length + protocolMappers.length + optionalScopes.length > 0
  );
}

/**
 * What a client holds beyond its file, one line each, for plan and drift reports. The names were
 * typed in the admin console: escaped, so that none can end a table cell or forge a line.
 */
export function describeHoldings(holdings: Holdings): string[] {
  const shown = (name: string) => escapeUnsafe(name).replace(/\|/g, "\\|");
  const list = (noun: string, names: readonly string[]) => `${noun}${names.length > 1 ? "s" : ""} ${names.join(", ")}`;
  const roles = holdings.extraRoles.map((grant) => shown(grantName(grant)));
  const scopeMappings = holdings.extraScopeMappings.map((grant) => shown(grantName(grant)));
  const mappers = holdings.protocolMappers.map((mapper) => shown(mapper.name));
  const groups = holdings.groups.map((group) => shown(group.path));
  const optionalScopes = holdings.optionalScopes.map(shown);
  return [
    roles.length > 0 && `service account holds ${roles.join(", ")}, not in its file`,
    scopeMappings.length > 0 && `${list("scope mapping", scopeMappings)}, not in its file`,
    mappers.length > 0 && `${list("mapper", mappers)}, not in its file`,
    optionalScopes.length > 0 && `${list("optional scope", optionalScopes)}, not in its file`,
    groups.length > 0 && `service account in ${list("group", groups)}`,
  ].filter((line): line is string => typeof line === "string");
}

/**
 * The service-account roles a customer client keeps: the file's backend roles, and the realm's default
 * roles (every new service account holds them, a created client would too; the engine's exhaustive
 * role set takes them away).
 */
export function keptServiceAccountRole(settings: Settings, fileRoles: readonly string[]) {
  return (grant: RoleGrant): boolean =>
    (grant.client?.clientId === settings.backend.clientId && fileRoles.includes(grant.role.name)) ||
    (grant.client === undefined && grant.role.name === `default-roles-${settings.realm.name}`);
}

interface RoleMappings {
  realmMappings?: { id: string; name: string }[];
  clientMappings?: Record<string, { id: string; client: string; mappings: { id: string; name: string }[] }>;
}

function grantsOf(mappings: RoleMappings | undefined): RoleGrant[] {
  return [
    ...(mappings?.realmMappings ?? []).map((role) => ({ role: { id: role.id, name: role.name } })),
    ...Object.values(mappings?.clientMappings ?? {}).flatMap((client) =>
      client.mappings.map((role) => ({
        role: { id: role.id, name: role.name },
        client: { id: client.id, clientId: client.client },
      })),
    ),
  ];
}

/**
 * Reads what a client holds beyond its file in three admin requests (its service account's groups,
 * its scope mappings, and the client with its mappers and optional scopes; every scope mapping on a
 * customer client is beyond its file, its roles reach its tokens through the API's role scopes), and
 * with `keptRole` a fourth, its service account's roles beyond those kept; undefined when the client
 * is gone.
 */
export async function readHoldings(
  admin: Pick<KeycloakAdmin, "find">,
  realmName: string,
  client: { readonly id: string; readonly internalId: string; readonly serviceAccountUserId?: string },
  keptRole?: (grant: RoleGrant) => boolean,
): Promise<Holdings | undefined> {
  const realm = segment(realmName);
  const clientPath = `${realm}/clients/${segment(client.internalId)}`;
  const accountPath = client.serviceAccountUserId && `${realm}/users/${segment(client.serviceAccountUserId)}`;
  const [roles, groups, scopeMappings, read] = await Promise.all([
    accountPath && keptRole ? admin.find<RoleMappings>(`${accountPath}/role-mappings`) : undefined,
    accountPath ? admin.find<{ id: string; path: string }[]>(`${accountPath}/groups`) : undefined,
    admin.find<RoleMappings>(`${clientPath}/scope-mappings`),
    admin.find<ClientRead>(clientPath),
  ]);
  // Deleted by hand since the state was written: the engine's refresh reports that.
  if (scopeMappings === undefined || read === undefined) return undefined;
  return {
    id: client.id,
    internalId: client.internalId,
    extraRoles: grantsOf(roles).filter((grant) => !keptRole?.(grant)),
    extraScopeMappings: grantsOf(scopeMappings),
    groups: (groups ?? []).map((group) => ({ id: group.id, path: group.path })),
    ...clientHoldings(read),
  };
}

/** Up to this many service accounts' groups are read one by one; for more, the realm's groups. */
export const FEW_CLIENTS = 20;
/** Groups or members per page of a listing. */
const PAGE_SIZE = 1000;

/** A customer client as the state holds it. */
interface StateClient {
  readonly id: string;
  readonly internalId: string;
  readonly serviceAccountUserId?: string;
}

/**
 * What every customer client in `state` whose id is `wanted` holds beyond its file, its service
 * account's roles aside (its exhaustive role set shows those to the engine). Read at most
 * `requestsAtOnce` requests at once (REALM_PARALLELISM, as the engine). Keycloak's partial export
 * would answer for every client in one request, but it needs `manage-realm`: the drift credential's
 * `view-*` roles get 403.
 *
 * Each client costs two requests (its scope mappings, and the client with its mappers and its
 * secret's expiry: nothing lists them in bulk but the realm's client list, which at 10,000 clients
 * took 6 to 60 times as long as reading each client) and a few (a merged pull request's) a third,
 * its service account's groups. For more, the realm's groups are read instead: one request when it
 * has none; else its groups and their members, when walking them costs fewer requests than asking
 * each service account.
 */
export async function findHoldings(
  admin: Pick<KeycloakAdmin, "find">,
  settings: Settings,
  state: readonly StateResource[],
  wanted: (id: string) => boolean,
  requestsAtOnce: number,
): Promise<ClientsRead> {
  const clients: StateClient[] = state
    .filter(
      (resource) =>
        resource.type === "keycloak_openid_client" &&
        resource.name.startsWith(`${CUSTOMERS_SCOPE}_`) &&
        wanted(String(resource.values.client_id)),
    )
    .map(({ values }) => {
      const account = typeof values.service_account_user_id === "string" ? values.service_account_user_id : "";
      return {
        id: String(values.client_id),
        internalId: String(values.id),
        serviceAccountUserId: account || undefined,
      };
    });
  const reader = limited(admin, requestsAtOnce);
  const realm = segment(settings.realm.name);
  const clientPath = (client: StateClient) => `${realm}/clients/${segment(client.internalId)}`;
  const [scopeMappings, reads, groups] = await Promise.all([
    mapConcurrently(clients, requestsAtOnce, (client) =>
      reader.find<RoleMappings>(`${clientPath(client)}/scope-mappings`),
    ),
    // The client itself, not just its mappers: its attributes hold its secret's expiry, so plan and
    // drift need no listing of the realm's clients (at 10,000, minutes where these reads take seconds).
    mapConcurrently(clients, requestsAtOnce, (client) => reader.find<ClientRead>(clientPath(client))),
    groupsOf(reader, realm, clients, requestsAtOnce),
  ]).catch((error: unknown) => {
    if (!(error instanceof KeycloakAdminError && error.status === 403)) throw error;
    throw new Error(
      `${error.message}: the credential may not read what customer clients hold beyond their files, so ` +
        `nothing was checked (it needs view-clients and view-users of the realm, see README: The deploy credential)`,
      { cause: error },
    );
  });
  const holdings: Holdings[] = [];
  const secrets: SecretStatus[] = [];
  clients.forEach((client, index) => {
    const found = scopeMappings[index];
    const read = reads[index];
    // Deleted by hand since the state was written: the engine's refresh reports that.
    if (found === undefined || read === undefined) return;
    holdings.push({
      id: client.id,
      internalId: client.internalId,
      extraRoles: [],
      extraScopeMappings: grantsOf(found),
      groups: groups[index] ?? [],
      ...clientHoldings(read),
    });
    if (read.clientAuthenticatorType !== "client-jwt") {
      secrets.push({ ...secretStatusOf(client.id, read.attributes), internalId: client.internalId });
    }
  });
  return { holdings, secrets };
}

/** What {@link findHoldings} read of a realm's customer clients. */
export interface ClientsRead {
  /** What each holds beyond its file (most hold nothing). */
  readonly holdings: Holdings[];
  /** The secret status of each client-secret client, from the same reads. */
  readonly secrets: SecretStatus[];
}

interface Mapper {
  readonly id: string;
  readonly name: string;
}

/** The fields of a client's representation the checks read. */
interface ClientRead {
  readonly clientAuthenticatorType?: string;
  readonly attributes?: Record<string, string>;
  readonly protocolMappers?: Mapper[];
  /** Names; Keycloak puts the client's scope lists in its representation. */
  readonly optionalClientScopes?: string[];
}

/** What the client's own representation shows beyond its file. */
function clientHoldings(read: ClientRead): Pick<Holdings, "protocolMappers" | "optionalScopes"> {
  return {
    protocolMappers: (read.protocolMappers ?? []).map((mapper) => ({ id: mapper.id, name: mapper.name })),
    optionalScopes: read.optionalClientScopes ?? [],
  };
}

interface Group {
  readonly id: string;
  readonly path: string;
}

/**
 * The groups of each client's service account, in name order as Keycloak lists a user's groups. For
 * many clients from a walk over the realm's groups and their members, if it costs fewer requests
 * than asking each service account; otherwise, and for a few clients, one request each.
 */
async function groupsOf(
  admin: Pick<KeycloakAdmin, "find">,
  realm: string,
  clients: readonly StateClient[],
  requestsAtOnce: number,
): Promise<(Group[] | undefined)[]> {
  const accounts = new Set(clients.flatMap((client) => client.serviceAccountUserId ?? []));
  const walked =
    clients.length > FEW_CLIENTS ? await groupsByMember(admin, realm, accounts, requestsAtOnce) : undefined;
  return mapConcurrently(clients, requestsAtOnce, async (client) => {
    const account = client.serviceAccountUserId;
    if (account === undefined) return undefined;
    if (walked) return walked.get(account) ?? [];
    const groups = await admin.find<Group[]>(`${realm}/users/${segment(account)}/groups`);
    return groups?.map((group) => ({ id: group.id, path: group.path }));
  });
}

interface GroupRepresentation extends Group {
  readonly name: string;
  /** Keycloak 23 and later count subgroups and list them apart (`children`); earlier ones list them here. */
  readonly subGroupCount?: number;
  readonly subGroups?: GroupRepresentation[];
}

/** Thrown when a walk would cost more requests than it saves. */
class OverBudget extends Error {}

/**
 * The groups of each of `accounts` (user ids) that is in one: one request when the realm has no
 * groups; otherwise its groups, their subgroups and their members, paged, for fewer requests in all
 * than `accounts` has users. Undefined when the walk would cost more (a realm with many groups, or
 * large ones of people).
 */
async function groupsByMember(
  admin: Pick<KeycloakAdmin, "find">,
  realm: string,
  accounts: ReadonlySet<string>,
  requestsAtOnce: number,
): Promise<Map<string, Group[]> | undefined> {
  const budget = accounts.size;
  let spent = 0;
  const ask = <T>(path: string) => {
    if (spent >= budget) throw new OverBudget();
    spent++;
    return admin.find<T>(path);
  };
  const paged = async <T>(path: string): Promise<T[]> => {
    const all: T[] = [];
    for (let first = 0; ; first += PAGE_SIZE) {
      const page = (await ask<T[]>(`${path}first=${first}&max=${PAGE_SIZE}`)) ?? [];
      all.push(...page);
      if (page.length < PAGE_SIZE) return all;
    }
  };
  const memberships = new Map<string, GroupRepresentation[]>();
  const count = (await ask<{ count: number }>(`${realm}/groups/count`))?.count ?? 0;
  if (count === 0) return memberships;
  // The top-level listing, then at least one request per group for its members.
  if (spent + 1 + count > budget) return undefined;
  try {
    let level = await paged<GroupRepresentation>(`${realm}/groups?briefRepresentation=true&`);
    while (level.length > 0) {
      const below = await mapConcurrently(level, requestsAtOnce, async (group) => {
        const groupPath = `${realm}/groups/${segment(group.id)}`;
        const members = await paged<{ id: string }>(`${groupPath}/members?briefRepresentation=true&`);
        for (const member of members.filter((user) => accounts.has(user.id))) {
          memberships.set(member.id, [...(memberships.get(member.id) ?? []), group]);
        }
        if (group.subGroupCount === undefined) return group.subGroups ?? [];
        return group.subGroupCount > 0
          ? paged<GroupRepresentation>(`${groupPath}/children?briefRepresentation=true&`)
          : [];
      });
      level = below.flat();
    }
  } catch (error) {
    if (error instanceof OverBudget) return undefined;
    throw error;
  }
  const byName = (a: GroupRepresentation, b: GroupRepresentation) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return new Map(
    [...memberships].map(([account, groups]) => [
      account,
      groups.sort(byName).map((group) => ({ id: group.id, path: group.path })),
    ]),
  );
}

/** `admin` with at most `limit` requests in flight. */
function limited(admin: Pick<KeycloakAdmin, "find">, limit: number): Pick<KeycloakAdmin, "find"> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return {
    async find<T>(path: string): Promise<T | undefined> {
      while (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
      active++;
      try {
        return await admin.find<T>(path);
      } finally {
        active--;
        waiting.shift()?.();
      }
    },
  };
}

/**
 * Removes what a client holds beyond its file that the engine does not manage: role grants, group
 * memberships, scope mappings, protocol mappers and optional scopes.
 */
export async function removeExtras(admin: KeycloakAdmin, realmName: string, holdings: Holdings): Promise<void> {
  const realm = segment(realmName);
  const clientPath = `${realm}/clients/${segment(holdings.internalId)}`;
  if (holdings.extraRoles.length > 0 || holdings.groups.length > 0) {
    const account = await admin.get<{ id: string }>(`${clientPath}/service-account-user`);
    const accountPath = `${realm}/users/${segment(account.id)}`;
    await removeGrants(admin, `${accountPath}/role-mappings`, holdings.extraRoles);
    for (const group of holdings.groups) await admin.delete(`${accountPath}/groups/${segment(group.id)}`);
  }
  await removeGrants(admin, `${clientPath}/scope-mappings`, holdings.extraScopeMappings);
  for (const mapper of holdings.protocolMappers) {
    await admin.delete(`${clientPath}/protocol-mappers/models/${segment(mapper.id)}`);
  }
  if (holdings.optionalScopes.length > 0) {
    // Detached by id, which the client's representation does not give.
    const attached = await admin.get<{ id: string; name: string }[]>(`${clientPath}/optional-client-scopes`);
    for (const scope of attached.filter((scope) => holdings.optionalScopes.includes(scope.name))) {
      await admin.delete(`${clientPath}/optional-client-scopes/${segment(scope.id)}`);
    }
  }
}

async function removeGrants(admin: KeycloakAdmin, path: string, grants: readonly RoleGrant[]): Promise<void> {
  const realmRoles = grants.filter((grant) => !grant.client).map((grant) => grant.role);
  if (realmRoles.length > 0) await admin.delete(`${path}/realm`, realmRoles);
  const clientIds = new Set(grants.flatMap((grant) => (grant.client ? [grant.client.id] : [])));
  for (const clientId of clientIds) {
    const roles = grants.filter((grant) => grant.client?.id === clientId).map((grant) => grant.role);
    await admin.delete(`${path}/clients/${segment(clientId)}`, roles);
  }
}
