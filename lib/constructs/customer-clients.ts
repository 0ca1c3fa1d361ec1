import { Construct } from "constructs";
import { CUSTOMERS_SCOPE, rotationGraceSeconds, type Customer } from "../model/customer-file";
import type { Settings } from "../model/settings";
import { CustomerClient, type ApiForCustomers } from "./customer-client";
import type { RotationPolicies } from "./secret-rotation";

export interface CustomerClientsProps {
  /** The realm's id (its name), escaped as a literal. */
  readonly realmId: string;
  /** The environment's settings, escaped as literals. */
  readonly settings: Settings;
  /** Validated customer files, escaped as literals; each becomes one customer client. */
  readonly customers: readonly Customer[];
  /** The API customers call. */
  readonly api: ApiForCustomers;
  /** The realm's secret rotation policies. */
  readonly secretRotation: RotationPolicies;
  /**
   * Internal ids of clients made by hand, by client id, that customers of the same id take over.
   * @default - none: every customer client is created
   */
  readonly adoptions?: Readonly<Record<string, string>>;
}

/**
 * Every customer client of a stack, under one scope whose id is part of every customer resource name:
 * construct ids are customer ids, so adding or removing a customer renames nothing else, and a
 * customer's resources have the same names in whichever stack holds them.
 */
export class CustomerClients extends Construct {
  constructor(scope: Construct, props: CustomerClientsProps) {
    super(scope, CUSTOMERS_SCOPE);
    const { settings } = props;
    for (const customer of props.customers) {
      const adopted = props.adoptions?.[customer.id];
      const graceSeconds = rotationGraceSeconds(customer, settings);
      new CustomerClient(this, customer.id, {
        realmId: props.realmId,
        api: props.api,
        clientId: customer.id,
        maxAccessTokenLifespanSeconds: settings.realm.accessTokenLifespanSeconds,
        adoptFrom: adopted === undefined ? undefined : `${settings.realm.name}/${adopted}`,
        adoptable: settings.customers?.adoptable?.includes(customer.id) ?? false,
        ...customer,
        ...(graceSeconds !== undefined && {
          secretRotation: props.secretRotation,
          secretRotationGraceSeconds: graceSeconds,
        }),
      });
    }
  }
}
