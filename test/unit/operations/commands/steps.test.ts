import { describe, expect, it } from "vitest";
import { UsageError } from "../../../../lib/operations/commands/invocation";
import { refuseUnmovedCustomers } from "../../../../lib/operations/commands/steps";
import { StackWorkspace, type PlanResult } from "../../../../lib/operations/stack-workspace";
import type { TerraformPlan } from "../../../../lib/operations/terraform-plan";

// The local environment keeps its customers in its own stack (settings without customers.shards).
const realmStack = new StackWorkspace("/nonexistent", "local", "/nonexistent-scratch", () => {}, {});
const customerClient = {
  address: "keycloak_openid_client.customers_acme_client_1A2B3C4D",
  type: "keycloak_openid_client",
  name: "customers_acme_client_1A2B3C4D",
  values: {},
};

function planned(plan: TerraformPlan): PlanResult {
  return { changed: true, plan, text: "", file: "/nonexistent.tfplan" };
}

describe("a plan of a state laid out for another shard count", () => {
  it("rejects customers left in shard states when settings no longer shard them, naming the command that moves them", () => {
    // GIVEN the realm's state recorded 3 shards
    const plan = planned({ output_changes: { customer_shards: { before: 3, after: null } }, prior_state: {} });

    // WHEN
    const refusal = (() => {
      try {
        refuseUnmovedCustomers(realmStack, plan);
      } catch (error) {
        return error;
      }
    })();

    // THEN
    expect(refusal).toBeInstanceOf(UsageError);
    expect((refusal as Error).message).toBe(
      "the 'local' customers are in 3 shard states, and settings customers.shards says 1: nothing was changed. " +
        "Move them first (it changes nothing in Keycloak): npm run reshard -- --env local",
    );
  });

  it("accepts customers in the environment's own state when settings do not shard them", () => {
    const plan = planned({ prior_state: { values: { root_module: { resources: [customerClient] } } } });
    expect(() => refuseUnmovedCustomers(realmStack, plan)).not.toThrow();
  });

  it("accepts a state never deployed, and a plan without changes (not rendered)", () => {
    expect(() => refuseUnmovedCustomers(realmStack, planned({ prior_state: {} }))).not.toThrow();
    expect(() => refuseUnmovedCustomers(realmStack, { ...planned({}), changed: false })).not.toThrow();
  });

  it("is not asked of a customer shard's state: the realm's records the layout", () => {
    const plan = planned({ output_changes: { customer_shards: { before: 3, after: null } }, prior_state: {} });
    expect(() => refuseUnmovedCustomers(realmStack.of("local-customers-2"), plan)).not.toThrow();
  });
});
