import { Construct } from "constructs";
import { Realm } from "../.gen/providers/keycloak/realm";
import { RealmEvents } from "../.gen/providers/keycloak/realm-events";
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
}

const DEFAULTS = {
  sslRequired: "external",
  accessTokenLifespanSeconds: 300,
  ssoSessionIdleSeconds: 1_800,
  ssoSessionMaxSeconds: 36_000,
  eventsExpirationSeconds: 2_592_000,
  deletionProtection: true,
} as const;

/** Brute-force detection: temporary lockout growing from 1 to 15 minutes after 5 failures. */
const BRUTE_FORCE_DETECTION = {
  permanentLockout: false,
  maxLoginFailures: 5,
  waitIncrementSeconds: 60,
  quickLoginCheckMilliSeconds: 1_000,
  minimumQuickLoginWaitSeconds: 60,
  maxFailureWaitSeconds: 900,
  failureResetTimeSeconds: 43_200,
};

/**
 * A realm with the security baseline: HTTPS required, brute-force detection, refresh-token
 * rotation (a refresh token works once), short access tokens, login and admin events kept,
 * and deletion protection.
 */
export class HardenedRealm extends Construct {
  /** The realm resource; reference `realm.id` to order other resources after it. */
  public readonly realm: Realm;

  constructor(scope: Construct, id: string, props: HardenedRealmProps) {
    super(scope, id);
    const p = { ...DEFAULTS, ...props };
    requireSeconds("accessTokenLifespanSeconds", p.accessTokenLifespanSeconds, 60, MAX_ACCESS_TOKEN_LIFESPAN_SECONDS);
    requireSeconds("ssoSessionIdleSeconds", p.ssoSessionIdleSeconds, 300, 86_400);
    requireSeconds("ssoSessionMaxSeconds", p.ssoSessionMaxSeconds, p.ssoSessionIdleSeconds, 604_800);
    requireSeconds("eventsExpirationSeconds", p.eventsExpirationSeconds, 3_600, 31_536_000);

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
      securityDefenses: { bruteForceDetection: BRUTE_FORCE_DETECTION },
      lifecycle: { preventDestroy: p.deletionProtection },
    });

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
