import { describe, expect, it } from "vitest";
import { stackOfCustomer } from "../../../lib/model/shards";
import { UsageError } from "../../../lib/operations/commands/invocation";
import {
  planMoves,
  withRecordedShards,
  type EngineState,
  type MoveInput,
  type StateEntry,
} from "../../../lib/operations/customer-moves";

const PROVIDER = 'provider["registry.terraform.io/keycloak-realm-as-code/keycloak"]';

/** A customer's three resources as CustomerClient names them, with a secret in the client's attributes. */
function customer(id: string): StateEntry[] {
  const entry = (type: string, part: string, attributes: Record<string, unknown>): StateEntry => ({
    mode: "managed",
    type,
    name: `customers_${id}_${part}_0A1B2C3D`,
    provider: PROVIDER,
    instances: [{ schema_version: 0, attributes, sensitive_attributes: [] }],
  });
  return [
    entry("keycloak_openid_client", "client", { id: `uuid-${id}`, client_id: id, client_secret: `secret-${id}` }),
    entry("keycloak_openid_client_default_scopes", "default-scopes", { client_id: `uuid-${id}` }),
    entry("keycloak_user_roles", "service-account-roles", { role_ids: ["r1"] }),
  ];
}

const REALM: StateEntry = {
  mode: "managed",
  type: "keycloak_realm",
  name: "realm_realm_5E4F5A3A",
  provider: PROVIDER,
  instances: [{ attributes: { id: "atlas" } }],
};
const REALM_OUTPUTS: StateEntry = {
  mode: "data",
  type: "terraform_remote_state",
  name: "realm-state",
  provider: 'provider["terraform.io/builtin/terraform"]',
  instances: [{ attributes: { backend: "local" } }],
};

function state(lineage: string, serial: number, resources: StateEntry[]): EngineState {
  return { version: 4, terraform_version: "1.12.6", serial, lineage, outputs: {}, resources, check_results: null };
}

/** Six customers, chosen so that 3 shards hold two each (shardOf is a hash of the id). */
const IDS = ["acme-logistics", "globex-billing", "initech-payroll", "umbrella-labs", "stark-freight", "hooli-search"];
const THREE = { customers: { shards: 3 } };
const SHARDS = ["production-customers-1", "production-customers-2", "production-customers-3"];

function fromOneToThree(states: Map<string, EngineState | undefined>): MoveInput {
  let made = 0;
  return {
    environment: "production",
    sources: ["production"],
    targets: SHARDS,
    states,
    targetOf: (id) => stackOfCustomer("production", THREE, id),
    emptyState: () => state(`new-lineage-${++made}`, 0, []),
  };
}

const names = (resources: readonly StateEntry[]) => resources.map((entry) => `${entry.type}.${entry.name}`).sort();

