import { parseSettings, type Settings } from "../../lib/model/settings";

/** Settings for unit tests, independent of what operators configure in lib/model/settings.ts. */
export function testSettings(overrides: (draft: Settings) => void = () => {}): Settings {
  const draft: Settings = {
    realm: {
      name: "test",
      displayName: "Test",
      sslRequired: "external",
      accessTokenLifespanSeconds: 300,
      ssoSessionIdleSeconds: 1_800,
      ssoSessionMaxSeconds: 36_000,
      eventsExpirationSeconds: 86_400,
      passwordPolicy: "length(10) and digits(1)",
      maxTemporaryLockouts: 3,
    },
    frontend: {
      clientId: "test-frontend",
      rootUrl: "https://app.example.com",
      redirectUris: ["https://app.example.com/auth/callback"],
      postLogoutRedirectUris: ["https://app.example.com/"],
      webOrigins: ["https://app.example.com"],
    },
    backend: {
      clientId: "test-api",
      roles: [
        { name: "orders:read", description: "Read orders" },
        { name: "orders:write", description: "Write orders" },
      ],
    },
  };
  overrides(draft);
  return parseSettings(draft, "test settings");
}
