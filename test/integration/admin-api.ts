import type { KeycloakUnderTest } from "./global-setup";

/** An access token of the bootstrap admin service client (master realm), for the admin REST API. */
export async function adminToken(keycloak: KeycloakUnderTest): Promise<string> {
  const response = await fetch(`${keycloak.baseUrl}/realms/master/protocol/openid-connect/token`, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: keycloak.admin.clientId,
      client_secret: keycloak.admin.clientSecret,
    }),
  });
  if (response.status !== 200) {
    throw new Error(`admin token request failed: HTTP ${response.status} ${await response.text()}`);
  }
  return ((await response.json()) as { access_token: string }).access_token;
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
 */
export class AdminApi {
  constructor(private readonly keycloak: KeycloakUnderTest) {}

  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.keycloak.baseUrl}/admin/realms${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await adminToken(this.keycloak)}`,
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
    user: { username: string; password: string; clientRoles?: { clientId: string; roles: string[] } },
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
    if (!user.clientRoles) return;
    const [created] = await this.request<{ id: string }[]>(
      "GET",
      `/${realm}/users?exact=true&username=${user.username}`,
    );
    const client = await this.client(realm, user.clientRoles.clientId);
    const roles = await Promise.all(
      user.clientRoles.roles.map((name) =>
        this.request("GET", `/${realm}/clients/${client!.id}/roles/${encodeURIComponent(name)}`),
      ),
    );
    await this.request("POST", `/${realm}/users/${created!.id}/role-mappings/clients/${client!.id}`, roles);
  }
}
