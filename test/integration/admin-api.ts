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
