import type { ClientCredentials, KeycloakUnderTest } from "./keycloak-container";

/** An access token of a client of the master realm (the bootstrap admin's unless told), for the admin REST API. */
export async function adminToken(
  keycloak: Pick<KeycloakUnderTest, "baseUrl" | "admin">,
  client: ClientCredentials = keycloak.admin,
): Promise<string> {
  const response = await fetch(`${keycloak.baseUrl}/realms/master/protocol/openid-connect/token`, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: client.clientId,
      client_secret: client.clientSecret,
    }),
  });
  if (response.status !== 200) {
    throw new Error(`token request of '${client.clientId}' failed: HTTP ${response.status} ${await response.text()}`);
  }
  return ((await response.json()) as { access_token: string }).access_token;
}

/** What README ("The deploy credential") grants the read-only client of drift checks, roles of client `<realm>-realm`. */
export const DRIFT_ROLES = ["view-clients", "view-events", "view-realm", "view-users"];

/** Roles to grant a user or service account: realm roles, and roles of one client of the same realm. */
export interface RoleGrants {
  /** @default - none */
  readonly realmRoles?: readonly string[];
  /** @default - none */
  readonly clientRoles?: { readonly clientId: string; readonly roles: readonly string[] };
}

export interface ClientRepresentation {
  id: string;
  clientId: string;
  enabled: boolean;
  [attribute: string]: unknown;
}

/**
 * The admin REST API, as a test's independent view of Keycloak: it checks what a deploy did and
 * plays the operator who edits things by hand. Fetches a fresh token per call (tests are few).
 * Signs in as the bootstrap admin unless given another client of the master realm.
 */
export class AdminApi {
  constructor(
    private readonly keycloak: Pick<KeycloakUnderTest, "baseUrl" | "admin">,
    private readonly signInAs: ClientCredentials = keycloak.admin,
  ) {}

  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.keycloak.baseUrl}/admin/realms${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await adminToken(this.keycloak, this.signInAs)}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`${method} /admin/realms${path}: HTTP ${response.status} ${await response.text()}`);
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Removes a realm if it exists, so a test starts from an empty Keycloak. */
  async deleteRealmIfExists(realm: string): Promise<void> {
    const realms = await this.request<{ realm: string }[]>("GET", "");
    if (realms.some((r) => r.realm === realm)) await this.request("DELETE", `/${realm}`);
  }

  async clients(realm: string): Promise<ClientRepresentation[]> {
    return this.request<ClientRepresentation[]>("GET", `/${realm}/clients`);
  }

  async client(realm: string, clientId: string): Promise<ClientRepresentation | undefined> {
    const found = await this.request<ClientRepresentation[]>(
      "GET",
      `/${realm}/clients?clientId=${encodeURIComponent(clientId)}`,
    );
    return found[0];
  }

  /** The client's current secret, as an operator would copy it from the admin console. */
  async clientSecret(realm: string, clientId: string): Promise<string> {
    const client = await this.client(realm, clientId);
    if (!client) throw new Error(`no client '${clientId}' in realm '${realm}'`);
    return (await this.request<{ value: string }>("GET", `/${realm}/clients/${client.id}/client-secret`)).value;
  }

  /** Changes a client as someone in the admin console would. */
  async updateClient(realm: string, clientId: string, changes: Record<string, unknown>): Promise<void> {
    const client = await this.client(realm, clientId);
    if (!client) throw new Error(`no client '${clientId}' in realm '${realm}'`);
    await this.request("PUT", `/${realm}/clients/${client.id}`, { ...client, ...changes });
  }

  /** A user with a password, a complete profile (no required actions) and the given client roles. */
  async createUser(
    realm: string,
    user: { username: string; password: string; clientRoles?: RoleGrants["clientRoles"] },
  ): Promise<void> {
    await this.request("POST", `/${realm}/users`, {
      username: user.username,
      email: `${user.username}@example.com`,
      emailVerified: true,
      firstName: "Test",
      lastName: "User",
      enabled: true,
      credentials: [{ type: "password", value: user.password, temporary: false }],
    });
    const [created] = await this.request<{ id: string }[]>(
      "GET",
      `/${realm}/users?exact=true&username=${encodeURIComponent(user.username)}`,
    );
    await this.grantRoles(realm, created!.id, { clientRoles: user.clientRoles });
  }

  /**
   * A confidential client that signs in with its secret and has no other flow (no browser, no
   * password grant), whose service account holds the given roles: a credential for a tool, as an
   * operator makes one in the admin console.
   */
  async createServiceAccountClient(realm: string, client: ClientCredentials & RoleGrants): Promise<void> {
    await this.request("POST", `/${realm}/clients`, {
      clientId: client.clientId,
      secret: client.clientSecret,
      publicClient: false,
      serviceAccountsEnabled: true,
      standardFlowEnabled: false,
      directAccessGrantsEnabled: false,
      implicitFlowEnabled: false,
    });
    const { id } = (await this.client(realm, client.clientId))!;
    const serviceAccount = await this.request<{ id: string }>("GET", `/${realm}/clients/${id}/service-account-user`);
    await this.grantRoles(realm, serviceAccount.id, client);
  }

  /** Names of the realm roles, and of the roles of client `rolesOf`, that a client's service account holds directly. */
  async serviceAccountRoles(
    realm: string,
    clientId: string,
    rolesOf: string,
  ): Promise<{ realm: string[]; client: string[] }> {
    const { id } = (await this.client(realm, clientId))!;
    const serviceAccount = await this.request<{ id: string }>("GET", `/${realm}/clients/${id}/service-account-user`);
    const roleClient = (await this.client(realm, rolesOf))!;
    const names = (roles: { name: string }[]) => roles.map((role) => role.name).sort();
    const mappings = `/${realm}/users/${serviceAccount.id}/role-mappings`;
    return {
      realm: names(await this.request("GET", `${mappings}/realm`)),
      client: names(await this.request("GET", `${mappings}/clients/${roleClient.id}`)),
    };
  }

  private async grantRoles(realm: string, userId: string, grants: RoleGrants): Promise<void> {
    const mappings = `/${realm}/users/${userId}/role-mappings`;
    if (grants.realmRoles?.length) {
      const roles = await Promise.all(
        grants.realmRoles.map((name) => this.request("GET", `/${realm}/roles/${encodeURIComponent(name)}`)),
      );
      await this.request("POST", `${mappings}/realm`, roles);
    }
    if (grants.clientRoles?.roles.length) {
      const client = await this.client(realm, grants.clientRoles.clientId);
      if (!client) throw new Error(`no client '${grants.clientRoles.clientId}' in realm '${realm}'`);
      const roles = await Promise.all(
        grants.clientRoles.roles.map((name) =>
          this.request("GET", `/${realm}/clients/${client.id}/roles/${encodeURIComponent(name)}`),
        ),
      );
      await this.request("POST", `${mappings}/clients/${client.id}`, roles);
    }
  }
}
