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