describe("planMoves", () => {
  it("writes each customer's three resources into its shard's new state, then removes them from the environment's", () => {
    // GIVEN one state for the environment: the realm and six customers; no shard state written yet
    const states = new Map<string, EngineState | undefined>([
      ["production", state("realm-lineage", 41, [REALM, ...IDS.flatMap(customer)])],
      ...SHARDS.map((stack) => [stack, undefined] as const),
    ]);

    // WHEN
    const { writes, moved } = planMoves(fromOneToThree(states));

    // THEN every shard is written before the environment's state, each customer whole in its own shard
    expect(writes.map((write) => write.stack)).toEqual([...SHARDS, "production"]);
    const byStack = new Map(writes.map((write) => [write.stack, write.state]));
    for (const stack of SHARDS) {
      const held = IDS.filter((id) => stackOfCustomer("production", THREE, id) === stack);
      expect(held).toHaveLength(2);
      expect(names(byStack.get(stack)!.resources)).toEqual(names(held.flatMap(customer)));
      expect(byStack.get(stack)).toMatchObject({ version: 4, terraform_version: "1.12.6", serial: 1 });
    }
    expect(new Set(SHARDS.map((stack) => byStack.get(stack)!.lineage)).size).toBe(3);
    expect(byStack.get("production")).toMatchObject({ lineage: "realm-lineage", serial: 42, resources: [REALM] });
    expect(moved.map((move) => move.id).sort()).toEqual([...IDS].sort());
    expect(moved.every((move) => move.from === "production")).toBe(true);
  });

  it("moves the resources as they were, secrets and ids included", () => {
    // GIVEN
    const states = new Map<string, EngineState | undefined>([
      ["production", state("realm-lineage", 3, [REALM, ...customer("acme-logistics")])],
      ...SHARDS.map((stack) => [stack, undefined] as const),
    ]);

    // WHEN
    const { writes } = planMoves(fromOneToThree(states));

    // THEN
    const target = writes.find((write) => write.stack === stackOfCustomer("production", THREE, "acme-logistics"))!;
    expect(target.state.resources).toEqual(customer("acme-logistics"));
  });

  it("finishes a move interrupted after the targets were written: adds nothing again, removes from the source", () => {
    // GIVEN the shards written by a first run, the environment's state not
    const first = planMoves(
      fromOneToThree(
        new Map<string, EngineState | undefined>([
          ["production", state("realm-lineage", 7, [REALM, ...IDS.flatMap(customer)])],
          ...SHARDS.map((stack) => [stack, undefined] as const),
        ]),
      ),
    );
    const interrupted = new Map<string, EngineState | undefined>([
      ["production", state("realm-lineage", 7, [REALM, ...IDS.flatMap(customer)])],
      ...first.writes
        .filter((write) => write.stack !== "production")
        .map((write) => [write.stack, write.state] as const),
    ]);

    // WHEN
    const second = planMoves(fromOneToThree(interrupted));

    // THEN
    expect(second.writes.map(({ stack, added, removed }) => ({ stack, added, removed }))).toEqual([
      { stack: "production", added: 0, removed: 18 },
    ]);
    expect(second.writes[0]!.state).toMatchObject({ serial: 8, resources: [REALM] });
    expect(second.moved).toHaveLength(6);
  });

  it("writes nothing once the move is done", () => {
    // GIVEN every customer in its shard, none in the environment's state
    const done = new Map<string, EngineState | undefined>([
      ["production", state("realm-lineage", 8, [REALM])],
      ...SHARDS.map(
        (stack) =>
          [
            stack,
            state(stack, 1, IDS.filter((id) => stackOfCustomer("production", THREE, id) === stack).flatMap(customer)),
          ] as const,
      ),
    ]);

    // WHEN
    const { writes, moved } = planMoves(fromOneToThree(done));

    // THEN
    expect(writes).toEqual([]);
    expect(moved).toEqual([]);
  });

  it("moves between shards only the customers whose shard changes, targets first, also where a stack is both", () => {
    // GIVEN three shards, two wanted
    const TWO = { customers: { shards: 2 } };
    const states = new Map<string, EngineState | undefined>(
      SHARDS.map((stack) => [
        stack,
        state(stack, 5, [
          REALM_OUTPUTS,
          ...IDS.filter((id) => stackOfCustomer("production", THREE, id) === stack).flatMap(customer),
        ]),
      ]),
    );

    // WHEN
    const { writes, moved } = planMoves({
      environment: "production",
      sources: SHARDS,
      targets: SHARDS.slice(0, 2),
      states,
      targetOf: (id) => stackOfCustomer("production", TWO, id),
      emptyState: () => {
        throw new Error("no state is new");
      },
    });

    // THEN the staying customers are not touched, the third shard is emptied but for its data source
    const stays = IDS.filter(
      (id) => stackOfCustomer("production", THREE, id) === stackOfCustomer("production", TWO, id),
    );
    expect(stays.length).toBeGreaterThan(0);
    expect(moved.map((move) => move.id).sort()).toEqual(IDS.filter((id) => !stays.includes(id)).sort());
    const firstRemoval = writes.findIndex((write) => write.removed > 0);
    expect(writes.slice(0, firstRemoval).every((write) => write.added > 0 && write.removed === 0)).toBe(true);
    expect(writes.slice(firstRemoval).every((write) => write.removed > 0 && write.added === 0)).toBe(true);
    const last = new Map(writes.map((write) => [write.stack, write.state]));
    for (const stack of SHARDS.slice(0, 2)) {
      const held = IDS.filter((id) => stackOfCustomer("production", TWO, id) === stack);
      expect(names(last.get(stack)!.resources)).toEqual(names([REALM_OUTPUTS, ...held.flatMap(customer)]));
      // Written twice (added to, then removed from): the second over the first, a serial above it.
      const [added, removed] = writes.filter((write) => write.stack === stack);
      expect(added!.base).toBe(states.get(stack));
      expect(removed!.base).toBe(added!.state);
      expect(last.get(stack)!.serial).toBe(7);
    }
    expect(last.get(SHARDS[2]!)).toMatchObject({ serial: 6, resources: [REALM_OUTPUTS] });
  });

  it.each([
    [
      "per-role resources",
      {
        ...REALM,
        type: "keycloak_openid_client_service_account_role",
        name: "customers_acme-logistics_role-ordersread_B1E94511",
      },
      "customer resource(s) of an earlier layout",
    ],
    [
      "an optional-scope set of a customer",
      {
        ...REALM,
        type: "keycloak_openid_client_optional_scopes",
        name: "customers_acme-logistics_optional-scopes_4D5E6F70",
      },
      "customer resource(s) of an earlier layout",
    ],
    [
      "a customer resource of another kind",
      { ...REALM, type: "keycloak_openid_client_scope", name: "customers_acme-logistics_scope_1A2B3C4D" },
      "not one of a customer's resources",
    ],
    [
      "a customer resource in a module",
      { ...customer("acme-logistics")[0]!, module: "module.legacy" },
      "in module.legacy",
    ],
    [
      "a client whose client_id is not its name's",
      { ...customer("acme-logistics")[0]!, instances: [{ attributes: { client_id: "globex-billing" } }] },
      "whose client_id (globex-billing) is not 'acme-logistics'",
    ],
  ])("rejects a state holding %s, moving nothing", (_, odd, message) => {
    // GIVEN
    const states = new Map<string, EngineState | undefined>([
      ["production", state("realm-lineage", 2, [REALM, ...customer("globex-billing"), odd as StateEntry])],
      ...SHARDS.map((stack) => [stack, undefined] as const),
    ]);

    // WHEN / THEN
    expect(() => planMoves(fromOneToThree(states))).toThrow(UsageError);
    expect(() => planMoves(fromOneToThree(states))).toThrow(message);
  });

  it("rejects a shard's state holding anything but customers, and a state of another format", () => {
    // GIVEN
    const shardWithRealm = new Map<string, EngineState | undefined>([
      ["production", state("realm-lineage", 2, [REALM, ...customer("globex-billing")])],
      [SHARDS[0]!, state("s1", 1, [REALM])],
    ]);
    const oldFormat = new Map<string, EngineState | undefined>([
      ["production", { ...state("realm-lineage", 2, [REALM]), version: 3 }],
    ]);

    // WHEN / THEN
    expect(() => planMoves(fromOneToThree(shardWithRealm))).toThrow(
      `the '${SHARDS[0]}' state holds keycloak_realm.realm_realm_5E4F5A3A, which is no customer's`,
    );
    expect(() => planMoves(fromOneToThree(oldFormat))).toThrow("has format version 3, not 4");
  });
});

describe("withRecordedShards", () => {
  it("sets the realm state's shard count output, or takes it away for 1, a serial above, all else kept", () => {
    // GIVEN
    const roleIds = { value: { "orders:read": "r1" }, type: ["map", "string"] };
    const sharded = {
      ...state("realm", 9, [REALM]),
      outputs: { customer_shards: { value: 3, type: "number" }, api_role_ids: roleIds },
    };

    // WHEN
    const two = withRecordedShards(sharded, "customer_shards", 2);
    const one = withRecordedShards(sharded, "customer_shards", 1);

    // THEN
    expect(two).toEqual({
      ...sharded,
      serial: 10,
      outputs: { customer_shards: { value: 2, type: "number" }, api_role_ids: roleIds },
    });
    expect(one).toEqual({ ...sharded, serial: 10, outputs: { api_role_ids: roleIds } });
    expect(withRecordedShards(state("realm", 1, [REALM]), "customer_shards", 4).outputs).toEqual({
      customer_shards: { value: 4, type: "number" },
    });
  });
});
