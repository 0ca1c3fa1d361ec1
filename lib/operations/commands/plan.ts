import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { resolve } from "node:path";
import { environments } from "../../environments";
import { SLUG } from "../../model/settings";
import { hasExtras } from "../client-holdings";
import { expiringSecrets, renderExpiringSecrets } from "../customer-secrets";
import { addressesOfCustomers, renderPlanReport, summarizeChanges } from "../plan-summary";
import { StackWorkspace } from "../stack-workspace";
import { environmentName, EXIT, providerEnvironment, UsageError, type Invocation } from "./invocation";
import { refusePerRoleState } from "./upgrade-state";
import { lookUpAdoptions, lookUpHoldings, lookUpSecrets, planTakingBack, prepared } from "./steps";

/** `npm run plan`: the Markdown plan report on stdout; exit 0 without changes, 2 with. */
export async function plan(run: Invocation): Promise<number> {
  const { options } = run;
  const name = environmentName(options);
  const only = options.customer;
  const invalid = only.find((id) => !SLUG.test(id));
  if (invalid) throw new UsageError(`--customer '${invalid}' is not a customer id (the name of customers/<id>.yaml)`);
  const env = providerEnvironment(name);
  const stack =
    only.length > 0
      ? await StackWorkspace.forCustomers(run.root, name, run.scratch, only, run.log, env)
      : new StackWorkspace(run.root, name, run.scratch, run.log, env);
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
    process.stdout.write(
      renderPlanReport({
        title,
        summary: summarizeChanges(result.plan.resource_changes ?? [], { ...context, holdings }),
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

/**
 * The resources of the given customers, in the code or in state (a removed customer): planning just
 * them keeps a pull request's plan as fast at 1,000 customers as at 10. An id with no file and
 * nothing in this environment's state has nothing to plan: a file removed before it reached this
 * environment, or a typo, which the warning shows.
 */
async function customerTargets(run: Invocation, stack: StackWorkspace, ids: readonly string[]): Promise<string[]> {
  const addresses = [...new Set([...(await stack.configuredAddresses()), ...(await stack.stateAddresses())])];
  for (const id of ids) {
    if (
      addressesOfCustomers([id], addresses).length === 0 &&
      !existsSync(resolve(run.root, "customers", `${id}.yaml`))
    ) {
      run.log(`WARNING: --customer '${id}': no customers/${id}.yaml and nothing of it in the '${stack.stack}' state`);
    }
  }
  return addressesOfCustomers(ids, addresses);
}
