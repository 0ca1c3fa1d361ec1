import { rm } from "node:fs/promises";
import { environments } from "../../environments";
import { hasExtras } from "../client-holdings";
import { expiringSecrets, renderExpiringSecrets } from "../customer-secrets";
import { renderPlanReport, summarizeChanges } from "../plan-summary";
import { environmentName, EXIT, providerEnvironment, type Invocation } from "./invocation";
import { refusePerRoleState } from "./upgrade-state";
import {
  customerScopedWorkspace,
  customerTargets,
  lookUpAdoptions,
  lookUpHoldings,
  lookUpRoleNames,
  lookUpSecrets,
  planTakingBack,
  prepared,
} from "./steps";

/** `npm run plan`: the Markdown plan report on stdout; exit 0 without changes, 2 with. */
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
    const adoptable = environments[name].customers?.adoptable;
    const targets = only.length > 0 ? await customerTargets(run, stack, only) : undefined;
    if (targets?.length === 0) {
      const summary = summarizeChanges([], { adoptions: found, adoptable });
      process.stdout.write(renderPlanReport({ title, summary, rawPlan: "" }));
      return EXIT.ok;
    }
    const planOptions = { refresh: !options["no-refresh"], lock: false, targets };
    const { result, adoptions } =
      found === undefined
        ? { result: await stack.plan(planOptions), adoptions: undefined }
        : await planTakingBack(run, stack, name, env, found, planOptions);
    await rm(result.file, { force: true });
    refusePerRoleState(
      name,
      (result.plan.resource_changes ?? []).map((change) => change.address),
    );
    const context = { adoptions, adoptable };
    // Like adoptions, what clients hold beyond their files is read from Keycloak: not without refresh.
    const holdings = adoptions && (await lookUpHoldings(run, name, env, stack, result, { skip: adoptions, only }));
    const expiring = adoptions && expiringSecrets(await lookUpSecrets(run, name, env, only));
    const changes = result.plan.resource_changes ?? [];
    const roleNames = adoptions && (await lookUpRoleNames(name, env, changes));
    process.stdout.write(
      renderPlanReport({
        title,
        summary: summarizeChanges(changes, { ...context, holdings, roleNames }),
        rawPlan: result.text,
        sections: [renderExpiringSecrets(expiring ?? [])],
      }),
    );
    const extras = [...(adoptions ?? []), ...(holdings ?? [])].some(hasExtras);
    return result.changed || extras ? EXIT.changes : EXIT.ok;
  } finally {
    await stack.dispose();
  }
}
