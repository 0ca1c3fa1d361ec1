import { TerraformOutput, TerraformStack } from "cdktn";
import { Construct } from "constructs";
import { BackendApi } from "./backend-api";
import { rotationGraceSeconds, type Customer } from "../model/customer-file";
import { CustomerClients } from "./customer-clients";
import { FrontendClient } from "./frontend-client";
import { HardenedRealm } from "./hardened-realm";
import { useKeycloakProvider, type KeycloakProviderRequirement } from "./keycloak-provider";
import { SecretRotation } from "./secret-rotation";
import { secretLifetimes, type Settings } from "../model/settings";
import { shardCount } from "../model/shards";
import { configureState, stateFromEnvironment, type StateProps } from "./state-backend";
import { literals } from "../model/terraform-literal";
import { API_ROLE_IDS_OUTPUT } from "./api-reference";

/** The realm stack's output naming how many shards hold its customers; absent: its own state holds them. */
export const CUSTOMER_SHARDS_OUTPUT = "customer_shards";

export interface RealmStackProps {
  /** Realm, frontend and backend settings (lib/model/settings.ts). */
  readonly settings: Settings;
  /**
   * Validated customer files; each becomes one customer client, here or, with `settings.customers.shards`
   * above 1, in its shard's stack (CustomerShardStack). Either way their grace periods are the realm's.
   */
  readonly customers: readonly Customer[];
  /**
   * Where the state lives and whether it is encrypted.
   * @default - from the REALM_STATE_* environment variables at synth time (stateFromEnvironment), for this stack's id
   */
  readonly state?: StateProps;
  /**
   * Internal ids of clients made by hand, by client id, that customers of the same id take over:
   * looked up in Keycloak by the operator commands for the clients `settings.customers.adoptable` names.
   * @default - none: every customer client is created
   */
  readonly adoptions?: Readonly<Record<string, string>>;
  /**
   * The Terraform provider that deploys the realm: the bundled one or the official `keycloak/keycloak`.
   * @default - KEYCLOAK_PROVIDER, else the choice recorded in scripts/versions.env (keycloakProvider)
   */
  readonly provider?: KeycloakProviderRequirement;
}

/**
 * The whole realm: hardened realm, backend API, frontend and one client per customer (unless the
 * customers are sharded: then their stacks take the API's role ids from this one's output).
 * The provider reads its target and admin credentials from KEYCLOAK_* environment variables,
 * so none of them reaches the synthesized JSON; the same holds for the state backend's credentials.
 */
export class RealmStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: RealmStackProps) {
    super(scope, id);
    configureState(this, props.state ?? stateFromEnvironment(process.env, id));
    // The one place where text from customer files and settings enters the configuration: from here
    // on it is escaped, so the engine reads it as the literal it is and never evaluates it.
    const settings = literals(props.settings);
    const { realm, frontend, backend } = settings;
    useKeycloakProvider(this, props.provider);

    const { realmId } = new HardenedRealm(this, "realm", realm);
    // Not "backend": that id is taken by the stack's state backend.
    const api = new BackendApi(this, "api", { realmId, ...backend });
    new FrontendClient(this, "frontend", { realmId, api, ...frontend });

    const { graceSeconds, maxAgeSeconds } = secretLifetimes(props.settings);
    const secretRotation = new SecretRotation(this, "secret-rotation", {
      realmId,
      graceSeconds: [
        graceSeconds,
        ...props.customers.flatMap((customer) => rotationGraceSeconds(customer, props.settings) ?? []),
      ],
      maxAgeSeconds,
    });

    const shards = shardCount(props.settings);
    if (shards > 1) {
      // What the states hold, so that a change of the count is noticed and the customers moved (reshard).
      new TerraformOutput(this, CUSTOMER_SHARDS_OUTPUT, {
        description: "The customer shards (settings customers.shards) the customers' states are laid out for.",
        value: shards,
      }).overrideLogicalId(CUSTOMER_SHARDS_OUTPUT);
      new TerraformOutput(this, API_ROLE_IDS_OUTPUT, {
        description: "The backend API's role ids by name, for the customer shards' role sets.",
        value: Object.fromEntries([...api.roles].map(([name, role]) => [name, role.id])),
      }).overrideLogicalId(API_ROLE_IDS_OUTPUT);
      return;
    }
    new CustomerClients(this, {
      realmId,
      settings,
      customers: literals(props.customers),
      api,
      secretRotation,
      adoptions: props.adoptions,
    });
  }
}
