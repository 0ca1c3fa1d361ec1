import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { environments } from "../../lib/environments";
import { AdminApi } from "./admin-api";
import { TEST_RUN_LABEL, type KeycloakUnderTest } from "./global-setup";
import { HOST_FROM_CONTAINERS, JwksServer } from "./jwks-server";
import { KeycloakContainer, type StartedKeycloakContainer } from "./keycloak-container";
import { requireEnvironment } from "./prerequisites";
import { RealmProject } from "./realm-project";
import { tokenRequest, verifyAccessToken } from "./tokens";

const settings = environments.local;
const realm = settings.realm.name;
const backend = settings.backend.clientId;
const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

interface SigningKey {
  readonly privateKey: CryptoKey;
  readonly publicJwk: Record<string, unknown>;
}

async function signingKey(alg: "RS256" | "ES256", kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: "sig" } };
}

function customerFile(lines: string[]): string {
  return ["displayName: Test", "contactEmail: api@test.example", "description: Test.", ...lines, ""].join("\n");
}

// Its own Keycloak: it must trust the customer's JWKS server and reach it on this host.
describe("customers authenticating without a shared secret", () => {
  let container: StartedKeycloakContainer;
  let keycloak: KeycloakUnderTest;
  let jwksServer: JwksServer;
  let project: RealmProject;
  let issuer: string;
  let tokenEndpoint: string;
  let byUrl: SigningKey;
  let inline: SigningKey;

  /** An RFC 7523 client assertion, valid for a minute unless told otherwise. */
  function assertion(clientId: string, key: SigningKey, options: { expired?: boolean; jti?: string } = {}) {
    const now = Math.floor(Date.now() / 1000);
    const issuedAt = options.expired ? now - 120 : now;
    return new SignJWT({})
      .setProtectedHeader({ alg: String(key.publicJwk.alg), kid: String(key.publicJwk.kid) })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(issuer)
      .setJti(options.jti ?? randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + 60)
      .sign(key.privateKey);
  }

  function requestWithAssertion(clientId: string, clientAssertion: string) {
    return tokenRequest(tokenEndpoint, {
      grant_type: "client_credentials",
      client_id: clientId,
      client_assertion_type: ASSERTION_TYPE,
      client_assertion: clientAssertion,
    });
  }

  beforeAll(async () => {
    byUrl = await signingKey("RS256", "by-url-1");
    inline = await signingKey("ES256", "inline-1");
    jwksServer = await JwksServer.start({ keys: [byUrl.publicJwk] });
    container = await new KeycloakContainer(requireEnvironment("KEYCLOAK_IMAGE"))
      .withLabels({ [TEST_RUN_LABEL]: `${hostname()}:${process.pid}` })
      .withExtraHosts([{ host: HOST_FROM_CONTAINERS, ipAddress: "host-gateway" }])
      // Keycloak trusts the certificates in conf/truststores, for outgoing calls such as JWKS fetches.
      .withCopyContentToContainer([
        { content: jwksServer.certificate, target: "/opt/keycloak/conf/truststores/jwks-server.pem" },
      ])
      .start();
    keycloak = container.underTest();
    issuer = `${keycloak.baseUrl}/realms/${realm}`;
    tokenEndpoint = `${issuer}/protocol/openid-connect/token`;

    project = await RealmProject.create(keycloak);
    await project.writeCustomer(
      "by-url",
      customerFile([
        "roles: [orders:read]",
        "auth:",
        "  method: private-key-jwt",
        `  jwksUrl: ${jwksServer.url}`,
        "accessTokenLifespanSeconds: 120",
      ]),
    );
    await project.writeCustomer(
      "inline",
      customerFile([
        "roles: [orders:write]",
        "auth:",
        "  method: private-key-jwt",
        "  algorithm: ES256",
        `  jwks: ${JSON.stringify({ keys: [inline.publicJwk] })}`,
      ]),
    );
    const deployed = await project.realm("deploy");
    if (deployed.code !== 0) throw new Error(`deploy failed:\n${deployed.stderr}`);
  });

  afterAll(async () => {
    await project?.dispose();
    await container?.stop({ remove: true, removeVolumes: true });
    await jwksServer?.stop();
  });

  it("gives a private_key_jwt customer (keys at its JWKS URL) a token for the backend with its roles only", async () => {
    // WHEN
    const response = await requestWithAssertion("by-url", await assertion("by-url", byUrl));

    // THEN
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.refresh_token).toBeUndefined();
    const claims = await verifyAccessToken(issuer, String(response.body.access_token), backend);
    expect(claims.azp).toBe("by-url");
    expect(claims.resource_access?.[backend]?.roles).toEqual(["orders:read"]);
    // Its file asks for 120 s tokens, shorter than the realm's 300 s. Keycloak reads its clock
    // once for iat and again for exp, so a second can tick between them.
    expect(claims.exp! - claims.iat!).toBeGreaterThanOrEqual(120);
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(121);
  });

  it("rejects an assertion signed with a key the customer did not publish", async () => {
    const stranger = await signingKey("RS256", "by-url-1");
    const response = await requestWithAssertion("by-url", await assertion("by-url", stranger));
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: "invalid_client",
      error_description: "Client authentication with signed JWT failed: Signature on JWT token failed validation",
    });
  });

  it("rejects an expired assertion", async () => {
    const response = await requestWithAssertion("by-url", await assertion("by-url", byUrl, { expired: true }));
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: "invalid_client", error_description: "Token is not active" });
  });

  it("rejects an assertion used a second time (same jti)", async () => {
    // GIVEN
    const once = await assertion("by-url", byUrl);
    expect((await requestWithAssertion("by-url", once)).status).toBe(200);

    // WHEN
    const replayed = await requestWithAssertion("by-url", once);

    // THEN
    expect(replayed.status).toBe(400);
    expect(replayed.body).toMatchObject({ error: "invalid_client", error_description: "Token reuse detected" });
  });

  it("rejects a client secret for a private_key_jwt customer", async () => {
    const secret = await new AdminApi(keycloak).clientSecret(realm, "by-url");
    const response = await tokenRequest(tokenEndpoint, { grant_type: "client_credentials" }, { id: "by-url", secret });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: "invalid_client",
      error_description: "Parameter client_assertion_type is missing",
    });
  });

  it("gives a customer with inline public keys (ES256) a token with its roles only", async () => {
    // WHEN
    const response = await requestWithAssertion("inline", await assertion("inline", inline));

    // THEN
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const claims = await verifyAccessToken(issuer, String(response.body.access_token), backend);
    expect(claims.azp).toBe("inline");
    expect(claims.resource_access?.[backend]?.roles).toEqual(["orders:write"]);
  });
});
