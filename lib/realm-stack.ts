import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { KeycloakProvider } from "../.gen/providers/keycloak/provider";
import { BackendApi } from "./backend-api";
import type { Customer } from "./customer-file";
import { CustomerClient } from "./customer-client";
import { FrontendClient } from "./frontend-client";
import { HardenedRealm } from "./hardened-realm";
import type { Settings } from "./settings";

export interface RealmStackProps {
  /** Realm, frontend and backend settings (lib/settings.ts). */
  readonly settings: Settings;
  /** Validated customer files; each becomes one customer client. */
  readonly customers: readonly Customer[];
}

/**
 * The whole realm: hardened realm, backend API, frontend and one client per customer.
 * The provider reads its target and admin credentials from KEYCLOAK_* environment variables,
 * so none of them reaches the synthesized JSON.
 */
export class RealmStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: RealmStackProps) {
    super(scope, id);
    const { realm, frontend, backend } = props.settings;
    new KeycloakProvider(this, "keycloak", {});

    const realmId = new HardenedRealm(this, "realm", realm).realm.id;
    // Not "backend": that id is taken by the stack's state backend.
    const api = new BackendApi(this, "api", { realmId, ...backend });
    new FrontendClient(this, "frontend", { realmId, api, ...frontend });

    // Construct ids are customer ids, so adding or removing a customer renames nothing else.
    const customers = new Construct(this, "customers");
    for (const customer of props.customers) {
      new CustomerClient(customers, customer.id, { realmId, api, clientId: customer.id, ...customer });
    }
  }
}
