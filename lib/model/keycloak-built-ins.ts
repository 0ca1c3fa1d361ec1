/** Clients Keycloak creates in every realm; none of ours may take over one of these ids. */
export const KEYCLOAK_BUILT_IN_CLIENTS: readonly string[] = [
  "account",
  "account-console",
  "admin-cli",
  // Fine-grained admin permissions v2 (Keycloak 26.2+).
  "admin-permissions",
  "broker",
  "realm-management",
  "security-admin-console",
];
