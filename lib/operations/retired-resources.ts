import type { EnvironmentName } from "../environments";
import { UsageError } from "./commands/invocation";

/**
 * Customer resources of earlier layouts, by type, with what took their place:
 * - a service-account grant and a scope mapping per role, before each customer had one role set
 *   (`keycloak_user_roles`) and the API's role scopes;
 * - a set of optional scopes, always empty, before what a client holds beyond its file covered them.
 */
const RETIRED_TYPES = [
  "keycloak_openid_client_service_account_role",
  "keycloak_generic_role_mapper",
  "keycloak_openid_client_optional_scopes",
];

/** The addresses among `addresses` of customers' resources of an earlier layout. */
export function retiredAddresses(addresses: readonly string[]): string[] {
  return addresses.filter((address) => {
    const [type, name] = address.split(".");
    return RETIRED_TYPES.includes(type!) && name!.startsWith("customers_");
  });
}

/**
 * Refuses a state that still holds customer resources of an earlier layout: planned with this code,
 * the engine would delete them, and a per-role grant's deletion would take the role away with
 * nothing ordering it after the role set takes over.
 */
export function refuseRetiredResources(name: EnvironmentName, addresses: readonly string[]): void {
  const found = retiredAddresses(addresses);
  if (found.length === 0) return;
  throw new UsageError(
    `the '${name}' state holds ${found.length} customer resource(s) of an earlier layout (e.g. ${found[0]}): ` +
      "nothing was planned or changed. Run `npm run upgrade-state -- --env " +
      `${name}\` once: it removes them from the state and changes nothing in Keycloak; the next deploy then ` +
      "takes over what they managed.",
  );
}
