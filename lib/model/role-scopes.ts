// An API role reaches a customer's tokens through a client scope of its own (lib/constructs/backend-api.ts):
// the scope's name says which role, so that plans can name the roles a customer gains or loses.

/** Name of the client scope that lets tokens carry API role `role` of API `clientId`, e.g. `atlas-api:orders:read`. */
export function roleScopeName(clientId: string, role: string): string {
  return `${clientId}:${role}`;
}

/** The API role a client scope name of {@link roleScopeName} stands for; undefined for other scopes. */
export function roleOfScopeName(name: string): string | undefined {
  // Unambiguous: a client id has no colon and an API role exactly one.
  return /^[^:]+:([^:]+:[^:]+)$/.exec(name)?.[1];
}
