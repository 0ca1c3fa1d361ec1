import { TerraformStack } from "cdktn";
import { Construct } from "constructs";
import { rotationGraceSeconds, type Customer } from "../model/customer-file";
import { secretLifetimes, type Settings } from "../model/settings";
import { literals } from "../model/terraform-literal";
import { API_ROLE_IDS_OUTPUT, ApiReference } from "./api-reference";
import { CustomerClients } from "./customer-clients";
import { useKeycloakProvider, type KeycloakProviderRequirement } from "./keycloak-provider";
import { configureState, readStackState, stateFromEnvironment, type StateProps } from "./state-backend";

export interface CustomerShardStackProps {
  /** The environment's settings (lib/model/settings.ts). */
  readonly settings: Settings;
  /** The environment: the stack that deploys its realm, and whose state rules this one follows. */
  readonly environment: string;
  /** Validated customer files of this shard; each becomes one customer client. */
  readonly customers: readonly Customer[];
  /**
   * Where this stack's state lives and whether it is encrypted; the realm stack's is found the same way.
   * @default - from the REALM_STATE_* environment variables at synth time (stateFromEnvironment)
   */
  readonly state?: StateProps;
  /**
   * Where the realm stack's state lives, to read the API's role ids from.
   * @default - from the REALM_STATE_* environment variables at synth time, for the environment's stack
   */
  readonly realmState?: StateProps;
  /**
   * Internal ids of clients made by hand, by client id, that customers of the same id take over.
   * @default - none: every customer client is created
   */
  readonly adoptions?: Readonly<Record<string, string>>;
  /**
   * The Terraform provider that deploys the clients.
   * @default - KEYCLOAK_PROVIDER, else the choice recorded in scripts/versions.env (keycloakProvider)
   */
  readonly provider?: KeycloakProviderRequirement;
}

/**
 * One shard of an environment's customers (settings `customers.shards`): their clients in a state of
 * their own, so that a change to a customer plans and applies a state of a few hundred, and shards
 * reconcile side by side. The realm, the API and the rotation policies stay in the environment's
 * stack (RealmStack), deployed first; the API's role ids come from its state.
 */
export class CustomerShardStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: CustomerShardStackProps) {
    super(scope, id);
    const state = props.state ?? stateFromEnvironment(process.env, props.environment, id);
    configureState(this, state);
    const realmState = readStackState(
      this,
      "realm-state",
      props.realmState ?? stateFromEnvironment(process.env, props.environment),
      props.environment,
      { [API_ROLE_IDS_OUTPUT]: {} },
    );
    useKeycloakProvider(this, props.provider);

    const settings = literals(props.settings);
    const api = new ApiReference(this, "api", {
      realmState,
      clientId: settings.backend.clientId,
      roles: settings.backend.roles,
    });
    // The realm's policies, deployed by its stack before this one: checked here, depended on there.
    const { graceSeconds } = secretLifetimes(settings);
    const graces = [
      graceSeconds,
      ...props.customers.flatMap((customer) => rotationGraceSeconds(customer, settings) ?? []),
    ];
    new CustomerClients(this, {
      // A realm's id is its name.
      realmId: settings.realm.name,
      settings,
      customers: literals(props.customers),
      api,
      secretRotation: { policies: new Map(graces.map((grace) => [grace, undefined])) },
      adoptions: props.adoptions,
    });
  }
}
