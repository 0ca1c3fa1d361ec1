import { roleOfScopeName } from "../model/role-scopes";
import { describeAdoption, type Adoption } from "./adoption";
import { describeHoldings, hasExtras, type Holdings } from "./client-holdings";
import { actionOf, changedAttributes, type ResourceChange } from "./terraform-plan";

/**
 * cdktn names resources after their construct path: a customer's resources live under the
 * `customers/<id>` construct, so their Terraform names start with `customers_<id>_`.
 */
const CUSTOMER_RESOURCE = /^customers_([a-z0-9-]+)_/;
const CLIENT = "keycloak_openid_client";
const DEFAULT_SCOPES = "keycloak_openid_client_default_scopes";
const ROLE_GRANTS = "keycloak_user_roles";

/** Customer-file field for each client attribute a file controls. */
const CUSTOMER_FIELDS: Record<string, string> = {
  name: "displayName",
  description: "description",
  enabled: "enabled",
  client_secret_regenerate_when_changed: "secretVersion (secret rotated)",
};

export type CustomerChangeKind =
  | "added"
  /** A client made by hand, taken over: its id and secret stay, everything else becomes what the file says. */
  | "adopted"
  /** A client an interrupted deploy created and never recorded, taken back into state. */
  | "taken back"
  | "changed"
  | "suspended"
  | "resumed"
  | "replaced"
  | "removed"
  /** An adopted client whose file is gone: the provider leaves it in Keycloak. */
  | "released"
  /** Holds role grants, scope mappings, mappers or groups beyond its file (made by hand): the deploy removes them. */
  | "beyond-file";

export interface CustomerChange {
  readonly id: string;
  readonly kind: CustomerChangeKind;
  /** What changed, in customer-file terms: `roles +orders:write`, `description`. */
  readonly details: readonly string[];
}

export interface OtherChange {
  readonly address: string;
  readonly action: "create" | "update" | "delete" | "replace";
  readonly attributes: readonly string[];
}

export interface PlanSummary {
  readonly customers: readonly CustomerChange[];
  readonly other: readonly OtherChange[];
}

/** The customer id a resource belongs to, or undefined for realm-wide resources. */
export function customerIdOf(change: Pick<ResourceChange, "name">): string | undefined {
  return CUSTOMER_RESOURCE.exec(change.name)?.[1];
}

/**
 * The addresses among `addresses` (`type.name`) that belong to the given customers: what a plan
 * of just those customers targets. Works for removed customers too when given the state's addresses.
 */
export function addressesOfCustomers(ids: readonly string[], addresses: readonly string[]): string[] {
  const wanted = new Set(ids);
  return addresses.filter((address) => {
    const id = customerIdOf({ name: address.slice(address.indexOf(".") + 1) });
    return id !== undefined && wanted.has(id);
  });
}

/** What the plan's command knows about adoptions beyond the plan itself. */
export interface AdoptionContext {
  /** Clients looked up in Keycloak that customers take over, with what each loses. */
  readonly adoptions?: readonly Adoption[];
  /** Customer ids the operator allows to adopt (settings `customers.adoptable`), for plans that looked nothing up. */
  readonly adoptable?: readonly string[];
  /** What deployed customer clients hold beyond their files, read from Keycloak (refreshing plans, drift, deploy). */
  readonly holdings?: readonly Holdings[];
  /**
   * Names (`atlas-api/orders:write`) of the role ids that come and go in customers' role sets, read from
   * Keycloak (lookUpRoleNames in commands/steps.ts); without them a role granted by hand is counted, not named.
   */
  readonly roleNames?: ReadonlyMap<string, string>;
  /** The changes are drift (state → live Keycloak), not a plan (live → code). @default false */
  readonly drift?: boolean;
}

