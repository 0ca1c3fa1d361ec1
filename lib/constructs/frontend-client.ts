import { Construct } from "constructs";
import { GenericRoleMapper } from "../../.gen/providers/keycloak/generic-role-mapper";
import { OpenidClient } from "../../.gen/providers/keycloak/openid-client";
import { OpenidClientDefaultScopes } from "../../.gen/providers/keycloak/openid-client-default-scopes";
import { OpenidClientOptionalScopes } from "../../.gen/providers/keycloak/openid-client-optional-scopes";
import type { BackendApi } from "./backend-api";

export interface FrontendClientProps {
  /** The realm, by its `id` attribute so the client is created after it. */
  readonly realmId: string;
  /** Client id the single-page app sends in its authorization requests. */
  readonly clientId: string;
  /** Where the app is served, e.g. `https://app.example.com`. */
  readonly rootUrl: string;
  /** Exact redirect URIs; wildcards are refused. */
  readonly redirectUris: readonly string[];
  /** Exact URIs Keycloak may send the browser to after logout. @default [] */
  readonly postLogoutRedirectUris?: readonly string[];
  /** Origins allowed to call Keycloak from the browser (CORS); wildcards are refused. */
  readonly webOrigins: readonly string[];
  /** The API the frontend calls: its audience scope and roles go into users' tokens. */
  readonly api: BackendApi;
}

/** Scopes a signed-in user's token carries: identity, profile, roles and the API audience. */
const USER_SCOPES = ["basic", "acr", "web-origins", "profile", "email", "roles"];

/**
 * The single-page frontend: a public client (it cannot keep a secret) that signs users in with
 * the authorization code flow and PKCE S256 only. Tokens it gets are meant for the backend API.
 */
export class FrontendClient extends Construct {
  public readonly client: OpenidClient;

  constructor(scope: Construct, id: string, props: FrontendClientProps) {
    super(scope, id);
    const uris = [...props.redirectUris, ...(props.postLogoutRedirectUris ?? []), ...props.webOrigins];
    const wildcard = uris.find((uri) => uri.includes("*"));
    if (wildcard) throw new Error(`frontend URIs must be exact, got wildcard '${wildcard}'`);
    if (props.redirectUris.length === 0) throw new Error("'redirectUris' must list at least one URI, got none");

    this.client = new OpenidClient(this, "client", {
      realmId: props.realmId,
      clientId: props.clientId,
      name: "Frontend",
      accessType: "PUBLIC",
      standardFlowEnabled: true,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: false,
      serviceAccountsEnabled: false,
      pkceCodeChallengeMethod: "S256",
      rootUrl: props.rootUrl,
      baseUrl: props.rootUrl,
      validRedirectUris: [...props.redirectUris],
      validPostLogoutRedirectUris: [...(props.postLogoutRedirectUris ?? [])],
      webOrigins: [...props.webOrigins],
      // Users' tokens carry the API roles they hold and no others (see the scope mappings below).
      fullScopeAllowed: false,
      consentRequired: false,
      frontchannelLogoutEnabled: true,
    });

    new OpenidClientDefaultScopes(this, "default-scopes", {
      realmId: props.realmId,
      clientId: this.client.id,
      defaultScopes: [...USER_SCOPES, props.api.audienceScope.name],
    });
    // No offline_access, address, phone ... : a browser app has no use for them.
    new OpenidClientOptionalScopes(this, "optional-scopes", {
      realmId: props.realmId,
      clientId: this.client.id,
      optionalScopes: [],
    });

    for (const [name, role] of props.api.roles) {
      new GenericRoleMapper(this, `scope-${name}`, {
        realmId: props.realmId,
        clientId: this.client.id,
        roleId: role.id,
      });
    }
  }
}
