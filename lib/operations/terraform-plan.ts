import type { StateResource } from "./stack-workspace";

/** The parts of `tofu show -json <plan>` this project reads (OpenTofu's JSON output format). */
export interface TerraformPlan {
  /** The state the plan started from, refreshed unless the plan was made without refresh. */
  readonly prior_state?: {
    readonly values?: {
      readonly root_module?: { readonly resources?: readonly StateResource[] };
    };
  };
  readonly resource_changes?: readonly ResourceChange[];
  /** The root module's outputs, before (as the state holds them) and after the plan. */
  readonly output_changes?: Readonly<Record<string, { readonly before?: unknown; readonly after?: unknown }>>;
  /** Differences between state and the live system found by refresh (`-refresh-only` plans). */
  readonly resource_drift?: readonly ResourceChange[];
}

export type Action = "no-op" | "create" | "read" | "update" | "delete" | "forget";

export interface ResourceChange {
  /** e.g. `keycloak_openid_client.customers_acme_client_9160C986`. */
  readonly address: string;
  readonly type: string;
  readonly name: string;
  /** Why the engine chose the action, e.g. `replace_because_tainted`. */
  readonly action_reason?: string;
  readonly change: {
    /** `["delete", "create"]` or `["create", "delete"]` is a replacement. */
    readonly actions: readonly Action[];
    readonly before: Record<string, unknown> | null;
    readonly after: Record<string, unknown> | null;
    /** Attributes only known after apply: `true`, or a nested structure of `true`s. */
    readonly after_unknown?: Record<string, unknown>;
    /** Set when an import block brings an existing object under management (an adoption). */
    readonly importing?: { readonly id: string };
  };
}

/** What a change does, in one word. */
export function actionOf(change: ResourceChange): "create" | "update" | "delete" | "replace" | "none" {
  const actions = change.change.actions;
  // OpenTofu's forget-then-create drops the object from state and makes a new one: a replacement too.
  if (actions.includes("create") && (actions.includes("delete") || actions.includes("forget"))) return "replace";
  if (actions.includes("create")) return "create";
  if (actions.includes("delete") || actions.includes("forget")) return "delete";
  if (actions.includes("update")) return "update";
  return "none";
}

/**
 * Top-level attributes whose value changes (unknown-after-apply ones included). An absent value and
 * an empty list or map are the same to Keycloak: the official provider records empty collections as
 * null when it creates an object and as empty when it reads it back.
 */
export function changedAttributes(change: ResourceChange): string[] {
  const { before, after, after_unknown: unknown = {} } = change.change;
  if (!before || !after) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => unknown[key] === true || !sameValue(before[key], after[key])).sort();
}

function sameValue(a: unknown, b: unknown): boolean {
  const normal = (value: unknown) => (isEmptyCollection(value) ? null : value);
  return JSON.stringify(normal(a)) === JSON.stringify(normal(b));
}

function isEmptyCollection(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === "object" && Object.keys(value).length === 0;
}

/**
 * What refresh found changed in Keycloak, without objects whose only difference is an empty list or
 * map read back where the state holds none (see changedAttributes): that is not drift.
 */
export function realDrift(drift: readonly ResourceChange[]): ResourceChange[] {
  return drift.filter((change) => actionOf(change) !== "update" || changedAttributes(change).length > 0);
}
