import * as oidc from "openid-client";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { environments } from "../../lib/environments";
import { AdminApi } from "./admin-api";
import { requireEnvironment } from "./prerequisites";
import { RealmProject } from "./realm-project";
import { tokenRequest, verifyAccessToken } from "./tokens";

// The tests deploy the local environment, as `npm start` does.
const settings = environments.local;

const keycloak = inject("keycloak");
const admin = new AdminApi(keycloak);
const { realm, frontend, backend } = settings;
const issuer = `${keycloak.baseUrl}/realms/${realm.name}`;
const redirectUri = frontend.redirectUris[0]!;
const user = { username: "jane", password: "correct-horse-battery-staple" };

/** Flags for a root, offline machine: no sandbox, no calls home (they are refused here, many at a time). */
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** An authorization request URL of the frontend, as the single-page app builds it. */
function authorizationUrl(params: Record<string, string>): URL {
  const url = new URL(`${issuer}/protocol/openid-connect/auth`);
  url.search = new URLSearchParams({
    client_id: frontend.clientId,
    response_type: "code",
    scope: "openid",
    redirect_uri: redirectUri,
    state: "state-1",
    ...params,
  }).toString();
  return url;
}

describe("a user signing in through the frontend", () => {
  let project: RealmProject;
  let browser: Browser;
  let config: oidc.Configuration;

  beforeAll(async () => {
    await admin.deleteRealmIfExists(realm.name);
    project = await RealmProject.create(keycloak);
    await project.deploy();
    await admin.createUser(realm.name, {
      ...user,
      clientRoles: { clientId: backend.clientId, roles: ["orders:read"] },
    });
    // A public client: no secret, PKCE instead.
    config = await oidc.discovery(new URL(issuer), frontend.clientId, undefined, oidc.None(), {
      execute: [oidc.allowInsecureRequests],
    });
    browser = await chromium.launch({ executablePath: requireEnvironment("CHROMIUM_PATH"), args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await project?.dispose();
  });

  it("gets a token for the backend with authorization code + PKCE on Keycloak's login page", async () => {
    // GIVEN the app's authorization request
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: "openid",
      state,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: "S256",
    });
    const page = await browser.newPage();
    // The app is not running: answer its callback in the browser and keep the URL Keycloak sent.
    let callback: URL | undefined;
    await page.route(`${frontend.rootUrl}/**`, async (route) => {
      callback = new URL(route.request().url());
      await route.fulfill({ status: 200, contentType: "text/html", body: "<p>signed in</p>" });
    });

    // WHEN the user signs in on Keycloak's real login page
    await page.goto(url.href);
    await page.fill("#username", user.username);
    await page.fill("#password", user.password);
    await page.click("#kc-login");
    await page.waitForURL((current) => current.href.startsWith(redirectUri));
    const tokens = await oidc.authorizationCodeGrant(config, callback!, {
      pkceCodeVerifier: codeVerifier,
      expectedState: state,
    });

    // THEN
    const claims = await verifyAccessToken(issuer, tokens.access_token, backend.clientId);
    expect(claims.azp).toBe(frontend.clientId);
    expect(claims.preferred_username).toBe(user.username);
    expect(claims.resource_access?.[backend.clientId]?.roles).toEqual(["orders:read"]);
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(realm.accessTokenLifespanSeconds);
    await page.close();
  });

  it("rejects an authorization request without a PKCE code challenge", async () => {
    // WHEN
    const response = await fetch(authorizationUrl({}), { redirect: "manual" });

    // THEN Keycloak sends the browser back with an error instead of showing the login page
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location")!);
    expect(location.href.startsWith(redirectUri)).toBe(true);
    expect(location.searchParams.get("error")).toBe("invalid_request");
    expect(location.searchParams.get("error_description")).toMatch(/code_challenge/);
  });

  it("rejects a redirect URI that is not listed", async () => {
    // WHEN
    const response = await fetch(
      authorizationUrl({
        redirect_uri: `${frontend.rootUrl}/evil`,
        code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        code_challenge_method: "S256",
      }),
      { redirect: "manual" },
    );

    // THEN an error page, and the browser is sent nowhere
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toMatch(/Invalid parameter: redirect_uri/);
  });

  it("rejects the client credentials grant: the frontend has no credentials of its own", async () => {
    const response = await tokenRequest(`${issuer}/protocol/openid-connect/token`, {
      grant_type: "client_credentials",
      client_id: frontend.clientId,
    });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe("unauthorized_client");
    expect(response.body.access_token).toBeUndefined();
  });
});
