import { rm } from "node:fs/promises";
import { environments, type EnvironmentName } from "../../environments";
import type { Adoption } from "../adoption";
import { hasExtras, type Holdings } from "../client-holdings";
import { expiringSecrets, renderExpiringSecrets, type SecretStatus } from "../customer-secrets";
import { renderPlanReport, summarizeChanges } from "../plan-summary";
import type { StackWorkspace } from "../stack-workspace";
import type { ResourceChange } from "../terraform-plan";
import { environmentName, EXIT, providerEnvironment, type Invocation } from "./invocation";
import { refuseRetiredResources } from "../retired-resources";
import {
  customerScopedWorkspace,
  customersIn,
  customerTargets,
  forEachShard,
  joinedPlanText,
  lookUpAdoptions,
  lookUpHoldings,
  lookUpRoleNames,
  planTakingBack,
  prepared,
  refuseUnmovedCustomers,
  shardWorkspaces,
} from "./steps";

/** One stack's part of the plan report. */
interface StackPlan {
  readonly stack: string;
  readonly changed: boolean;
  readonly changes: readonly ResourceChange[];
  readonly text: string;
  /** Looked up in Keycloak: not for a plan without refresh. */
  readonly adoptions?: readonly Adoption[];
  readonly holdings?: readonly Holdings[];
  /** Its customers' secrets, read with their holdings. */
  readonly secrets?: readonly SecretStatus[];
  /** Its state holds nothing yet: the plan creates all of it. */
  readonly neverDeployed: boolean;
}

/**
 * `npm run plan`: the Markdown plan report on stdout; exit 0 without changes, 2 with. With customer
 * shards, of the realm's stack and every shard (or those of `--customer`), in one report.
 */
export async function plan(run: Invocation): Promise<number> {
  const { options } = run;
  const name = environmentName(options);
  const env = providerEnvironment(name);
  const { stack, only } = await customerScopedWorkspace(run, name, env);
  try {
    // A plan without refresh makes no Keycloak request: adoptions show as such, looked up at deploy.
    const found = options["no-refresh"]
      ? undefined
      : await lookUpAdoptions(run, name, env, only.length > 0 ? only : undefined);
    await prepared(stack, found);
    const notes = [options["no-refresh"] && "state not refreshed", only.length > 0 && `only ${only.join(", ")}`];
    const shown = notes.filter(Boolean);
    const title = `Keycloak plan for \`${name}\`${shown.length > 0 ? ` (${shown.join("; ")})` : ""}`;
    const shards = shardWorkspaces(stack);
    const realm = await planStack(run, name, env, stack, shards.length > 0 ? [] : only, found);
    // Shards read the API's role ids from the realm's state: there is none before its first deploy.
    const unplanned = realm.neverDeployed ? shards : [];
    const parts = [
      realm,
      ...(await forEachShard(realm.neverDeployed ? [] : shards, (shard) =>
        planStack(run, name, env, shard, customersIn(shard, only), found),
      )),
    ];
    const changes = parts.flatMap((part) => part.changes);
    const adoptions = found && uniqueById(parts.flatMap((part) => part.adoptions ?? []));
    const holdings = found && parts.flatMap((part) => part.holdings ?? []);
    const expiring = found && expiringSecrets(parts.flatMap((part) => part.secrets ?? []));
    const roleNames = found && (await lookUpRoleNames(name, env, changes));
    const adoptable = environments[name].customers?.adoptable;
    process.stdout.write(
      renderPlanReport({
        title,
        summary: summarizeChanges(changes, { adoptions, adoptable, holdings, roleNames }),
        rawPlan: joinedPlanText(parts),
        sections: [
          unplanned.length > 0
            ? `The ${unplanned.length} customer shard(s) are planned once the realm's stack has been deployed ` +
              "(their customers' role sets take the API's role ids from its state); the deploy does it in that order."
            : "",
          renderExpiringSecrets(expiring ?? []),
        ],
      }),
    );
    const extras = [...(adoptions ?? []), ...(holdings ?? [])].some(hasExtras);
    return parts.some((part) => part.changed) || unplanned.length > 0 || extras ? EXIT.changes : EXIT.ok;
  } finally {
    await stack.dispose();
  }
}

/** Plans one stack: all of it, or its customers of `only`; refreshed unless `found` is undefined. */
async function planStack(
  run: Invocation,
  name: EnvironmentName,
  env: NodeJS.ProcessEnv,
  stack: StackWorkspace,
  only: readonly string[],
  found: readonly Adoption[] | undefined,
): Promise<StackPlan> {
  const targets = only.length > 0 ? await customerTargets(run, stack, only) : undefined;
  if (targets?.length === 0) {
    return { stack: stack.stack, changed: false, changes: [], text: "", adoptions: found, neverDeployed: false };
  }
  const planOptions = { refresh: found !== undefined, lock: false, targets };
  const { result, adoptions } =
    found === undefined
      ? { result: await stack.plan(planOptions), adoptions: undefined }
      : await planTakingBack(run, stack, name, env, found, planOptions);
  await rm(result.file, { force: true });
  // Refreshing plans checked it before taking clients back.
  if (found === undefined) refuseUnmovedCustomers(stack, result);
  const changes = result.plan.resource_changes ?? [];
  refuseRetiredResources(
    name,
    changes.map((change) => change.address),
  );
  // Like adoptions, what clients hold beyond their files is read from Keycloak: not without refresh.
  const read = adoptions && (await lookUpHoldings(run, name, env, stack, result, { skip: adoptions, only }));
  const neverDeployed = result.changed && (result.plan.prior_state?.values?.root_module?.resources ?? []).length === 0;
  return {
    stack: stack.stack,
    changed: result.changed,
    changes,
    text: result.text,
    adoptions,
    holdings: read?.holdings,
    secrets: read?.secrets,
    neverDeployed,
  };
}

function uniqueById(adoptions: readonly Adoption[]): Adoption[] {
  return [...new Map(adoptions.map((adoption) => [adoption.id, adoption])).values()];
}
