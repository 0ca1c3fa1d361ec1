import type { TerraformResource } from "cdktn";
import { Construct } from "constructs";
import { OpenidClient, type OpenidClientConfig } from "../../.gen/providers/keycloak/openid-client";
import { OpenidClientDefaultScopes } from "../../.gen/providers/keycloak/openid-client-default-scopes";
import { UserRoles } from "../../.gen/providers/keycloak/user-roles";
import type { CustomerAuth } from "../model/customer-auth";
import { requireSeconds } from "./durations";
import { MAX_ACCESS_TOKEN_LIFESPAN_SECONDS } from "./hardened-realm";
import { SECRET_GRACE_ATTRIBUTE, type RotationPolicies } from "./secret-rotation";

/**
 * A customer client's built-in default scopes: `basic` carries `sub`, `roles` the granted roles.
 * `service_account` (`client_id`, `clientHost`, `clientAddress`) is listed because Keycloak 26
 * attaches it again whenever a service-account client is updated: a list without it would drift
 * after every client change on the official provider.
 */
export const CUSTOMER_BUILT_IN_SCOPES: readonly string[] = ["basic", "roles", "service_account"];

/**
 * Client attribute naming the file a customer client was created from. It is sent in the same
 * request that creates the client, so a client a deploy created but never recorded (the deploy was
 * killed, or Keycloak carried out a request the deploy had given up on) is recognised as the
 * project's own and taken back into state; a client made by hand with the same id lacks it.
 */
export const SOURCE_ATTRIBUTE = "realm-as-code.source";

/** The {@link SOURCE_ATTRIBUTE} value of customer `id`'s client. */
export function customerSource(id: string): string {
  return `customers/${id}.yaml`;
}

/**
 * What a customer client takes from the API it calls (BackendApi, or ApiReference from another
 * stack): the roles to grant, by id, and the client scopes that put them and the audience in tokens.
 */
export interface ApiForCustomers {
  readonly roles: ReadonlyMap<string, { readonly id: string }>;
  readonly roleScopes: ReadonlyMap<string, { readonly name: string }>;
  readonly audienceScope: { readonly name: string };
}

export interface CustomerClientProps {
  /** The realm, by its `id` attribute so the client is created after it. */
  readonly realmId: string;
  /** Client id the customer authenticates with: the customer file's name. */
  readonly clientId: string;
  /** Name shown in the admin console. */
  readonly displayName: string;
  /** What the customer's application does with the API. */
  readonly description: string;
  /** false suspends the customer: Keycloak refuses its token requests. @default true */
  readonly enabled?: boolean;
  /** How the customer authenticates. @default { method: "client-secret" } */
  readonly auth?: CustomerAuth;
  /**
   * Changing it makes Keycloak issue a new client secret; the old one keeps working for the grace
   * period of `secretRotation`, then stops. @default 1
   */
  readonly secretVersion?: number;
  /**
   * The realm's secret rotation, for a client-secret customer: the client joins the client policy of
   * its grace period (`secretRotationGraceSeconds`, which must be one of `secretRotation`'s).
   * @default - none: Keycloak's rotation does not apply, a new secret replaces the old one at once
   */
  readonly secretRotation?: RotationPolicies;
  /** Seconds the previous secret keeps working after a rotation. @default - required with `secretRotation` */
  readonly secretRotationGraceSeconds?: number;
  /** Access token lifespan for this customer, at most `maxAccessTokenLifespanSeconds`. @default - the realm's */
  readonly accessTokenLifespanSeconds?: number;
  /** The realm's access token lifespan: no customer gets longer-lived tokens. @default 300 */
  readonly maxAccessTokenLifespanSeconds?: number;
  /**
   * Import id (`<realm>/<internal id>`) of a client made by hand to take over instead of creating one:
   * its id and secret keep working, everything else becomes what these props say.
   * @default - a new client is created
   */
  readonly adoptFrom?: string;
  /**
   * The client may predate this repository (settings `customers.adoptable`): with no `secretVersion`
   * its secret is left as it is, because the engine regenerates a secret whenever the rotation marker
   * first appears, and an adopted client's secret must keep working. Setting `secretVersion` rotates it.
   * @default false
   */
  readonly adoptable?: boolean;
  /** The API the customer calls. */
  readonly api: ApiForCustomers;
  /** API roles the customer's tokens carry, and nothing else; each must be one of the API's. */
  readonly roles: readonly string[];
}

/**
 * A third-party customer's API credentials: a confidential client that can do exactly one
 * thing, obtain tokens for itself with `client_credentials`. No user logins, no refresh tokens,
 * and tokens carry only the backend audience and the roles granted here.
 */
export class CustomerClient extends Construct {
  public readonly client: OpenidClient;

