import { Construct } from "constructs";
import { Realm } from "../../.gen/providers/keycloak/realm";
import { RealmDefaultClientScopes } from "../../.gen/providers/keycloak/realm-default-client-scopes";
import { RealmEvents } from "../../.gen/providers/keycloak/realm-events";
import { RealmOptionalClientScopes } from "../../.gen/providers/keycloak/realm-optional-client-scopes";
import { goDuration, requireSeconds } from "./durations";

/** Longest access token the security baseline allows: a leaked token is useful for minutes, not hours. */
export const MAX_ACCESS_TOKEN_LIFESPAN_SECONDS = 300;

export interface HardenedRealmProps {
  /** Realm name: the `/realms/<name>` path segment and part of every token's `iss`. */
  readonly name: string;
  /** Name shown on the login page. @default - the realm name */
  readonly displayName?: string;
  /** Where Keycloak requires HTTPS: `external` (all but private addresses) or `all`. @default "external" */
  readonly sslRequired?: "external" | "all";
  /** Access token lifespan, at most 300 s. @default 300 */
  readonly accessTokenLifespanSeconds?: number;
  /** A browser session ends after this much inactivity. @default 1800 */
  readonly ssoSessionIdleSeconds?: number;
  /** A browser session ends after this long, active or not. @default 36000 */
  readonly ssoSessionMaxSeconds?: number;
  /** How long login events and admin events are kept. @default 2592000 (30 days) */
  readonly eventsExpirationSeconds?: number;
  /** Refuse any plan that destroys the realm (and with it every client and user). @default true */
  readonly deletionProtection?: boolean;
  /**
   * What a user's password must satisfy: Keycloak policy ids joined by ` and `; Keycloak refuses an
   * unknown id. `notUsername`/`notEmail`: not the user's name or e-mail; `passwordHistory(5)`: none
   * of the last five.
   * @default "length(12) and notUsername and notEmail and passwordHistory(5)"
   */
  readonly passwordPolicy?: string;
  /**
   * Temporary lockouts (5 failed logins each at first, then each failure) before the user is
   * disabled until an admin enables it: a cap on how long a guesser may keep trying; at least 1
   * (providers leave 0 out of the request). Keycloak applies it only with permanent lockout on,
   * which this turns on.
   * @default 10
   */
  readonly maxTemporaryLockouts?: number;
}

const DEFAULTS = {
  sslRequired: "external",
  accessTokenLifespanSeconds: 300,
  ssoSessionIdleSeconds: 1_800,
  ssoSessionMaxSeconds: 36_000,
  eventsExpirationSeconds: 2_592_000,
  deletionProtection: true,
  passwordPolicy: "length(12) and notUsername and notEmail and passwordHistory(5)",
  maxTemporaryLockouts: 10,
} as const;

/**
 * What Keycloak gives a client created after the realm: `basic` (`sub`) and `roles` by default,
 * nothing optional. Its own defaults add profile, e-mail, address, phone and offline access to
 * every new client; each client here lists exactly the scopes it needs, and starts from these.
 */
export const NEW_CLIENT_DEFAULT_SCOPES: readonly string[] = ["basic", "roles"];

/**
 * Brute-force detection: temporary lockout growing from 1 to 15 minutes after 5 failures; permanent
 * (the user disabled) after `maxTemporaryLockouts` of them, Keycloak's "lockout permanently after
 * temporary lockout".
 */
const BRUTE_FORCE_DETECTION = {
  permanentLockout: true,
  maxLoginFailures: 5,
  waitIncrementSeconds: 60,
  quickLoginCheckMilliSeconds: 1_000,
  minimumQuickLoginWaitSeconds: 60,
  maxFailureWaitSeconds: 900,
  failureResetTimeSeconds: 43_200,
};

/**
 * A realm with the security baseline: HTTPS required, a password policy, brute-force detection
 * with a cap on temporary lockouts, refresh-token
 * rotation (a refresh token works once), short access tokens, login and admin events kept,
 * deletion protection, and least-privilege scopes for new clients.
 */
export class HardenedRealm extends Construct {
  /** The realm resource. */
  public readonly realm: Realm;
  /**
   * The realm's id, for clients and everything else in the realm: it references the realm's
   * scopes for new clients, so clients are created after those are set and start with just them
   * (not Keycloak's ten defaults, each then detached with a request of its own).
   */
  public readonly realmId: string;

  constructor(scope: Construct, id: string, props: HardenedRealmProps) {
    super(scope, id);
    const p = { ...DEFAULTS, ...props };
    requireSeconds("accessTokenLifespanSeconds", p.accessTokenLifespanSeconds, 60, MAX_ACCESS_TOKEN_LIFESPAN_SECONDS);
    requireSeconds("ssoSessionIdleSeconds", p.ssoSessionIdleSeconds, 300, 86_400);
    requireSeconds("ssoSessionMaxSeconds", p.ssoSessionMaxSeconds, p.ssoSessionIdleSeconds, 604_800);
    requireSeconds("eventsExpirationSeconds", p.eventsExpirationSeconds, 3_600, 31_536_000);
    if (!Number.isInteger(p.maxTemporaryLockouts) || p.maxTemporaryLockouts < 1) {
      throw new Error(`maxTemporaryLockouts must be a whole number of at least 1, got ${p.maxTemporaryLockouts}`);
    }

    this.realm = new Realm(this, "realm", {
      realm: p.name,
      enabled: true,
      displayName: p.displayName ?? p.name,
      sslRequired: p.sslRequired,
      accessTokenLifespan: goDuration(p.accessTokenLifespanSeconds),
      ssoSessionIdleTimeout: goDuration(p.ssoSessionIdleSeconds),
      ssoSessionMaxLifespan: goDuration(p.ssoSessionMaxSeconds),
      revokeRefreshToken: true,
      refreshTokenMaxReuse: 0,
      passwordPolicy: p.passwordPolicy,
      securityDefenses: {
        bruteForceDetection: { ...BRUTE_FORCE_DETECTION, maxTemporaryLockouts: p.maxTemporaryLockouts },
      },
      lifecycle: { preventDestroy: p.deletionProtection },
    });

    const defaultScopes = new RealmDefaultClientScopes(this, "new-client-default-scopes", {
      realmId: this.realm.id,
      defaultScopes: [...NEW_CLIENT_DEFAULT_SCOPES],
    });
    // Chained, so that both lists are set before anything takes the realm id from the last.
    const optionalScopes = new RealmOptionalClientScopes(this, "new-client-optional-scopes", {
      realmId: defaultScopes.realmId,
      optionalScopes: [],
    });
    this.realmId = optionalScopes.realmId;

    new RealmEvents(this, "events", {
      realmId: this.realm.id,
      eventsEnabled: true,
      eventsExpiration: p.eventsExpirationSeconds,
      adminEventsEnabled: true,
      adminEventsDetailsEnabled: true,
      // Kept so events also reach the server log, where log shipping picks them up.
      eventsListeners: ["jboss-logging"],
    });
  }
}
