import { customerIdOf, isReleasedAdoptedClient } from "./plan-summary";
import { actionOf, type ResourceChange } from "./terraform-plan";

/** Resource types whose deletion loses something that cannot be recreated as it was. */
const PROTECTED_TYPES = new Set([
  "keycloak_realm",
  "keycloak_openid_client",
  "keycloak_openid_client_scope",
  // Roles carry assignments made outside this repository (users, groups), lost with the role.
  "keycloak_role",
]);

export interface Deletion {
  /** What is lost, in words. */
  readonly what: string;
  /** What it is, without what happens to it: `customer 'acme'`, or the Terraform address. */
  readonly subject: string;
  /** The `--allow-delete` value that permits it: the customer id, or the Terraform address. */
  readonly allowWith: string;
}

/**
 * Deletions (and replacements, which delete first) of the realm, a client or the audience scope
 * that were not explicitly allowed. A customer is allowed by its id, anything else by its address.
 */
export function unallowedDeletions(changes: readonly ResourceChange[], allowed: readonly string[]): Deletion[] {
  return changes
    .filter((change) => PROTECTED_TYPES.has(change.type) && ["delete", "replace"].includes(actionOf(change)))
    .map((change): Deletion => {
      const id = customerIdOf(change);
      const verb = actionOf(change) === "replace" ? "replaced (deleted, then created anew)" : "deleted";
      if (!id) return { what: `${change.address} is ${verb}`, subject: change.address, allowWith: change.address };
      const subject = `customer '${id}'`;
      if (isReleasedAdoptedClient(change)) {
        return {
          subject,
          what: `customer '${id}' was adopted: its client is released, left in Keycloak still enabled with working credentials (set enabled: false first to cut it off)`,
          allowWith: id,
        };
      }
      return { what: `${subject}: its client and credentials are ${verb}`, subject, allowWith: id };
    })
    .filter((deletion, index, all) => all.findIndex((d) => d.allowWith === deletion.allowWith) === index)
    .filter((deletion) => !allowed.includes(deletion.allowWith));
}

/** Deletions found by refresh: what the state holds is missing from the Keycloak being deployed to. */
export function formatVanished(deletions: readonly Deletion[], keycloakUrl: string, environment: string): string {
  return [
    `Refusing to apply: the Keycloak at ${keycloakUrl} lacks what the '${environment}' state says was deployed there.`,
    `Is KEYCLOAK_URL the '${environment}' Keycloak? If it is and these were deleted by hand, re-creating them`,
    "makes new clients (customers get new secrets); allow that explicitly:",
    ...deletions.map((d) => `  - ${d.subject} is missing; allow with --allow-delete ${d.allowWith}`),
    "Nothing was changed.",
  ].join("\n");
}

export function formatRefusal(deletions: readonly Deletion[]): string {
  return [
    "Refusing to apply: this plan deletes what cannot be recreated as it was.",
    ...deletions.map((d) => `  - ${d.what}; allow with --allow-delete ${d.allowWith}`),
    "Nothing was changed.",
  ].join("\n");
}
