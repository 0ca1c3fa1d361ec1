import { parseSettings, type Settings } from "./model/settings";

/** Every Keycloak this repository deploys to; each is its own stack with its own state. */
export const ENVIRONMENT_NAMES = ["local", "staging", "production"] as const;
export type EnvironmentName = (typeof ENVIRONMENT_NAMES)[number];

/** The backend is the same code everywhere: same client id, same API roles. */
const backend: Settings["backend"] = {
  clientId: "atlas-api",
  roles: [
    { name: "orders:read", description: "Read orders" },
    { name: "orders:write", description: "Create and update orders" },
    { name: "invoices:read", description: "Read invoices" },
  ],
};

const realm: Settings["realm"] = {
  name: "atlas",
  displayName: "Atlas",
  sslRequired: "all",
  accessTokenLifespanSeconds: 300,
  ssoSessionIdleSeconds: 1_800,
  ssoSessionMaxSeconds: 36_000,
  eventsExpirationSeconds: 2_592_000,
  passwordPolicy: "length(12) and notUsername and notEmail and passwordHistory(5)",
  maxTemporaryLockouts: 10,
};

/** The frontend's URLs under one origin. */
function frontendAt(origin: string): Settings["frontend"] {
  return {
    clientId: "atlas-frontend",
    rootUrl: origin,
    redirectUris: [`${origin}/auth/callback`],
    postLogoutRedirectUris: [`${origin}/`],
    webOrigins: [origin],
  };
}

/** Settings per environment. Edit here; each is validated on load. */
export const environments: Record<EnvironmentName, Settings> = {
  // `npm start`: Keycloak in a local container, the frontend on Vite's dev server.
  local: parseSettings(
    { realm: { ...realm, sslRequired: "external" }, frontend: frontendAt("http://localhost:5173"), backend },
    "lib/environments.ts (local)",
  ),
  staging: parseSettings(
    { realm, frontend: frontendAt("https://app.staging.atlas.example"), backend },
    "lib/environments.ts (staging)",
  ),
  production: parseSettings(
    { realm, frontend: frontendAt("https://app.atlas.example"), backend },
    "lib/environments.ts (production)",
  ),
};

/** The environment a command uses when none is named: the local one, never production by accident. */
export const DEFAULT_ENVIRONMENT: EnvironmentName = "local";

/** Settings every environment shares the customer-file rules of (roles, reserved client ids). */
export const customerRules: Settings = environments.production;
