import { CUSTOMERS_SCOPE } from "../model/customer-file";
import { segment, type KeycloakAdmin } from "./keycloak-admin";
import type { Settings } from "../model/settings";
import { escapeUnsafe } from "../model/text-rules";
import type { StateResource } from "./stack-workspace";

/**
 * What a customer client holds that reaches its tokens and that no resource of the configuration
 * manages, so the engine cannot see it: a role scope-mapped on the client by hand, a protocol mapper,
 * a group of its service account; and, for a client about to be adopted, its service account's roles.
 * Its scopes and settings are not here: the engine manages them whole.
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
  const { extraRoles, extraScopeMappings, groups, protocolMappers } = holdings;
  return extraRoles.length + extraScopeMappings.length + groups.length + protocolMappers.length > 0;
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
  return [
    roles.length > 0 && `service account holds ${roles.join(", ")}, not in its file`,
    scopeMappings.length > 0 && `${list("scope mapping", scopeMappings)}, not in its file`,
    mappers.length > 0 && `${list("mapper", mappers)}, not in its file`,
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
 * its scope mappings and mappers; every scope mapping on a customer client is beyond its file, its
 * roles reach its tokens through the API's role scopes), and with `keptRole` a fourth, its service
 * account's roles beyond those kept; undefined when the client is gone.
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
  const [roles, groups, scopeMappings, mappers] = await Promise.all([
    accountPath && keptRole ? admin.find<RoleMappings>(`${accountPath}/role-mappings`) : undefined,
    accountPath ? admin.find<{ id: string; path: string }[]>(`${accountPath}/groups`) : undefined,
    admin.find<RoleMappings>(`${clientPath}/scope-mappings`),
    admin.find<{ id: string; name: string }[]>(`${clientPath}/protocol-mappers/models`),
  ]);
  // Deleted by hand since the state was written: the engine's refresh reports that.
  if (scopeMappings === undefined || mappers === undefined) return undefined;
  return {
    id: client.id,
    internalId: client.internalId,
    extraRoles: grantsOf(roles).filter((grant) => !keptRole?.(grant)),
    extraScopeMappings: grantsOf(scopeMappings),
    groups: (groups ?? []).map((group) => ({ id: group.id, path: group.path })),
    protocolMappers: mappers.map((mapper) => ({ id: mapper.id, name: mapper.name })),
  };
}

/**
 * What every customer client in `state` whose id is `wanted` holds beyond its file, its service
 * account's roles aside (its exhaustive role set shows those to the engine). Read at most `requestsAtOnce` requests at once
 * (REALM_PARALLELISM, as the engine). Keycloak's partial export would answer for every client in
 * one request, but it needs `manage-realm`: the drift credential's `view-*` roles get 403.
 */
export async function findHoldings(
  admin: Pick<KeycloakAdmin, "find">,
  settings: Settings,
  state: readonly StateResource[],
  wanted: (id: string) => boolean,
  requestsAtOnce: number,
): Promise<Holdings[]> {
  const clients = state.filter(
    (resource) =>
      resource.type === "keycloak_openid_client" &&
      resource.name.startsWith(`${CUSTOMERS_SCOPE}_`) &&
      wanted(String(resource.values.client_id)),
  );
  const reader = limited(admin, requestsAtOnce);
  // Three requests per client: a client more than that in flight keeps every slot busy.
  const found = await mapConcurrently(clients, Math.ceil(requestsAtOnce / 3) + 1, ({ values }) => {
    const account = typeof values.service_account_user_id === "string" ? values.service_account_user_id : "";
    const client = {
      id: String(values.client_id),
      internalId: String(values.id),
      serviceAccountUserId: account || undefined,
    };
    // Its service account's roles are the engine's to see: the role set is exhaustive.
    return readHoldings(reader, settings.realm.name, client);
  });
  return found.filter((holdings): holdings is Holdings => holdings !== undefined);
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

async function mapConcurrently<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Removes what a client holds beyond its file that the engine does not manage: role grants, group
 * memberships, scope mappings and protocol mappers.
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
