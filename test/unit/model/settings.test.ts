import { describe, expect, it } from "vitest";
import { testSettings } from "../test-settings";

describe("settings", () => {
  it("accepts HTTPS everywhere and plain HTTP on localhost", () => {
    expect(() =>
      testSettings((s) => {
        s.frontend.redirectUris = [
          "https://app.example.com/cb",
          "http://localhost:5173/cb",
          "http://127.0.0.1:8080/cb",
        ];
      }),
    ).not.toThrow();
  });

  it("rejects an access token lifespan above 300 s", () => {
    expect(() => testSettings((s) => void (s.realm.accessTokenLifespanSeconds = 900))).toThrow(
      "realm.accessTokenLifespanSeconds: must be at most 300 s, got 900",
    );
  });

  it("rejects plain HTTP redirect URIs off localhost", () => {
    expect(() => testSettings((s) => void (s.frontend.redirectUris = ["http://app.example.com/cb"]))).toThrow(
      "frontend.redirectUris[0]: must use https:// (plain http:// only on localhost)",
    );
  });

  it.each([
    ["https:app.example.com/cb", "must be written in canonical form: https://app.example.com/cb"],
    // The WHATWG parser reads the host as localhost; Keycloak compares the string as written.
    ["http://localhost\\@evil.example/cb", "must be written in canonical form: http://localhost/@evil.example/cb"],
    ["https://APP.example.com/cb", "must be written in canonical form: https://app.example.com/cb"],
    ["https://user:pw@app.example.com/cb", "must not carry credentials"],
    ["https://app.example.com/cb#token", "must not have a #fragment (OAuth 2.0 forbids it in redirect URIs)"],
    ["not a url", "must be an absolute URL"],
  ])("rejects the redirect URI %s", (uri, rule) => {
    expect(() => testSettings((s) => void (s.frontend.redirectUris = [uri]))).toThrow(
      `frontend.redirectUris[0]: ${rule}`,
    );
  });

  it("rejects a client id Keycloak already uses", () => {
    expect(() => testSettings((s) => void (s.frontend.clientId = "account"))).toThrow(
      "frontend.clientId: is a client Keycloak creates in every realm",
    );
  });

  it("rejects wildcard redirect URIs", () => {
    expect(() => testSettings((s) => void (s.frontend.redirectUris = ["https://app.example.com/*"]))).toThrow(
      "frontend.redirectUris[0]: must be exact: wildcards are refused",
    );
  });

  it("rejects web origins with a path", () => {
    expect(() => testSettings((s) => void (s.frontend.webOrigins = ["https://app.example.com/"]))).toThrow(
      "frontend.webOrigins[0]: must be an origin (scheme://host[:port], no path or trailing slash)",
    );
  });

  it("rejects a role name that does not look like resource:action", () => {
    expect(() => testSettings((s) => void (s.backend.roles = [{ name: "admin", description: "Everything" }]))).toThrow(
      "backend.roles[0].name: must look like 'resource:action', e.g. 'orders:read'",
    );
  });

  it("rejects a role declared twice", () => {
    expect(() =>
      testSettings((s) => {
        s.backend.roles = [
          { name: "orders:read", description: "Read" },
          { name: "orders:read", description: "Read again" },
        ];
      }),
    ).toThrow("backend.roles[1].name: duplicate role 'orders:read'");
  });

  it("rejects a backend that shares the frontend's client id", () => {
    expect(() => testSettings((s) => void (s.backend.clientId = s.frontend.clientId))).toThrow(
      "backend.clientId: must differ from frontend.clientId",
    );
  });

  it("rejects a maximum session shorter than the idle timeout", () => {
    expect(() => testSettings((s) => void (s.realm.ssoSessionMaxSeconds = 900))).toThrow(
      "realm.ssoSessionMaxSeconds: must be at least ssoSessionIdleSeconds (1800 s)",
    );
  });

  it.each(["length(12) and", "length(12) or notUsername", "length(12) and ${var.x}", ""])(
    "rejects a password policy that is not Keycloak's syntax: '%s'",
    (policy) => {
      expect(() => testSettings((s) => void (s.realm.passwordPolicy = policy))).toThrow(
        "realm.passwordPolicy: must be Keycloak policies joined by ' and ', e.g. 'length(12) and notUsername'",
      );
    },
  );

  it("rejects a password policy without a length of at least 8", () => {
    for (const policy of ["notUsername and digits(2)", "length(6) and notEmail"]) {
      expect(() => testSettings((s) => void (s.realm.passwordPolicy = policy))).toThrow(
        "realm.passwordPolicy: must contain length(n) with n at least 8",
      );
    }
  });

  it("rejects a password policy whose last length(n) is below 8, as Keycloak keeps the last", () => {
    expect(() =>
      testSettings((s) => void (s.realm.passwordPolicy = "length(12) and notUsername and length(4)")),
    ).toThrow("realm.passwordPolicy: must contain length(n) with n at least 8");
  });

  it("rejects a rotation grace period as long as the secrets' maximum age, which Keycloak refuses", () => {
    expect(() =>
      testSettings((s) => void (s.customers = { secretRotationGraceSeconds: 86_400, secretMaxAgeSeconds: 86_400 })),
    ).toThrow("customers.secretRotationGraceSeconds: must be shorter than secretMaxAgeSeconds (86400 s), got 86400");
  });

  it("rejects a grace period above 90 days and a maximum age below a day", () => {
    expect(() => testSettings((s) => void (s.customers = { secretRotationGraceSeconds: 7_776_001 }))).toThrow(
      "customers.secretRotationGraceSeconds: must be at most 7776000 s, got 7776001",
    );
    expect(() => testSettings((s) => void (s.customers = { secretMaxAgeSeconds: 3_600 }))).toThrow(
      "customers.secretMaxAgeSeconds: must be at least 86400 s, got 3600",
    );
  });

  it("rejects a temporary-lockout cap below 1 (0 cannot be deployed) or above 50", () => {
    expect(() => testSettings((s) => void (s.realm.maxTemporaryLockouts = 0))).toThrow(
      "realm.maxTemporaryLockouts: must be at least 1, got 0",
    );
    expect(() => testSettings((s) => void (s.realm.maxTemporaryLockouts = 51))).toThrow(
      "realm.maxTemporaryLockouts: must be at most 50, got 51",
    );
  });
});
