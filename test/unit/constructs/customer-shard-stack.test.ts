import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Testing, type TerraformStack } from "cdktn";
import { describe, expect, it } from "vitest";
import { API_ROLE_IDS_OUTPUT, notDeployedYet } from "../../../lib/constructs/api-reference";
import { CustomerShardStack } from "../../../lib/constructs/customer-shard-stack";
import { CUSTOMER_SHARDS_OUTPUT, RealmStack } from "../../../lib/constructs/realm-stack";
import { SECRET_GRACE_ATTRIBUTE } from "../../../lib/constructs/secret-rotation";
import type { StateProps } from "../../../lib/constructs/state-backend";
import type { Customer } from "../../../lib/model/customer-file";
import { customer, synthRealm } from "../synth";
import { testSettings } from "../test-settings";

type Json = Record<string, any>;

const sharded = testSettings((draft) => (draft.customers = { shards: 3 }));
const acme = customer("acme", { roles: ["orders:read", "orders:write"] });
const LOCAL: StateProps = { backend: { type: "local" } };

function synth(stack: TerraformStack): Json {
  const outdir = Testing.fullSynth(stack);
  try {
    return JSON.parse(readFileSync(join(outdir, "stacks", stack.node.id, "cdk.tf.json"), "utf8"));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function shard(customers: Customer[], state: StateProps = LOCAL, realmState: StateProps = LOCAL): Json {
  const app = Testing.app();
  return synth(
    new CustomerShardStack(app, "test-customers-2", {
      settings: sharded,
      environment: "test",
      customers,
      state,
      realmState,
    }),
  );
}

const addresses = (json: Json) =>
  Object.entries(json.resource as Json).flatMap(([type, byName]) =>
    Object.keys(byName).map((name) => `${type}.${name}`),
  );

describe("a sharded environment's realm stack", () => {
  it("holds no customer, and records the API's role ids and the shard count as outputs", () => {
    // WHEN
    const json = synth(new RealmStack(Testing.app(), "test", { settings: sharded, customers: [acme], state: LOCAL }));

    // THEN
    expect(addresses(json).filter((address) => address.includes("customers_"))).toEqual([]);
    expect(json.output[CUSTOMER_SHARDS_OUTPUT].value).toBe(3);
    expect(Object.keys(json.output[API_ROLE_IDS_OUTPUT].value)).toEqual(["orders:read", "orders:write"]);
  });
});

describe("a customer shard's stack", () => {
  it("names a customer's resources as an unsharded stack does, so moving them between states renames nothing", () => {
    // WHEN
    const sharded = addresses(shard([acme]));
    const unsharded = synthRealm([acme])
      .addresses()
      .filter((address) => address.includes("customers_"));

    // THEN
    expect(sharded.sort()).toEqual(unsharded.sort());
  });

  it("grants roles by the ids in the realm stack's state, and reads nothing from Keycloak", () => {
    // WHEN
    const json = shard([acme]);

    // THEN its one data source is the realm stack's state, read with a placeholder for roles not deployed yet
    expect(Object.keys(json.data)).toEqual(["terraform_remote_state"]);
    const [realmState] = Object.values(json.data.terraform_remote_state) as Json[];
    expect(realmState!.config.path).toMatch(/terraform\.test\.tfstate$/);
    expect(realmState!.defaults).toEqual({ [API_ROLE_IDS_OUTPUT]: {} });
    const [roles] = Object.values(json.resource.keycloak_user_roles) as Json[];
    expect(roles!.role_ids).toHaveLength(2);
    expect(roles!.role_ids[0]).toContain(`outputs.${API_ROLE_IDS_OUTPUT}`);
    expect(roles!.role_ids[0]).toContain(notDeployedYet("orders:read"));
  });

  it("keeps its state in its own pg schema, encrypted, and reads the realm's encrypted state", () => {
    // GIVEN
    const state = (stack: string): StateProps => ({
      backend: { type: "pg", schemaName: `keycloak_realm_${stack}` },
      encrypted: true,
    });

    // WHEN
    const json = shard([acme], state("test-customers-2"), state("test"));

    // THEN
    expect(json.terraform.backend.pg.schema_name).toBe("keycloak_realm_test-customers-2");
    const [realmState] = Object.values(json.data.terraform_remote_state) as Json[];
    expect(realmState!.config.schema_name).toBe("keycloak_realm_test");
    expect(realmState!.config.conn_str).toBeUndefined();
    expect(json.terraform.encryption.remote_state_data_sources).toEqual({
      default: { method: json.terraform.encryption.state.method },
    });
  });

  it("marks a customer with its grace period, whose policy the realm's stack deploys before it", () => {
    // WHEN
    const json = shard([customer("acme", { secretRotationGraceSeconds: 60 })]);

    // THEN the client carries the attribute its policy selects by, and depends on nothing in another stack
    const [client] = Object.values(json.resource.keycloak_openid_client) as Json[];
    expect(client!.extra_config[SECRET_GRACE_ATTRIBUTE]).toBe("60");
    expect(client!.depends_on).toBeUndefined();
  });
});
