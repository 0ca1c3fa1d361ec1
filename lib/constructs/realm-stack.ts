import { TerraformStack } from "cdktn";
import { Construct } from "constructs";
import { KeycloakProvider } from "../../.gen/providers/keycloak/provider";
import { BackendApi } from "./backend-api";
import { CUSTOMERS_SCOPE, rotationGraceSeconds, type Customer } from "../model/customer-file";
import { CustomerClient } from "./customer-client";
import { FrontendClient } from "./frontend-client";
import { HardenedRealm } from "./hardened-realm";
import { keycloakProvider, type KeycloakProviderRequirement } from "./keycloak-provider";
import { SecretRotation } from "./secret-rotation";
import { secretLifetimes, type Settings } from "../model/settings";
import { configureState, stateFromEnvironment, type StateProps } from "./state-backend";
import { literals } from "../model/terraform-literal";

export interface RealmStackProps {
  /** Realm, frontend and backend settings (lib/model/settings.ts). */
  readonly settings: Settings;
  /** Validated customer files; each becomes one customer client. */
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
 * The whole realm: hardened realm, backend API, frontend and one client per customer.
 * The provider reads its target and admin credentials from KEYCLOAK_* environment variables,
 * so none of them reaches the synthesized JSON; the same holds for the state backend's credentials.
 */
export class RealmStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: RealmStackProps) {
    super(scope, id);
    configureState(this, props.state ?? stateFromEnvironment(process.env, id));
    // The one place where text from customer files and settings enters the configuration: from here
    // on it is escaped, so the engine reads it as the literal it is and never evaluates it.
    const { realm, frontend, backend } = literals(props.settings);
    const customerClients = literals(props.customers);
    // The official provider signs in while it is configured unless told not to: a plan without
    // refresh (a pull request's) must make no Keycloak request on either provider.
    new KeycloakProvider(this, "keycloak", { initialLogin: false });
    // The bindings are generated from the bundled provider, whose names and schema are the official
    // one's: choosing a provider changes its source and version and nothing else in the JSON.
    const { source, version } = props.provider ?? keycloakProvider();
    this.addOverride("terraform.required_providers.keycloak", { source, version });

    const { realmId } = new HardenedRealm(this, "realm", realm);
    // Not "backend": that id is taken by the stack's state backend.
    const api = new BackendApi(this, "api", { realmId, ...backend });
    new FrontendClient(this, "frontend", { realmId, api, ...frontend });

    const { graceSeconds, maxAgeSeconds } = secretLifetimes(props.settings);
    const graceOf = (customer: Customer) => rotationGraceSeconds(customer, props.settings);
    const secretRotation = new SecretRotation(this, "secret-rotation", {
      realmId,
      graceSeconds: [graceSeconds, ...customerClients.flatMap((customer) => graceOf(customer) ?? [])],
      maxAgeSeconds,
    });

    // Construct ids are customer ids, so adding or removing a customer renames nothing else.
    const customers = new Construct(this, CUSTOMERS_SCOPE);
    const maxAccessTokenLifespanSeconds = realm.accessTokenLifespanSeconds;
    for (const customer of customerClients) {
      const adopted = props.adoptions?.[customer.id];
      new CustomerClient(customers, customer.id, {
        realmId,
        api,
        clientId: customer.id,
        maxAccessTokenLifespanSeconds,
        adoptFrom: adopted === undefined ? undefined : `${realm.name}/${adopted}`,
        adoptable: props.settings.customers?.adoptable?.includes(customer.id) ?? false,
        ...customer,
        ...(graceOf(customer) !== undefined && { secretRotation, secretRotationGraceSeconds: graceOf(customer) }),
      });
    }
  }
}
