import { Fn, Token, type TerraformRemoteState } from "cdktn";
import { Construct } from "constructs";
import { roleScopeName } from "../model/role-scopes";
import { defaultAudienceScopeName } from "./backend-api";
import type { ApiForCustomers } from "./customer-client";

/** The realm stack's output a customer shard reads the API's role ids from (a map by role name). */
export const API_ROLE_IDS_OUTPUT = "api_role_ids";

/** The role id a customer shard plans with before the realm's stack has deployed the role. */
export function notDeployedYet(role: string): string {
  return `(${role}: not deployed yet)`;
}

export interface ApiReferenceProps {
  /** The realm stack's state, where {@link API_ROLE_IDS_OUTPUT} is. */
  readonly realmState: TerraformRemoteState;
  /** Client id of the backend. */
  readonly clientId: string;
  /** Names of the API roles. */
  readonly roles: readonly { readonly name: string }[];
  /** Name of the audience scope. @default "<clientId>-audience" */
  readonly audienceScopeName?: string;
}

/**
 * The backend API as a customer shard's stack sees it, deployed by the realm's stack: role ids from
 * that stack's state (read without a Keycloak request, so a pull request's plan makes none), client
 * scopes by name.
 */
export class ApiReference extends Construct implements ApiForCustomers {
  public readonly roles: ReadonlyMap<string, { readonly id: string }>;
  public readonly roleScopes: ReadonlyMap<string, { readonly name: string }>;
  public readonly audienceScope: { readonly name: string };

  constructor(scope: Construct, id: string, props: ApiReferenceProps) {
    super(scope, id);
    const ids = props.realmState.get(API_ROLE_IDS_OUTPUT);
    // A role the realm's stack has not deployed yet (a pull request adding it, an environment never
    // deployed) is planned under a placeholder that names it; a deploy applies the realm's stack, and
    // so the real id, before any shard, and Keycloak refuses the placeholder should it get there.
    this.roles = new Map(
      props.roles.map(({ name }) => [name, { id: Token.asString(Fn.lookup(ids, name, notDeployedYet(name))) }]),
    );
    this.roleScopes = new Map(props.roles.map(({ name }) => [name, { name: roleScopeName(props.clientId, name) }]));
    this.audienceScope = { name: props.audienceScopeName ?? defaultAudienceScopeName(props.clientId) };
  }
}
