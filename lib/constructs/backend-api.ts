import { Construct } from "constructs";
import { GenericRoleMapper } from "../../.gen/providers/keycloak/generic-role-mapper";
import { OpenidAudienceProtocolMapper } from "../../.gen/providers/keycloak/openid-audience-protocol-mapper";
import { OpenidClient } from "../../.gen/providers/keycloak/openid-client";
import { OpenidClientScope } from "../../.gen/providers/keycloak/openid-client-scope";
import { Role } from "../../.gen/providers/keycloak/role";
import { roleScopeName } from "../model/role-scopes";

export interface ApiRole {
  /** Role name as the backend checks it, e.g. `orders:read`. */
  readonly name: string;
  /** What the role allows, shown in the admin console. */
  readonly description: string;
}

export interface BackendApiProps {
  /** The realm, by its `id` attribute so the API is created after it. */
  readonly realmId: string;
  /** Client id of the backend: the value every token meant for it carries in `aud`. */
  readonly clientId: string;
  /** The API roles the backend declares; customers and users get a subset. */
  readonly roles: readonly ApiRole[];
  /** Name of the client scope that adds the backend to `aud`. @default "<clientId>-audience" */
  readonly audienceScopeName?: string;
}

/**
 * The backend API as Keycloak sees it: a client with no login flows of its own (it only
 * receives tokens), its API roles, and the client scope whose audience mapper puts its client
 * id into the `aud` of access tokens (not ID tokens: those are for the frontend itself).
 */
export class BackendApi extends Construct {
  public readonly client: OpenidClient;
  /** Client scope to add as a default scope to every client whose tokens are meant for the API. */
  public readonly audienceScope: OpenidClientScope;
  /** The API roles by name. */
  public readonly roles: ReadonlyMap<string, Role>;
  /**
   * Per API role, the client scope that lets a client's tokens carry it: a client with full scope off
   * gets, of its service account's roles, those mapped to its client scopes. A default scope of every
   * customer granted the role, so that a customer costs the same few resources whatever its roles.
   */
  public readonly roleScopes: ReadonlyMap<string, OpenidClientScope>;

  constructor(scope: Construct, id: string, props: BackendApiProps) {
    super(scope, id);
    if (props.roles.length === 0) throw new Error("'roles' must name at least one API role, got none");

    this.client = new OpenidClient(this, "client", {
      realmId: props.realmId,
      clientId: props.clientId,
      name: "Backend API",
      description: "Receives access tokens; has no login flows of its own.",
      accessType: "CONFIDENTIAL",
      standardFlowEnabled: false,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: false,
      serviceAccountsEnabled: false,
      fullScopeAllowed: false,
      frontchannelLogoutEnabled: false,
    });

    this.roles = new Map(
      props.roles.map((role) => [
        role.name,
        new Role(this, `role-${role.name}`, {
          realmId: props.realmId,
          clientId: this.client.id,
          name: role.name,
          description: role.description,
        }),
      ]),
    );

    this.roleScopes = new Map(
      [...this.roles].map(([name, role]) => {
        const roleScope = new OpenidClientScope(this, `role-scope-${name}`, {
          realmId: props.realmId,
          name: roleScopeName(props.clientId, name),
          description: `Lets tokens carry the ${props.clientId} role ${name} when the client's service account holds it.`,
          includeInTokenScope: false,
        });
        new GenericRoleMapper(this, `role-scope-mapping-${name}`, {
          realmId: props.realmId,
          clientScopeId: roleScope.id,
          roleId: role.id,
        });
        return [name, roleScope];
      }),
    );

    this.audienceScope = new OpenidClientScope(this, "audience-scope", {
      realmId: props.realmId,
      name: props.audienceScopeName ?? defaultAudienceScopeName(props.clientId),
      description: `Adds ${props.clientId} to the audience of access tokens.`,
      // A default scope: clients never request it, so it need not appear in the token's `scope`.
      includeInTokenScope: false,
    });

    new OpenidAudienceProtocolMapper(this, "audience-mapper", {
      realmId: props.realmId,
      clientScopeId: this.audienceScope.id,
      name: "backend-audience",
      includedClientAudience: this.client.clientId,
      addToAccessToken: true,
      addToIdToken: false,
    });
  }
}

/** The audience scope's name unless `audienceScopeName` says otherwise. */
export function defaultAudienceScopeName(clientId: string): string {
  return `${clientId}-audience`;
}
