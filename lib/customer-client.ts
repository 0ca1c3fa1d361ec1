import { Construct } from "constructs";
import { GenericRoleMapper } from "../.gen/providers/keycloak/generic-role-mapper";
import { OpenidClient } from "../.gen/providers/keycloak/openid-client";
import { OpenidClientDefaultScopes } from "../.gen/providers/keycloak/openid-client-default-scopes";
import { OpenidClientOptionalScopes } from "../.gen/providers/keycloak/openid-client-optional-scopes";
import { OpenidClientServiceAccountRole } from "../.gen/providers/keycloak/openid-client-service-account-role";
import type { BackendApi } from "./backend-api";

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
  /** Changing it makes Keycloak issue a new client secret; the old one stops working. @default 1 */
  readonly secretVersion?: number;
  /** The API the customer calls. */
  readonly api: BackendApi;
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

    this.client = new OpenidClient(this, "client", {
      realmId: props.realmId,
      clientId: props.clientId,
      name: props.displayName,
      description: props.description,
      enabled: props.enabled ?? true,
      clientSecretRegenerateWhenChanged: { secretVersion: String(props.secretVersion ?? 1) },
      accessType: "CONFIDENTIAL",
      standardFlowEnabled: false,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: false,
      serviceAccountsEnabled: true,
      useRefreshTokensClientCredentials: false,
      fullScopeAllowed: false,
      consentRequired: false,
      frontchannelLogoutEnabled: false,
    });

    // Authoritative: `basic` carries `sub`, `roles` the granted roles, the audience scope `aud`.
    new OpenidClientDefaultScopes(this, "default-scopes", {
      realmId: props.realmId,
      clientId: this.client.id,
      defaultScopes: ["basic", "roles", props.api.audienceScope.name],
    });
    new OpenidClientOptionalScopes(this, "optional-scopes", {
      realmId: props.realmId,
      clientId: this.client.id,
      optionalScopes: [],
    });

    for (const name of props.roles) {
      const role = props.api.roles.get(name)!;
      // Granted to the service account, and in the client's scope: full scope is off, so both are needed.
      new OpenidClientServiceAccountRole(this, `role-${name}`, {
        realmId: props.realmId,
        serviceAccountUserId: this.client.serviceAccountUserId,
        clientId: props.api.client.id,
        role: role.name,
      });
      new GenericRoleMapper(this, `scope-${name}`, {
        realmId: props.realmId,
        clientId: this.client.id,
        roleId: role.id,
      });
    }
  }
}