  constructor(scope: Construct, id: string, props: CustomerClientProps) {
    super(scope, id);
    if (props.roles.length === 0) throw new Error(`customer '${props.clientId}': 'roles' must name at least one role`);
    const unknown = props.roles.filter((name) => !props.api.roles.has(name));
    if (unknown.length > 0) {
      throw new Error(`customer '${props.clientId}': unknown role(s) ${unknown.map((r) => `'${r}'`).join(", ")}`);
    }

    const auth = props.auth ?? { method: "client-secret" };
    if (auth.method !== "client-secret" && props.secretVersion !== undefined) {
      throw new Error(`customer '${props.clientId}': a ${auth.method} client has no secret to rotate`);
    }
    const rotation = auth.method === "client-secret" ? rotationOf(props) : undefined;
    if (props.accessTokenLifespanSeconds !== undefined) {
      requireSeconds(
        "accessTokenLifespanSeconds",
        props.accessTokenLifespanSeconds,
        60,
        props.maxAccessTokenLifespanSeconds ?? MAX_ACCESS_TOKEN_LIFESPAN_SECONDS,
      );
    }

    this.client = new OpenidClient(this, "client", {
      realmId: props.realmId,
      clientId: props.clientId,
      name: props.displayName,
      description: props.description,
      enabled: props.enabled ?? true,
      ...authentication(auth, props.adoptable ? props.secretVersion : (props.secretVersion ?? 1)),
      extraConfig: {
        ...keyAttributes(auth),
        ...(rotation && { [SECRET_GRACE_ATTRIBUTE]: String(rotation.graceSeconds) }),
        [SOURCE_ATTRIBUTE]: customerSource(props.clientId),
      },
      accessTokenLifespan:
        props.accessTokenLifespanSeconds === undefined ? undefined : String(props.accessTokenLifespanSeconds),
      accessType: "CONFIDENTIAL",
      standardFlowEnabled: false,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: false,
      serviceAccountsEnabled: true,
      useRefreshTokensClientCredentials: false,
      fullScopeAllowed: false,
      consentRequired: false,
      frontchannelLogoutEnabled: false,
      // A secret regenerated before its policy exists would replace the old one without a grace period.
      dependsOn: rotation?.policy && [rotation.policy],
    });
    // An import block, not the provider's `import` attribute: upstream's merges the existing client's
    // values into the configuration's false and zero ones, so the client would keep what it had.
    if (props.adoptFrom !== undefined) this.client.importFrom(props.adoptFrom);

    // Authoritative: the built-in scopes below, the audience scope for `aud`, and the scope of each
    // granted role, without which full scope off keeps the role out of the token. Optional scopes a
    // customer client has none of (the realm gives new clients none): one attached by hand is found
    // and removed with what else it holds beyond its file (operations/client-holdings.ts).
    new OpenidClientDefaultScopes(this, "default-scopes", {
      realmId: props.realmId,
      clientId: this.client.id,
      defaultScopes: [
        ...CUSTOMER_BUILT_IN_SCOPES,
        props.api.audienceScope.name,
        ...props.roles.map((name) => props.api.roleScopes.get(name)!.name),
      ],
    });

    // Authoritative: a role granted by hand, or the realm's default roles Keycloak gives every new
    // service account, is taken away by the next deploy.
    new UserRoles(this, "service-account-roles", {
      realmId: props.realmId,
      userId: this.client.serviceAccountUserId,
      roleIds: props.roles.map((name) => props.api.roles.get(name)!.id),
      exhaustive: true,
    });
  }
}

/** The rotation policy a client-secret customer joins, if the realm rotates secrets. */
function rotationOf(
  props: CustomerClientProps,
): { graceSeconds: number; policy: TerraformResource | undefined } | undefined {
  if (!props.secretRotation) return undefined;
  const graceSeconds = props.secretRotationGraceSeconds;
  if (graceSeconds === undefined || !props.secretRotation.policies.has(graceSeconds)) {
    const known = [...props.secretRotation.policies.keys()].join(", ");
    throw new Error(
      `customer '${props.clientId}': 'secretRotationGraceSeconds' must be one of the realm's rotation grace periods (${known}), got ${graceSeconds}`,
    );
  }
  return { graceSeconds, policy: props.secretRotation.policies.get(graceSeconds) };
}

/**
 * Client settings for the customer's authentication method: a rotatable secret, or private_key_jwt,
 * where Keycloak verifies assertions against the customer's public keys and no secret is handed out.
 */
function authentication(auth: CustomerAuth, secretVersion: number | undefined): Partial<OpenidClientConfig> {
  if (auth.method === "client-secret") {
    return secretVersion === undefined
      ? {}
      : { clientSecretRegenerateWhenChanged: { secretVersion: String(secretVersion) } };
  }
  return { clientAuthenticatorType: "client-jwt" };
}

/**
 * Client attributes for a private_key_jwt customer: its public keys (fetched from its JWKS URL, or
 * given inline) and the one algorithm Keycloak accepts. None for a secret.
 */
function keyAttributes(auth: CustomerAuth): Record<string, string> {
  if (auth.method === "client-secret") return {};
  const keys: Record<string, string> = auth.jwksUrl
    ? { "use.jwks.url": "true", "jwks.url": auth.jwksUrl }
    : { "use.jwks.string": "true", "jwks.string": JSON.stringify(auth.jwks) };
  return { ...keys, "token.endpoint.auth.signing.alg": auth.algorithm };
}