/** Groups resource changes by customer and says what each means for that customer. */
export function summarizeChanges(changes: readonly ResourceChange[], context: AdoptionContext = {}): PlanSummary {
  const byCustomer = new Map<string, ResourceChange[]>();
  const other: OtherChange[] = [];
  for (const change of changes) {
    const action = actionOf(change);
    const id = customerIdOf(change);
    // An import that changes nothing is still an adoption to show.
    if (action === "none" && !(id && change.change.importing)) continue;
    if (id) byCustomer.set(id, [...(byCustomer.get(id) ?? []), change]);
    else if (action !== "none") other.push({ address: change.address, action, attributes: changedAttributes(change) });
  }
  const customers = [...byCustomer].map(([id, resources]) => describeCustomer(id, resources, context));
  // Adopted in an earlier deploy whose removal of leftovers did not finish (or hand-made since):
  // the engine sees nothing to do, the deploy still removes them.
  for (const adoption of context.adoptions ?? []) {
    if (!byCustomer.has(adoption.id) && hasExtras(adoption)) {
      customers.push({
        id: adoption.id,
        kind: "adopted",
        details: ["in state already", ...describeAdoption(adoption)],
      });
    }
  }
  for (const holdings of (context.holdings ?? []).filter(hasExtras)) {
    const index = customers.findIndex((customer) => customer.id === holdings.id);
    const row = customers[index];
    if (row) customers[index] = { ...row, details: [...row.details, ...describeHoldings(holdings)] };
    else customers.push({ id: holdings.id, kind: "beyond-file", details: describeHoldings(holdings) });
  }
  return { customers: customers.sort((a, b) => a.id.localeCompare(b.id)), other };
}

function describeCustomer(id: string, changes: readonly ResourceChange[], context: AdoptionContext): CustomerChange {
  const client = changes.find((change) => change.type === CLIENT);
  const roles = roleDetails(changes, context);
  const clientAction = client ? actionOf(client) : undefined;
  if (client?.change.importing) {
    const adoption = context.adoptions?.find((a) => a.id === id);
    const settings = changedAttributes(client).map((attribute) => CUSTOMER_FIELDS[attribute] ?? attribute);
    const changed = settings.length > 0 ? [`settings ${settings.join(", ")}`] : [];
    const details = [...roles, ...changed, ...(adoption ? describeAdoption(adoption) : [])];
    return { id, kind: adoption?.unrecorded ? "taken back" : "adopted", details };
  }
  if (clientAction === "create" && context.adoptable?.includes(id) && context.adoptions === undefined) {
    const note = "on the adoption list: a client of this id in Keycloak is adopted instead (looked up when deploying)";
    return { id, kind: "added", details: [...roles, note] };
  }
  if (clientAction === "create") return { id, kind: "added", details: roles };
  if (clientAction === "delete")
    return { id, kind: isReleasedAdoptedClient(client!) ? "released" : "removed", details: [] };
  if (clientAction === "replace")
    return { id, kind: "replaced", details: ["client re-created: new internal id and secret", ...roles] };

  const attributes = client ? changedAttributes(client) : [];
  const fields = attributes.map((attribute) => CUSTOMER_FIELDS[attribute] ?? attribute);
  const details = [...roles, ...fields.filter((field) => field !== "enabled")];
  if (fields.includes("enabled")) {
    const suspended = client?.change.after?.enabled === false;
    return { id, kind: suspended ? "suspended" : "resumed", details };
  }
  return { id, kind: "changed", details: details.length > 0 ? details : ["scopes or role mappings"] };
}

/** A deleted client that was adopted (`import`): deleting it leaves it in Keycloak, enabled. */
export function isReleasedAdoptedClient(change: ResourceChange): boolean {
  return change.type === CLIENT && actionOf(change) === "delete" && change.change.before?.import === true;
}

/**
 * `roles +orders:write -orders:read` from the role scopes that come and go from the client's default
 * scopes (they name the roles; the service account's role set holds ids), and the grants made by hand
 * that its role set takes away (a plan) or that appeared (drift).
 */
function roleDetails(changes: readonly ResourceChange[], context: AdoptionContext): string[] {
  const roles = (change: ResourceChange | undefined, side: "before" | "after") =>
    new Set(
      ((change?.change[side]?.default_scopes as string[] | undefined) ?? [])
        .map(roleOfScopeName)
        .filter((role): role is string => role !== undefined),
    );
  const scopes = changes.find((change) => change.type === DEFAULT_SCOPES);
  const [before, after] = [roles(scopes, "before"), roles(scopes, "after")];
  const granted = [...after].filter((role) => !before.has(role));
  const revoked = [...before].filter((role) => !after.has(role));
  const details =
    granted.length + revoked.length > 0
      ? [`roles ${[...granted.map((role) => `+${role}`), ...revoked.map((role) => `-${role}`)].join(" ")}`]
      : [];
  const byHand = grantsByHand(changes, context, new Set(revoked));
  if ((typeof byHand === "number" ? byHand : byHand.length) > 0) {
    const what = typeof byHand === "number" ? `${byHand} role grant(s)` : byHand.join(", ");
    details.push(
      context.drift ? `service account holds ${what}, not in its file` : `takes away ${what}, not in its file`,
    );
  }
  return details;
}

