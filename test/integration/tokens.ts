import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";

export interface TokenResponse {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** POSTs a form to a token endpoint, with HTTP Basic client authentication when a secret is given. */
export async function tokenRequest(
  endpoint: string,
  form: Record<string, string>,
  client?: { id: string; secret: string },
): Promise<TokenResponse> {
  const headers: Record<string, string> = {};
  if (client) {
    // RFC 6749 §2.3.1: id and secret are form-urlencoded before being joined.
    const credentials = `${encodeURIComponent(client.id)}:${encodeURIComponent(client.secret)}`;
    headers.authorization = `Basic ${Buffer.from(credentials).toString("base64")}`;
  }
  const response = await fetch(endpoint, { method: "POST", headers, body: new URLSearchParams(form) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** HTTP status of a client_credentials request with a client secret: 200, or how it was refused. */
export async function clientCredentialsStatus(endpoint: string, clientId: string, secret: string): Promise<number> {
  return (await tokenRequest(endpoint, { grant_type: "client_credentials" }, { id: clientId, secret })).status;
}

export interface AccessTokenClaims extends JWTPayload {
  azp?: string;
  scope?: string;
  resource_access?: Record<string, { roles: string[] }>;
  realm_access?: { roles: string[] };
}

/** Verifies an access token's signature against the realm's JWKS and its issuer, as the backend would. */
export async function verifyAccessToken(issuer: string, token: string, audience: string): Promise<AccessTokenClaims> {
  const jwks = createRemoteJWKSet(new URL(`${issuer}/protocol/openid-connect/certs`));
  const { payload } = await jwtVerify<AccessTokenClaims>(token, jwks, { issuer, audience });
  return payload;
}

/**
 * The API roles in the access token a customer gets with client_credentials and its secret, after
 * checking the token is 200 and verifies against the realm's keys with the API as its audience.
 */
export async function tokenRolesOf(
  baseUrl: string,
  realm: string,
  api: string,
  client: { id: string; secret: string },
): Promise<string[]> {
  const issuer = `${baseUrl}/realms/${realm}`;
  const response = await tokenRequest(
    `${issuer}/protocol/openid-connect/token`,
    { grant_type: "client_credentials" },
    client,
  );
  if (response.status !== 200) throw new Error(`token request of '${client.id}': HTTP ${response.status}`);
  const claims = await verifyAccessToken(issuer, String(response.body.access_token), api);
  return [...(claims.resource_access?.[api]?.roles ?? [])].sort();
}
