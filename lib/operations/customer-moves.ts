import type { EnvironmentName } from "../environments";
import { UsageError } from "./commands/invocation";
import { refuseRetiredResources } from "./retired-resources";
import { customerIdOf } from "./plan-summary";

/** A state as `tofu state pull` gives it (format version 4): only what a move reads is named. */
export interface EngineState {
  readonly version: number;
  readonly terraform_version: string;
  readonly serial: number;
  readonly lineage: string;
  readonly resources: readonly StateEntry[];
  readonly [field: string]: unknown;
}

/** One resource of a state, with all its instances. */
export interface StateEntry {
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly module?: string;
  readonly instances: readonly { readonly attributes?: Record<string, unknown>; readonly [field: string]: unknown }[];
  readonly [field: string]: unknown;
}

/** What a customer is made of (CustomerClient): the same three resources, same-named, in whichever stack holds it. */
export const CUSTOMER_RESOURCE_TYPES = [
  "keycloak_openid_client",
  "keycloak_openid_client_default_scopes",
  "keycloak_user_roles",
] as const;

export interface MoveInput {
  /** The environment whose stacks these are: its own stack holds the realm, a shard's only customers. */
  readonly environment: EnvironmentName;
  /** The stacks holding the customers as the states are laid out now. */
  readonly sources: readonly string[];
  /** The stacks holding them as the settings want them. */
  readonly targets: readonly string[];
  /** Each source's and target's state as pulled; undefined for a stack never written. */
  readonly states: ReadonlyMap<string, EngineState | undefined>;
  /** The target stack of a customer, by its id (stackOfCustomer with the wanted settings). */
  readonly targetOf: (customerId: string) => string;
  /** The state of a stack never written: format 4, a new lineage, serial 0, the engine's version. */
  readonly emptyState: () => EngineState;
}

export interface StateWrite {
  readonly stack: string;
  /** The state this write replaces: as pulled, or as an earlier write of the same move left it; undefined: none yet. */
  readonly base: EngineState | undefined;
  readonly state: EngineState;
  readonly added: number;
  readonly removed: number;
}

export interface MovePlan {
  /**
   * The states to push, in this order: every target's (resources added) before every source's
   * (resources removed), so that an interruption leaves a customer in two states, never in none.
   */
  readonly writes: readonly StateWrite[];
  /** The customers that leave a source, with where from and where to. */
  readonly moved: readonly { readonly id: string; readonly from: string; readonly to: string }[];
}

/**
 * The realm stack's state with output `output` saying `shards` (absent for 1), as its next apply would
 * write it: a serial above. For a realm stack whose plan has other changes than its outputs, so that the
 * layout is recorded with the move and not only by the next deploy.
 */
export function withRecordedShards(state: EngineState, output: string, shards: number): EngineState {
  const { [output]: _recorded, ...others } = (state.outputs ?? {}) as Record<string, unknown>;
  const outputs = shards === 1 ? others : { ...others, [output]: { value: shards, type: "number" } };
  return { ...state, serial: state.serial + 1, outputs };
}

const key = (entry: Pick<StateEntry, "type" | "name">) => `${entry.type}.${entry.name}`;

/**
 * Which customer resources go from which state to which: each one in a source whose target is another
 * stack is added to the target (unless the target holds it already: a move interrupted after its
 * target was written) and removed from the source. Pure: the states are only read. Refuses, changing
 * nothing, a state it does not recognise: resources of an earlier layout, a customer resource of another kind or
 * in a module, a client whose client_id is not its name's, anything but customers in a shard's state.
 */
export function planMoves(input: MoveInput): MovePlan {
  const { environment, sources, targets, states } = input;
  for (const [stack, state] of states) if (state) check(environment, stack, state);

  const additions = new Map<string, StateEntry[]>();
  const removals = new Map<string, Set<string>>();
  const held = new Map(targets.map((stack) => [stack, new Set(states.get(stack)?.resources.map(key))]));
  const moved = new Map<string, { id: string; from: string; to: string }>();
  for (const from of sources) {
    for (const entry of states.get(from)?.resources ?? []) {
      const id = customerOf(entry);
      if (id === undefined) continue;
      const to = input.targetOf(id);
      if (to === from) continue;
      if (!held.has(to)) throw new Error(`customer '${id}' belongs in stack '${to}', which is not a target`);
      if (!held.get(to)!.has(key(entry))) {
        held.get(to)!.add(key(entry));
        additions.set(to, [...(additions.get(to) ?? []), entry]);
      }
      removals.set(from, (removals.get(from) ?? new Set()).add(key(entry)));
      moved.set(`${id} ${from}`, { id, from, to });
    }
  }

  const written = new Map<string, EngineState>();
  const base = (stack: string) => written.get(stack) ?? states.get(stack);
  const writes: StateWrite[] = [];
  for (const stack of targets) {
    const added = additions.get(stack) ?? [];
    if (added.length === 0) continue;
    const before = base(stack) ?? input.emptyState();
    const state = { ...before, serial: before.serial + 1, resources: [...before.resources, ...added] };
    writes.push({ stack, base: base(stack), state, added: added.length, removed: 0 });
    written.set(stack, state);
  }
  for (const stack of sources) {
    const removed = removals.get(stack);
    if (!removed) continue;
    const before = base(stack)!;
    const resources = before.resources.filter((entry) => !removed.has(key(entry)));
    const state = { ...before, serial: before.serial + 1, resources };
    writes.push({ stack, base: before, state, added: 0, removed: removed.size });
    written.set(stack, state);
  }
  return { writes, moved: [...moved.values()] };
}

/** The customer a managed resource belongs to, by its name (`customers_<id>_…`); undefined for any other. */
function customerOf(entry: StateEntry): string | undefined {
  return entry.mode === "managed" ? customerIdOf(entry) : undefined;
}

function check(environment: EnvironmentName, stack: string, state: EngineState): void {
  const refuse = (what: string) => {
    throw new UsageError(
      `the '${stack}' state ${what}: this is not a layout reshard knows, nothing was moved. ` +
        "Look at it with 'tofu state list' in its stack's folder before moving anything by hand.",
    );
  };
  if (state.version !== 4) refuse(`has format version ${state.version}, not 4`);
  refuseRetiredResources(environment, state.resources.filter((entry) => entry.mode === "managed").map(key));
  for (const entry of state.resources) {
    const id = customerOf(entry);
    if (id === undefined) {
      // A shard holds customers and the data source it reads the realm's outputs with, nothing else.
      if (stack !== environment && entry.mode === "managed") refuse(`holds ${key(entry)}, which is no customer's`);
      continue;
    }
    if (entry.module !== undefined) refuse(`holds customer resource ${key(entry)} in ${entry.module}`);
    if (!(CUSTOMER_RESOURCE_TYPES as readonly string[]).includes(entry.type)) {
      refuse(`holds ${key(entry)}, not one of a customer's resources (${CUSTOMER_RESOURCE_TYPES.join(", ")})`);
    }
    if (entry.type === "keycloak_openid_client") {
      const clientIds = entry.instances.map((instance) => instance.attributes?.client_id);
      if (clientIds.some((clientId) => clientId !== id)) {
        refuse(`holds ${key(entry)}, whose client_id (${clientIds.join(", ")}) is not '${id}'`);
      }
    }
  }
}
