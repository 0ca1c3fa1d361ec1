import { describe, expect, it } from "vitest";
import { synthRealm } from "../synth";
import { testSettings } from "../test-settings";

const CLIENT = "keycloak_openid_client";

describe("the frontend client", () => {
  it("is public and signs users in with the authorization code flow and PKCE S256 only", () => {
    expect(synthRealm().at(CLIENT, "frontend/client")).toMatchObject({
      client_id: "test-frontend",
      access_type: "PUBLIC",
      standard_flow_enabled: true,
      pkce_code_challenge_method: "S256",
      implicit_flow_enabled: false,
      direct_access_grants_enabled: false,
      service_accounts_enabled: false,
    });
  });

  it("allows exactly the configured redirect URIs, post-logout URIs and web origins", () => {
    const frontend = synthRealm().at(CLIENT, "frontend/client");
    expect(frontend.valid_redirect_uris).toEqual(["https://app.example.com/auth/callback"]);
    expect(frontend.valid_post_logout_redirect_uris).toEqual(["https://app.example.com/"]);
    expect(frontend.web_origins).toEqual(["https://app.example.com"]);
  });

  it("gets tokens meant for the backend, with only the API roles a user holds", () => {
    // WHEN
    const realm = synthRealm();
    const scopes = realm.at("keycloak_openid_client_default_scopes", "frontend/default-scopes");

    // THEN
    expect(scopes.default_scopes).toContain("basic");
    expect(realm.referenced((scopes.default_scopes as string[]).at(-1)).config.name).toBe("test-api-audience");
    expect(realm.at(CLIENT, "frontend/client").full_scope_allowed).toBe(false);
    expect(realm.under("keycloak_generic_role_mapper", "frontend/")).toHaveLength(2);
  });

  it("rejects a wildcard redirect URI even when settings validation is bypassed", () => {
    const settings = testSettings();
    const bypassed = { ...settings, frontend: { ...settings.frontend, redirectUris: ["https://app.example.com/*"] } };
    expect(() => synthRealm([], bypassed)).toThrow(
      "frontend URIs must be exact, got wildcard 'https://app.example.com/*'",
    );
  });
});