/**
 * The grants a customer's role set loses in a plan (gains in drift) other than the roles its file
 * drops (`revoked`): their names when `context.roleNames` has them, else how many.
 */
function grantsByHand(
  changes: readonly ResourceChange[],
  context: AdoptionContext,
  revoked: ReadonlySet<string>,
): string[] | number {
  const set = changes.find((change) => change.type === ROLE_GRANTS && actionOf(change) === "update");
  if (!set) return [];
  const ids = (side: "before" | "after") => (set.change[side]?.role_ids as string[] | undefined) ?? [];
  const [from, to] = context.drift ? [ids("after"), ids("before")] : [ids("before"), ids("after")];
  const extra = from.filter((id) => !to.includes(id));
  if (!context.roleNames) return Math.max(0, extra.length - revoked.size);
  const names = extra.map((id) => context.roleNames!.get(id) ?? `role ${id}`);
  // `atlas-api/orders:read` leaving because the file dropped orders:read is named by the scope change.
  return names.filter((name) => !revoked.has(name.slice(name.indexOf("/") + 1)));
}

const KIND_LABEL: Record<CustomerChangeKind, string> = {
  added: "added",
  adopted: "**adopted**: client made by hand taken over, id and secret kept",
  "taken back": "**taken back**: created by an interrupted deploy that did not record it",
  changed: "changed",
  suspended: "suspended (token requests refused)",
  resumed: "resumed",
  replaced: "**replaced**: new credentials",
  removed: "**removed**: client and credentials deleted",
  released: "**released**: adopted client left in Keycloak, still enabled",
  "beyond-file": "**holds more than its file**: deploy removes it",
};

export interface PlanReport {
  /** Heading, e.g. ``Plan for `production` ``. */
  readonly title: string;
  readonly summary: PlanSummary;
  /** The engine's own rendering of the plan, folded below the summary. */
  readonly rawPlan: string;
  /** Markdown shown below the summary whether or not anything changes (e.g. secrets near their maximum age). */
  readonly sections?: readonly string[];
}

/** Markdown a reviewer reads in ten seconds, with the raw plan folded below. */
export function renderPlanReport({ title, summary, rawPlan, sections = [] }: PlanReport): string {
  const count = (kind: CustomerChangeKind) => summary.customers.filter((c) => c.kind === kind).length;
  const counts = (
    [
      "added",
      "adopted",
      "taken back",
      "changed",
      "suspended",
      "resumed",
      "replaced",
      "removed",
      "released",
      "beyond-file",
    ] as const
  )
    .filter((kind) => count(kind) > 0)
    .map((kind) => `${count(kind)} ${kind === "beyond-file" ? "holding more than their file" : kind}`);
  const lines = [`### ${title}`, ""];
  const shown = sections.filter((section) => section.trim() !== "").map((section) => section.trimEnd());
  if (summary.customers.length === 0 && summary.other.length === 0) {
    lines.push("No changes.", ...shown.flatMap((section) => ["", section]));
    return lines.join("\n") + "\n";
  }
  lines.push(
    `**Customers:** ${counts.length > 0 ? counts.join(", ") : "no changes"}. ` +
      `**Other realm changes:** ${summary.other.length || "none"}.`,
    "",
  );
  if (summary.customers.length > 0) {
    lines.push("| customer | change | details |", "| --- | --- | --- |");
    for (const customer of summary.customers) {
      lines.push(`| \`${customer.id}\` | ${KIND_LABEL[customer.kind]} | ${customer.details.join("; ")} |`);
    }
    lines.push("");
  }
  if (summary.other.length > 0) {
    lines.push("| resource | action | attributes |", "| --- | --- | --- |");
    for (const change of summary.other) {
      const action = change.action === "delete" || change.action === "replace" ? `**${change.action}**` : change.action;
      lines.push(`| \`${change.address}\` | ${action} | ${change.attributes.join(", ")} |`);
    }
    lines.push("");
  }
  for (const section of shown) lines.push(section, "");
  // A fence longer than any backtick run in the plan, so no value in it can end the code block.
  const fence = "`".repeat(Math.max(3, ...(rawPlan.match(/`+/g) ?? []).map((run) => run.length + 1)));
  lines.push("<details><summary>Full plan</summary>", "", `${fence}text`, rawPlan.trim(), fence, "", "</details>");
  return lines.join("\n") + "\n";
}
