import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { environments, type EnvironmentName } from "../../environments";
import { CUSTOMER_SHARDS_OUTPUT } from "../../constructs/realm-stack";
import { isReadOnlyState } from "../../constructs/state-backend";
import { MAX_CUSTOMER_SHARDS, shardCount, shardStackName, stackOfCustomer } from "../../model/shards";
import { planMoves, type EngineState, type StateWrite } from "../customer-moves";
import { StackWorkspace } from "../stack-workspace";
import { actionOf } from "../terraform-plan";
import { EXIT, providerEnvironment, UsageError, type Invocation } from "./invocation";
import { prepared } from "./steps";

/** The stacks that hold an environment's customers when they are spread over `count` shards. */
export function customerStacks(name: string, count: number): string[] {
  return count === 1 ? [name] : Array.from({ length: count }, (_, i) => shardStackName(name, i + 1));
}

/** The shard count the states are laid out for, as the realm stack recorded it (none: 1, its own state holds them). */
export function recordedShards(outputs: Record<string, { value: unknown }>): number {
  const value = outputs[CUSTOMER_SHARDS_OUTPUT]?.value;
  if (value === undefined) return 1;
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > MAX_CUSTOMER_SHARDS) {
    throw new UsageError(
      `the realm stack's output ${CUSTOMER_SHARDS_OUTPUT} is ${JSON.stringify(value)}, not a shard count`,
    );
  }
  return value as number;
}

/**
 * `npm run reshard`: moves an environment's customers between states when settings `customers.shards`
 * changed, by pulling and pushing states: no Keycloak request, nothing in Keycloak changes. Every target
 * state is written before any source, so an interrupted run leaves customers in two states, never in
 * none, and running it again finishes the move. Then the realm stack records the new count (and the
 * API's role ids the shards read) when that changes no resource.
 */
export async function reshard(run: Invocation, name: EnvironmentName): Promise<number> {
  // The realm stack's plan configures the provider, which makes no request (initialLogin off, no refresh).
  const env = providerEnvironment(name);
  if (isReadOnlyState(env)) {
    throw new UsageError(
      "REALM_STATE_READ_ONLY=yes: reshard rewrites states. Unset it and use a connection string whose role may write the state.",
    );
  }
  const settings = environments[name];
  const realmStack = await prepared(new StackWorkspace(run.root, name, run.scratch, run.log, env));
  const from = recordedShards(await realmStack.outputs());
  const to = shardCount(settings);
  if (from === to) {
    run.log(`The '${name}' customers are laid out for ${to} shard(s) already, as settings say: nothing to move.`);
    return EXIT.ok;
  }

  const sources = customerStacks(name, from);
  const targets = customerStacks(name, to);
  const stacks = [...new Set([...sources, ...targets])];
  const workspaces = await StackWorkspace.forStates(run.root, name, stacks, run.scratch, run.log, env);
  try {
    const states = new Map<string, EngineState | undefined>();
    for (const workspace of workspaces) {
      const pulled = await workspace.pullState();
      states.set(workspace.stack, pulled === undefined ? undefined : (JSON.parse(pulled) as EngineState));
    }
    const version = await realmStack.engineVersion();
    const moves = planMoves({
      environment: name,
      sources,
      targets,
      states,
      targetOf: (id) => stackOfCustomer(name, settings, id),
      emptyState: () => ({ version: 4, terraform_version: version, serial: 0, lineage: randomUUID(), resources: [] }),
    });
    for (const write of moves.writes) {
      await push(
        workspaces.find((workspace) => workspace.stack === write.stack)!,
        write,
      );
    }
    const customers = new Set(moves.moved.map((move) => move.id)).size;
    const list = (names: Iterable<string>) => [...new Set(names)].sort().join(", ");
    run.log(
      customers === 0
        ? `No customer in ${sources.join(", ")} to move.`
        : `Moved ${customers} customer(s) from ${list(moves.moved.map((move) => move.from))} to ` +
            `${list(moves.moved.map((move) => move.to))}; nothing in the '${settings.realm.name}' realm changed.`,
    );
  } finally {
    await workspaces[0]?.dispose();
  }
  return recordLayout(run, realmStack, name, to);
}

/**
 * Writes a planned state over the stored one, which must still be the one it was planned from: a state
 * another run wrote meanwhile stops the move (what was written so far, a second run finishes). The
 * serial is one above the stored one's: a backend may count a write more than once (the local one does).
 */
async function push(workspace: StackWorkspace, write: StateWrite): Promise<void> {
  const pulled = await workspace.pullState();
  const stored = pulled === undefined ? undefined : (JSON.parse(pulled) as EngineState);
  const addresses = (state: EngineState | undefined) =>
    JSON.stringify((state?.resources ?? []).map((entry) => `${entry.module ?? ""}${entry.type}.${entry.name}`).sort());
  if (stored?.lineage !== write.base?.lineage || addresses(stored) !== addresses(write.base)) {
    throw new UsageError(
      `the '${write.stack}' state changed while customers were being moved (a deploy?): it was not written. ` +
        "Run reshard again once no other run writes the states: it finishes the move.",
    );
  }
  await workspace.pushState(JSON.stringify({ ...write.state, serial: (stored?.serial ?? 0) + 1 }));
}

/**
 * Records the new layout in the realm stack's outputs (the count, the API's role ids the shards plan
 * with), by applying its plan when that plan changes no resource; otherwise the next deploy does.
 */
async function recordLayout(
  run: Invocation,
  realmStack: StackWorkspace,
  name: string,
  shards: number,
): Promise<number> {
  // Without refresh: no Keycloak request, and the outputs need none.
  const result = await realmStack.plan({ refresh: false });
  if (!result.changed) return EXIT.ok;
  const changes = (result.plan.resource_changes ?? []).filter((change) => actionOf(change) !== "none");
  if (changes.length > 0) {
    await rm(result.file, { force: true });
    run.log(
      `The '${name}' stack has ${changes.length} other change(s) (e.g. ${changes[0]!.address}): not applied here. ` +
        `The next 'npm run deploy -- --env ${name}' records the layout for ${shards} shard(s) with them.`,
    );
    return EXIT.ok;
  }
  await realmStack.apply(result.file);
  run.log(`The '${name}' stack records the layout for ${shards} shard(s).`);
  return EXIT.ok;
}
