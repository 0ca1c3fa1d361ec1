import { mapConcurrently } from "./concurrency";
import { KeycloakAdmin, segment } from "./keycloak-admin";
import type { StateResource } from "./stack-workspace";

/** Client attributes Keycloak's secret rotation keeps, in epoch seconds. */
const EXPIRES = "client.secret.expiration.time";
const PREVIOUS_EXPIRES = "client.secret.rotated.expiration.time";

/** Secrets expiring this soon are listed by plan, drift and deploy. */
export const EXPIRY_WARNING_DAYS = 30;

/** Where a customer's secret stands in Keycloak. */
export interface SecretStatus {
  /** The customer (client) id. */
  readonly id: string;
  /** The client's internal id. */
  readonly internalId?: string;
  /** When Keycloak starts refusing the current secret; unset until the rotation policy first sees the client. */
  readonly expiresAt?: Date;
  /** During a grace period: until when the secret before the last rotation still works. */
  readonly previousWorksUntil?: Date;
}

interface ClientRepresentation {
  id: string;
  clientId: string;
  clientAuthenticatorType?: string;
  attributes?: Record<string, string>;
}

/** A client's secret status from its attributes, at `now`. */
export function secretStatusOf(
  clientId: string,
  attributes: Record<string, string> = {},
  now = new Date(),
): SecretStatus {
  const at = (name: string) => (attributes[name] ? new Date(Number(attributes[name]) * 1000) : undefined);
  const previous = at(PREVIOUS_EXPIRES);
  return {
    id: clientId,
    expiresAt: at(EXPIRES),
    previousWorksUntil: previous && previous > now ? previous : undefined,
  };
}

/** The client whose client id is `id` (Keycloak matches it exactly), or none. */
async function clientsNamed(admin: KeycloakAdmin, realm: string, id: string): Promise<ClientRepresentation[]> {
  return (
    (await admin.find<ClientRepresentation[]>(`${segment(realm)}/clients?clientId=${encodeURIComponent(id)}`)) ?? []
  );
}

/**
 * The secret status of each of `ids` that is a client-secret client in the realm, one request each,
 * `requestsAtOnce` at once. Not by listing the realm's clients: at 10,000 that took minutes (clients
 * beyond Keycloak's cache load from the database page by page) where these reads take seconds.
 */
export async function readSecretStatuses(
  admin: KeycloakAdmin,
  realm: string,
  ids: readonly string[],
  requestsAtOnce: number,
  now = new Date(),
): Promise<SecretStatus[]> {
  const wanted = new Set(ids);
  const clients = (await mapConcurrently(ids, requestsAtOnce, (id) => clientsNamed(admin, realm, id))).flat();
  return clients
    .filter((client) => wanted.has(client.clientId) && client.clientAuthenticatorType !== "client-jwt")
    .map((client) => ({ ...secretStatusOf(client.clientId, client.attributes, now), internalId: client.id }));
}

/**
 * Previous secrets that work longer than their customer's grace period allows now (`graceOf`, in
 * seconds), a minute's slack aside: the official provider regenerates a secret before it writes the
 * client's new grace period, so a deploy that both shortens the grace period and rotates leaves
 * Keycloak keeping the previous secret for the former period.
 */
export function outlivingGracePeriods(
  statuses: readonly SecretStatus[],
  graceOf: (id: string) => number | undefined,
  now = new Date(),
): { status: SecretStatus; graceSeconds: number }[] {
  return statuses.flatMap((status) => {
    const graceSeconds = graceOf(status.id);
    if (graceSeconds === undefined || !status.previousWorksUntil) return [];
    const allowed = now.getTime() + (graceSeconds + 60) * 1000;
    return status.previousWorksUntil.getTime() > allowed ? [{ status, graceSeconds }] : [];
  });
}

/** Secrets that expire within {@link EXPIRY_WARNING_DAYS} days of `now`, or have expired: the soonest first. */
export function expiringSecrets(statuses: readonly SecretStatus[], now = new Date()): SecretStatus[] {
  const horizon = now.getTime() + EXPIRY_WARNING_DAYS * 86_400_000;
  return statuses
    .filter((status) => status.expiresAt && status.expiresAt.getTime() <= horizon)
    .sort((a, b) => a.expiresAt!.getTime() - b.expiresAt!.getTime());
}

/** `2027-01-03 14:05 UTC (in 29 days)`, or `expired 2026-12-01 09:00 UTC`. */
export function describeExpiry(expiresAt: Date, now = new Date()): string {
  const when = `${expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const ms = expiresAt.getTime() - now.getTime();
  if (ms <= 0) return `expired ${when}`;
  const days = Math.floor(ms / 86_400_000);
  const hours = Math.floor(ms / 3_600_000);
  return `${when} (in ${days >= 1 ? `${days} day${days === 1 ? "" : "s"}` : `${hours} h`})`;
}

/** The Markdown section plan, drift and deploy show for secrets near or past their maximum age. */
export function renderExpiringSecrets(expiring: readonly SecretStatus[], now = new Date()): string {
  if (expiring.length === 0) return "";
  const lines = [
    `#### Customer secrets expiring within ${EXPIRY_WARNING_DAYS} days: ${expiring.length}`,
    "",
    "Keycloak refuses a secret past its maximum age. Rotate it (bump `secretVersion` in the customer's file, " +
      "deploy, hand over the new one): the old one keeps working for the grace period.",
    "",
    "| customer | secret expires |",
    "| --- | --- |",
    ...expiring.map((status) => {
      const expiry = describeExpiry(status.expiresAt!, now);
      return `| \`${status.id}\` | ${expiry.startsWith("expired") ? `**${expiry}**` : expiry} |`;
    }),
    "",
  ];
  return lines.join("\n");
}

/** The client-policies list each rotation resource type keeps its entry in. */
const ROTATION_LISTS = {
  keycloak_realm_client_policy_profile: "profiles",
  keycloak_realm_client_policy_profile_policy: "policies",
} as const;

/**
 * Addresses of the secret-rotation profiles and policies in state that Keycloak no longer holds
 * (deleted in the admin console). The official provider's read keeps such an entry in state
 * unchanged, so no plan would make it again and rotations would cut over at once; the bundled
 * provider's read drops it, and then there is nothing here to find. Two requests.
 */
export async function lostRotationObjects(
  admin: KeycloakAdmin,
  realm: string,
  resources: readonly StateResource[],
): Promise<string[]> {
  const held = resources.filter((resource) => resource.type in ROTATION_LISTS);
  if (held.length === 0) return [];
  const live = async (list: "profiles" | "policies") => {
    const answer = await admin.find<Record<string, { name: string }[] | undefined>>(
      `${segment(realm)}/client-policies/${list}`,
    );
    return new Set((answer?.[list] ?? []).map((entry) => entry.name));
  };
  const names = { profiles: await live("profiles"), policies: await live("policies") };
  return held
    .filter(
      (resource) =>
        !names[ROTATION_LISTS[resource.type as keyof typeof ROTATION_LISTS]].has(String(resource.values.name)),
    )
    .map((resource) => resource.address);
}

/** The Markdown section drift shows for {@link lostRotationObjects}. */
export function renderLostRotationObjects(addresses: readonly string[]): string {
  if (addresses.length === 0) return "";
  return [
    `#### Secret rotation deleted in Keycloak: ${addresses.length}`,
    "",
    "Until the next deploy puts it back, a rotation cuts over at once and secrets keep no maximum age.",
    "",
    ...addresses.map((address) => `- \`${address}\``),
    "",
  ].join("\n");
}
